"""Partner data imports: read a partner's CSV or Excel file with a saved column mapping, validate every
row, and load the good rows in one transaction with one audit entry, recorded against the sharing
agreement that allows the sharing.

The whole file is refused (PartnerImportError, nothing written) when the agreement is not in force,
when the mapping takes personal data the agreement does not allow, when the agreement, mapping and
partnership do not belong together, or when a mapped column is missing from the file. Otherwise bad
rows are reported with file, line and column and the good rows load; a row already held (same
external id in the dataset) is counted, not loaded twice."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.loading import close_run, open_run
from watchkeeper.core.membership import require_member
from watchkeeper.core.models import AuditEntry, Partnership
from watchkeeper.sharing.models import (
    ColumnMapping,
    PartnerDataset,
    PartnerImportRun,
    PartnerRecord,
    SharingAgreement,
)
from watchkeeper.sharing.reading import ParsedPartnerFile, PartnerImportError, check_agreement, parse


def _member(actor: Actor, partnership: Partnership, action: str = "intel.import") -> None:
    """People must hold the action and belong to the partnership; the command line (no user) may."""
    if actor.user is None:
        return
    require(actor.user, action)
    require_member(actor.user, partnership)


def dataset_for(
    partnership: Partnership, agreement: SharingAgreement, mapping: ColumnMapping, name: str = ""
) -> tuple[PartnerDataset | None, str]:
    name = (name or "").strip()[:200] or f"{agreement.reference}: {mapping.name}"[:200]
    found = PartnerDataset.objects.filter(partnership=partnership, name=name).first()
    if found is not None and found.agreement_id != agreement.pk:
        raise PartnerImportError(
            f"Dataset {name!r} is held under agreement {found.agreement.reference}, not {agreement.reference}."
        )
    return found, name


def import_file(
    actor: Actor,
    partnership: Partnership,
    agreement: SharingAgreement,
    mapping: ColumnMapping,
    path: Path,
    name: str | None = None,
    dataset: str = "",
    batch_size: int = 2000,
) -> tuple[PartnerImportRun, ParsedPartnerFile]:
    """Check, read, validate, then store the good rows in one transaction with one audit entry."""
    name = name or path.name
    _member(actor, partnership)
    check_agreement(partnership, agreement, mapping)
    found, dataset_name = dataset_for(partnership, agreement, mapping, dataset)
    parsed = parse(path, name, partnership, mapping, allow_personal=agreement.personal_data_allowed)
    with transaction.atomic():
        if found is None:
            found, _ = PartnerDataset.objects.get_or_create(
                partnership=partnership, name=dataset_name, defaults={"agreement": agreement, "mapping": mapping}
            )
        run = open_run(
            PartnerImportRun,
            actor,
            partnership,
            name,
            parsed.sha256,
            parsed.bad,
            dataset=found,
            agreement=agreement,
            mapping=mapping,
            rows_good=len(parsed.good),
        )
        held = PartnerRecord.objects.filter(dataset=found)
        before = held.count()
        for start in range(0, len(parsed.good), batch_size):
            PartnerRecord.objects.bulk_create(
                [
                    PartnerRecord(partnership=partnership, agreement=agreement, dataset=found, import_run=run, **row)
                    for row in parsed.good[start : start + batch_size]
                ],
                ignore_conflicts=True,
            )
        run.rows_new = held.count() - before
        run.rows_already = run.rows_good - run.rows_new
        close_run(
            actor,
            run,
            "partner_records",
            f"Imported {name} under agreement {agreement.reference} with mapping {mapping.name!r} "
            f"into {found.name!r}: {run.rows_good} good ({run.rows_new} new, {run.rows_already} "
            f"already held), {run.rows_bad} bad",
        )
    return run, parsed


def import_upload(
    actor: Actor,
    partnership: Partnership,
    agreement: SharingAgreement,
    mapping: ColumnMapping,
    upload,
    dataset: str = "",
) -> tuple[PartnerImportRun, ParsedPartnerFile]:
    """The upload page's import: the file goes to a private temporary folder, is imported, and is removed."""
    _member(actor, partnership)
    name = Path(upload.name or "").name[:200] or "upload.csv"
    with tempfile.TemporaryDirectory(prefix="wk-partner-") as folder:
        path = Path(folder) / ("upload" + Path(name).suffix.lower()[:6])
        with open(path, "wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        return import_file(actor, partnership, agreement, mapping, path, name=name, dataset=dataset)


def _create(actor: Actor, partnership: Partnership, model, fields: dict, summary):
    """A partnership's new agreement or column mapping: validated by the model, then saved with its
    audit entry (`summary(record)`) in one transaction."""
    _member(actor, partnership)
    item = model(partnership=partnership, created_by=actor.user if actor.user else None, **fields)
    item.full_clean()
    with transaction.atomic():
        item.save()
        record(actor, AuditEntry.Kind.CREATE, item, fields=sorted(fields), summary=summary(item))
    return item


def create_agreement(actor: Actor, partnership: Partnership, **fields) -> SharingAgreement:
    return _create(
        actor, partnership, SharingAgreement, fields, lambda a: f"Sharing agreement {a.reference} with {a.partner}"
    )


def create_mapping(actor: Actor, partnership: Partnership, **fields) -> ColumnMapping:
    return _create(actor, partnership, ColumnMapping, fields, lambda m: f"Column mapping {m.name}")


__all__ = [
    "PartnerImportError",
    "ValidationError",
    "check_agreement",
    "create_agreement",
    "create_mapping",
    "import_file",
    "import_upload",
    "parse",
]
