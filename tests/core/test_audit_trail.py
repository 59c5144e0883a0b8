"""The audit trail is append-only and tamper-evident: verify_audit names the first bad entry."""

import importlib

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from tests.conftest import SECRET_PERSON, person_client
from watchkeeper.core import audit, audit_anchor
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry, Person


@pytest.fixture(autouse=True)
def own_checkpoint(settings, tmp_path):
    """Each story starts with no checkpoint outside the database, as a fresh installation does."""
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit_checkpoint.json"


def verify_exit(capsys, *args) -> tuple[int, str]:
    try:
        call_command("verify_audit", *args)
    except SystemExit as exc:
        return exc.code, capsys.readouterr().err
    return 0, capsys.readouterr().out


def checkpoint(capsys) -> str:
    """Run `watchkeeper audit_checkpoint` as cron would; returns the SEQ:HASH line it prints."""
    call_command("audit_checkpoint")
    out = capsys.readouterr().out
    return out.split("Checkpoint ", 1)[1].split()[0]


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))


def rewrite_chain_without_the_key(from_seq: int) -> None:
    """What the old, unkeyed chain allowed: recompute every hash from `from_seq` on (SHA-256)."""
    prev = AuditEntry.objects.get(seq=from_seq - 1).hash if from_seq > 1 else audit.GENESIS
    for entry in AuditEntry.objects.filter(seq__gte=from_seq).order_by("seq"):
        entry.prev_hash = prev
        entry.hash = audit.legacy_digest(entry)
        sql("UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE id = %s", [prev, entry.hash, entry.pk])
        prev = entry.hash
    sql("UPDATE core_audithead SET hash = %s WHERE id = 1", [prev])


def make_entries(n: int = 3) -> list[AuditEntry]:
    return [
        audit.record(Actor(None, "test"), AuditEntry.Kind.UPDATE, ("core.person", str(i)), summary=f"e{i}")
        for i in range(n)
    ]


def test_intact_chain_reports_its_count(db, capsys):
    make_entries(3)
    code, out = verify_exit(capsys)
    assert code == 0
    assert f"{AuditEntry.objects.count()} entries" in out


def test_editing_one_row_with_raw_sql_is_named(db, capsys):
    entries = make_entries(4)
    target = entries[1]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET summary = %s WHERE seq = %s", ["nothing to see", target.seq])
    code, err = verify_exit(capsys)
    assert code == 1
    assert f"entry {target.seq}" in err and "altered" in err


def test_deleting_a_middle_row_is_named(db, capsys):
    entries = make_entries(4)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE seq = %s", [entries[2].seq])
    code, err = verify_exit(capsys)
    assert code == 1 and f"entry {entries[2].seq} is missing" in err


def test_deleting_the_last_row_is_noticed(db, capsys):
    entries = make_entries(2)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE seq = %s", [entries[-1].seq])
    code, err = verify_exit(capsys)
    assert code == 1 and "removed" in err


def test_reordering_rows_is_noticed(db, capsys):
    a, b = make_entries(2)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET seq = -1 WHERE seq = %s", [a.seq])
        cursor.execute("UPDATE core_auditentry SET seq = %s WHERE seq = %s", [a.seq, b.seq])
        cursor.execute("UPDATE core_auditentry SET seq = %s WHERE seq = -1", [b.seq])
    code, err = verify_exit(capsys)
    assert code == 1 and f"entry {a.seq}" in err


def test_entries_cannot_be_changed_or_deleted_through_the_orm(db):
    entry = make_entries(1)[0]
    entry.summary = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_admin_offers_no_way_to_change_entries(db):
    entry = make_entries(1)[0]
    admin = person_client("admin")
    assert admin.get(f"/admin/core/auditentry/{entry.pk}/delete/").status_code == 403
    response = admin.post(f"/admin/core/auditentry/{entry.pk}/change/", {"summary": "x"})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.summary != "x"


