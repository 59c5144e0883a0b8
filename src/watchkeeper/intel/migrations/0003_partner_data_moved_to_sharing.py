from django.db import migrations


class Migration(migrations.Migration):
    """The partner data models now belong to the sharing app (sharing 0001 takes them over with the
    same tables). State only: nothing in the database changes."""

    dependencies = [
        ("intel", "0002_partner_data"),
        ("sharing", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PartnerRecord"),
                migrations.DeleteModel(name="PartnerImportRun"),
                migrations.DeleteModel(name="PartnerDataset"),
                migrations.DeleteModel(name="ColumnMapping"),
                migrations.DeleteModel(name="SharingAgreement"),
            ],
            database_operations=[],
        ),
    ]
