"""Signing in: argon2 hashes, lockout after repeated failures, TOTP, session expiry, audited outcomes."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from watchkeeper.core import services
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import ApiToken, AuditEntry, User
from watchkeeper.demo.borough import DEMO_PASSWORD


def sign_in(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


def with_device(username: str) -> TOTPDevice:
    user = User.objects.get(username=username)
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"


def test_passwords_are_stored_with_argon2(db):
    assert User.objects.get(username="handler").password.startswith("argon2")


def test_call_handler_signs_in_and_lands_on_their_home_page(db):
    client = Client()
    response = sign_in(client, "handler", DEMO_PASSWORD)
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200 and "Call intake" in home.content.decode()
    assert AuditEntry.objects.filter(kind="login", actor_label="handler").exists()


def test_wrong_password_is_refused_with_a_plain_message(db):
    response = sign_in(Client(), "handler", "not-the-password")
    assert response.status_code == 401
    assert "Username or password not recognised" in response.content.decode()
    assert AuditEntry.objects.filter(kind="login_failed").exists()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_from_one_address_lock_that_address_out_even_for_the_right_password(db):
    client = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(3):
        sign_in(client, "dispatcher", "wrong-password")
    response = sign_in(client, "dispatcher", DEMO_PASSWORD)
    assert response.status_code == 401 and "Username or password not recognised" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(kind="login_failed", summary__contains="too many failures").exists()


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_totp_second_factor(db):
    device = with_device("duty")
    client = Client()
    assert sign_in(client, "duty", DEMO_PASSWORD)["Location"] == "/login/code/"
    assert client.get("/").status_code == 302  # not signed in yet
    assert client.post("/login/code/", {"code": "000000"}).status_code == 401
    assert client.post("/login/code/", {"code": code_of(device)}).status_code == 302
    assert client.get("/").status_code == 200


def test_setting_up_totp_from_the_account_page(db):
    client = Client()
    sign_in(client, "asb", DEMO_PASSWORD)
    page = client.post("/account/", {"step": "start_totp"}).content.decode()
    device = TOTPDevice.objects.get(user__username="asb")
    assert not device.confirmed and 'data-testid="totp-secret"' in page and "otpauth://totp/" in page
    client.post("/account/", {"step": "confirm_totp", "code": code_of(device)})
    device.refresh_from_db()
    assert device.confirmed
    entry = AuditEntry.objects.filter(actor_label="asb", summary="second factor enabled").get()
    assert entry.changes == {"second_factor": [False, True]}


def test_expired_session_sends_you_back_to_sign_in(db, settings):
    client = Client()
    sign_in(client, "analyst", DEMO_PASSWORD)
    assert client.get("/").status_code == 200
    client.session.set_expiry(-1)
    session = client.session
    session.set_expiry(-1)
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_sign_out_is_a_post_and_is_audited(db):
    client = Client()
    sign_in(client, "iom", DEMO_PASSWORD)
    assert client.get("/logout/").status_code == 405
    client.post("/logout/")
    assert client.get("/").status_code == 302
    assert AuditEntry.objects.filter(kind="logout", actor_label="iom").exists()


def test_each_persona_gets_a_home_page_of_its_own(as_user):
    titles = {
        "handler": "Call intake",
        "auditor": "Audit trail",
        "channel": "Channel panel",
        "analyst": "Intelligence and performance",
        "partner": "Partner dashboard",
    }
    for username, title in titles.items():
        body = as_user(username).get("/").content.decode()
        assert f'data-testid="home-title">{title}<' in body


def test_navigation_shows_only_what_the_role_may_use(as_user):
    auditor_nav = as_user("auditor").get("/").content.decode()
    assert 'href="/audit/"' in auditor_nav
    handler_nav = as_user("handler").get("/").content.decode()
    assert 'href="/audit/"' not in handler_nav


def test_changing_password_enforces_the_rules(db):
    client = Client()
    sign_in(client, "partner", DEMO_PASSWORD)
    weak = client.post(
        "/account/",
        {"step": "password", "old_password": DEMO_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 400 and "too short" in weak.content.decode()
    strong = "Ward-Boundary-Lantern-42"
    ok = client.post(
        "/account/",
        {"step": "password", "old_password": DEMO_PASSWORD, "new_password1": strong, "new_password2": strong},
    )
    assert ok.status_code == 302
    assert User.objects.get(username="partner").check_password(strong)
    assert client.get("/").status_code == 200  # still signed in after the change


def test_many_failures_from_one_address_are_throttled(db, settings):
    from django.core.cache import cache

    from watchkeeper.core import accounts

    cache.clear()
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(accounts.IP_MAX_FAILURES):
        sign_in(client, f"nobody{n}", "guess")
    refused = sign_in(client, "handler", DEMO_PASSWORD)
    assert refused.status_code == 401 and "Too many failed sign-ins" in refused.content.decode()
    assert sign_in(Client(REMOTE_ADDR="203.0.113.10"), "handler", DEMO_PASSWORD).status_code == 302
    cache.clear()


# --- Issue 9, "Accounts": each test below failed on the code before the fix.


def _answer(response) -> tuple[int, str]:
    """Status and page text, without the per-response CSRF token."""
    body = re.sub(r"[A-Za-z0-9]{64}", "<csrf>", response.content.decode())
    return response.status_code, body


def test_a_strangers_wrong_guesses_do_not_lock_the_real_user_out(db):
    stranger = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(8):
        sign_in(stranger, "dispatcher", "guessing")
    assert sign_in(stranger, "dispatcher", DEMO_PASSWORD).status_code == 401  # the stranger's address is locked
    real = Client(REMOTE_ADDR="198.51.100.20")
    assert sign_in(real, "dispatcher", DEMO_PASSWORD).status_code == 302
    assert real.get("/").status_code == 200


def test_unknown_locked_and_wrong_password_accounts_get_the_same_answer(db):
    client = Client(REMOTE_ADDR="203.0.113.67")
    for _ in range(5):
        sign_in(client, "dispatcher", "guessing")
    User.objects.filter(username="duty").update(locked_until=timezone.now() + timedelta(hours=1))
    locked_by_guesses = _answer(sign_in(client, "dispatcher", DEMO_PASSWORD))
    locked_by_admin = _answer(sign_in(client, "duty", DEMO_PASSWORD))
    unknown = _answer(sign_in(client, "no-such-person", "guessing"))
    wrong = _answer(sign_in(client, "handler", "guessing"))
    assert locked_by_guesses == locked_by_admin == unknown == wrong
    assert wrong[0] == 401 and "Username or password not recognised." in wrong[1]


def test_a_second_factor_code_cannot_be_replayed_in_another_session(db):
    device = with_device("inspector")
    first, second = Client(), Client()
    sign_in(first, "inspector", DEMO_PASSWORD)
    code = code_of(device)
    assert first.post("/login/code/", {"code": code})["Location"] == "/"
    sign_in(second, "inspector", DEMO_PASSWORD)
    assert second.post("/login/code/", {"code": code}).status_code == 401
    assert second.get("/").status_code == 302  # not signed in


def test_second_factor_guesses_are_limited(db):
    device = with_device("handler")
    client = Client()
    sign_in(client, "handler", DEMO_PASSWORD)
    assert client.post("/login/code/", {"code": "000001"}).status_code == 401
    # django-otp's back-off: straight after a wrong code even the right one is refused
    assert client.post("/login/code/", {"code": code_of(device)}).status_code == 401
    for _ in range(3):
        client.post("/login/code/", {"code": "000001"})
    # five refused codes end this sign-in: the password must be entered again
    response = client.post("/login/code/", {"code": code_of(device)})
    assert response["Location"] == "/login/" and client.get("/").status_code == 302


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0, SECOND_FACTOR_FAILURES=4)
def test_repeated_wrong_codes_lock_the_account_and_its_tokens(db, token_for):
    headers = token_for("patrol")
    device = with_device("patrol")
    client = Client()
    for _ in range(2):  # across two sign-ins: the count is kept on the device, not the session
        sign_in(client, "patrol", DEMO_PASSWORD)
        client.post("/login/code/", {"code": "000001"})
        client.post("/login/code/", {"code": "000002"})
    user = User.objects.get(username="patrol")
    assert user.is_locked()
    entry = AuditEntry.objects.filter(object_id=str(user.pk), summary__startswith="account locked").get()
    assert entry.changes["locked_until"][0] is None and entry.changes["locked_until"][1]
    assert sign_in(client, "patrol", DEMO_PASSWORD).status_code == 401
    assert Client().get("/api/me", **headers).status_code == 401
    assert device.pk  # the device stays; an administrator unlocks the account


def test_tokens_of_a_locked_or_inactive_user_are_refused(db, token_for):
    headers = token_for("analyst")
    assert Client().get("/api/me", **headers).status_code == 200
    User.objects.filter(username="analyst").update(locked_until=timezone.now() + timedelta(minutes=15))
    assert Client().get("/api/me", **headers).status_code == 401
    User.objects.filter(username="analyst").update(locked_until=None, is_active=False)
    assert Client().get("/api/me", **headers).status_code == 401


def test_tokens_cannot_carry_scopes_the_role_lacks(db):
    handler = User.objects.get(username="handler")
    with pytest.raises(ValidationError, match=r"does not allow audit.view"):
        services.issue_token(Actor(None, "test"), handler, ["audit.view"], 30)
    with pytest.raises(ValidationError, match=r"does not allow intel\.\*"):
        services.issue_token(Actor(None, "test"), handler, ["intel.*"], 30)
    with pytest.raises(CommandError, match="does not allow audit.export"):
        call_command("issue_token", "handler", "--scope", "incident.view", "--scope", "audit.export")
    assert not ApiToken.objects.filter(user=handler).exists()
    token, _ = services.issue_token(Actor(None, "test"), handler, ["incident.*", "person.view"], 30)
    assert token.scopes == ["incident.*", "person.view"]
    # the admin cannot issue, widen or extend tokens at all (see test_admin.py)


def test_locking_an_account_ends_its_open_sessions(as_user):
    client = as_user("asb")
    assert client.get("/").status_code == 200
    User.objects.filter(username="asb").update(locked_until=timezone.now() + timedelta(minutes=15))
    assert client.get("/")["Location"].startswith("/login/")


@pytest.mark.parametrize(
    "post",
    [
        {},
        {"username": "handler"},
        {"password": DEMO_PASSWORD},
        {"username": "", "password": DEMO_PASSWORD},
        {"username": "h" * 151, "password": DEMO_PASSWORD},
        {"username": "handler", "password": "p" * 1025},
        {"username": "handler", "password": DEMO_PASSWORD, "next": "/" + "n" * 2000},
    ],
)
def test_a_malformed_sign_in_is_a_form_error_that_names_no_account(db, post):
    """Missing or overlong fields: a 400 with one message, before any account is looked at, so no
    failure is counted against a user or an address and nothing is signed in."""
    client = Client(REMOTE_ADDR="203.0.113.90")
    failures = AuditEntry.objects.filter(kind=AuditEntry.Kind.LOGIN_FAILED).count()
    response = client.post("/login/", post)
    assert response.status_code == 400
    assert "Enter a username (at most 150 characters) and a password." in response.content.decode()
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.LOGIN_FAILED).count() == failures
    assert client.get("/").status_code == 302  # still signed out
    assert sign_in(client, "handler", DEMO_PASSWORD).status_code == 302  # and not locked out by it


def test_a_malformed_code_is_a_form_error_and_not_counted(db):
    device = with_device("inspector")
    client = Client()
    sign_in(client, "inspector", DEMO_PASSWORD)
    for post in ({}, {"code": ""}, {"code": "1" * 17}):
        response = client.post("/login/code/", post)
        assert response.status_code == 400 and "Enter the six-digit code" in response.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    assert client.post("/login/code/", {"code": code_of(device)})["Location"] == "/"


def test_an_unknown_account_step_is_refused(as_user):
    client = as_user("partner")
    assert client.post("/account/", {"step": "delete_everything"}).status_code == 400
    assert client.post("/account/", {}).status_code == 400
