"""Analyst figures never show a month without data as zero, and a target is judged only on
complete periods (the "target met -83.3%" bug: one partial import read as a fall)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import person_client
from watchkeeper.core.models import Partnership, User
from watchkeeper.intel.crime import queries, rules
from watchkeeper.intel.crime.models import Crime
from watchkeeper.intel.crime.scope import Scope
from watchkeeper.intel.targets import rules as target_rules
from watchkeeper.intel.targets.models import Baseline, Target
from watchkeeper.intel.targets.queries import target_report

M = [date(2040, m, 1) for m in range(1, 13)] + [date(2041, m, 1) for m in range(1, 13)]


def test_gaps_are_none_and_totals_add_only_known_months():
    months = M[:4]
    assert rules.with_gaps([3, 0, 0, 5], months, {M[0], M[1], M[3]}) == [3, 0, None, 5]
    assert rules.total_known([3, 0, None, 5]) == 8
    assert rules.missing_months(months, {M[0]}) == M[1:4]


def test_a_target_with_missing_months_is_not_judged_and_says_why():
    status = target_rules.target_status(4, 3, 120, 12, 10, missing_observed=9)
    assert status.rag == "grey" and status.ratio is None
    assert status.label == "not judged: 9 months of the target period have no data"
    judged = target_rules.target_status(4, 3, 120, 12, 10)
    assert judged.rag == "green"  # the same figures, when the 3 months are all there is: a real fall
    assert target_rules.not_judged_reason(0, 1) == "not judged: 1 month of the baseline has no data"


@pytest.mark.django_db
def test_partial_import_reads_as_missing_months_not_a_fall():
    camden = Partnership.objects.get(slug="safer-camden")
    n = 0
    for month in M[:12]:  # baseline year: 10 crimes every month
        for _ in range(10):
            n += 1
            Crime.objects.create(partnership=camden, key=f"validity-{n}", month=month, category="Zzvalidity")
    for month in (M[12], M[13], M[23]):  # target year: only three months were imported
        for _ in range(2):
            n += 1
            Crime.objects.create(partnership=camden, key=f"validity-{n}", month=month, category="Zzvalidity")
    analyst = User.objects.get(username="analyst")
    base = Baseline.objects.create(partnership=camden, name="Validity 2040", start_month=M[0], end_month=M[11])
    target = Target.objects.create(
        partnership=camden,
        baseline=base,
        category="Zzvalidity",
        reduction_percent=10,
        period_start=M[12],
        period_end=M[23],
    )
    report = target_report(analyst, target)
    assert report["status"].rag == "grey" and "9 months of the target period" in report["status"].label
    assert report["status"].change_percent is None  # no "-80%" from 6 crimes over 12 months
    assert report["observed_months"] == 3 and len(report["missing_months"]) == 9

    scope = Scope(camden, M[12], M[23], "Zzvalidity")
    series = queries.monthly_counts(analyst, scope)
    assert series["total"][0] == 2 and series["total"][2] is None and series["total"][11] == 2
    assert len(series["missing"]) == 9

    page = person_client("analyst").get(
        "/intel/", {"partnership": "safer-camden", "start": "2041-01", "end": "2041-12", "category": "Zzvalidity"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "target met" not in text and "no data" in text


def test_risk_is_said_in_words_relative_to_the_top_area():
    from watchkeeper.intel.tasking import rules as tasking_rules

    assert tasking_rules.risk_words(0.9, 0.9, 1, 10) == "Very high: the highest forecast risk of the 10 tasked areas"
    assert tasking_rules.risk_words(0.56, 0.9, 4, 10) == "High: 62% of the highest forecast risk (area 4 of 10)"
    assert tasking_rules.risk_words(0.2, 0.9, 9, 10).startswith("Raised: 22%")
    assert tasking_rules.area_name("Camden High Street", "Camden Town") == "Camden High Street, Camden Town ward"
    assert tasking_rules.area_name("", "") == "Unnamed area"


@pytest.mark.django_db
def test_tasking_areas_are_named_by_street_and_ward(as_user):
    from watchkeeper.intel.tasking.models import PatrolTasking

    made = as_user("analyst").post(
        "/intel/tasking/",
        {
            "name": "Named areas",
            "method": "bjp",
            "period_start": "2019-07-08",
            "period_end": "2019-07-14",
            "category": "",
            "cells": "5",
        },
    )
    assert made.status_code == 302
    tasking = PatrolTasking.objects.get(name="Named areas")
    page = as_user("analyst").get(f"/intel/tasking/{tasking.pk}/").content.decode()
    table = page.split('data-testid="cells"')[1].split("</table>")[0]
    assert table.count(" ward") >= 5 and "the highest forecast risk of the 5 tasked areas" in table
    assert "Unnamed area" not in table
