"""Default rule data: the 999 answer standard (90% in 10 s, DOMAIN.md section 1), 101 and CCTV
defaults, and the working-time rules (11 hours' rest, 48-hour average week; the patrol contract's
16:00-03:00 window, seed 000). Administrators change them through the admin with a new
effective_from; these rows stay as the record of what applied before."""

import datetime

from django.db import migrations

FROM = datetime.date(2026, 1, 1)


def seed(apps, schema_editor):
    target = apps.get_model("planning", "ServiceTarget")
    rule = apps.get_model("planning", "RosterRule")
    for queue, seconds, level, source in (
        ("999", 10, 0.9, "999 answer standard: 90% within 10 seconds (seed 003)"),
        ("101", 60, 0.8, "Default: 80% of 101 calls within 60 seconds (config)"),
        ("cctv", 30, 0.8, "Default: 80% of CCTV requests picked up within 30 seconds (config)"),
    ):
        target.objects.get_or_create(
            queue=queue,
            effective_from=FROM,
            defaults={
                "answer_seconds": seconds,
                "service_level": level,
                "max_occupancy": 0.85,
                "shrinkage": 0.3,
                "source": source,
            },
        )
    for team, window in (("call_handlers", (None, None)), ("cctv_operators", (None, None)), ("patrol", (16, 3))):
        rule.objects.get_or_create(
            team=team,
            effective_from=FROM,
            defaults={
                "shift_hours": 8,
                "min_rest_hours": 11,
                "max_average_week_hours": 48,
                "window_start_hour": window[0],
                "window_end_hour": window[1],
                "source": "Working Time Regulations 1998 (11 h daily rest, 48 h average week)"
                + ("; patrol contract service window 16:00-03:00 (seed 000)" if window[0] is not None else ""),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
