"""England and Wales bank holidays as rule data, 2018-2035, from the pinned `holidays` package (it
follows https://www.gov.uk/bank-holidays, substitute days included). Working-day clocks skip them."""

from django.db import migrations, models

SOURCE = "holidays 0.108, GB subdivision ENG (gov.uk/bank-holidays, England and Wales)"


def seed(apps, schema_editor):
    import holidays

    BankHoliday = apps.get_model("cctv", "BankHoliday")
    found = holidays.country_holidays("GB", subdiv="ENG", years=range(2018, 2036))
    BankHoliday.objects.bulk_create(
        [BankHoliday(day=day, name=name[:120], source=SOURCE) for day, name in sorted(found.items())],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("cctv", "0003_limits_hold_and_outcome")]
    operations = [
        migrations.CreateModel(
            name="BankHoliday",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField(unique=True)),
                ("name", models.CharField(max_length=120)),
                ("source", models.CharField(blank=True, max_length=300)),
            ],
            options={"ordering": ["day"]},
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
