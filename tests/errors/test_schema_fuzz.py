"""Schemathesis over the OpenAPI document (/api/v1/schema/): every operation, as each role (anonymous, worker,
company, officer, mediator, by token as the API tests authenticate), with generated input; no answer may be a 5xx.
Bounded to a few examples per operation and role so the module stays within about two minutes on a 2-core box."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.conftest import client_for
from tests.factories import CompanyUserFactory, MediatorFactory, OfficerFactory, WorkerFactory

pytestmark = pytest.mark.django_db

EXAMPLES = 3  # per operation and role: 52 operations x 5 roles
ROLES = {"anonymous": None, "worker": WorkerFactory, "company": CompanyUserFactory, "officer": OfficerFactory,
         "mediator": MediatorFactory}

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
# Generated examples only (the coverage phase's boundary cases are not bounded by max_examples).
schema.config.phases.update(phases=["examples", "fuzzing"])


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Called as a WSGI app, Django closes the database connection after each request; inside the test's
    transaction that would break every later query. Django's test client disconnects these handlers the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=list(ROLES))
def auth_headers(request) -> dict:
    factory = ROLES[request.param]
    if factory is None:
        return {}
    return {"Authorization": client_for(factory())._credentials["HTTP_AUTHORIZATION"]}


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_operation_answers_a_server_error(case, auth_headers):
    response = case.call(headers=auth_headers)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}\n{case.as_curl_command()}\n"
        f"{response.text[:2000]}")
