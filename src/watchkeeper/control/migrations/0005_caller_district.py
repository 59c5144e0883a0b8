"""Callers recorded at intake before this change have no district, so under the district rule
(core.visibility) district partners would never see them, or (with WATCHKEEPER_UNDISTRICTED_VISIBLE)
all of them would. Give each the district of the ward of the first incident they called about,
as intake now does for new callers."""

from django.db import migrations


def place_callers(apps, schema_editor):
    Incident = apps.get_model("control", "Incident")
    Person = apps.get_model("core", "Person")
    first_district = {}
    calls = (
        Incident.objects.filter(caller__district__isnull=True, district__isnull=False)
        .order_by("received_at", "pk")
        .values_list("caller_id", "district_id")
    )
    for caller_id, district_id in calls.iterator(chunk_size=2000):
        first_district.setdefault(caller_id, district_id)
    for caller_id, district_id in first_district.items():
        Person.objects.filter(pk=caller_id, district__isnull=True).update(district_id=district_id)


class Migration(migrations.Migration):
    dependencies = [
        ("control", "0004_reference_version"),
        ("core", "0003_road_speed_defaults"),
    ]

    operations = [migrations.RunPython(place_callers, migrations.RunPython.noop)]