def test_reading_a_person_is_audited_with_fields_and_reason(db):
    person = Person.objects.get(family_name=SECRET_PERSON)
    before = AuditEntry.objects.count()
    assert person_client("idva").get(f"/people/{person.pk}/").status_code == 200
    entry = AuditEntry.objects.order_by("-seq").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.kind, entry.object_type, entry.object_id, entry.actor_label) == (
        "read",
        "core.person",
        str(person.pk),
        "idva",
    )
    assert "phone" in entry.fields and "date_of_birth" in entry.fields


def test_roles_that_need_a_reason_must_give_one(db):
    person = Person.objects.get(family_name="Openshaw")
    auditor = person_client("auditor")
    before = AuditEntry.objects.filter(kind="read").count()
    refused = auditor.get(f"/people/{person.pk}/")
    assert refused.status_code == 403 and "reason" in refused.content.decode().lower()
    assert AuditEntry.objects.filter(kind="read").count() == before
    shown = auditor.get(f"/people/{person.pk}/", {"reason": "complaint 2026/114 review"})
    assert shown.status_code == 200
    assert AuditEntry.objects.filter(kind="read").latest("seq").reason == "complaint 2026/114 review"


def test_auditor_filters_and_exports_csv(db):
    from watchkeeper.core.models import User

    # By a Camden member: the auditor sees entries about their own partnership only.
    camden = Actor(User.objects.get(username="handler"), "test")
    for i in range(2):
        audit.record(camden, AuditEntry.Kind.UPDATE, ("core.person", str(i)), summary=f"e{i}")
    auditor = person_client("auditor")
    page = auditor.get("/audit/", {"kind": "update"})
    assert page.status_code == 200 and "e1" in page.content.decode()
    bad = auditor.get("/audit/", {"start": "22/11/2026"})
    assert bad.status_code == 400 and "start must be a date" in bad.content.decode()
    export = auditor.get("/audit/export.csv", {"kind": "update"})
    rows = b"".join(export.streaming_content).decode().strip().splitlines()
    assert rows[0].startswith("seq,at,actor") and len(rows) >= 3
    assert AuditEntry.objects.latest("seq").kind == "export"


def test_only_auditors_see_the_trail(db):
    for username in ("admin", "analyst", "handler"):
        assert person_client(username).get("/audit/").status_code == 403
        assert person_client(username).get("/api/audit").status_code == 403


# The five tampering modes of issue 9 that the unkeyed, unanchored chain let through.


def test_cutting_the_newest_entries_with_the_head_row_is_named(db, capsys):
    entries = make_entries(4)
    checkpoint(capsys)
    sql("DELETE FROM core_auditentry WHERE seq >= %s", [entries[2].seq])
    sql("DELETE FROM core_audithead")
    code, err = verify_exit(capsys)
    assert code == 1
    assert f"BROKEN at entry {entries[2].seq}" in err and f"to {entries[3].seq} are missing" in err


def test_cutting_the_newest_entries_and_rewinding_the_head_is_named(db, capsys):
    entries = make_entries(4)
    checkpoint(capsys)
    sql("DELETE FROM core_auditentry WHERE seq >= %s", [entries[2].seq])
    sql("UPDATE core_audithead SET seq = %s, hash = %s WHERE id = 1", [entries[1].seq, entries[1].hash])
    code, err = verify_exit(capsys)
    assert code == 1 and f"BROKEN at entry {entries[2].seq}" in err


def test_emptying_the_table_and_the_head_is_not_an_intact_empty_trail(db, capsys):
    make_entries(2)
    checkpoint(capsys)
    sql("DELETE FROM core_auditentry")
    sql("DELETE FROM core_audithead")
    code, err = verify_exit(capsys)
    assert code == 1 and "BROKEN at entry 1:" in err and "intact" not in err


