"""Signing in: argon2 hashes, lockout after repeated failures, TOTP, session expiry, audited outcomes."""

from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from watchkeeper.core.models import AuditEntry, User
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
