"""Officers' incidents (through the control room's intake), hand-over to the police, video clips and
fixed penalty notices. Only the powers the officer holds, in force today, can be used."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from watchkeeper.control.models import IncidentEvent
from watchkeeper.control.services import create_incident
from watchkeeper.control.services.common import event, publish_incident
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.models import AuditEntry
from watchkeeper.patrol.contract.models import Contract
from watchkeeper.patrol.contract.queries import rules_on
from watchkeeper.patrol.officers.models import Officer
from watchkeeper.patrol.officers.queries import usable_powers
from watchkeeper.patrol.powers import rules
from watchkeeper.patrol.powers.models import FixedPenaltyNotice, NoticeEvent, PatrolIncident, PowerUse, VideoClip
from watchkeeper.patrol.proof.services import append_log
from watchkeeper.patrol.shifts.models import Shift
from watchkeeper.sharing import disclosures


def current_shift(officer: Officer, at: datetime | None = None) -> Shift:
    at = at or timezone.now()
    shift = Shift.objects.filter(
        contract=officer.contract, starts_at__lte=at, ends_at__gt=at, roster__officer=officer
    ).first()
    if shift is None:
        raise Invalid("You are not on a shift now.")
    return shift


def _own(actor: Actor, officer: Officer) -> None:
    require(actor.user, "patrol.record", officer)
    if officer.user_id != getattr(actor.user, "pk", None):
        raise Invalid("Officers record their own work only.")


def log_incident(actor: Actor, officer: Officer, category: str, notes: str, lat: float, lon: float) -> PatrolIncident:
    """An incident from the officer's phone: a control-room incident through the intake service
    (channel "patrol self-generated"), and the officer's court-standard notes linked to it."""
    _own(actor, officer)
    if not (notes or "").strip():
        raise Invalid("Write the notes: what you saw and heard, in order.")
    shift = current_shift(officer)
    with transaction.atomic():
        incident = create_incident(
            actor,
            officer.contract.partnership,
            channel="self",
            category=category,
            description=notes.strip()[:2000],
            lat=lat,
            lon=lon,
            source="patrol",
        )
        logged = PatrolIncident.objects.create(shift=shift, officer=officer, incident=incident, notes=notes.strip())
        append_log(actor, shift, "incident", officer=officer.collar_number, incident=incident.reference)
        record(actor, AuditEntry.Kind.CREATE, logged, fields=["notes"], summary=f"Patrol incident {incident.reference}")
    return logged


def hand_to_police(actor: Actor, logged: PatrolIncident) -> PatrolIncident:
    """Hand the incident to the police in one action: noted on the control-room incident's timeline
    (so the borough sees it on the board) and in the patrol log."""
    _own(actor, logged.officer)
    with transaction.atomic():
        locked = PatrolIncident.objects.select_for_update().get(pk=logged.pk)
        if locked.handed_to_police_at is not None:
            raise Conflict(f"{locked.incident.reference} was already handed to the police.")
        locked.handed_to_police_at = timezone.now()
        locked.save(update_fields=["handed_to_police_at"])
        event(
            locked.incident,
            IncidentEvent.Kind.NOTE,
            actor,
            text=f"Handed to the police by patrol officer {locked.officer.collar_number}.",
        )
        append_log(actor, locked.shift, "handover", incident=locked.incident.reference)
        disclosures.record(
            actor,
            locked,
            purpose="Hand-over of a patrol incident to the police for investigation or attendance",
            lawful_basis="dpa_part3",
            method="other",
            recipient_organisation="Police (borough command, through the control room)",
            reference=locked.incident.reference,
            description=f"Patrol officer's notes on {locked.incident.reference}",
        )
        record(actor, AuditEntry.Kind.UPDATE, locked, fields=["handed_to_police_at"], summary="Handed to police")
        publish_incident(locked.incident)
    return locked


def add_clip(
    actor: Actor,
    officer: Officer,
    reference: str,
    sha256: str,
    started_at: datetime,
    incident: PatrolIncident | None = None,
    notice: FixedPenaltyNotice | None = None,
) -> VideoClip:
    """Record a body-worn video clip by its camera-system reference and SHA-256 (the footage stays
    in the camera system); linked to an incident or a notice of the same officer."""
    _own(actor, officer)
    problem = rules.sha256_problem(sha256)
    if problem:
        raise Invalid(problem)
    for linked in (incident, notice):
        if linked is not None and linked.officer_id != officer.pk:
            raise Invalid("Link clips to your own incidents and notices.")
    shift = (incident or notice).shift if (incident or notice) else current_shift(officer)
    with transaction.atomic():
        if VideoClip.objects.filter(reference=reference).exists():
            raise Conflict(f"Clip {reference} is already recorded.")
        clip = VideoClip.objects.create(
            shift=shift,
            officer=officer,
            reference=reference,
            sha256=sha256,
            started_at=started_at,
            incident=incident,
            notice=notice,
        )
        append_log(actor, shift, "clip", reference=reference, sha256=sha256)
        record(actor, AuditEntry.Kind.CREATE, clip, fields=["reference", "sha256"], summary=f"BWV clip {reference}")
    return clip


