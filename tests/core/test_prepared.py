"""Queries compiled once (core/prepared.py) answer exactly as the querysets they were built from,
for every viewer: a query compiled for one user is never reused for another who sees less."""

from __future__ import annotations

import pytest

from tests import factories as make
from watchkeeper.control.models import Incident, Unit
from watchkeeper.core import services
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import ApiToken
from watchkeeper.core.prepared import Prepared, VisibleByPk
from watchkeeper.core.roles import Role
from watchkeeper.core.visibility import visible_get

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def fields(obj) -> dict:
    return {k: v for k, v in vars(obj).items() if not k.startswith("_")}


def test_a_prepared_lookup_returns_what_the_queryset_returns_with_its_related_rows():
    by_prefix = Prepared(
        ApiToken, lambda slot: ApiToken.objects.select_related("user__agency").filter(prefix=slot("prefix"))
    )
    owner = make.user(Role.DISPATCHER)
    tokens = [services.issue_token(Actor(None, "test"), owner, [], 30)[0] for _ in range(2)]
    for token in tokens:
        expected = ApiToken.objects.select_related("user__agency").get(prefix=token.prefix)
        found = by_prefix.first(prefix=token.prefix)
        assert fields(found) == fields(expected) and found.pk == token.pk
        assert fields(found.user) == fields(expected.user)
        assert fields(found.user.agency) == fields(expected.user.agency)
    assert by_prefix.first(prefix="no-such") is None
    with pytest.raises(KeyError):
        by_prefix.first(wrong="x")


def test_visible_by_pk_agrees_with_visible_get_for_every_viewer_and_record():
    home, where, handler = make.control_room(Role.DISPATCHER)
    other_home, other_where, other_handler = make.control_room(Role.DISPATCHER)
    # A district partner of the first partnership: sees only its own district's records.
    district_agency = make.agency(home, district=where.district)
    partner = make.user(Role.DISPATCHER, district_agency)
    elsewhere = make.district(home)
    mine = make.incident(handler, home)
    theirs = make.incident(other_handler, other_home)
    units = [
        make.unit(home, district=where.district),
        make.unit(home, district=elsewhere),
        make.unit(other_home),
    ]
    incident_by_pk = VisibleByPk(Incident, "category", "grade")
    unit_by_pk = VisibleByPk(Unit)
    viewers = [handler, other_handler, partner, make.user(Role.DISPATCHER)]
    for _ in range(2):  # the second round runs on queries compiled in the first
        for viewer in viewers:
            for record in (mine, theirs):
                expected = visible_get(Incident.objects.select_related("category", "grade"), viewer, pk=record.pk)
                found = incident_by_pk.get(viewer, record.pk)
                assert (found is None) == (expected is None), (viewer, record)
                if found is not None:
                    assert fields(found) == fields(expected) and found.category.code == expected.category.code
            for unit in units:
                expected = visible_get(Unit.objects.all(), viewer, pk=unit.pk)
                assert (unit_by_pk.get(viewer, unit.pk) is None) == (expected is None), (viewer, unit)
    # The answers differ by viewer, so the sweep above compared something.
    assert incident_by_pk.get(handler, mine.pk) is not None and incident_by_pk.get(other_handler, mine.pk) is None
    assert [unit_by_pk.get(partner, u.pk) is not None for u in units] == [True, False, False]


def test_a_viewer_moved_to_another_partnership_stops_seeing_the_old_one_at_once():
    home, _, handler = make.control_room(Role.DISPATCHER)
    other, _, _ = make.control_room(Role.DISPATCHER)
    record = make.incident(handler, home)
    by_pk = VisibleByPk(Incident)
    assert by_pk.get(handler, record.pk) is not None
    handler.agency.partnerships.set([other])
    handler._partnership_ids = None  # a new request reads the user afresh
    assert by_pk.get(handler, record.pk) is None


