"""Signing in: argon2 hashes, lockout after repeated failures, TOTP, session expiry, audited outcomes."""

import pyotp
from django.test import Client, override_settings

from watchkeeper.core.models import AuditEntry, User
from watchkeeper.demo.borough import DEMO_PASSWORD


def sign_in(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


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


@override_settings(LOCKOUT_FAILURES=3)
def test_repeated_failures_lock_the_account_even_for_the_right_password(db):
    client = Client()
    for _ in range(3):
        sign_in(client, "dispatcher", "wrong-password")
    user = User.objects.get(username="dispatcher")
    assert user.is_locked()
    response = sign_in(client, "dispatcher", DEMO_PASSWORD)
    assert response.status_code == 401 and "locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_totp_second_factor(db):
    user = User.objects.get(username="duty")
    user.totp_secret = pyotp.random_base32()
    user.totp_enabled = True
    user.save()
    client = Client()
    assert sign_in(client, "duty", DEMO_PASSWORD)["Location"] == "/login/code/"
    assert client.get("/").status_code == 302  # not signed in yet
    assert client.post("/login/code/", {"code": "000000"}).status_code == 401
    assert client.post("/login/code/", {"code": pyotp.TOTP(user.totp_secret).now()}).status_code == 302
    assert client.get("/").status_code == 200


def test_setting_up_totp_from_the_account_page(db):
    client = Client()
    sign_in(client, "asb", DEMO_PASSWORD)
    client.post("/account/", {"step": "start_totp"})
    user = User.objects.get(username="asb")
    assert user.totp_secret and not user.totp_enabled
    client.post("/account/", {"step": "confirm_totp", "code": pyotp.TOTP(user.totp_secret).now()})
    user.refresh_from_db()
    assert user.totp_enabled


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
