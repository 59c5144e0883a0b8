"""The domestic-abuse assessment forms' records with their question wording (SafeLives DASH-24 and
the College of Policing's DARA, version 1 each), as rule rows "form-dash-24" and "form-dara": the
page and the API read the wording from here, so a new version is data, not a release."""

from datetime import date

from django.db import migrations


def seed(apps, schema_editor):
    from watchkeeper.cases.marac.wording import RECORDS

    Rule = apps.get_model("cases", "Rule")
    for name, effective_from, value, source, note in RECORDS:
        # get_or_create: a record an administrator has already edited is left as it is.
        Rule.objects.get_or_create(
            name=name,
            effective_from=date.fromisoformat(effective_from),
            defaults={"value": {**value, "questions": list(value["questions"])}, "source": source, "note": note},
        )


def unseed(apps, schema_editor):
    apps.get_model("cases", "Rule").objects.filter(name__in=["form-dash-24", "form-dara"]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_iom_plans_engagement_rules")]
    operations = [migrations.RunPython(seed, unseed)]
