"""Sign-in rules: lockout after repeated failures, optional TOTP second factor, audited outcomes."""

from __future__ import annotations

from datetime import timedelta

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from watchkeeper.core import audit
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry, User

GENERIC_FAILURE = "Username or password not recognised."


class SignInRefused(Exception):
    pass


IP_WINDOW_SECONDS = 15 * 60
IP_MAX_FAILURES = 30  # per address per window: slows password spraying across many accounts


def _ip_key(source: str) -> str:
    return f"signin-failures:{source}"


def check_password(username: str, password: str, source: str) -> User:
    """Return the user if the password is right and the account is not locked; count failures."""
    if source and cache.get(_ip_key(source), 0) >= IP_MAX_FAILURES:
        raise SignInRefused("Too many failed sign-ins from this address. Wait 15 minutes and try again.")
    user = User.objects.filter(username=username).first()
    if user is not None and user.is_locked():
        audit.record(Actor(user, source), AuditEntry.Kind.LOGIN_FAILED, user, summary="refused: account locked")
        raise SignInRefused(
            f"This account is locked after repeated failed sign-ins. Try again after "
            f"{timezone.localtime(user.locked_until):%H:%M}, or ask an administrator to unlock it."
        )
    authenticated = authenticate(username=username, password=password)
    if authenticated is None:
        if source:
            cache.add(_ip_key(source), 0, IP_WINDOW_SECONDS)
            cache.incr(_ip_key(source))
        with transaction.atomic():
            if user is not None:
                User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
                user.refresh_from_db(fields=["failed_logins"])
                if user.failed_logins >= settings.LOCKOUT_FAILURES:
                    user.locked_until = timezone.now() + timedelta(minutes=settings.LOCKOUT_MINUTES)
                    user.failed_logins = 0
                    user.save(update_fields=["locked_until", "failed_logins"])
            audit.record(
                Actor(user, source), AuditEntry.Kind.LOGIN_FAILED, user, summary=f"wrong password for {username[:60]!r}"
            )
        raise SignInRefused(GENERIC_FAILURE)
    return authenticated


def check_totp(user: User, code: str) -> bool:
    return bool(
        user.totp_enabled and user.totp_secret and pyotp.TOTP(user.totp_secret).verify(code.strip(), valid_window=1)
    )


def signed_in(user: User, source: str) -> None:
    User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
    audit.record(Actor(user, source), AuditEntry.Kind.LOGIN, user, summary="signed in")


def start_totp(user: User) -> str:
    if not user.totp_secret or not user.totp_enabled:
        user.totp_secret = pyotp.random_base32()
        user.save(update_fields=["totp_secret"])
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name="Watchkeeper")


def confirm_totp(user: User, code: str, source: str) -> bool:
    if not user.totp_secret or not pyotp.TOTP(user.totp_secret).verify(code.strip(), valid_window=1):
        return False
    with transaction.atomic():
        user.totp_enabled = True
        user.save(update_fields=["totp_enabled"])
        audit.record(
            Actor(user, source), AuditEntry.Kind.UPDATE, user, fields=["totp_enabled"], summary="second factor enabled"
        )
    return True
