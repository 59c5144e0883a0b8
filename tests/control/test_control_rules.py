"""Pure control-room rules with hand-worked examples: references, call times, suggested grade,
duplicates, misuse, despatch ordering, and the response-time figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from watchkeeper.control import rules
from watchkeeper.control.kpis import GradeInfo, KpiRow, grade_that_counts, response_figures

pytestmark = pytest.mark.kernel

T0 = datetime(2025, 11, 22, 20, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
IMM = GradeInfo(1, "I", "Immediate", True, 15, 20, "received", True)
S = GradeInfo(2, "S", "Significant", False, 60, 60, "received", True)
R = GradeInfo(4, "R", "Referred", False, None, None, "received", False)
D = GradeInfo(9, "D", "Despatch-clock", False, 10, 10, "despatched", True)
GRADES = {g.id: g for g in (IMM, S, R, D)}


def test_reference_format():
    assert rules.reference(42, date(2025, 11, 22)) == "0042/22NOV"
    assert rules.reference(1, date(2026, 1, 5)) == "0001/05JAN"


def test_call_time_checks():
    now = T0
    assert rules.call_time_problem(now - MIN, now) is None
    assert "future" in rules.call_time_problem(now + 10 * MIN, now)
    assert "not possible" in rules.call_time_problem(datetime(1990, 1, 1, tzinfo=UTC), now)
    assert "before the call" in rules.event_time_problem(now - 5 * MIN, now - MIN, now)
    assert "before the unit was despatched" in rules.event_time_problem(
        now - 3 * MIN, now - 10 * MIN, now, now - 2 * MIN, "unit was despatched"
    )


def test_phone_normalising():
    assert rules.normalise_phone("+44 7700 900123") == "07700900123"
    assert rules.normalise_phone("07700-900123") == "07700900123"


MET = [
    rules.GradeOption("I", 1, True),
    rules.GradeOption("S", 2, True),
    rules.GradeOption("E", 3, True),
    rules.GradeOption("R", 4, False),
]


def test_suggested_grade_is_the_category_default_raised_for_threat_or_vulnerability():
    assert rules.suggest_grade(MET, "S", "noise from a party").code == "S"
    raised = rules.suggest_grade(MET, "S", "neighbour waving a knife")
    assert raised.code == "I" and any("knife" in r for r in raised.reasons)
    assert rules.suggest_grade(MET, "E", "elderly man confused in the street").code == "I"
    assert rules.suggest_grade(MET, "E", "shoplifter gone", ("mental health",)).code == "I"
    assert rules.suggest_grade(MET, "R", "lost wallet").code == "R"


def test_suggestion_maps_a_met_default_onto_grade_1_to_5_by_rank():
    five = [rules.GradeOption(str(n), n, n <= 3) for n in range(1, 6)]
    assert rules.suggest_grade(five, "S", "noise", fallback_rank=2).code == "2"


def test_likely_duplicates_same_group_near_and_recent():
    new = rules.OpenCall(0, 1000.0, 1000.0, T0, "crime")
    calls = [
        rules.OpenCall(1, 1100.0, 1000.0, T0 - 10 * MIN, "crime"),  # 100 m, 10 min: yes
        rules.OpenCall(2, 1000.0, 1300.0, T0 - 5 * MIN, "crime"),  # 300 m: too far
        rules.OpenCall(3, 1050.0, 1000.0, T0 - 90 * MIN, "crime"),  # too long ago
        rules.OpenCall(4, 1010.0, 1000.0, T0, "asb"),  # other group
        rules.OpenCall(5, 1030.0, 1040.0, T0 - MIN, "crime"),  # 50 m: nearest first
    ]
    assert rules.likely_duplicates(new, calls, 200, timedelta(minutes=60)) == [(5, 50.0), (1, 100.0)]


def test_persistent_misuse_threshold():
    assert not rules.persistent_misuse(9, 10)
    assert rules.persistent_misuse(10, 10)


def test_despatch_order_available_suitable_then_quickest_and_flags():
    units = [
        rules.Candidate(1, "EK11", "response", "available", 51.5, -0.1, ["taser"]),
        rules.Candidate(2, "EK12", "response", "en_route", 51.5, -0.1),
        rules.Candidate(3, "SNT", "snt", "available", 51.5, -0.1, ["taser"], ring_fenced_ward=7),
        rules.Candidate(4, "RSP", "foot_patrol", "available", 51.5, -0.1, []),
    ]
    seconds = {1: (300.0, "road"), 2: (60.0, "road"), 3: (120.0, "road"), 4: (30.0, "road")}
    ranked = rules.assess_candidates(units, seconds, incident_ward=8, required_skills=["taser"])
    assert [r.call_sign for r in ranked] == ["SNT", "EK11", "RSP", "EK12"]
    assert "SNT outside home ward" in ranked[0].flags[0]
    assert ranked[2].flags == ["lacks taser"] and not ranked[2].suitable
    assert rules.straight_line_seconds((0, 0), (3000, 4000)) == pytest.approx(5000 * 1.3 * 3.6 / 30)
    # on foot: 5 km at 5 km/h with the 1.3 detour is 1.3 hours
    assert rules.walking_seconds((0, 0), (3000, 4000), 5.0) == pytest.approx(1.3 * 3600)


def test_a_camera_is_a_viewing_resource_never_offered_to_send():
    units = [
        rules.Candidate(1, "CCTV-1", "cctv", "available", 51.5, -0.1, []),
        rules.Candidate(2, "EK11", "response", "available", 51.5, -0.1, []),
    ]
    ranked = rules.assess_candidates(units, {1: (1.0, "road"), 2: (300.0, "road")}, incident_ward=1, required_skills=[])
    assert [r.call_sign for r in ranked] == ["EK11", "CCTV-1"]
    camera = ranked[1]
    assert not camera.available and not camera.suitable and "viewing resource" in camera.flags[0]


# --- response-time figures: hand-worked ---------------------------------------------------------


def test_grade_that_counts_is_the_one_in_force_at_first_despatch():
    regraded_after = KpiRow(1, T0, grades=[(T0 + MIN, 1), (T0 + 10 * MIN, 2)], despatches=[T0 + 5 * MIN])
    assert grade_that_counts(regraded_after) == 1  # I at despatch, regraded S later: counts as I
    regraded_before = KpiRow(2, T0, grades=[(T0 + MIN, 2), (T0 + 3 * MIN, 1)], despatches=[T0 + 5 * MIN])
    assert grade_that_counts(regraded_before) == 1  # S then I before despatch: counts as I
    downgraded_before = KpiRow(3, T0, grades=[(T0 + MIN, 1), (T0 + 3 * MIN, 2)], despatches=[T0 + 5 * MIN])
    assert grade_that_counts(downgraded_before) == 2
    never_sent = KpiRow(4, T0, grades=[(T0 + MIN, 1), (T0 + 3 * MIN, 4)])
    assert grade_that_counts(never_sent) == 4  # final grade


def test_response_figures_hand_worked():
    rows = [
        # I, arrived 10 min after the call (within 15)
        KpiRow(1, T0, [(T0, 1)], [T0 + 2 * MIN], [T0 + 10 * MIN]),
        # I, arrived 20 min after (late for urban 15; in time for a rural 20-minute target)
        KpiRow(2, T0, [(T0, 1)], [T0 + 2 * MIN], [T0 + 20 * MIN]),
        KpiRow(3, T0, [(T0, 1)], [T0 + 2 * MIN], [T0 + 20 * MIN], rural=True),
        # I, arrived 40 min after: over 30
        KpiRow(4, T0, [(T0, 1)], [T0 + 30 * MIN], [T0 + 40 * MIN, T0 + 45 * MIN]),
        # I, never arrived: counted as no arrival, not dropped
        KpiRow(5, T0, [(T0, 1)], [T0 + MIN]),
        # S graded; regraded to I only after first despatch: counts as S (arrived 50 min: within 60)
        KpiRow(6, T0, [(T0, 2), (T0 + 20 * MIN, 1)], [T0 + 10 * MIN], [T0 + 50 * MIN]),
        # R, never despatched
        KpiRow(7, T0, [(T0, 4)]),
        # ungraded
        KpiRow(8, T0),
        # a duplicate and a cancelled incident are left out (and counted as left out)
        KpiRow(9, T0, [(T0, 1)], excluded="duplicate"),
        KpiRow(10, T0, [(T0, 1)], excluded="cancelled"),
        # clock starts at despatch: despatched at +30, arrived +38 -> 8 min, within 10
        KpiRow(11, T0, [(T0, 9)], [T0 + 30 * MIN], [T0 + 38 * MIN]),
    ]
    figures = response_figures(rows, GRADES)
    assert figures["incidents"] == 9 and figures["ungraded"] == 1
    assert figures["excluded"] == {"duplicate": 1, "cancelled": 1}
    imm = figures["immediate"]
    assert imm["incidents"] == 5 and imm["share_of_incidents"] == round(5 / 9, 4)
    assert imm["attended"] == 4 and imm["no_arrival"] == 1
    assert imm["mean_minutes"] == 22.5  # (10 + 20 + 20 + 40) / 4
    assert imm["median_minutes"] == 20.0
    assert imm["over_30_minutes"] == 1 and imm["share_over_30_minutes"] == 0.25
    by = {g["grade"]: g for g in figures["by_grade"]}
    assert by["I"]["within_target"] == 2  # #1 (10 <= 15) and #3 (20 <= rural 20); #2 and #4 late
    assert by["I"]["share_within_target"] == 0.5
    assert by["S"] == {**by["S"], "incidents": 1, "attended": 1, "within_target": 1, "share_within_target": 1.0}
    assert by["R"]["incidents"] == 1 and by["R"]["share_within_target"] is None and by["R"]["no_arrival"] == 1
    assert by["D"]["mean_minutes"] == 8.0 and by["D"]["within_target"] == 1


def test_capability_rules_rank_preferred_units_within_the_window_and_exclude_wrong_types():
    units = [
        rules.Candidate(1, "CAR", "response", "available", 51.5, -0.1, ["first aid"]),
        rules.Candidate(2, "FOOT", "foot_patrol", "available", 51.5, -0.1, []),
        rules.Candidate(3, "MEDIC", "response", "available", 51.5, -0.1, ["first aid", "taser"]),
    ]
    seconds = {1: (200.0, "road"), 2: (100.0, "walking estimate"), 3: (350.0, "road")}
    # No rule: nearest first.
    plain = rules.assess_candidates(units, seconds, None, [])
    assert [r.call_sign for r in plain] == ["FOOT", "CAR", "MEDIC"]
    # Taser preferred, window 180 s: MEDIC (350 s) counts as 170 s, ahead of FOOT (100 s)? No:
    # 170 > 100, so FOOT stays first, MEDIC moves ahead of CAR (170 < 200).
    cap = rules.Capability(preferred_skills=("taser",), window=180)
    ranked = rules.assess_candidates(units, seconds, None, [], cap)
    assert [r.call_sign for r in ranked] == ["FOOT", "MEDIC", "CAR"]
    assert ranked[1].preferred and "preferred: taser" in ranked[1].flags
    # Response cars only (a required type) and response preferred: the foot patrol is apart.
    cap = rules.Capability(required_kinds=("response",), preferred_kinds=("response",), window=60)
    ranked = rules.assess_candidates(units, seconds, None, [], cap)
    assert [(r.call_sign, r.suitable) for r in ranked] == [("CAR", True), ("MEDIC", True), ("FOOT", False)]
    assert "not a response" in ranked[2].flags
    # Walking pace is the rule data's: 5 km at 4 km/h with the 1.3 detour is 1.625 hours.
    assert rules.walking_seconds((0, 0), (3000, 4000), 4.0) == pytest.approx(1.3 * 5 / 4 * 3600)
    with pytest.raises(ValueError):
        rules.walking_seconds((0, 0), (1, 1), 0)
