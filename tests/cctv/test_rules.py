"""Pure rules against hand-worked dates and independent references (no database)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from watchkeeper.cctv.cameras import rules as cameras
from watchkeeper.cctv.compliance import rules as compliance
from watchkeeper.cctv.dashboards.rules import suppressed
from watchkeeper.cctv.log import rules as log
from watchkeeper.cctv.requests import rules as sar
from watchkeeper.cctv.requests.rules import Stop, add_months, clock
from watchkeeper.cctv.retention import rules as retention

pytestmark = pytest.mark.kernel


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # no 31 February: the month's last day
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2026, 3, 15), 3, date(2026, 6, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # across the year end
        (date(2026, 12, 31), 1, date(2027, 1, 31)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
    ],
)
def test_calendar_months_by_hand(start, months, expected):
    assert add_months(start, months) == expected


def test_one_month_from_the_day_received_and_a_saturday_moves_to_monday():
    # Received Thursday 3 Sep 2026: due 3 Oct, a Saturday, so Monday 5 Oct.
    assert clock(date(2026, 9, 3), 1, 2, False, []).due == date(2026, 10, 5)


def test_a_complex_request_gets_two_more_months():
    # Received 31 Jan 2026: 31 April does not exist, so Thursday 30 April.
    assert clock(date(2026, 1, 31), 1, 2, True, []).due == date(2026, 4, 30)


def test_clarification_stops_the_clock_and_it_restarts_where_it_was():
    # 3 Sep + 1 month = 3 Oct; stopped 10-17 Sep (7 days): 10 Oct, a Saturday -> Monday 12 Oct.
    stops = [Stop("clarification", date(2026, 9, 10), date(2026, 9, 17))]
    result = clock(date(2026, 9, 3), 1, 2, False, stops)
    assert (result.due, result.stopped_days) == (date(2026, 10, 12), 7)


def test_overlapping_clarification_stops_count_once():
    stops = [
        Stop("clarification", date(2026, 9, 10), date(2026, 9, 17)),
        Stop("clarification", date(2026, 9, 15), date(2026, 9, 20)),
    ]
    assert clock(date(2026, 9, 3), 1, 2, False, stops).stopped_days == 10


def test_awaited_identity_means_the_period_begins_when_it_arrives():
    # Asked for ID on receipt (3 Sep); it arrived Monday 21 Sep: due Wednesday 21 Oct.
    stops = [Stop("identity", date(2026, 9, 3), date(2026, 9, 21))]
    result = clock(date(2026, 9, 3), 1, 2, False, stops)
    assert (result.starts, result.due) == (date(2026, 9, 21), date(2026, 10, 21))


def test_no_due_date_while_waiting():
    result = clock(date(2026, 9, 3), 1, 2, False, [Stop("clarification", date(2026, 9, 5), None)])
    assert result.due is None and result.stopped


def test_a_clock_cannot_restart_before_it_stopped():
    with pytest.raises(ValueError):
        clock(date(2026, 9, 3), 1, 2, False, [Stop("fee", date(2026, 9, 5), date(2026, 9, 4))])


def test_on_time():
    assert sar.on_time(date(2026, 10, 5), date(2026, 10, 5)) is True
    assert sar.on_time(date(2026, 10, 5), date(2026, 10, 6)) is False
    assert sar.on_time(None, None) is None


T0 = datetime(2026, 3, 1, tzinfo=UTC)


def h(n: float) -> datetime:
    return T0 + timedelta(hours=n)


def test_availability_merges_overlapping_outages_and_clips_to_the_window():
    # Outages 2-6h and 4-8h are one 6h outage; 20-30h is clipped at the 24h window end: 10h of 24.
    down = [(h(2), h(6)), (h(4), h(8)), (h(20), h(30))]
    assert cameras.downtime(down, (h(0), h(24))) == timedelta(hours=10)
    assert cameras.availability(down, (h(0), h(24))) == pytest.approx(14 / 24)


def test_availability_needs_a_window():
    with pytest.raises(ValueError):
        cameras.availability([], (h(1), h(1)))


def test_fault_response_is_late_after_the_target_unless_fixed():
    assert cameras.response_late(h(0), h(1), None, 24, h(25))
    assert not cameras.response_late(h(0), None, h(20), 24, h(30))


def test_retention_cutoff_keeps_today_and_the_thirty_days_before():
    assert retention.cutoff(date(2026, 3, 31), 31) == date(2026, 3, 1)
    live = [(date(2026, 2, 1), date(2026, 2, 3), date(2026, 4, 1))]
    assert retention.held(date(2026, 2, 2), live, date(2026, 3, 31))
    assert not retention.held(
        date(2026, 2, 2), [(date(2026, 2, 1), date(2026, 2, 3), date(2026, 3, 30))], date(2026, 3, 31)
    )


@pytest.mark.parametrize(("count", "shown"), [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (12, "12")])
def test_counts_under_five_are_suppressed(count, shown):
    assert suppressed(count) == shown


def test_handover_counts():
    rows = [
        {"kind": "theft", "police_told": True, "awaiting_response": False},
        {"kind": "theft", "police_told": False, "awaiting_response": True},
    ]
    summary = log.handover(rows, 2, 1)
    assert summary["by_kind"] == [("theft", 2)] and summary["police_told"] == 1 and summary["awaiting_response"] == 1


def test_self_assessment_fills_what_the_data_can_show():
    facts = {
        "cameras": 4,
        "with_purpose": 4,
        "with_dpia": 2,
        "with_signage": 0,
        "reviewed_in_year": 3,
        "retention_days_ok": True,
        "decisions": 0,
        "decisions_with_reasons": 0,
        "masters": 1,
        "masters_with_continuity": 1,
        "spot_checks": {5: 2},
    }
    rows = {r["number"]: r for r in compliance.assess(facts)}
    assert len(rows) == 12
    assert (rows[1]["status"], rows[2]["status"], rows[3]["status"], rows[11]["status"]) == (
        "met",
        "partly",
        "not met",
        "met",
    )
    assert rows[5]["status"] == "assess by hand" and rows[5]["spot_checks"] == 2
