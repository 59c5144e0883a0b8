"""The Django admin (issue 9, "Admin bypass"): it signs in through the app's own page, its
permission is the role's, it shows only the administrator's partnership, tokens are read-only
with a revoke action, and every create, change and delete is audited with before/after values.
Forms are submitted as a browser would: every field the page offers, with one value changed."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import person_client
from watchkeeper.core import audit
from watchkeeper.core.models import Agency, ApiToken, AuditEntry, Partnership, Place, User
from watchkeeper.demo.borough import DEMO_PASSWORD


class _Form(HTMLParser):
    """The fields a browser would submit from the page's main form (buttons and file inputs aside)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file", "image"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(name, []).append(a.get("value", "on" if a.get("type") == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_of(client: Client, url: str) -> dict:
    page = client.get(url)
    assert page.status_code == 200, url
    parser = _Form()
    parser.feed(page.content.decode())
    parser.data.pop("_addanother", None)
    parser.data.pop("_continue", None)
    return {k: v if len(v) != 1 else v[0] for k, v in parser.data.items()}


def admin_client() -> Client:
    return person_client("admin")


# --- signing in


def test_the_admin_login_page_never_signs_anyone_in(db):
    client = Client()
    page = client.get("/admin/login/")
    assert page.status_code == 302 and page["Location"] == "/login/?next=/admin/"
    posted = client.post("/admin/login/?next=/admin/", {"username": "admin", "password": DEMO_PASSWORD})
    assert posted.status_code == 302 and posted["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"


def test_an_administrator_reaches_the_admin_through_the_apps_sign_in_and_second_factor(db):
    device = TOTPDevice.objects.create(user=User.objects.get(username="admin"), name="phone", confirmed=True)
    client = Client()
    first = client.post("/login/", {"username": "admin", "password": DEMO_PASSWORD, "next": "/admin/"})
    assert first["Location"] == "/login/code/"
    assert client.get("/admin/").status_code == 302  # the password alone is not enough
    code = f"{totp(device.bin_key):06d}"
    assert client.post("/login/code/", {"code": code})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert AuditEntry.objects.filter(kind="login", actor_label="admin").exists()


def test_administrators_are_not_superusers_and_the_role_decides(db):
    assert not User.objects.filter(role="administrator", is_superuser=True).exists()
    assert not User.objects.filter(role="administrator", is_staff=True).exists()
    assert admin_client().get("/admin/").status_code == 200
    # a superuser flag without the role opens nothing; the role without the flag is enough
    handler = User.objects.get(username="handler")
    handler.is_superuser = handler.is_staff = True
    handler.save()
    refused = person_client("handler").get("/admin/core/user/")
    assert refused.status_code in (302, 403)
    assert person_client("handler").get("/admin/", follow=True).status_code == 403


def test_the_data_migration_demotes_administrator_superusers(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("watchkeeper.core.migrations.0005_accounts_otp_admin_audit")
    User.objects.filter(username="admin").update(is_superuser=True, is_staff=True)
    migration.demote_administrators(apps, None)
    assert not User.objects.get(username="admin").is_superuser


def test_the_navigation_links_the_admin_for_roles_that_may_use_it(as_user):
    assert 'href="/admin/"' in as_user("admin").get("/").content.decode()
    assert 'href="/admin/"' not in as_user("dispatcher").get("/").content.decode()


# --- what an administrator sees


def test_administrators_see_only_their_own_partnership(db):
    client = admin_client()
    users = client.get("/admin/core/user/").content.decode()
    assert "handler" in users and "stevenage" not in users and "herts-cctv" not in users
    agencies = client.get("/admin/core/agency/").content.decode()
    assert "Camden IDVA Service" in agencies and "East Herts Council" not in agencies
    partnerships = client.get("/admin/core/partnership/").content.decode()
    assert "Safer Camden" in partnerships and "Hertfordshire" not in partnerships
    herts_user = User.objects.get(username="stevenage")
    assert client.get(f"/admin/core/user/{herts_user.pk}/change/").status_code == 302  # "does not exist"
    # choice lists are narrowed too: a user cannot be moved into another partnership's agency
    form = client.get(f"/admin/core/user/{User.objects.get(username='partner').pk}/change/").content.decode()
    assert "Camden Housing" in form and "East Herts Council" not in form


def test_administrators_never_see_audit_entries(db):
    client = admin_client()
    assert client.get("/admin/core/auditentry/").status_code == 403
    assert "auditentry" not in client.get("/admin/").content.decode()


def test_every_admin_page_is_audited_and_declares_its_partnership_rule(db):
    from watchkeeper.core.admin_audit import UNDECLARED, AuditedAdmin

    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, AuditedAdmin), f"{model.__name__}'s admin is not an AuditedAdmin"
        assert model_admin.partnership_path != UNDECLARED, f"{model.__name__}'s admin declares no partnership rule"


# --- audited changes


def test_a_role_change_through_the_admin_is_audited_with_before_and_after(db):
    client = admin_client()
    partner = User.objects.get(username="partner")
    url = f"/admin/core/user/{partner.pk}/change/"
    data = form_of(client, url)
    data["role"] = "analyst"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    partner.refresh_from_db()
    assert partner.role == "analyst"
    entry = AuditEntry.objects.filter(kind="update", object_type="core.user", object_id=str(partner.pk)).last()
    assert entry.actor_label == "admin" and entry.changes == {"role": ["partner_viewer", "analyst"]}
    assert audit.verify().ok  # the values are covered by the chain hash and survive the database


def test_admin_create_and_delete_are_audited_with_values(db):
    client = admin_client()
    camden = Partnership.objects.get(slug="safer-camden")
    data = form_of(client, "/admin/core/agency/add/")
    data.update({"slug": "camden-youth", "name": "Camden Youth Offending Team", "kind": "council"})
    data["partnerships"] = [str(camden.pk)]
    assert client.post("/admin/core/agency/add/", data).status_code == 302
    agency = Agency.objects.get(slug="camden-youth")
    created = AuditEntry.objects.get(kind="create", object_type="core.agency", object_id=str(agency.pk))
    assert created.changes["name"] == [None, "Camden Youth Offending Team"]
    assert created.changes["partnerships"] == [None, [camden.pk]]

    place = Place.objects.filter(partnership=camden).first()
    url = f"/admin/core/place/{place.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Place.objects.filter(pk=place.pk).exists()
    gone = AuditEntry.objects.get(kind="delete", object_type="core.place", object_id=str(place.pk))
    assert gone.changes["name"] == [place.name, None]


def test_control_reference_changes_are_audited(db):
    from watchkeeper.control.models import ClosingCode

    client = admin_client()
    code = ClosingCode.objects.first()
    url = f"/admin/control/closingcode/{code.pk}/change/"
    data = form_of(client, url)
    data["label"] = "Renamed by the administrator"
    assert client.post(url, data).status_code == 302
    entry = AuditEntry.objects.filter(object_type="control.closingcode", object_id=str(code.pk)).get()
    assert entry.changes == {"label": [code.label, "Renamed by the administrator"]}


# --- tokens


@pytest.fixture
def issued(token_for):
    token_for("handler", scopes=["incident.view"])
    return ApiToken.objects.latest("created_at")


def test_tokens_are_read_only_in_the_admin(issued):
    client = admin_client()
    assert client.get("/admin/core/apitoken/add/").status_code == 403
    url = f"/admin/core/apitoken/{issued.pk}/change/"
    assert client.get(url).status_code == 200  # view only
    refused = client.post(url, {"scopes": '["incident.view", "audit.view"]', "expires_at_0": "2036-01-01"})
    assert refused.status_code == 403
    assert client.post(f"/admin/core/apitoken/{issued.pk}/delete/", {"post": "yes"}).status_code == 403
    issued.refresh_from_db()
    assert issued.scopes == ["incident.view"] and issued.revoked_at is None


def test_revoking_tokens_from_the_admin_is_audited_and_cannot_be_undone(issued):
    client = admin_client()
    response = client.post(
        "/admin/core/apitoken/", {"action": "revoke", "_selected_action": [str(issued.pk)], "index": "0"}
    )
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.revoked_at is not None
    entry = AuditEntry.objects.filter(kind="token", object_id=str(issued.pk), summary__startswith="revoked").get()
    assert entry.actor_label == "admin" and entry.changes["revoked_at"][0] is None
    url = f"/admin/core/apitoken/{issued.pk}/change/"
    assert client.post(url, {"revoked_at_0": "", "revoked_at_1": ""}).status_code == 403


def test_an_administrator_cannot_revoke_another_partnerships_tokens(token_for):
    token_for("stevenage")
    theirs = ApiToken.objects.latest("created_at")
    client = admin_client()
    client.post("/admin/core/apitoken/", {"action": "revoke", "_selected_action": [str(theirs.pk)], "index": "0"})
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_an_administrator_setting_a_password_is_audited_without_the_hash(db):
    client = admin_client()
    partner = User.objects.get(username="partner")
    url = f"/admin/core/user/{partner.pk}/password/"
    new = "Lantern-Ward-Boundary-77"
    response = client.post(url, {"password1": new, "password2": new, "usable_password": "true"})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.check_password(new)
    entry = AuditEntry.objects.filter(object_id=str(partner.pk), summary__contains="set the password").get()
    before, after = entry.changes["password"]
    assert before != after and before.startswith("(hidden #") and partner.password not in str(entry.changes)
