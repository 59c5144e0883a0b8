"""Bank holidays in the subject-access clock: the seeded rule data against the gov.uk list (copied by
hand from https://www.gov.uk/bank-holidays, England and Wales), and due dates that fall on one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from watchkeeper.cctv.limits import BankHoliday, bank_holidays
from watchkeeper.cctv.requests import queries
from watchkeeper.cctv.requests import services as requests
from watchkeeper.cctv.requests.rules import clock, next_working_day

# gov.uk, England and Wales, as published (substitute days included).
GOV_UK = {
    2026: [
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 28),
    ],
    2027: [
        date(2027, 1, 1),
        date(2027, 3, 26),
        date(2027, 3, 29),
        date(2027, 5, 3),
        date(2027, 5, 31),
        date(2027, 8, 30),
        date(2027, 12, 27),
        date(2027, 12, 28),
    ],
}


@pytest.mark.parametrize("year", sorted(GOV_UK))
def test_seeded_working_days_match_gov_uk(db, year):
    # The package keeps the day itself (Sat 26 Dec 2026) beside its substitute: neither is a working
    # day, so the working days are what must agree.
    seeded = bank_holidays(date(year, 1, 1), date(year, 12, 31))
    weekdays = {d for d in seeded if d.weekday() < 5}
    assert weekdays == set(GOV_UK[year])


def test_the_2022_state_funeral_is_there(db):
    assert BankHoliday.objects.filter(day=date(2022, 9, 19)).exists()


def test_a_due_date_on_a_bank_holiday_moves_to_the_next_working_day():
    # Received Friday 31 Jul 2026: due Monday 31 Aug, the late summer bank holiday, so Tuesday 1 Sep.
    holidays = frozenset(GOV_UK[2026])
    assert clock(date(2026, 7, 31), 1, 2, False, []).due == date(2026, 8, 31)
    assert clock(date(2026, 7, 31), 1, 2, False, [], holidays).due == date(2026, 9, 1)


def test_christmas_weekend_and_two_bank_holidays_skip_to_the_tuesday():
    # Sat 25 Dec 2027 -> Sun, Mon 27 (substitute), Tue 28 (substitute) -> Wed 29 Dec.
    assert next_working_day(date(2027, 12, 25), frozenset(GOV_UK[2027])) == date(2027, 12, 29)


def test_a_stored_request_uses_the_seeded_bank_holidays(room):
    from django.utils import timezone

    now = timezone.now()
    item = requests.create_request(
        room.actor(),
        room.partnership.slug,
        room.north.code,
        kind="subject",
        requester="A Person",
        lawful_basis="Art. 15",
        start=now - timedelta(hours=5),
        end=now - timedelta(hours=4),
        cameras=["N-01"],
    )
    item.received_on = date(2026, 7, 31)
    item.save(update_fields=["received_on"])
    assert queries.clock_of(item).due == date(2026, 9, 1)
    row = next(r for r in queries.listing(room.operator) if r["request"].pk == item.pk)
    assert row["clock"].due == date(2026, 9, 1)
