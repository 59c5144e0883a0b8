"""Shared fixtures: the demo borough loaded once per test database (only when a database test not
marked `factories` runs), named personas, restricted records to prove nothing leaks, and helpers
for optional real services (PostgreSQL, Redis, Chromium, ../shared/data), which must be present
when CI=true."""

from __future__ import annotations

import os

import pytest
from django.test import Client

from tests.support import db_cache, scheduling, workers
from tests.support.shared_data import need, shared_data  # noqa: F401  (re-exported for the tests)
from watchkeeper import checks

CI = os.environ.get("CI", "").lower() == "true"
# Each pytest-xdist worker uses its own Redis database (tests/support/workers.py).
REDIS_TEST_URL = workers.redis_url(os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15"))

# Words that appear only in restricted records: if any page or API answer shows one to a persona
# not entitled to it, something leaked.
SECRET_PERSON = "Quillfeather"
STEVENAGE_ONLY = "Stevenageonly"


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


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing():
    """Argon2id at its smallest costs for this process's tests (tests/support/hashers.py); commands
    run as real processes hash as production does."""
    from django.conf import settings
    from django.test import override_settings

    quick = ["tests.support.hashers.QuickArgon2PasswordHasher", *settings.PASSWORD_HASHERS[1:]]
    with override_settings(PASSWORD_HASHERS=quick):
        yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings_xdist_suffix(request):
    """pytest-django's per-worker test database names (test_<name>_gw<N>), for PostgreSQL only:
    it takes our SQLite backend (watchkeeper.core.sqlite) for a file database and would name a file
    beside the data dir's, where each worker's SQLite test database is in its own memory anyway."""
    from django.db import connections

    worker = getattr(request.config, "workerinput", {}).get("workerid")
    for alias in connections:
        if worker and connections[alias].vendor != "sqlite":
            test = connections[alias].settings_dict.setdefault("TEST", {})
            test["NAME"] = f"{test.get('NAME') or 'test_' + connections[alias].settings_dict['NAME']}_{worker}"


@pytest.fixture(scope="session")
def _test_db_cache():
    """SQLite: the migrated test database copied from the last run's when nothing changed
    (tests/support/db_cache/), instead of migrating again."""
    from django.db import connections

    db_cache.install(connections["default"])


@pytest.fixture(scope="session")
def django_db_setup(_test_db_cache, quick_password_hashing, django_db_setup):
    """pytest-django's own set-up, with the cache above in place first. The quick hashers are
    named so they are in force whichever test comes first: `demo_world` is put first in a test's
    fixtures, ahead of the autouse ones, and a demo loaded before them had production-cost persona
    hashes and a cache fingerprint that the next run (another test first) did not find."""
    yield


@pytest.fixture(scope="session")
def demo_world(django_db_setup, django_db_blocker):
    """The demo borough and the restricted records, loaded once, outside any test's transaction
    (on SQLite copied from the last run's when nothing changed: tests/support/db_cache/)."""
    from django.db import connections

    from watchkeeper.demo import borough

    connection = connections["default"]
    with django_db_blocker.unblock(), db_cache.building(connection, "demo"):
        if not db_cache.restore(connection, "demo"):
            borough.load()
            _restricted_world()
            _deliver_demo_outbox()
            db_cache.save(connection, "demo")
        _deliver_demo_outbox()  # a state saved before the demo's messages were delivered


def _deliver_demo_outbox() -> None:
    """Deliver what the demo's loaders queued (the ANPR demo's warning letters), as the worker
    `watchkeeper demo` starts would. The demo world is committed once for the whole session, so a
    message left pending here would be claimed by any later test that runs the worker (the
    outbox's own tests) as if it were that test's."""
    import threading

    from watchkeeper.outbox import delivery

    delivery.run(threading.Event(), once=True)


# Sweeps over every page or endpoint for every persona: run by `make test`, left out of
# `make test-fast` (marked here so their files stay as their owners keep them).
EXHAUSTIVE = (
    "tests/core/test_access_matrix.py",
    "tests/api/test_schemathesis.py",
    "tests/core/test_transport.py::test_every_page_sends_a_csp_without_inline_script",
)


def pytest_configure(config):
    scheduling.configure(config)


@pytest.hookimpl(tryfirst=True)  # the marks set here must be there before `-m` selects
def pytest_collection_modifyitems(config, items):
    # Tests with real servers run on one xdist worker, one after another: a live board's Redis
    # pub/sub channels are shared by all Redis databases, and two servers plus a browser per worker
    # crowd a small machine's cores. tests/support/scheduling.py does it from the ids recorded
    # below (xdist's own `xdist_group` mark is ignored with pytest 9.2, pytest-xdist issue 1386).
    # Tests without database access are marked `no_database`: `make test-postgres` leaves them to
    # the SQLite pass. Database tests get the demo world unless marked `factories` (they build
    # what they need with tests/factories.py), so a run of those alone never pays for loading it.
    # Session fixtures are set up first, so the world is in place before the test's transaction
    # begins.
    for item in items:
        if item.nodeid.startswith(EXHAUSTIVE):
            item.add_marker(pytest.mark.exhaustive)
        uses_db = item.get_closest_marker("django_db") or {"db", "transactional_db"} & set(item.fixturenames)
        if uses_db and not item.get_closest_marker("factories"):
            item.fixturenames.insert(0, "demo_world")
        if not uses_db:
            # pytest-django refuses database access to it, so a PostgreSQL run adds nothing.
            item.add_marker(pytest.mark.no_database)
    scheduling.record(config, items)


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
    "asbmanager",
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
