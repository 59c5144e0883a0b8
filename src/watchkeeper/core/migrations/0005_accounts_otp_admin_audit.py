"""Accounts and admin (issue 9): second-factor secrets move from pyotp fields on the user to
django-otp TOTP devices (same key, so authenticator apps keep working); administrators stop being
Django superusers (the admin's permission is now the role's admin.view/admin.edit); the old
per-user failure counter goes (django-axes counts per username and address); audit entries gain
before/after values."""

from base64 import b32decode

from django.db import migrations, models


def _key_hex(secret: str) -> str:
    secret = secret.strip().upper()
    return b32decode(secret + "=" * (-len(secret) % 8)).hex()


def secrets_to_devices(apps, schema_editor):
    User = apps.get_model("core", "User")
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    for user in User.objects.exclude(totp_secret="").iterator():
        TOTPDevice.objects.create(
            user_id=user.pk,
            name="authenticator",
            confirmed=user.totp_enabled,
            key=_key_hex(user.totp_secret),
            step=30,
            digits=6,
            tolerance=1,  # pyotp was called with valid_window=1
        )


def devices_to_secrets(apps, schema_editor):
    from base64 import b32encode

    User = apps.get_model("core", "User")
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    for device in TOTPDevice.objects.all().iterator():
        User.objects.filter(pk=device.user_id).update(
            totp_secret=b32encode(bytes.fromhex(device.key)).decode(), totp_enabled=device.confirmed
        )


def demote_administrators(apps, schema_editor):
    # Only the demo loader and early set-ups made administrators superusers; a break-glass account
    # made with createsuperuser has no role and is left alone.
    User = apps.get_model("core", "User")
    User.objects.filter(role="administrator").update(is_superuser=False, is_staff=False)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_audit_keyed_chain"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [
        migrations.RunPython(secrets_to_devices, devices_to_secrets),
        migrations.RunPython(demote_administrators, migrations.RunPython.noop),
        migrations.RemoveField(model_name="user", name="failed_logins"),
        migrations.RemoveField(model_name="user", name="totp_enabled"),
        migrations.RemoveField(model_name="user", name="totp_secret"),
        migrations.AddField(
            model_name="auditentry",
            name="changes",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
