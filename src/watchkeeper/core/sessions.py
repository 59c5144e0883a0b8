"""Whether a signed-in session still stands, for connections that outlive a request (the live
board's websocket). A page request is checked by Django on every request; a websocket only at its
handshake, so without this a board kept receiving after sign-out, idle expiry or deactivation.

Two ways a screen learns its session ended: an event to the user's group, sent when the user signs
out (for that session) or is deactivated (for all of them), which closes it at once in any process
the channel layer reaches; and a periodic re-check by the screen itself (BOARD_RECHECK_SECONDS),
which also catches idle expiry, a changed password, a lost role, and changes made where no event
was sent (a process on the in-memory layer, a bulk update).
"""

from __future__ import annotations

import hmac
from functools import partial

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, user_logged_out
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from watchkeeper import live
from watchkeeper.core.access import allowed

ENDED = "session.ended"  # the consumer method `session_ended` handles it


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def still_valid(session_key: str | None, user_id: int, action: str) -> bool:
    """The session exists and has not expired, names this user, who is active, whose password has
    not changed since sign-in (Django's session auth hash), and who may still do `action`."""
    from importlib import import_module

    from watchkeeper.core.models import User

    if not session_key:
        return False
    data = import_module(settings.SESSION_ENGINE).SessionStore(session_key).load()  # {} once expired
    if data.get(SESSION_KEY) != str(user_id):
        return False
    user = User.objects.filter(pk=user_id, is_active=True).select_related("agency").first()
    if user is None or not hmac.compare_digest(data.get(HASH_SESSION_KEY, ""), user.get_session_auth_hash()):
        return False
    return allowed(user, action)


def end(user_id: int, session_key: str | None = None) -> None:
    """Close the user's open screens: those of one session, or all of them (session_key None)."""
    live.send(user_group(user_id), {"type": ENDED, "session_key": session_key})


@receiver(user_logged_out, dispatch_uid="watchkeeper-end-screens-on-sign-out")
def _signed_out(sender, request, user, **kwargs):
    if user is not None and request is not None:
        end(user.pk, request.session.session_key)


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="watchkeeper-end-screens-on-deactivation")
def _saved(sender, instance, created, **kwargs):
    if not created and not instance.is_active:
        transaction.on_commit(partial(end, instance.pk))
