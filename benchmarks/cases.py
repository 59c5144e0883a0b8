"""Case management at scale (issue 13, Measure): with 100,000 cases, 1,000,000 actions and
300,000 people loaded, time the caseload list, the overdue-actions view and the Community Trigger
eligibility check as an ASB officer sees them (need-to-know applied), and the same queries with the
access rule removed, to show what need-to-know costs.

    nice -n 10 .venv/bin/python benchmarks/cases.py                     # throwaway SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wk_6 nice -n 10 .venv/bin/python benchmarks/cases.py --reset
    CASES_SCALE=0.1 ...                                                  # a tenth of the data, for a quick look
    CASES_DATA_DIR=/tmp/x ... --reuse                                    # SQLite: time again, no reload

`--reset` drops and recreates the PostgreSQL database's public schema first: use it only on a
database of your own. The data is bulk-inserted (no services, no audit: the queries are what is
measured). The last line is
RESULT backend=<sqlite|postgresql> caseload_p95_ms=<n> overdue_p95_ms=<n> trigger_p95_ms=<n> access_cost=<ratio>
where access_cost is the sum of the three p95s with the rule over the sum without it."""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

SCALE = float(os.environ.get("CASES_SCALE", "1"))
N_CASES, N_ACTIONS, N_PEOPLE, N_COMPLAINTS = (int(n * SCALE) for n in (100_000, 1_000_000, 300_000, 200_000))
RUNS = int(os.environ.get("CASES_RUNS", "60"))
BATCH = 5000

if not os.environ.get("DATABASE_URL"):
    # CASES_DATA_DIR keeps the SQLite file to time again without reloading (--reuse).
    os.environ["WATCHKEEPER_DATA_DIR"] = os.environ.get("CASES_DATA_DIR") or tempfile.mkdtemp(prefix="wk-cases-bench-")
