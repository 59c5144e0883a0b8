"""Joins the two 0004 migrations written side by side (accounts/admin and the keyed audit chain).
Either order is safe: the re-key reads `changes` only when the field exists, and an empty
`changes` is left out of the hashed form."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_accounts_otp_admin_audit"),
        ("core", "0004_audit_keyed_chain"),
    ]

    operations = []
