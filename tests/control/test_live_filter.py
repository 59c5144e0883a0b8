"""Which board messages a connected screen may receive (the consumer's rule, without a server)."""

import pytest

from watchkeeper.control.consumers import group_name, may_receive

pytestmark = pytest.mark.kernel

DISPATCHER = {"types": {"incident", "unit"}, "district": None}
STEVENAGE = {"types": {"incident", "unit"}, "district": 7}
ANALYST_NO_UNITS = {"types": {"incident"}, "district": None}


def test_partnership_wide_screen_hears_everything_of_its_types():
    assert may_receive(DISPATCHER, {"type": "incident", "id": 1})
    assert may_receive(DISPATCHER, {"type": "unit", "id": 1})
    assert not may_receive(ANALYST_NO_UNITS, {"type": "unit", "id": 1})
    assert not may_receive(DISPATCHER, {"type": "something-else"})


def test_district_bound_screen_hears_only_its_district():
    assert may_receive(STEVENAGE, {"type": "incident", "district_id": 7})
    assert not may_receive(STEVENAGE, {"type": "incident", "district_id": 8})
    # Regression: district-free items went to every district partner; now the one district rule
    # (WATCHKEEPER_UNDISTRICTED_VISIBLE, default false) decides, as it does for lists.
    assert not may_receive(STEVENAGE, {"type": "incident", "district": None})
    assert may_receive({**STEVENAGE, "undistricted": True}, {"type": "incident", "district": None})
    # A message that does not say where it belongs is withheld from a district-bound screen.
    assert not may_receive(STEVENAGE, {"type": "incident", "id": 3})


def test_group_names_match_what_services_publish_to():
    assert group_name(12) == "board.12"
