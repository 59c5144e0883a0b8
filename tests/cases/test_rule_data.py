"""Rule data with effective dates: the value in force on each side of a commencement date, an
administrator's new row taking over from its date, and a missing rule refused."""

from datetime import date

import pytest

from watchkeeper.cases.marac.wording import RECORDS
from watchkeeper.cases.rules.defaults import ACT_2026, DEFAULTS
from watchkeeper.cases.rules.lookup import rule
from watchkeeper.cases.rules.models import Rule
from watchkeeper.core.errors import Invalid

pytestmark = [pytest.mark.django_db, pytest.mark.factories]
COMMENCEMENT = date.fromisoformat(ACT_2026)


def test_every_default_is_seeded_by_the_migration():
    # The defaults, and the assessment forms' records with their wording (migration 0006).
    assert Rule.objects.count() == len(DEFAULTS) + len(RECORDS)


def test_fine_cap_moves_from_100_to_500_on_commencement():
    day_before = date.fromordinal(COMMENCEMENT.toordinal() - 1)
    assert rule("cpn-fine-cap", day_before) == 100
    assert rule("cpn-fine-cap", COMMENCEMENT) == 500
    assert rule("pspo-fine-cap", day_before) == 100
    assert rule("pspo-fine-cap", date(2030, 1, 1)) == 500
    assert rule("respect-order-available", day_before) is False
    assert rule("respect-order-available", COMMENCEMENT) is True


def test_statutory_defaults():
    on = date(2025, 6, 1)
    assert rule("closure-notice-hours", on) == 24
    assert rule("closure-notice-senior-hours", on) == 48
    assert rule("closure-hearing-excluded-days", on) == ["12-25"]
    assert (rule("closure-order-max-months", on), rule("closure-order-total-max-months", on)) == (3, 6)
    assert rule("dispersal-max-hours", on) == 48
    assert rule("pspo-max-years", on) == 3
    assert (rule("trigger-complaints", on), rule("trigger-window-months", on)) == (3, 6)
    assert (rule("dash-high", on), rule("dash-medium", on), rule("marac-repeat-months", on)) == (14, 10, 12)


def test_an_administrators_new_row_applies_from_its_date_only():
    Rule.objects.create(name="trigger-complaints", value=2, effective_from=date(2027, 4, 1), source="Council decision")
    assert rule("trigger-complaints", date(2027, 3, 31)) == 3
    assert rule("trigger-complaints", date(2027, 4, 1)) == 2


def test_no_rule_in_force_is_refused():
    with pytest.raises(Invalid):
        rule("cpn-fine-cap", date(2010, 1, 1))
    with pytest.raises(Invalid):
        rule("no-such-rule")
