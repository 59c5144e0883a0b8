"""Pure decisions: months, LSOA districts, RAG with an exact Poisson interval, Wilson intervals."""

from datetime import date

import pytest
from scipy import stats

from watchkeeper.intel.crime import rules
from watchkeeper.intel.surveys import rules as survey_rules
from watchkeeper.intel.targets import rules as target_rules

pytestmark = pytest.mark.kernel


def test_lsoa_district_names_map_to_demo_districts():
    assert rules.lsoa_district("Stevenage 004A") == "stevenage"
    assert rules.lsoa_district("East Hertfordshire 012C") == rules.district_key("East Herts")
    assert rules.lsoa_district("North Hertfordshire 001A") == "north herts"
    assert rules.lsoa_district("Hertsmere 010B") == "hertsmere"
    assert rules.lsoa_district("") == "" and rules.lsoa_district("No location") == ""


def test_months():
    assert rules.parse_month("2021-03") == date(2021, 3, 1)
    assert rules.parse_month("2021-13") is None and rules.parse_month("March") is None
    assert rules.add_months(date(2020, 11, 1), 3) == date(2021, 2, 1)
    assert rules.months_between(date(2020, 11, 1), date(2021, 2, 1)) == 4


def test_small_change_is_within_normal_variation():
    # 95 a month against 100 a month over a year each: a 5% fall is well within Poisson noise.
    status = target_rules.target_status(95 * 12, 12, 100 * 12, 12, reduction_percent=10)
    assert status.rag == "grey" and status.label == target_rules.WITHIN
    assert status.ratio_low < 1 < status.ratio_high


def test_large_real_fall_meets_target_and_real_rise_is_red():
    assert target_rules.target_status(700, 12, 1200, 12, 10).rag == "green"
    assert target_rules.target_status(1000, 12, 1200, 12, 50).rag == "amber"  # real fall, short of -50%
    assert target_rules.target_status(1500, 12, 1200, 12, 10).rag == "red"


def test_rate_ratio_interval_matches_the_binomial_definition():
    ratio, low, high = target_rules.rate_ratio_interval(30, 6, 80, 12)
    assert ratio == pytest.approx((30 / 6) / (80 / 12))
    # At the lower bound the upper-tail binomial probability of >= 30 of 110 is alpha/2.
    p_low = low * 6 / (low * 6 + 12)
    assert stats.binom.sf(29, 110, p_low) == pytest.approx(0.025, rel=1e-6)


def test_wilson_interval_hand_checked():
    share, low, high = survey_rules.wilson(8, 10)
    assert share == 0.8
    assert low == pytest.approx(0.4902, abs=1e-4) and high == pytest.approx(0.9433, abs=1e-4)
    assert survey_rules.wilson(0, 0) is None


def test_survey_answers():
    assert survey_rules.survey_answer("Yes") == ("yes", True)
    assert survey_rules.survey_answer("2") == ("2", False) and survey_rules.survey_answer("5") == ("5", True)
    assert survey_rules.survey_answer("maybe") is None
