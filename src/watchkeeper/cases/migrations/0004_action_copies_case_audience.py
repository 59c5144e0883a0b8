"""Each action carries a copy of its case's audience (partnership, district, restriction, owner
agency, kind), so need-to-know on the overdue view reads the action's own index, no join. Added
nullable, filled from each action's case, then made required; the partial index covers the
overdue query (open actions in due order) and its count."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    Action = apps.get_model("cases", "Action")
    Case = apps.get_model("cases", "Case")
    fields = ("partnership_id", "district_id", "restriction", "owner_agency_id", "kind")
    for case in Case.objects.filter(pk__in=Action.objects.values("case_id")).only(*fields).iterator():
        Action.objects.filter(case_id=case.pk).update(
            case_partnership_id=case.partnership_id,
            case_district_id=case.district_id,
            case_restriction=case.restriction,
            case_owner_agency_id=case.owner_agency_id,
            case_kind=case.kind,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_caseload_recent_index"),
        ("core", "0005_accounts_otp_admin_audit"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="case_partnership",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.partnership"
            ),
        ),
        migrations.AddField(
            model_name="action",
            name="case_district",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.district"
            ),
        ),
        migrations.AddField(
            model_name="action",
            name="case_restriction",
            field=models.CharField(default="", max_length=12),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="action",
            name="case_owner_agency",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.agency"
            ),
        ),
        migrations.AddField(
            model_name="action",
            name="case_kind",
            field=models.CharField(
                choices=[
                    ("asb", "Anti-social behaviour"),
                    ("trigger", "ASB case review (Community Trigger)"),
                    ("marac", "MARAC"),
                    ("channel", "Channel"),
                    ("iom", "Integrated Offender Management"),
                ],
                default="",
                max_length=10,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="action",
            name="case_partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.partnership"
            ),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(
                condition=models.Q(("status", "open")),
                fields=[
                    "due",
                    "id",
                    "case_partnership",
                    "case_restriction",
                    "case_owner_agency",
                    "case_kind",
                    "case_district",
                    "case",
                    "agency",
                    "status",
                ],
                name="cases_overdue_open",
            ),
        ),
        # Superseded by cases_caseload_open (covering, open cases only); SQLite's planner preferred
        # them and sorted every open case for each page.
        migrations.RemoveIndex(model_name="case", name="cases_caseload_recent"),
        # Superseded by cases_overdue_open (index-only on PostgreSQL; it chose this one and the heap).
        migrations.RemoveIndex(model_name="action", name="cases_overdue"),
        migrations.RemoveIndex(model_name="case", name="cases_caseload"),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("closed_at__isnull", True)),
                fields=[
                    "partnership",
                    "closed_at",
                    "-opened_at",
                    "-id",
                    "restriction",
                    "owner_agency",
                    "kind",
                    "district",
                ],
                name="cases_caseload_open",
            ),
        ),
    ]
