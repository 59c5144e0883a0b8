"""Default patrol response target: 80% of calls reached within 10 minutes' travel (leaving 5 of the
15-minute Immediate urban target for the call and the despatch, DOMAIN.md section 1), no unit busy
more than 60% of the time (the rest patrolling). The roster rules' reference period is 17 weeks
(Working Time Regulations 1998, reg. 4(3)); the new field's default already fills it."""

import datetime

from django.db import migrations


def seed(apps, schema_editor):
    apps.get_model("planning", "PatrolTarget").objects.get_or_create(
        effective_from=datetime.date(2026, 1, 1),
        defaults={
            "travel_seconds": 600,
            "share": 0.8,
            "max_workload": 0.6,
            "source": "Default: 80% reached within 10 min travel (Immediate urban 15 min, DOMAIN.md); 60% busy",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("planning", "0003_calls_patrol_target_reference_weeks")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
