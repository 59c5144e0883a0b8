"""Evidence story: a master sealed by upload (streamed and hashed), a working copy carrying its
parent's hash, the signed continuity log, a release only after a data controller's approval, the
package verified offline by the management command, and every kind of tampering caught."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import zipfile
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from watchkeeper.cctv.evidence import keys, services, verify
from watchkeeper.cctv.evidence.models import ContinuityEntry, Master, WorkingCopy
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.factories]

FOOTAGE = os.urandom(3 * 1024 * 1024 + 17)  # several chunks and a ragged end


def _request(room, approve=True):
    return room.police_request(approve)


def _master(room, request=None, data=FOOTAGE, exhibit="EX-1"):
    now = timezone.now()
    return services.register_master(
        room.actor(),
        room.partnership.slug,
        room.north.code,
        exhibit=exhibit,
        cameras=["N-01"],
        start=now - timedelta(hours=5),
        end=now - timedelta(hours=4),
        clock_offset_s=-2,
        seal_number="SEAL-9",
        upload=io.BytesIO(data),
        filename="export.mkv",
        request_id=request.pk if request else None,
    )


def test_an_uploaded_master_is_hashed_and_stored_read_only(room):
    master = _master(room)
    assert master.sha256 == hashlib.sha256(FOOTAGE).hexdigest() and master.size == len(FOOTAGE) and master.stored
    path = services.package.master_path(master)
    assert path.read_bytes() == FOOTAGE
    assert stat.S_IMODE(path.stat().st_mode) == 0o400
    first = master.continuity.get()
    assert (first.seq, first.purpose) == (1, "master export sealed")
    assert AuditEntry.objects.filter(object_type="cctv.master", object_id=str(master.pk)).exists()


def test_a_master_can_never_be_changed_replaced_or_deleted(room):
    master = _master(room)
    master.seal_number = "SEAL-FORGED"
    with pytest.raises(Conflict):
        master.save()
    with pytest.raises(Conflict):
        Master.objects.filter(pk=master.pk).update(sha256="0" * 64)
    with pytest.raises(Conflict):
        master.delete()
    with pytest.raises(Conflict):
        _master(room, data=b"other footage")  # same exhibit: never replaced
    entry = master.continuity.get()
    entry.to_party = "someone else"
    with pytest.raises(Conflict):
        entry.save()
    with pytest.raises(Conflict):
        ContinuityEntry.objects.filter(pk=entry.pk).update(purpose="edited")
    assert Master.objects.get(pk=master.pk).seal_number == "SEAL-9"


def test_a_stated_hash_that_does_not_match_the_upload_is_refused_and_nothing_sealed(room):
    now = timezone.now()
    with pytest.raises(Invalid, match="not the"):
        services.register_master(
            room.actor(),
            room.partnership.slug,
            room.north.code,
            exhibit="EX-2",
            cameras=["N-01"],
            start=now - timedelta(hours=2),
            end=now - timedelta(hours=1),
            clock_offset_s=0,
            seal_number="S",
            upload=io.BytesIO(b"abc"),
            filename="a.mkv",
            sha256="f" * 64,
        )
    assert not Master.objects.filter(exhibit="EX-2").exists()
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.DENIED, summary__contains="EX-2").exists()


def test_a_working_copy_must_name_the_master_as_parent(room):
    master = _master(room)
    with pytest.raises(Invalid):
        services.derive_copy(
            room.actor(), master, io.BytesIO(b"clip"), "EX-1-redacted-1.mp4", "redacted for SAR", "a" * 64
        )
    copy = services.derive_copy(
        room.actor(),
        master,
        io.BytesIO(b"clip"),
        "EX-1-redacted-1.mp4",
        "redacted for SAR",
        master.sha256,
        redacted=True,
    )
    assert copy.parent_sha256 == master.sha256 and copy.sha256 == hashlib.sha256(b"clip").hexdigest()
    with pytest.raises(Conflict):
        WorkingCopy.objects.filter(pk=copy.pk).update(redacted=False)


def test_no_release_without_a_data_controllers_approval(room):
    master = _master(room)
    pending = _request(room, approve=False)
    with pytest.raises(Invalid, match="not been approved"):
        services.release(room.actor(room.controller), master, pending, "Herts Police DMU")
    assert not master.releases.exists() and master.continuity.count() == 1
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.DENIED, summary__contains="not approved").exists()


def _released(room):
    request = _request(room)
    master = _master(room, request)
    services.derive_copy(
        room.actor(), master, io.BytesIO(b"working copy"), "EX-1-working-1.mp4", "playable copy", master.sha256
    )
    item, token = services.release(
        room.actor(room.controller), master, request, "Herts Police DMU", "dmu@police.example"
    )
    return master, item, token


def test_release_builds_a_package_that_verifies_offline(room, tmp_path, capsys):
    master, item, token = _released(room)
    path = services.release_path(item)
    pem = tmp_path / "key.pem"
    pem.write_bytes(keys.public_pem(room.partnership.slug))
    call_command("verify_package", str(path), "--public-key", str(pem))
    out = capsys.readouterr().out
    assert "VERIFIED: package EX-1" in out and "manifest signature" in out and "continuity log: 2 entries" in out
    with zipfile.ZipFile(path) as z:
        manifest = json.loads(z.read("manifest.json"))
        assert z.read("continuity_statement.pdf").startswith(b"%PDF")
    assert manifest["recorder_clock_offset_s"] == -2 and manifest["cameras"] == ["N-01"]
    assert manifest["master"]["sha256"] == hashlib.sha256(FOOTAGE).hexdigest()
    assert manifest["time_range_utc"]["start"].endswith("Z")
    item.request.refresh_from_db()
    assert item.request.status == "disclosed"
    assert AuditEntry.objects.filter(object_type="sharing.disclosure").exists()


def _rewrite(source, target, change):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info.filename)))


def test_tampering_is_caught(room, tmp_path):
    master, item, token = _released(room)
    source = services.release_path(item)
    pem = keys.public_pem(room.partnership.slug)
    assert verify.verify(str(source), pem).ok

    def flip_video(name, data):
        return data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("files/export") else data

    def edit_continuity(name, data):
        return (
            data.replace(b"playable", b"PLAYABLE").replace(b"Herts Police DMU", b"Someone Else")
            if name == "continuity.json"
            else data
        )

    def edit_manifest(name, data):
        return (
            data.replace(b'"recorder_clock_offset_s": -2', b'"recorder_clock_offset_s": 0')
            if name == "manifest.json"
            else data
        )

    for change, expected in (
        (flip_video, "does not match the manifest"),
        (edit_continuity, "edited"),
        (edit_manifest, "signature does not verify"),
    ):
        target = tmp_path / f"{change.__name__}.zip"
        _rewrite(source, target, change)
        report = verify.verify(str(target), pem)
        assert not report.ok and any(expected in p for p in report.problems), report.problems
    other_key = tmp_path / "other.pem"
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    other_key.write_bytes(
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    assert not verify.verify(str(source), other_key.read_bytes()).ok
    assert not verify.verify(io.BytesIO(b"not a zip")).ok


def test_release_re_verifies_the_master_and_refuses_a_changed_file(room):
    request = _request(room)
    master = _master(room, request)
    path = services.package.master_path(master)
    os.chmod(path, 0o600)
    path.write_bytes(b"replaced on disk")
    with pytest.raises(Conflict, match="no longer matches"):
        services.release(room.actor(room.controller), master, request, "Police")
    assert not master.releases.exists()
    assert services.verify_master(master) is False


def test_the_download_link_is_audited_and_expires(room, client):
    master, item, token = _released(room)
    response = client.get(f"/cctv/download/{token}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    item.refresh_from_db()
    assert item.downloads == 1
    assert AuditEntry.objects.filter(object_type="cctv.release", summary__contains="downloaded by link").exists()
    assert client.get("/cctv/download/not-a-token/").status_code == 404
    type(item).objects.filter(pk=item.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/cctv/download/{token}/").status_code == 409


def test_the_signing_key_is_private_to_its_owner(room):
    keys.private_key(room.partnership.slug)
    path = keys.key_dir() / f"{room.partnership.slug}.pem"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_verify_page_checks_a_dropped_package(room, client):
    master, item, token = _released(room)
    client.force_login(room.partner)
    with services.release_path(item).open("rb") as package:
        response = client.post("/cctv/verify/", {"package": package})
    assert response.status_code == 200 and b"VERIFIED: package EX-1" in response.content


def test_each_release_is_in_the_disclosure_record(room):
    from watchkeeper.sharing.models import Disclosure

    master, item, _token = _released(room)
    found = Disclosure.objects.get(source_type="cctv.master", source_id=master.pk)
    assert (found.lawful_basis, found.method, found.reference) == ("dpa_part3", "secure_link", item.request.reference)
    assert found.recipient_name == "Herts Police DMU"


def test_a_release_to_an_agency_under_an_agreement_needs_the_agreement(room):
    from datetime import date

    from tests import factories as f
    from watchkeeper.sharing.models import SharingAgreement

    police = f.agency(room.partnership, slug="police-matrix")
    SharingAgreement.objects.create(
        partnership=room.partnership,
        partner_agency=police,
        title="CCTV to police",
        reference="ISA-CCTV-1",
        lawful_basis="public_task",
        purpose="Crime",
        data_categories="CCTV footage",
        starts_on=date(2025, 1, 1),
        personal_data_allowed=True,
    )
    request = room.police_request(requester="DC Rowe", recipient_agency="police-matrix")
    master = _master(room, request)
    with pytest.raises(Invalid, match="agreement"):
        services.release(room.actor(room.controller), master, request, "DC Rowe")
    assert not master.releases.exists() and master.continuity.count() == 1
    request.refresh_from_db()
    assert request.status == "approved"


def test_the_pages_seal_an_upload_and_release_it_by_a_link_shown_once(room, client):
    request = _request(room)
    now = timezone.localtime()
    client.force_login(room.operator)
    form = {
        "partnership": room.partnership.slug,
        "exhibit": "EX-PAGE",
        "cameras": ["N-01"],
        "seal_number": "SEAL-P",
        "start": (now - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"),
        "end": (now - timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
        "clock_offset_s": "3",
        "request_id": str(request.pk),
        "file": io.BytesIO(b"page footage"),
    }
    response = client.post("/cctv/evidence/", form)
    master = Master.objects.get(exhibit="EX-PAGE")
    assert response.status_code == 302 and master.sha256 == hashlib.sha256(b"page footage").hexdigest()
    assert (
        client.post(
            f"/cctv/evidence/{master.pk}/", {"form": "release", "request_id": request.pk, "recipient": "DC Page"}
        ).status_code
        == 403
    )
    client.force_login(room.controller)
    response = client.post(
        f"/cctv/evidence/{master.pk}/", {"form": "release", "request_id": request.pk, "recipient": "DC Page"}
    )
    assert response.status_code == 302
    first = client.get(f"/cctv/evidence/{master.pk}/").content.decode()
    assert "/cctv/download/" in first and "DC Page" in first
    assert "/cctv/download/" not in client.get(f"/cctv/evidence/{master.pk}/").content.decode()  # shown once
