"""Seed the CCTV limits in force: 31-day retention (DOMAIN.md section 2), subject access one month
plus two for complex requests (UK GDPR Art. 12(3); Data (Use and Access) Act 2025, in force 19 June
2025 for the clock-stop rules), a three-month rapid deployment reviewed two weeks before its end."""

from datetime import date

from django.db import migrations


def seed(apps, schema_editor):
    Limits = apps.get_model("cctv", "Limits")
    Limits.objects.get_or_create(
        effective_from=date(2018, 5, 25),
        defaults={"source": "UK GDPR Art. 12(3); DPA 2018; local retention policy 31 days"},
    )
    Limits.objects.get_or_create(
        effective_from=date(2025, 6, 19),
        defaults={
            "source": "Data (Use and Access) Act 2025 s.76 (Art. 12A: the clock stops while identity, a fee or clarification is awaited)"
        },
    )


class Migration(migrations.Migration):
    dependencies = [("cctv", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
