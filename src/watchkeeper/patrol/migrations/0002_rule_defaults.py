"""Default rule data: the dwell target after Koper (1995) and the CSAS powers commonly granted to
council patrol officers (Police Reform Act 2002 Sch. 5). Fine amounts are defaults an administrator
edits to the council's own (config)."""

from datetime import date
from decimal import Decimal

from django.db import migrations

POWERS = [
    ("require-name-address", "Require name and address", False, None),
    ("alcohol-confiscation", "Confiscate alcohol (designated area)", False, None),
    ("fpn-cycling-footway", "Fixed penalty: cycling on a footway", True, Decimal("50")),
    ("fpn-litter", "Fixed penalty: dropping litter", True, Decimal("100")),
    ("fpn-dog-fouling", "Fixed penalty: dog fouling", True, Decimal("100")),
    ("fpn-graffiti", "Fixed penalty: graffiti or fly-posting", True, Decimal("150")),
]


def seed(apps, schema_editor):
    PatrolRules = apps.get_model("patrol", "PatrolRules")
    Power = apps.get_model("patrol", "Power")
    PatrolRules.objects.get_or_create(
        effective_from=date(2018, 1, 1),
        defaults={
            "source": "Koper (1995): 10-15 minute stops about every 2 hours; Defra statutory guidance April 2026.",
        },
    )
    for code, label, notice, amount in POWERS:
        Power.objects.get_or_create(
            code=code, defaults={"label": label, "issues_notice": notice, "fine_amount": amount}
        )


class Migration(migrations.Migration):
    dependencies = [("patrol", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
