"""`watchkeeper import_partner_data FILE --mapping NAME --agreement REF --partnership SLUG`.

Loads a partner's CSV or .xlsx file with a saved column mapping, recorded against its sharing
agreement. The file is refused whole (nothing written, non-zero exit, one line on stderr) when the
agreement is expired or not yet in force, when the mapping takes personal data the agreement does
not allow, or when a mapped column is missing. Bad rows are listed with file, line and column while
the good rows load; re-importing a file adds nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management import BaseCommand, CommandError

from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Partnership
from watchkeeper.sharing.models import ColumnMapping, SharingAgreement
from watchkeeper.sharing.services import PartnerImportError, import_file


class Command(BaseCommand):
    help = "Import a partner's CSV or Excel (.xlsx) file with a saved column mapping under a sharing agreement."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--mapping", required=True, help="Saved column mapping name")
        parser.add_argument("--agreement", required=True, help="Sharing agreement reference")
        parser.add_argument("--partnership", required=True, help="Partnership slug")
        parser.add_argument("--dataset", default="", help="Dataset name (default: '<agreement>: <mapping>')")
        parser.add_argument("--show-bad", type=int, default=20, help="Bad rows to list (default: %(default)s)")

    def handle(self, *args, file, mapping, agreement, partnership, dataset, show_bad, **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(
                f"No partnership {partnership!r}; known: "
                f"{', '.join(Partnership.objects.values_list('slug', flat=True))}"
            )
        the_mapping = ColumnMapping.objects.filter(partnership=found, name=mapping).first()
        if the_mapping is None:
            known = ", ".join(ColumnMapping.objects.filter(partnership=found).values_list("name", flat=True)) or "none"
            raise CommandError(f"No column mapping {mapping!r} in {found.slug}; known: {known}")
        the_agreement = SharingAgreement.objects.filter(partnership=found, reference=agreement).first()
        if the_agreement is None:
            known = ", ".join(SharingAgreement.objects.filter(partnership=found).values_list("reference", flat=True))
            raise CommandError(f"No sharing agreement {agreement!r} in {found.slug}; known: {known or 'none'}")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            run, parsed = import_file(
                Actor(None, "cli:import_partner_data"), found, the_agreement, the_mapping, path, dataset=dataset
            )
        except PartnerImportError as exc:
            raise CommandError(f"Nothing imported. {exc}") from None
        self.stdout.write(
            f"{parsed.name}: {run.rows_good} good rows ({run.rows_new} new, {run.rows_already} "
            f"already held), {run.rows_bad} bad; dataset {run.dataset.name!r}, "
            f"agreement {the_agreement.reference}"
        )
        for bad in parsed.bad[:show_bad]:
            self.stdout.write(f"  {bad['file']} line {bad['line']}, column {bad['column']}: {bad['problem']}")
        if len(parsed.bad) > show_bad:
            self.stdout.write(f"  ... and {len(parsed.bad) - show_bad} more bad rows")