os.environ.setdefault("WATCHKEEPER_DATA_DIR", tempfile.mkdtemp(prefix="wk-cases-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "watchkeeper.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from watchkeeper.cases.asb.models import Complaint  # noqa: E402
from watchkeeper.cases.core.models import COPIED_TO_ACTIONS, Action, Case, action_copies  # noqa: E402
from watchkeeper.cases.reports import queries  # noqa: E402
from watchkeeper.cases.trigger import services as trigger  # noqa: E402
from watchkeeper.core.models import Agency, Partnership, Person, Restriction, User  # noqa: E402
from watchkeeper.core.roles import Role  # noqa: E402


def reset_postgres() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


def batches(rows, model):
    """Insert unsaved instances: each field's own database value (get_db_prep_save, after
    pre_save for auto_now_add) sent through the driver's executemany, skipping the ORM's per-batch
    SQL compilation (a million actions load in minutes, not the better part of an hour)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                    for obj in rows[start : start + BATCH]
                ],
            )


def load(rng: random.Random):
    started = time.perf_counter()
    partnership = Partnership.objects.create(slug="bench", name="Bench partnership")
    agencies = [Agency.objects.create(slug=f"agency-{i}", name=f"Agency {i}", kind="council") for i in range(20)]
    for agency in agencies:
        agency.partnerships.add(partnership)
    officer = User.objects.create(username="bench-asb", role=Role.ASB_OFFICER, agency=agencies[0])
    others = [
        User.objects.create(username=f"bench-{i}", role=Role.ASB_OFFICER, agency=agencies[i % 20]) for i in range(1, 40)
    ]
    people = [
        Person(partnership=partnership, given_name=f"G{i}", family_name=f"F{i % 5000}", owner_agency=agencies[i % 20])
        for i in range(N_PEOPLE)
    ]
    batches(people, Person)
    person_ids = list(Person.objects.values_list("pk", flat=True))
    now = timezone.now()
    kinds = ["asb"] * 6 + ["marac", "iom", "trigger", "channel"]
    cases = []
    for i in range(N_CASES):
        roll = rng.random()
        restriction = (
            Restriction.PARTNERSHIP if roll < 0.7 else Restriction.AGENCIES if roll < 0.95 else Restriction.PEOPLE
        )
        opened = now - timedelta(days=rng.randint(0, 1500), minutes=rng.randint(0, 1440))
        closed = opened + timedelta(days=rng.randint(1, 200)) if rng.random() < 0.6 else None
        cases.append(
            Case(
                partnership=partnership,
                kind=kinds[i % len(kinds)],
                reference=f"B-{i:07d}",
                title=f"Bench case {i}",
                restriction=restriction,
                owner_agency=agencies[rng.randrange(20)],
                opened_at=opened,
                closed_at=closed if closed is None or closed < now else None,
            )
        )
    batches(cases, Case)
    case_ids = list(Case.objects.values_list("pk", "restriction", "kind"))
    # What each action copies from its case (cases.core.models.action_copies), as the services keep it.
    copies = {case.pk: action_copies(case) for case in Case.objects.only(*COPIED_TO_ACTIONS)}
    through = Case.shared_users.through
    named = [
        through(case_id=pk, user_id=(officer if rng.random() < 0.3 else rng.choice(others)).pk)
        for pk, restriction, kind in case_ids
        if restriction == Restriction.PEOPLE
    ]
    batches(named, through)
    today = timezone.localdate()
    ids = [pk for pk, _r, _k in case_ids]
    actions = []
    for i in range(N_ACTIONS):
        status = "open" if rng.random() < 0.3 else "done"
        actions.append(
            Action(
                case_id=ids[i % len(ids)],
                agency=agencies[rng.randrange(20)],
                text="Bench action",
                due=today + timedelta(days=rng.randint(-400, 60)),
                status=status,
                created_at=now,
                **copies[ids[i % len(ids)]],
            )
        )
        if len(actions) == BATCH * 4:
            batches(actions, Action)
            actions = []
    batches(actions, Action)
    complaints = []
    asb_ids = [pk for pk, _r, kind in case_ids if kind == "asb"]
    for _ in range(N_COMPLAINTS):
        received = today - timedelta(days=rng.randint(0, 400))
        complaints.append(
            Complaint(
                case_id=rng.choice(asb_ids),
                source="resident",
                agency=agencies[rng.randrange(20)],
                complainant_id=rng.choice(person_ids[: max(1, len(person_ids) // 10)]),
                behaviour_on=received - timedelta(days=rng.randint(0, 40)),
                received_on=received,
                description="Bench complaint",
            )
        )
    batches(complaints, Complaint)
    with connection.cursor() as cursor:
        # PostgreSQL answers the overdue count from the index alone only for pages the visibility
        # map marks all-visible: VACUUM sets it, as autovacuum would on a live system.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(
        f"loaded {Case.objects.count():,} cases, {Action.objects.count():,} actions, "
        f"{Person.objects.count():,} people, {Complaint.objects.count():,} complaints "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return officer, person_ids[: max(1, len(person_ids) // 10)]


def p95(fn, runs: int) -> float:
    for _ in range(3):
        fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]


def main() -> None:
    backend = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    if "--reset" in sys.argv and backend == "postgresql":
        reset_postgres()
    call_command("migrate", verbosity=0)
    rng = random.Random(13)
    if "--reuse" in sys.argv and Partnership.objects.filter(slug="bench").exists():
        officer = User.objects.get(username="bench-asb")
        complainants = list(Complaint.objects.values_list("complainant_id", flat=True).distinct())
    else:
        officer, complainants = load(rng)
    officer = User.objects.select_related("agency").get(pk=officer.pk)
    today = timezone.localdate()
    pick = random.Random(7)

    # With need-to-know: the functions the pages and API call. The page shows 50 rows and a count
    # (bounded as the API gives it: exact up to 1,000, then "1,000+": reports.queries.bounded_count).
    def caseload():
        qs = queries.caseload(officer)
        return list(qs[:50]), queries.bounded_count(qs)

    def overdue():
        qs = queries.overdue_actions(officer, today)
        return list(qs[:50]), queries.bounded_count(qs)

    def eligibility():
        return trigger.eligibility(officer, pick.choice(complainants), today)

    # The same queries with the access rule removed (partnership only).
    def caseload_open():
        qs = Case.objects.filter(partnership__slug="bench", closed_at__isnull=True).order_by("-opened_at", "-pk")
        return list(qs[:50]), queries.bounded_count(qs)

    def overdue_open():
        qs = Action.objects.filter(status="open", due__lt=today).order_by("due", "pk")
        return list(qs[:50]), queries.bounded_count(qs)

    def eligibility_open():
        from watchkeeper.cases.rules.lookup import rule
        from watchkeeper.cases.trigger import rules as trigger_rules

        person = pick.choice(complainants)
        start = today - timedelta(days=186)
        rows = Complaint.objects.filter(complainant_id=person, received_on__gte=start).values_list(
            "pk", "behaviour_on", "received_on", "incident_id", "place_id"
        )
        reports = [trigger_rules.Report(b, r, f"c{pk}") for pk, b, r, _i, _p in rows]
        return trigger_rules.qualifying(
            reports, today, rule("trigger-window-months"), rule("trigger-report-within-days")
        )

    results = {}
    for name, ruled, bare in (
        ("caseload", caseload, caseload_open),
        ("overdue", overdue, overdue_open),
        ("trigger", eligibility, eligibility_open),
    ):
        results[name] = (p95(ruled, RUNS), p95(bare, RUNS))
    print(f"{'query':<10} {'need-to-know p95 ms':>20} {'no access rule p95 ms':>22} {'cost':>6}")
    for name, (ruled, bare) in results.items():
        print(f"{name:<10} {ruled:>20.1f} {bare:>22.1f} {ruled / bare:>6.2f}")
    # For the record, what the bounded counts replaced: the exact counts, with need-to-know.
    exact = {
        "caseload": p95(lambda: queries.caseload(officer).count(), max(5, RUNS // 4)),
        "overdue": p95(lambda: queries.overdue_actions(officer, today).count(), max(5, RUNS // 4)),
    }
    print("exact count p95 ms (not on the pages now): " + ", ".join(f"{k} {v:.1f}" for k, v in exact.items()))
    cost = sum(r for r, _b in results.values()) / sum(b for _r, b in results.values())
    print(f"(load: {os.getloadavg()[0]:.2f} 1-minute average; {RUNS} runs each; scale {SCALE})")
    print(
        f"RESULT backend={backend} caseload_p95_ms={results['caseload'][0]:.1f} "
        f"overdue_p95_ms={results['overdue'][0]:.1f} trigger_p95_ms={results['trigger'][0]:.1f} access_cost={cost:.2f}"
    )


if __name__ == "__main__":
    main()
