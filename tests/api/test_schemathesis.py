"""Property-based fuzzing of every API operation from /api/openapi.json: whatever the input, the
server answers without a 5xx. Each operation is called with a token of a persona whose role is
granted that operation's action, so the fuzzing reaches the code behind the permission check."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.conftest import PERSONAS
from tests.core.test_access_matrix import api_operations
from watchkeeper.core.access import action_of
from watchkeeper.core.roles import role_may

with override_settings(PUBLIC_API_DOCS=True):  # the schema needs a sign-in otherwise
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

ACTIONS = {}
for _path, _op in api_operations():
    for _method in _op.methods:
        ACTIONS[(_method.upper(), "/api/" + _path.lstrip("/"))] = action_of(_op.view_func)


def persona_for(action: str) -> str:
    from watchkeeper.core.models import User

    roles = dict(User.objects.filter(username__in=PERSONAS).values_list("username", "role"))
    return next((name for name in PERSONAS if role_may(roles[name], action)), "handler")


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Like Django's test client: the WSGI handler must not close the test transaction's connection
    between requests (it would on PostgreSQL, where connections are reused)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(token_for):
    cache = {}

    def headers(action: str) -> dict:
        username = persona_for(action)
        if username not in cache:
            cache[username] = token_for(username)["HTTP_AUTHORIZATION"]
        return {"Authorization": cache[username]}

    return headers


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_api_never_answers_with_a_server_error(case, tokens):
    action = ACTIONS.get((case.method.upper(), case.path), "home.view")
    response = case.call(headers=tokens(action))
    case.validate_response(response, checks=[not_a_server_error])