def test_values_rows_with_datetime_and_float_slots_match_the_queryset_for_every_viewer():
    """The duplicate search's shape: a window of received times, a box of coordinates, the
    viewer's visibility rule; compiled once per viewer, then re-run with new values."""
    from datetime import timedelta

    from django.utils import timezone

    from watchkeeper.core.prepared import ForViewer

    home, where, handler = make.control_room(Role.DISPATCHER)
    other_home, _, other_handler = make.control_room(Role.DISPATCHER)
    made = [make.incident(handler, home) for _ in range(3)] + [make.incident(other_handler, other_home)]
    east = made[0].easting

    def build(slot, user):
        return (
            Incident.objects.visible_to(user)
            .filter(received_at__gte=slot("since"), received_at__lte=slot("until"))
            .filter(easting__gte=slot("west"), easting__lte=slot("east"))
            .order_by("pk")
            .values_list("pk", "received_at", "easting")
        )

    near = ForViewer(Incident, build)
    now = timezone.now()
    windows = [
        dict(since=now - timedelta(hours=1), until=now + timedelta(hours=1), west=east - 50.0, east=east + 50.0),
        dict(since=now + timedelta(hours=1), until=now + timedelta(hours=2), west=east - 50.0, east=east + 50.0),
        dict(since=now - timedelta(hours=1), until=now + timedelta(hours=1), west=east + 1.0, east=east + 50.0),
    ]
    answers = []
    for viewer in (handler, other_handler, make.user(Role.DISPATCHER), handler):
        for values in windows:
            expected = list(build(values.__getitem__, viewer))
            assert near.rows(viewer, **values) == expected
            answers.append(len(expected))
    assert answers[0] == 3 and answers[3] == 1 and 0 in answers  # the windows and viewers differ

    flat = Prepared(Incident, lambda slot: Incident.objects.filter(pk=slot("pk")).values_list("reference", flat=True))
    assert flat.all(pk=made[1].pk) == [made[1].reference]


def test_an_insert_built_once_writes_the_row_the_orm_would():
    from watchkeeper.core.models import AuditEntry
    from watchkeeper.core.prepared import Insert

    home, _, handler = make.control_room(Role.DISPATCHER)
    record = make.incident(handler, home)
    insert = Insert(Incident)
    copies = []
    for n in (1, 2):  # the second runs on the statement built by the first
        copy = Incident(**{f.attname: getattr(record, f.attname) for f in Incident._meta.concrete_fields})
        copy.pk, copy.number, copy.reference = None, record.number + n, f"{record.reference}-{n}"
        insert.save(copy)
        copies.append(copy)
    for copy in copies:
        stored = Incident.objects.get(pk=copy.pk)
        assert copy.pk != record.pk and fields(stored) == fields(copy)
    with pytest.raises(ValueError):
        insert.save(record)  # rows already stored are changed through the ORM, never inserted again
    with pytest.raises(ValueError):
        Insert(AuditEntry).save(AuditEntry.objects.first() or AuditEntry(pk=1))


def test_an_update_built_once_changes_what_the_orm_would_and_only_matching_rows():
    from django.db import DatabaseError

    from watchkeeper.core.prepared import Update

    home, _, handler = make.control_room(Role.DISPATCHER)
    units = [make.unit(home), make.unit(home)]
    update = Update(Unit)
    for n, unit in enumerate(units):  # the second runs on the statement built by the first
        before = unit.updated_at
        unit.status, unit.lat, unit.lon = Unit.Status.AT_SCENE, 51.5 + n / 100, -0.14
        update.save(unit, ["status", "lat", "updated_at"])
        stored = Unit.objects.get(pk=unit.pk)
        # Only the named columns (lon was not), and auto_now stamped as the ORM's save does.
        assert (stored.status, stored.lat, stored.updated_at) == (unit.status, unit.lat, unit.updated_at)
        assert stored.lon != -0.14 and stored.updated_at > before
    # The conditional form: of two updates on the same condition exactly one matches.
    first = update.run({"status": Unit.Status.EN_ROUTE}, pk=units[0].pk, status=Unit.Status.AT_SCENE)
    second = update.run({"status": Unit.Status.EN_ROUTE}, pk=units[0].pk, status=Unit.Status.AT_SCENE)
    assert (first, second) == (1, 0) and Unit.objects.get(pk=units[0].pk).status == Unit.Status.EN_ROUTE
    assert Unit.objects.get(pk=units[1].pk).status == Unit.Status.AT_SCENE
    gone = Unit(pk=units[1].pk + 1000, partnership=home, call_sign="GONE", kind=Unit.Kind.RESPONSE)
    gone._state.adding = False
    with pytest.raises(DatabaseError):
        update.save(gone, ["status"])  # as save(update_fields=...): a row that is not there is an error
    with pytest.raises(ValueError):
        update.run({"status": Unit.Status.AVAILABLE}, pk=units[0].pk, officer=None)  # = NULL matches nothing
    with pytest.raises(ValueError):
        update.save(Unit(partnership=home, call_sign="NEW", kind=Unit.Kind.RESPONSE), ["status"])
