"""Despatch by capability (issue 11): a firearms call needs a firearms-skilled unit, so the other
units are shown apart (send only with a recorded reason). Only an empty rule is filled in: an
administrator's own choice is left alone."""

from django.db import migrations

RULES = {"firearms": ["firearms"]}


def forwards(apps, schema_editor):
    Category = apps.get_model("control", "IncidentCategory")
    for code, skills in RULES.items():
        Category.objects.filter(code=code, required_skills=[]).update(required_skills=skills)


def backwards(apps, schema_editor):
    Category = apps.get_model("control", "IncidentCategory")
    for code, skills in RULES.items():
        Category.objects.filter(code=code, required_skills=skills).update(required_skills=[])


class Migration(migrations.Migration):
    dependencies = [("control", "0005_caller_district")]
    operations = [migrations.RunPython(forwards, backwards)]
