"""Shared fixtures: the demo borough loaded once per test database, named personas, restricted
records to prove nothing leaks, and helpers for optional real services (PostgreSQL, Redis,
Chromium, ../shared/data), which must be present when CI=true."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client

from watchkeeper import checks

CI = os.environ.get("CI", "").lower() == "true"
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")

# Words that appear only in restricted records: if any page or API answer shows one to a persona
# not entitled to it, something leaked.
SECRET_PERSON = "Quillfeather"
STEVENAGE_ONLY = "Stevenageonly"


def need(available: bool, what: str) -> None:
    """Skip when an optional real part is missing; under CI=true it is mandatory instead."""
    if available:
        return
    if CI:
        pytest.fail(f"CI=true: {what} is required but not available")
    pytest.skip(f"{what} not available here")


def shared_data(*parts: str) -> Path:
    path = SHARED_DATA.joinpath(*parts)
    need(path.exists(), f"shared data {path}")
    return path


@pytest.fixture(scope="session")
def redis_url() -> str:
    need(checks.redis(REDIS_TEST_URL), f"Redis at {REDIS_TEST_URL}")
    return REDIS_TEST_URL


@pytest.fixture(scope="session", autouse=True)
def audit_checkpoint_file(tmp_path_factory):
    """The audit checkpoint of this test run's throwaway database, not of the data dir's one."""
    from django.test import override_settings

    with override_settings(AUDIT_CHECKPOINT_FILE=tmp_path_factory.mktemp("audit") / "audit_checkpoint.json"):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from watchkeeper.demo import borough

    with django_db_blocker.unblock():
        borough.load()
        _restricted_world()


def _restricted_world() -> None:
    from watchkeeper.core.models import Agency, District, Partnership, Person, Restriction, User

    camden = Partnership.objects.get(slug="safer-camden")
    herts = Partnership.objects.get(slug="herts-cctv")
    idva = User.objects.get(username="idva")
    secret = Person.objects.create(
        partnership=camden,
        restriction=Restriction.PEOPLE,
        given_name="Ottoline",
        family_name=SECRET_PERSON,
        phone="07700900111",
        postcode="NW1 0AA",
        owner_agency=idva.agency,
        risk_markers=["domestic abuse victim"],
    )
    secret.shared_users.add(idva)
    Person.objects.create(
        partnership=camden,
        given_name="Alfred",
        family_name="Openshaw",
        phone="07700900222",
        owner_agency=Agency.objects.get(slug="met-camden"),
    )
    Person.objects.create(
        partnership=herts,
        district=District.objects.get(code="E07000243"),
        given_name="Steve",
        family_name=STEVENAGE_ONLY,
        owner_agency=Agency.objects.get(slug="herts-cctv-room"),
    )


def person_client(username: str) -> Client:
    from watchkeeper.core.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def as_user(db):
    """as_user("handler") -> a Django test client signed in as that demo persona."""
    return person_client


@pytest.fixture
def token_for(db):
    """token_for("handler", scopes=[...]) -> headers carrying a fresh bearer token."""
    from watchkeeper.core import services
    from watchkeeper.core.audit import Actor
    from watchkeeper.core.models import User

    def make(username: str, scopes=(), days: int = 30) -> dict:
        _, secret = services.issue_token(Actor(None, "test"), User.objects.get(username=username), list(scopes), days)
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return make


PERSONAS = [
    "handler",
    "dispatcher",
    "duty",
    "inspector",
    "patrol",
    "cctv",
    "controller",
    "asb",
    "idva",
    "channel",
    "iom",
    "analyst",
    "partner",
    "auditor",
    "admin",
    "herts-cctv",
    "stevenage",
    "eastherts",
]
