"""Pure rules against hand-worked references: statutory clocks, DASH scoring, the legal-step state
machine, Community Trigger eligibility, Channel stages."""

from datetime import UTC, date, datetime, timedelta

import pytest

from watchkeeper.cases.asb import rules as asb
from watchkeeper.cases.channel import rules as channel
from watchkeeper.cases.core import rules as core
from watchkeeper.cases.marac import rules as marac
from watchkeeper.cases.rules.defaults import DEFAULTS
from watchkeeper.cases.trigger import rules as trigger

LIMITS_2025 = {name: value for name, value, _u, start, _s in DEFAULTS if start <= "2025-12-31"}
LIMITS_2025["respect-order-min-age"] = 16


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_closure_hearing_skips_christmas_day():
    # Served 24 Dec 12:00 (GMT = UTC): 12 h on the 24th, the 25th not counted, 24 h on the 26th,
    # 12 h on the 27th -> due 27 Dec 12:00.
    due = asb.counted_hours_deadline(at("2026-12-24T12:00"), 48, ["12-25"])
    assert due == at("2026-12-27T12:00")
    # Away from Christmas it is plainly 48 hours.
    assert asb.counted_hours_deadline(at("2026-11-02T09:30"), 48, ["12-25"]) == at("2026-11-04T09:30")
    # Served on Christmas Day itself: the clock starts at midnight on the 26th.
    assert asb.counted_hours_deadline(at("2026-12-25T15:00"), 48, ["12-25"]) == at("2026-12-28T00:00")


def test_closure_hearing_across_the_clock_change_counts_real_hours():
    # BST ends 25 Oct 2026 at 02:00 local: 48 real hours from 24 Oct 10:00 UTC is 26 Oct 10:00 UTC.
    assert asb.counted_hours_deadline(at("2026-10-24T10:00"), 48, ["12-25"]) == at("2026-10-26T10:00")


def test_closure_order_needs_a_notice_and_a_timely_hearing():
    notice = at("2026-03-02T10:00")
    missing = asb.plan_step("closure_order", {}, at("2026-03-03T10:00"), LIMITS_2025)
    assert missing.missing == {"closure_notice"}
    ok = asb.plan_step("closure_order", {"closure_notice": [notice]}, at("2026-03-03T10:00"), LIMITS_2025)
    assert not ok.problems and not ok.missing
    # 10:00 GMT on 3 March, three months on: 10:00 BST on 3 June, which is 09:00 UTC.
    assert ok.ends_at == at("2026-06-03T09:00")
    late = asb.plan_step("closure_order", {"closure_notice": [notice]}, at("2026-03-05T10:00"), LIMITS_2025)
    assert any("lapsed" in p for p in late.problems)
    too_long = asb.plan_step(
        "closure_order", {"closure_notice": [notice]}, at("2026-03-03T10:00"), LIMITS_2025, months=4
    )
    assert too_long.problems


def test_closure_notice_24_or_48_hours():
    plain = asb.plan_step("closure_notice", {"cpw": [at("2026-01-01T00:00")]}, at("2026-03-02T10:00"), LIMITS_2025)
    senior = asb.plan_step(
        "closure_notice", {"cpw": [at("2026-01-01T00:00")]}, at("2026-03-02T10:00"), LIMITS_2025, senior_signoff=True
    )
    assert plain.ends_at - at("2026-03-02T10:00") == timedelta(hours=24)
    assert senior.ends_at - at("2026-03-02T10:00") == timedelta(hours=48)


def test_closure_extension_caps_the_total_at_six_months():
    order = {"closure_order": [at("2026-01-10T12:00")]}
    ok = asb.plan_step(
        "closure_extension", order, at("2026-04-01T12:00"), {**LIMITS_2025, "closure-months-so-far": 3}, months=3
    )
    assert not ok.problems and ok.ends_at == at("2026-07-10T11:00")
    over = asb.plan_step(
        "closure_extension", order, at("2026-04-01T12:00"), {**LIMITS_2025, "closure-months-so-far": 3}, months=4
    )
    assert over.problems


def test_community_protection_chain():
    assert asb.plan_step("cpn", {}, at("2026-03-02T10:00"), LIMITS_2025).missing == {"cpw"}
    fpn = asb.plan_step("fpn", {"cpn": [at("2026-02-01T10:00")]}, at("2026-03-02T10:00"), LIMITS_2025, fine=100)
    assert not fpn.problems and fpn.due_at == at("2026-03-16T10:00")
    assert asb.plan_step(
        "fpn", {"cpn": [at("2026-02-01T10:00")]}, at("2026-03-02T10:00"), LIMITS_2025, fine=150
    ).problems
    young = asb.plan_step(
        "cpn", {"cpw": [at("2026-01-01T10:00")]}, at("2026-03-02T10:00"), LIMITS_2025, subject_born=date(2011, 1, 1)
    )
    assert young.problems


def test_respect_orders_do_not_exist_before_the_2026_act():
    step = asb.plan_step("respect_order", {"mediation": [at("2026-01-01T10:00")]}, at("2026-03-02T10:00"), LIMITS_2025)
    assert any("not in force" in p for p in step.problems)


