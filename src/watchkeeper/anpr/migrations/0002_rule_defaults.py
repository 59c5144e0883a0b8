"""Default ANPR rule data: NPCC threshold (limit + 10% + 2 mph), seed 004's 6-month window and
retention, under 1 mph against police equipment; an administrator edits them by effective date."""

from datetime import date

from django.db import migrations


def seed(apps, schema_editor):
    apps.get_model("anpr", "AnprRules").objects.get_or_create(
        effective_from=date(2016, 1, 1),
        defaults={"source": "NPCC speed enforcement guidance; Safer Croydon scrutiny report 2016 s.7 (seed 004)."},
    )


class Migration(migrations.Migration):
    dependencies = [("anpr", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
