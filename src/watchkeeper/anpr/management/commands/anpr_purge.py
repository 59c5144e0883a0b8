"""`watchkeeper anpr_purge`: the 6-month purge for every partnership with ANPR sites (run daily)."""

from django.core.management import BaseCommand

from watchkeeper.anpr.models import Site
from watchkeeper.anpr.purge.services import purge_partnership
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Partnership


class Command(BaseCommand):
    help = "Purge ANPR histories with no offence for the rules' purge period, leaving deletion records."

    def handle(self, *args, **options):
        actor = Actor(None, "anpr_purge")
        for partnership in Partnership.objects.filter(pk__in=Site.objects.values("partnership")).order_by("pk"):
            done = purge_partnership(actor, partnership)
            self.stdout.write(f"{partnership.slug}: {done['vehicles']} vehicles, {done['other_reads']} other reads")
