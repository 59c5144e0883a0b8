"""Seed the rule data (statutory limits, thresholds, fines) with their effective dates."""

from datetime import date

from django.db import migrations


def seed(apps, schema_editor):
    from watchkeeper.cases.rules.defaults import DEFAULTS

    Rule = apps.get_model("cases", "Rule")
    for name, value, unit, effective_from, source in DEFAULTS:
        Rule.objects.get_or_create(
            name=name,
            effective_from=date.fromisoformat(effective_from),
            defaults={"value": value, "unit": unit, "source": source},
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
