"""Seed the road speed table with the engine's defaults (UK urban limits by highway class), so a
fresh install imports roads with sensible speeds and an administrator edits rows, not code."""

from django.db import migrations


def seed(apps, schema_editor):
    from watchkeeper.routing.rules import DEFAULT_SPEEDS_KPH

    RoadSpeed = apps.get_model("core", "RoadSpeed")
    for highway, kph in DEFAULT_SPEEDS_KPH.items():
        RoadSpeed.objects.get_or_create(highway=highway, defaults={"kph": kph, "note": "default"})


class Migration(migrations.Migration):
    dependencies = [("core", "0002_road_network")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