def test_dispersal_and_pspo_limits():
    assert asb.plan_step(
        "dispersal", {}, at("2026-03-02T10:00"), LIMITS_2025, hours=49, authorised_by="Insp X"
    ).problems
    ok = asb.plan_step("dispersal", {}, at("2026-03-02T10:00"), LIMITS_2025, hours=48, authorised_by="Insp X")
    assert not ok.problems and ok.ends_at == at("2026-03-04T10:00")
    assert asb.pspo_problem(date(2026, 1, 1), date(2029, 1, 1), 3) is None
    assert asb.pspo_problem(date(2026, 1, 1), date(2029, 1, 2), 3)


def test_working_days_skip_weekends():
    assert asb.working_days_after(date(2026, 12, 4), 1) == date(2026, 12, 7)  # Friday -> Monday
    assert asb.working_days_after(date(2026, 12, 7), 10) == date(2026, 12, 21)


@pytest.mark.parametrize(
    ("ticks", "level"), [(14, "high"), (24, "high"), (13, "medium"), (10, "medium"), (9, "standard"), (0, "standard")]
)
def test_dash_bands(ticks, level):
    answers = [True] * ticks + [False] * (24 - ticks)
    assert marac.score_dash(answers, 24, 14, 10) == (ticks, level)


def test_dash_refuses_wrong_counts_and_non_booleans():
    with pytest.raises(ValueError, match="exactly 24"):
        marac.score_dash([True] * 25, 24, 14, 10)
    with pytest.raises(ValueError, match="exactly 24"):
        marac.score_dash([True] * 23, 24, 14, 10)
    with pytest.raises(ValueError, match="yes"):
        marac.score_dash([1] * 24, 24, 14, 10)


def test_professional_judgement_raises_never_lowers():
    assert marac.referral_level("professional_judgement", "medium", "high", "threats to kill", 0, 3) == "high"
    with pytest.raises(ValueError, match="never lower"):
        marac.referral_level("professional_judgement", "high", "medium", "seems calmer", 0, 3)
    with pytest.raises(ValueError):
        marac.referral_level("escalation", None, None, "", 2, 3)
    assert marac.referral_level("escalation", None, None, "", 3, 3) == "high"


def test_marac_repeat_within_twelve_months():
    assert marac.is_repeat(date(2026, 6, 1), [date(2025, 6, 2)], 12)
    assert not marac.is_repeat(date(2026, 6, 3), [date(2025, 6, 2)], 12)
    assert not marac.is_repeat(date(2026, 6, 1), [], 12)


def test_trigger_counts_one_incident_once_and_needs_timely_reports():
    R = trigger.Report
    applied = date(2026, 6, 30)
    reports = [
        R(date(2026, 2, 1), date(2026, 2, 3), "i1"),
        R(date(2026, 2, 1), date(2026, 2, 5), "i1"),  # the same incident told to the council too
        R(date(2026, 3, 1), date(2026, 3, 2), "c2"),
    ]
    assert not trigger.threshold_met(reports, applied, 3, 6, 31)
    late = R(date(2026, 4, 1), date(2026, 5, 15), "c3")  # reported 44 days after the behaviour
    assert not trigger.threshold_met(reports + [late], applied, 3, 6, 31)
    timely = R(date(2026, 5, 1), date(2026, 5, 10), "c4")
    assert trigger.threshold_met(reports + [timely], applied, 3, 6, 31)
    old = R(date(2025, 12, 1), date(2025, 12, 2), "c5")  # before the six-month window
    assert len(trigger.qualifying(reports + [old], applied, 6, 31)) == 2


def test_trigger_steps():
    assert trigger.move_problem("application", "review") is not None
    assert trigger.move_problem("decided", "review", False) is not None
    assert trigger.move_problem("decided", "review", True) is None


def test_channel_support_needs_consent_and_exit_reviews():
    assert channel.move_problem("consent", "support", "unknown", "") is not None
    assert channel.move_problem("consent", "support", "given", "") is None
    assert channel.move_problem("referral", "panel", "given", "x") is not None
    assert channel.exit_reviews_due(date(2026, 1, 31), [6, 12]) == [date(2026, 7, 31), date(2027, 1, 31)]


def test_consent_for_a_child_is_a_parents():
    today = date(2026, 12, 3)
    assert core.consent_problem("given", "J Smith", today, True, today)
    assert core.consent_problem("given", "parent: J Smith", today, True, today) is None
    assert core.consent_problem("given", "", today, False, today)


def test_channel_cases_are_restricted_to_panel_members():
    assert core.restriction_problem("channel", "partnership", [1], [True])
    assert core.restriction_problem("channel", "people", [1, 2], [True, False])
    assert core.restriction_problem("channel", "people", [1], [True]) is None


def test_vulnerability_matrix():
    matrix = {"high": 5, "medium": 3, "questions": {"a": 3, "b": 2, "c": 1}}
    assert asb.vulnerability({"a": True, "b": True, "c": False}, matrix) == (5, "high")
    assert asb.vulnerability({"a": True, "b": False, "c": False}, matrix) == (3, "medium")
    with pytest.raises(ValueError):
        asb.vulnerability({"a": True}, matrix)