def issue_notice(
    actor: Actor,
    officer: Officer,
    power_code: str,
    recipient_name: str,
    recipient_address: str,
    lat: float,
    lon: float,
    video_running: bool,
) -> FixedPenaltyNotice:
    """A fixed penalty notice under a power the officer holds and may use today."""
    _own(actor, officer)
    now = timezone.now()
    power = next((p for p in usable_powers(officer, timezone.localdate(now)) if p.code == power_code), None)
    if power is None or not power.issues_notice:
        raise Invalid(f"You do not hold a power in force to issue a notice for {power_code!r}.")
    if not recipient_name.strip() or not recipient_address.strip():
        raise Invalid("A notice needs the recipient's name and address.")
    shift = current_shift(officer, now)
    with transaction.atomic():
        Contract.objects.select_for_update().get(pk=officer.contract_id)  # one notice number at a time
        number = FixedPenaltyNotice.objects.filter(shift__contract=officer.contract).count() + 1
        notice = FixedPenaltyNotice.objects.create(
            shift=shift,
            officer=officer,
            power=power,
            reference=f"FPN-{officer.contract_id}-{number:06d}",
            issued_at=now,
            lat=lat,
            lon=lon,
            amount=power.fine_amount or 0,
            recipient_name=recipient_name.strip(),
            recipient_address=recipient_address.strip(),
            video_running=video_running,
        )
        NoticeEvent.objects.create(
            notice=notice, at=now, from_status="", to_status=notice.status, actor_label=actor.label
        )
        append_log(actor, shift, "notice", reference=notice.reference, power=power.code, video_running=video_running)
        record(
            actor, AuditEntry.Kind.CREATE, notice, fields=["power", "recipient"], summary=f"Notice {notice.reference}"
        )
    return notice


def use_power(actor: Actor, officer: Officer, body) -> PowerUse:
    """Record a name-and-address requirement or an alcohol confiscation (`body`: schemas.PowerUseIn),
    under a power the officer holds and may use today. The patrol log notes the power and whether
    video was running, never the person."""
    _own(actor, officer)
    now = timezone.now()
    power = next((p for p in usable_powers(officer, timezone.localdate(now)) if p.code == body.power), None)
    if power is None:
        raise Invalid(f"You do not hold the power {body.power!r} in force today.")
    problems = rules.power_use_problems(
        body.power, body.reason, body.person_name, body.person_address, body.refused, body.alcohol, body.disposal
    )
    if problems:
        raise Invalid(" ".join(f"{field}: {message}" for field, message in problems.items()))
    shift = current_shift(officer, now)
    with transaction.atomic():
        used = PowerUse.objects.create(
            shift=shift,
            officer=officer,
            power=power,
            used_at=now,
            lat=body.lat,
            lon=body.lon,
            reason=body.reason.strip(),
            person_name=body.person_name.strip(),
            person_address=body.person_address.strip(),
            refused=body.refused,
            alcohol=body.alcohol.strip(),
            disposal=body.disposal,
            video_running=body.video_running,
        )
        append_log(actor, shift, "power", power=power.code, video_running=body.video_running, refused=body.refused)
        fields = ["power", "reason"] + (["person_name", "person_address"] if used.person_name else [])
        record(actor, AuditEntry.Kind.CREATE, used, fields=fields, summary=f"Power used: {power.label}")
    return used


def move_notice(
    actor: Actor, notice: FixedPenaltyNotice, target: str, note: str = "", appeal_upheld: bool | None = None
) -> FixedPenaltyNotice:
    """One step of the notice's lifecycle (paid, appealed, cancelled, prosecuted, or back to issued
    when an appeal is rejected), checked by the state machine and recorded as an event."""
    require(actor.user, "patrol.notice.process", notice)
    now = timezone.now()
    payment_days = rules_on(timezone.localdate(notice.issued_at)).notice_payment_days
    with transaction.atomic():
        locked = FixedPenaltyNotice.objects.select_for_update().get(pk=notice.pk)
        problem = rules.transition_problem(locked.status, target, locked.issued_at, now, payment_days)
        if problem:
            raise Conflict(problem)
        if locked.status == rules.APPEALED:
            locked.appeal_upheld = target == rules.CANCELLED if appeal_upheld is None else appeal_upheld
        before, locked.status = locked.status, target
        locked.save(update_fields=["status", "appeal_upheld"])
        NoticeEvent.objects.create(
            notice=locked, at=now, from_status=before, to_status=target, actor_label=actor.label, note=note[:500]
        )
        record(
            actor,
            AuditEntry.Kind.UPDATE,
            locked,
            changes={"status": [before, target]},
            summary=f"Notice {locked.reference} {before} -> {target}",
        )
    return locked