def test_editing_an_entry_and_recomputing_every_later_hash_is_named(db, capsys):
    entries = make_entries(4)
    sql("UPDATE core_auditentry SET summary = %s WHERE seq = %s", ["nothing to see", entries[1].seq])
    rewrite_chain_without_the_key(entries[1].seq)
    code, err = verify_exit(capsys)
    assert code == 1 and f"BROKEN at entry {entries[1].seq}" in err and "rewritten" in err


def test_deleting_an_entry_and_renumbering_and_rehashing_the_rest_is_named(db, capsys):
    entries = make_entries(4)
    gone = entries[1].seq
    sql("DELETE FROM core_auditentry WHERE seq = %s", [gone])
    for later in entries[2:]:
        sql("UPDATE core_auditentry SET seq = %s WHERE seq = %s", [later.seq - 1, later.seq])
    sql("UPDATE core_audithead SET seq = %s WHERE id = 1", [entries[-1].seq - 1])
    rewrite_chain_without_the_key(gone)
    code, err = verify_exit(capsys)
    assert code == 1 and f"BROKEN at entry {gone}" in err


def test_a_missing_head_row_is_an_error_even_without_a_checkpoint(db, capsys):
    entries = make_entries(2)
    sql("DELETE FROM core_audithead")
    code, err = verify_exit(capsys)
    assert code == 1 and f"BROKEN at entry {entries[-1].seq + 1}" in err and "head row is missing" in err


def test_a_rewound_head_over_intact_entries_is_an_error(db, capsys):
    entries = make_entries(3)
    sql("UPDATE core_audithead SET seq = %s, hash = %s WHERE id = 1", [entries[0].seq, entries[0].hash])
    code, err = verify_exit(capsys)
    assert code == 1 and "rewound" in err and f"entry {entries[1].seq}" in err


# The checkpoint outside the database.


