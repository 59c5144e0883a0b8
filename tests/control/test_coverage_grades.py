"""Coverage's default travel-time target is the active grade set's Immediate target (issue 10 item 3):
before, it took any grade coded "I" or labelled "Immediate" in any set, so editing Grade 1's target
or switching to the Grade 1-5 set changed nothing."""

import pytest

from watchkeeper.control.models import Grade, GradeSet

pytestmark = pytest.mark.django_db


def minutes(as_user) -> float:
    answer = as_user("dispatcher").get("/api/coverage")
    assert answer.status_code == 200, answer.content
    return answer.json()["minutes"]


def switch_to(code: str) -> None:
    # One active set at a time (a unique constraint): the old one goes first.
    GradeSet.objects.filter(active=True).update(active=False)
    chosen = GradeSet.objects.get(code=code)
    chosen.active = True
    chosen.save()  # a save bumps the reference-data token


def target(set_code: str, grade_code: str, value: int) -> None:
    grade = Grade.objects.get(grade_set__code=set_code, code=grade_code)
    grade.target_minutes = value
    grade.save()


def test_editing_the_active_immediate_target_changes_coverage(as_user):
    assert minutes(as_user) == 15  # Met I, seeded
    target("met", "I", 12)
    assert minutes(as_user) == 12


def test_grade_1_of_the_grade_1_5_set_counts_once_that_set_is_active(as_user):
    target("grade-1-5", "1", 10)
    assert minutes(as_user) == 15, "Grade 1-5 is not active yet"
    switch_to("grade-1-5")
    assert minutes(as_user) == 10
    target("met", "I", 12)  # the inactive Met set no longer decides
    assert minutes(as_user) == 10
    target("grade-1-5", "1", 8)
    assert minutes(as_user) == 8


def test_the_immediate_flag_not_the_code_decides(as_user):
    switch_to("grade-1-5")
    Grade.objects.filter(grade_set__code="grade-1-5", code="1").update(immediate=False)
    second = Grade.objects.get(grade_set__code="grade-1-5", code="2")
    second.immediate = True
    second.save()
    assert minutes(as_user) == 60
