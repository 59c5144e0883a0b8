"""Paired-camera sections (two sites along one road and the distance between them), made and
changed from their page: checked by the model's rules, the exit site set to enforce the section
average or its own spot speed, one transaction with the audit entries of both."""

from __future__ import annotations

from django.db import transaction

from watchkeeper.anpr.sites.models import Section, Site
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.changes import created, diff, snapshot
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import AuditEntry

FIELDS = ("code", "entry", "exit", "distance_m", "max_minutes")


def save_section(actor: Actor, section: Section, values: dict, exit_enforces: str) -> Section:
    """Create (section without pk) or change a section from checked `values` (FIELDS); the exit
    site's `enforces` set as asked. ValidationError (400) from the model's rules, nothing saved."""
    for obj in (section if section.pk else None, values["entry"], values["exit"]):
        require(actor.user, "anpr.manage", obj)
    entry = values["entry"]
    require_member(actor.user, entry.partnership)
    if exit_enforces not in Site.Enforces.values:
        raise ValueError(exit_enforces)
    with transaction.atomic():
        if section.pk:
            section = Section.objects.select_for_update().get(pk=section.pk)
        before = snapshot(section) if section.pk else None
        for name in FIELDS:
            setattr(section, name, values[name])
        section.partnership = entry.partnership
        section.full_clean()
        section.save()
        after = snapshot(section)
        changes = created(after) if before is None else diff(before, after)
        kind = AuditEntry.Kind.CREATE if before is None else AuditEntry.Kind.UPDATE
        record(actor, kind, section, changes=changes, summary=f"Paired-camera section {section.code}")
        exit_site = Site.objects.select_for_update().get(pk=section.exit_id)
        if exit_site.enforces != exit_enforces:
            record(
                actor,
                AuditEntry.Kind.UPDATE,
                exit_site,
                changes={"enforces": [exit_site.enforces, exit_enforces]},
                summary=f"Site {exit_site.code} enforces the {Site.Enforces(exit_enforces).label.lower()}",
            )
            exit_site.enforces = exit_enforces
            exit_site.save(update_fields=["enforces"])
    return section