def test_every_committed_entry_advances_the_checkpoint(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = make_entries(1)[0]
    point = audit_anchor.read()
    assert (point.seq, point.hash) == (entry.seq, entry.hash)
    assert oct(audit_anchor.path().stat().st_mode & 0o777) == "0o600"
    # A later process that commits an earlier entry does not move it back.
    audit_anchor.advance(entry.seq - 1, entry.prev_hash)
    assert audit_anchor.read().seq == entry.seq


def test_a_checkpoint_edited_without_the_key_is_reported(db, capsys):
    entries = make_entries(3)
    checkpoint(capsys)
    path = audit_anchor.path()
    path.write_text(path.read_text().replace(f'"seq": {entries[-1].seq}', f'"seq": {entries[0].seq}'))
    code, err = verify_exit(capsys)
    assert code == 1 and "altered" in err


def test_audit_checkpoint_refuses_to_anchor_a_broken_trail(db, capsys):
    entries = make_entries(2)
    sql("UPDATE core_auditentry SET summary = 'x' WHERE seq = %s", [entries[0].seq])
    with pytest.raises(SystemExit):
        call_command("audit_checkpoint")
    assert "Not checkpointed" in capsys.readouterr().err
    assert audit_anchor.read() is None


def test_a_checkpoint_kept_off_the_machine_catches_what_the_data_dir_cannot(db, capsys):
    """Someone with the data dir as well can delete the checkpoint file; a copy kept elsewhere and
    passed back with --expect still shows the cut."""
    entries = make_entries(3)
    kept_elsewhere = checkpoint(capsys)
    sql("DELETE FROM core_auditentry WHERE seq = %s", [entries[-1].seq])
    sql("UPDATE core_audithead SET seq = %s, hash = %s WHERE id = 1", [entries[1].seq, entries[1].hash])
    audit_anchor.path().unlink()
    code, out = verify_exit(capsys)
    assert code == 0 and "No checkpoint outside the database" in out
    code, err = verify_exit(capsys, "--expect", kept_elsewhere)
    assert code == 1 and f"BROKEN at entry {entries[-1].seq}" in err
    with pytest.raises(CommandError):
        call_command("verify_audit", "--expect", "12:nothex")


def test_migration_rekeys_an_intact_legacy_trail_and_leaves_a_broken_one_broken(db, capsys):
    from django.apps import apps

    rekey = importlib.import_module("watchkeeper.core.migrations.0004_audit_keyed_chain").rekey
    entries = make_entries(3)
    rewrite_chain_without_the_key(1)  # as the pre-key code wrote them
    assert verify_exit(capsys)[0] == 1
    rekey(apps, None)
    code, out = verify_exit(capsys)
    assert code == 0 and f"intact: {entries[-1].seq} entries" in out
    rewrite_chain_without_the_key(1)
    sql("UPDATE core_auditentry SET summary = 'x' WHERE seq = %s", [entries[1].seq])
    rekey(apps, None)
    code, err = verify_exit(capsys)
    assert code == 1 and f"BROKEN at entry {entries[1].seq}" in err


# Refused reads are on the trail, without flooding it.


def denied_by(username: str):
    return AuditEntry.objects.filter(kind="denied", actor_label=username)


def test_an_id_enumeration_leaves_a_bounded_trail_naming_the_user(db, as_user, token_for):
    """A call handler walks person ids on the page and the API: every hidden or missing id is a 404,
    and the trail shows who did it, without one entry per attempt."""
    cache.clear()
    secret = Person.objects.get(family_name=SECRET_PERSON)
    ids = [secret.pk, *range(secret.pk + 1000, secret.pk + 1040)]
    handler = as_user("handler")
    for pk in ids:
        assert handler.get(f"/people/{pk}/").status_code == 404
    headers = token_for("handler", scopes=["person.view"])
    for pk in ids:
        assert Client().get(f"/api/people/{pk}", **headers).status_code == 404
    entries = list(denied_by("handler"))
    # One per user and action per minute (the page and the API are one action): 82 refusals, one
    # entry, or two if a minute turned during the walk.
    assert 1 <= len(entries) <= 2
    assert {e.actor.username for e in entries} == {"handler"}
    assert all("person.view" in e.summary and "not found or not visible" in e.summary for e in entries)
    assert f"GET /people/{secret.pk}/" in entries[0].summary


def test_a_role_refusal_is_recorded_once_a_minute(db, as_user):
    cache.clear()
    partner = as_user("partner")
    for _ in range(5):
        assert partner.get("/control/").status_code == 403
        assert partner.get("/api/audit").status_code == 403
    entries = list(denied_by("partner"))
    assert 2 <= len(entries) <= 4
    assert {"incident.view" in e.summary or "audit.view" in e.summary for e in entries} == {True}
    assert all("forbidden" in e.summary for e in entries)
    assert audit.verify().ok


def test_entries_recorded_together_chain_like_single_ones(db, capsys):
    # record_many (an ANPR import's watch-list hits) writes one chained entry per item, between
    # entries written one by one, and verify_audit still walks the chain and names an edit in it.
    before = make_entries(2)[-1]
    many = audit.record_many(
        Actor(None, "test"),
        AuditEntry.Kind.READ,
        [(("anpr.vehicle", plate), ["plate"], f"hit {plate}") for plate in ("AB12CDE", "XY34ZZZ", "CD56EFG")],
    )
    after = make_entries(1)[0]
    assert [e.seq for e in many] == [before.seq + 1, before.seq + 2, before.seq + 3]
    stored = list(AuditEntry.objects.filter(seq__gt=before.seq, object_type="anpr.vehicle").order_by("seq"))
    assert [e.object_id for e in stored] == ["AB12CDE", "XY34ZZZ", "CD56EFG"]
    assert stored[0].prev_hash == before.hash and after.prev_hash == stored[-1].hash
    assert verify_exit(capsys)[0] == 0
    sql("UPDATE core_auditentry SET summary = 'edited' WHERE seq = %s", [many[1].seq])
    code, err = verify_exit(capsys)
    assert code != 0 and f"entry {many[1].seq}" in err
