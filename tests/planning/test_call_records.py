"""Call records with abandonment: the patience estimate against a hand-worked case and against Ciw
(a simulated queue whose callers' patience is known), then the story: an analyst loads a file of
call records through the page (every line checked, all or nothing), the week's plan uses the
patience they show in Erlang A and shows the abandonment recorded per slot beside Erlang A's."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.planning.simulated import simulate_calls
from watchkeeper.core.models import AuditEntry
from watchkeeper.planning.calls import rules
from watchkeeper.planning.calls.models import CallImportRun, CallRecord
from watchkeeper.planning.staffing.erlang import Interval, erlang_a_figures


def test_patience_by_hand():
    # 20 callers hung up after 30 s, 80 were answered after 10 s: 1,400 s of waiting, 20 abandoned.
    waits = [30.0] * 20 + [10.0] * 80
    found = rules.patience(waits, [True] * 20 + [False] * 80)
    assert found.mean_seconds == pytest.approx(70.0)
    assert found.low95 < 70 < found.high95 and found.abandoned == 20 and found.calls == 100
    assert rules.patience(waits[:19] + [10.0] * 80, [True] * 19 + [False] * 80) is None  # too few to say


@pytest.mark.kernel
def test_patience_recovered_from_a_ciw_queue_and_its_abandonment_matches_erlang_a():
    # 2 calls a minute, 3-minute calls, 6 handlers, callers' mean patience 2 minutes (120 s).
    calls = simulate_calls(2.0, 3.0, 6, 2.0, minutes=6000, seed=3)
    calls = [c for c in calls if c[0] > 200]  # past the start-up
    found = rules.patience([w * 60 for _, w, _ in calls], [a for _, _, a in calls])
    assert found.low95 <= 120 <= found.high95, found
    assert found.mean_seconds == pytest.approx(120, rel=0.1)
    # The share who abandon in the simulation is what Erlang A says for the estimated patience.
    share = sum(a for _, _, a in calls) / len(calls)
    model = erlang_a_figures(Interval(30, 15, 180), 6, 10, found.mean_seconds)
    assert model.abandon == pytest.approx(share, abs=0.02)


def test_abandonment_per_slot_by_hand():
    monday = datetime(2026, 11, 2, 9, 5)
    found = rules.by_slot([monday, monday + timedelta(minutes=3), monday + timedelta(days=7)], [True, False, False])
    slot = 9 * 4  # Monday 09:00-09:15
    assert found.offered[slot] == 3 and found.abandoned[slot] == 1 and found.weeks == 2
    assert found.rate[slot] == pytest.approx(1 / 3) and found.rate[slot + 1] != found.rate[slot + 1]  # NaN


def records_csv(calls, start: datetime, queue: str = "999") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["received_at", "queue", "waited_seconds", "outcome"])
    for minute, wait, abandoned in calls:
        when = start + timedelta(minutes=minute)
        writer.writerow([when.isoformat(), queue, round(wait * 60, 2), "abandoned" if abandoned else "answered"])
    return out.getvalue().encode()


def last_week_monday() -> datetime:
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return today - timedelta(days=today.weekday() + 7)


@pytest.mark.django_db
def test_analyst_loads_call_records_and_the_plan_uses_their_patience(as_user):
    analyst = as_user("analyst")
    calls = [c for c in simulate_calls(0.5, 3.0, 2, 2.0, minutes=2 * 24 * 60, seed=8) if c[0] < 2 * 24 * 60 - 60]
    data = records_csv(calls, last_week_monday())
    audit_before = AuditEntry.objects.count()
    answer = analyst.post("/planning/calls/", {"file": SimpleUploadedFile("calls-week.csv", data, "text/csv")})
    assert answer.status_code == 302, answer.content[:2000]
    run = CallImportRun.objects.get(file_name="calls-week.csv")
    assert run.rows_new == len(calls) == CallRecord.objects.filter(run=run).count()
    assert run.user.username == "analyst"
    entry = AuditEntry.objects.filter(object_type="planning.callimportrun", object_id=str(run.pk)).get()
    assert entry.summary.startswith(f"Call records calls-week.csv: {len(calls)} calls")
    assert AuditEntry.objects.count() == audit_before + 1
    page = analyst.get(answer["Location"]).content.decode()
    assert "Mean patience" in page and "calls-week.csv" in page

    week = analyst.get("/api/planning/week").json()
    assert week["patience_source"].startswith(f"estimated from {len(calls):,} call records")
    assert 60 < week["patience_seconds"] < 240
    recorded = [s["recorded_abandon"] for s in week["slots"] if s["recorded_abandon"] is not None]
    assert len(recorded) > 100 and all(0 <= r <= 1 for r in recorded)
    overview = analyst.get("/planning/").content.decode()
    assert 'data-chart="abandon-data"' in overview and "estimated from" in overview
    rows = list(csv.DictReader(io.StringIO(analyst.get("/planning/week.csv").content.decode())))
    assert sum(1 for r in rows if r["recorded_abandon"] != "") == len(recorded)

    again = analyst.post("/planning/calls/", {"file": SimpleUploadedFile("again.csv", data, "text/csv")})
    assert again.status_code == 400 and "loaded into" in again.content.decode()
    assert CallRecord.objects.filter(partnership=run.partnership).count() == len(calls)


@pytest.mark.django_db
def test_one_bad_line_loads_nothing_and_says_which(as_user):
    good = records_csv([(1.0, 0.1, False), (2.0, 0.5, True), (3.0, 0.0, False)], last_week_monday()).decode()
    lines = good.splitlines()
    lines[2] = lines[2].replace("abandoned", "hung up")
    lines.append("2026-13-40T25:00:00,999,-4,answered")
    lines.append(f"{(datetime.now(UTC) + timedelta(days=3)).isoformat()},999,4,answered")
    before = (CallRecord.objects.count(), CallImportRun.objects.count(), AuditEntry.objects.count())
    upload = SimpleUploadedFile("bad.csv", "\n".join(lines).encode(), "text/csv")
    answer = as_user("duty").post("/planning/calls/", {"file": upload})
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "Nothing loaded: 3 lines" in text
    assert "<td>3</td><td>outcome</td>" in text and "<td>5</td><td>received_at</td>" in text
    assert "<td>5</td><td>waited_seconds</td>" in text and "<td>6</td><td>received_at</td>" in text
    assert (CallRecord.objects.count(), CallImportRun.objects.count(), AuditEntry.objects.count()) == before
    wrong = SimpleUploadedFile("cols.csv", b"when,queue\n2026-11-02T10:00:00Z,999\n", "text/csv")
    page = as_user("duty").post("/planning/calls/", {"file": wrong})
    assert (
        page.status_code == 400
        and "missing columns received_at, waited_seconds, outcome and unknown column when" in page.content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["handler", "partner"])
def test_only_planners_load_call_records(as_user, username):
    upload = SimpleUploadedFile("x.csv", records_csv([(1.0, 0.1, False)], last_week_monday()), "text/csv")
    assert as_user(username).post("/planning/calls/", {"file": upload}).status_code == 403
    assert not CallImportRun.objects.filter(file_name="x.csv").exists()
