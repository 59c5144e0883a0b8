"""The audit trail is append-only and tamper-evident: verify_audit names the first bad entry."""

import pytest
from django.core.management import call_command
from django.db import connection

from tests.conftest import SECRET_PERSON, person_client
from watchkeeper.core import audit
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry, Person


def verify_exit(capsys) -> tuple[int, str]:
    try:
        call_command("verify_audit")
    except SystemExit as exc:
        return exc.code, capsys.readouterr().err
    return 0, capsys.readouterr().out


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
