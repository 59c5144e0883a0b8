"""Sign-in rules. The password step counts failures per username AND address (django-axes, see
settings.AXES_*), so a stranger guessing at a real user's name locks out only the stranger; unknown,
locked and wrong-password accounts get the same answer, status and (argon2) cost. The second factor
is a django-otp TOTP device: each code works once (replays refused), wrong codes back off
exponentially, and SECOND_FACTOR_FAILURES wrong codes lock the account, because whoever sent them
knew the password. Every outcome is audited."""

from __future__ import annotations

from base64 import b32encode
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from watchkeeper.core import audit, changes
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry, User

GENERIC_FAILURE = "Username or password not recognised."
CODE_FAILURE = "That code is not valid. Check your authenticator app's clock and try again."
CODE_ATTEMPTS_PER_SIGN_IN = 5  # wrong or too-quick codes before the password must be entered again


class SignInRefused(Exception):
    pass


class AccountBackend(ModelBackend):
    """Django's password check (which hashes a dummy for unknown users, so they cost the same) with
    one more bar: a locked account neither signs in nor keeps its sessions, as an inactive one."""

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and not user.is_locked()


BACKEND = "watchkeeper.core.accounts.AccountBackend"


IP_WINDOW_SECONDS = 15 * 60
IP_MAX_FAILURES = 30  # per address per window: slows password spraying across many accounts


def _ip_key(source: str) -> str:
    return f"signin-failures:{source}"


def check_password(request, username: str, password: str, source: str) -> User:
    """Return the user if the password is right and nothing bars them; otherwise SignInRefused with
    the one generic answer (a per-address throttle has its own message, which names no account)."""
    if source and cache.get(_ip_key(source), 0) >= IP_MAX_FAILURES:
        raise SignInRefused("Too many failed sign-ins from this address. Wait 15 minutes and try again.")
    user = authenticate(request, username=username, password=password)
    if user is not None:
        return user
    locked_out = getattr(request, "axes_locked_out", False)
    if locked_out:
        make_password(password)  # axes answered before any hash was computed: spend the same time
    if source:
        cache.add(_ip_key(source), 0, IP_WINDOW_SECONDS)
        cache.incr(_ip_key(source))
    known = User.objects.filter(username=username).first()
    if known is not None and (known.is_locked() or not known.is_active):
        summary = "refused: account locked or inactive"
    elif locked_out:
        summary = f"refused: too many failures for {username[:60]!r} from this address"
    else:
        summary = f"wrong password for {username[:60]!r}"
    audit.record(Actor(known, source), AuditEntry.Kind.LOGIN_FAILED, known, summary=summary)
    raise SignInRefused(GENERIC_FAILURE)


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def check_totp(user: User, code: str, source: str) -> bool:
    """True when `code` is a fresh valid code of the user's device. A wrong, replayed or too-early
    code is audited; the SECOND_FACTOR_FAILURES-th wrong one locks the account (SignInRefused)."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            return False
        if device.verify_token(code.strip()):  # checks the throttle, then the code and last_t
            return True
        audit.record(Actor(user, source), AuditEntry.Kind.LOGIN_FAILED, user, summary="wrong second-factor code")
        if device.throttling_failure_count < settings.SECOND_FACTOR_FAILURES:
            return False
        device.throttle_reset()
        lock_account(Actor(None, source), user, "too many wrong second-factor codes")
    raise SignInRefused("Too many wrong codes: this account is locked for now. Ask an administrator if it was not you.")


def lock_account(actor: Actor, user: User, why: str) -> None:
    before = user.locked_until
    user.locked_until = timezone.now() + timedelta(minutes=settings.LOCKOUT_MINUTES)
    User.objects.filter(pk=user.pk).update(locked_until=user.locked_until)
    audit.record(
        actor,
        AuditEntry.Kind.UPDATE,
        user,
        changes={"locked_until": [changes.plain(before), changes.plain(user.locked_until)]},
        summary=f"account locked: {why}",
    )


def signed_in(user: User, source: str) -> None:
    audit.record(Actor(user, source), AuditEntry.Kind.LOGIN, user, summary="signed in")


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up on the account page (made on first ask)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def secret_of(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


def confirm_totp(user: User, code: str, source: str) -> bool:
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is None or not device.verify_token(code.strip()):
            return False
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(
            Actor(user, source),
            AuditEntry.Kind.UPDATE,
            user,
            changes={"second_factor": [False, True]},
            summary="second factor enabled",
        )
    return True
