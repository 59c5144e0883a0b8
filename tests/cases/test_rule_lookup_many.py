"""`rules(...)` reads several rules in one query and agrees with `rule(...)` one at a time, on
either side of a change in law; a rule with no row in force is refused, never guessed."""

from datetime import date

import pytest

from watchkeeper.cases.rules.lookup import rule, rules
from watchkeeper.core.errors import Invalid

pytestmark = pytest.mark.django_db
NAMES = ("cpn-fine-cap", "pspo-fine-cap", "trigger-complaints", "respect-order-available")


@pytest.mark.parametrize("on", [date(2026, 6, 30), date(2026, 7, 1), date(2030, 1, 1)])
def test_many_at_once_agree_with_one_at_a_time(on, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = rules(*NAMES, on=on)
    assert found == {name: rule(name, on) for name in NAMES}


def test_a_rule_not_yet_in_force_is_refused():
    assert rules("cpn-fine-cap", on=date(2026, 6, 30))["cpn-fine-cap"] == 100
    with pytest.raises(Invalid, match="respect-order-min-age"):
        rules("cpn-fine-cap", "respect-order-min-age", on=date(2020, 1, 1))
