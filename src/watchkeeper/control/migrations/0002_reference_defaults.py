"""Default control-room reference data (DOMAIN.md section 1): the Met I/S/E/R grades (active) and a
Grade 1-5 set ready to switch to, National Incident Category List categories with the intrusive-
supervision flags, closing codes, channels and the intake thresholds. Administrators edit them."""

from django.db import migrations

# code, label, rank, immediate, urban minutes, rural minutes, clock start, attend
MET = [
    ("I", "Immediate", 1, True, 15, 20, "received", True),
    ("S", "Significant", 2, False, 60, 60, "received", True),
    ("E", "Extended", 3, False, 2880, 2880, "received", True),
    ("R", "Referred", 4, False, None, None, "received", False),
]
GRADE_1_5 = [
    ("1", "Emergency", 1, True, 15, 20, "received", True),
    ("2", "Priority", 2, False, 60, 60, "received", True),
    ("3", "Scheduled", 3, False, 2880, 2880, "received", True),
    ("4", "Resolution without deployment", 4, False, None, None, "received", False),
    ("5", "Referred to partner", 5, False, None, None, "received", False),
]

P, C, A, T, AD = "public_safety", "crime", "asb", "transport", "administration"
# code, label, group, asb qualifier, supervision, default grade, required skills
CATEGORIES = [
    ("concern-for-safety", "Concern for safety", P, "", False, "S", []),
    ("mental-health", "Mental health", P, "", True, "S", []),
    ("missing-person", "Missing person", P, "", True, "S", []),
    ("child-abduction", "Child abduction", P, "", True, "I", []),
    ("collapse-illness-injury", "Collapse, illness or injury", P, "", False, "S", ["first aid"]),
    ("overdose", "Overdose", P, "", True, "I", ["first aid"]),
    ("suspicious-package", "Suspect package", P, "", True, "I", []),
    ("fire", "Fire or major incident", P, "", True, "I", []),
    ("suspicious-death", "Suspicious death", P, "", True, "S", []),
    ("siege", "Siege or hostage", P, "", True, "I", []),
    ("alarm", "Alarm", P, "", False, "S", []),
    ("animals", "Animals", P, "", False, "E", []),
    ("abandoned-call", "Abandoned or silent call", P, "", False, "S", []),
    ("violence", "Violence in progress", C, "", False, "I", []),
    ("firearms", "Firearms or weapon seen", C, "", True, "I", []),
    ("robbery", "Robbery", C, "", False, "I", []),
    ("burglary", "Burglary", C, "", False, "S", []),
    ("domestic", "Domestic abuse", C, "", True, "S", []),
    ("hate-crime", "Hate crime", C, "", True, "S", []),
    ("theft", "Theft", C, "", False, "E", []),
    ("criminal-damage", "Criminal damage", C, "", False, "E", []),
    ("drugs", "Drugs", C, "", False, "E", []),
    ("wanted-person", "Wanted person", C, "", False, "S", []),
    ("suspicious-circumstances", "Suspicious circumstances", C, "", False, "S", []),
    ("crime", "Crime (other)", C, "", False, "S", []),
    ("asb-personal", "ASB: personal", A, "personal", False, "S", []),
    ("asb-nuisance", "ASB: nuisance", A, "nuisance", False, "S", []),
    ("asb-environmental", "ASB: environmental", A, "environmental", False, "E", []),
    ("rtc-fatal", "Fatal road collision", T, "", True, "I", []),
    ("rtc-injury", "Road collision with injury", T, "", False, "I", ["first aid"]),
    ("rtc-damage", "Road collision, damage only", T, "", False, "S", []),
    ("highway-disruption", "Highway disruption", T, "", False, "S", []),
    ("restraint", "Police restraint", AD, "", True, "S", []),
    ("death-in-custody", "Death in custody", AD, "", True, "I", []),
    ("stop-search-complaint", "Stop and search complaint", AD, "", True, "E", []),
    ("major-incident", "Major incident declared", AD, "", True, "I", []),
    ("assist-other-agency", "Assist other agency", AD, "", False, "S", []),
    ("police-generated", "Patrol self-generated", AD, "", False, "E", []),
    ("pre-planned-event", "Pre-planned event", AD, "", False, "E", []),
    ("lost-found-property", "Lost or found property", AD, "", False, "R", []),
    ("admin-other", "Administration (other)", AD, "", False, "R", []),
    ("other-imported", "Other (imported)", AD, "", False, "", []),
]

CLOSING = [
    ("misuse-999", "999 misuse"),
    ("duplicate", "Duplicate of another incident"),
    ("no-trace", "No trace"),
    ("advice-given", "Advice given"),
    ("crime-report", "Crime recorded"),
    ("referred", "Referred to partner"),
    ("resolved", "Resolved at scene"),
    ("arrest", "Arrest made"),
    ("resolved-by-phone", "Resolved without deployment"),
    ("false-alarm", "False alarm"),
    ("no-incident", "No incident (test or abandoned call)"),
    ("cancelled", "Cancelled"),
    ("imported", "Imported (disposition not mapped)"),
]

CHANNELS = [
    ("999", "999"),
    ("101", "101"),
    ("online", "Online"),
    ("front-counter", "Front counter"),
    ("cctv", "CCTV operator"),
    ("self", "Patrol self-generated"),
    ("partner", "Partner agency"),
    ("other", "Other"),
]


def seed(apps, schema_editor):
    GradeSet = apps.get_model("control", "GradeSet")
    Grade = apps.get_model("control", "Grade")
    for code, name, active, grades in (("met", "Met I/S/E/R", True, MET), ("grade-1-5", "Grade 1-5", False, GRADE_1_5)):
        grade_set, _ = GradeSet.objects.get_or_create(code=code, defaults={"name": name, "active": active})
        for g_code, label, rank, immediate, urban, rural, clock, attend in grades:
            Grade.objects.get_or_create(
                grade_set=grade_set,
                code=g_code,
                defaults={
                    "label": label,
                    "rank": rank,
                    "immediate": immediate,
                    "target_minutes": urban,
                    "target_minutes_rural": rural,
                    "clock_start": clock,
                    "attend": attend,
                },
            )
    Category = apps.get_model("control", "IncidentCategory")
    for code, label, group, qualifier, supervision, grade, skills in CATEGORIES:
        Category.objects.get_or_create(
            code=code,
            defaults={
                "label": label,
                "group": group,
                "asb_qualifier": qualifier,
                "supervision": supervision,
                "default_grade": grade,
                "required_skills": skills,
            },
        )
    ClosingCode = apps.get_model("control", "ClosingCode")
    for code, label in CLOSING:
        ClosingCode.objects.get_or_create(code=code, defaults={"label": label})
    Channel = apps.get_model("control", "Channel")
    for rank, (code, label) in enumerate(CHANNELS, start=1):
        Channel.objects.get_or_create(code=code, defaults={"label": label, "rank": rank})
    Settings = apps.get_model("control", "ControlSettings")
    if not Settings.objects.exists():
        Settings.objects.create(misuse_threshold=10, duplicate_radius_m=200, duplicate_window_minutes=60)


class Migration(migrations.Migration):
    dependencies = [("control", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
