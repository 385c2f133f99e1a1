"""Schemathesis on a real case: the operations that name an object in their path (`{id}`) get the id of a dispute
in mediation (with a session held, rooms open, a notification each) instead of a random one, so that generated
bodies reach the validation and the services behind the 404, as each of the case's own actors (petitioner,
respondent, officer, mediator, by token). No answer may be a 5xx. test_schema_fuzz.py covers random ids and
outsiders; this module covers what the case's own people can send."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from chat.models import Notification
from disputes.models import Dispute
from tests.conftest import client_for
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

EXAMPLES = 6  # per operation and actor
ACTORS = ["petitioner", "respondent", "officer", "mediator"]

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application()).include(
    path_regex=r"\{id\}")
schema.config.phases.update(phases=["examples", "fuzzing"])


@pytest.fixture
def _keep_the_test_connection(actor):
    """As in test_schema_fuzz.py: a WSGI call must not close the test's connection. After `actor`, whose test
    client reconnects the handlers when it is done."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=ACTORS)
def actor(request) -> tuple[dict, dict]:
    """The actor's token header and the ids of the case they may address."""
    flow = Flow(Cast()).to("mediation")
    session_id = flow.hold_session()
    user = flow.cast.roles()[request.param]
    dispute = Dispute.objects.get(pk=flow.id)
    notification = Notification.objects.filter(user=user).order_by("-id").first()
    ids = {
        "/api/v1/disputes/": flow.id,
        "/api/v1/sessions/": session_id,
        "/api/v1/rooms/": dispute.rooms.order_by("id").values_list("id", flat=True).first(),
        "/api/v1/companies/": flow.cast.company_user.company_id,
        "/api/v1/notifications/": notification.pk if notification else None,
    }
    return {"Authorization": client_for(user)._credentials["HTTP_AUTHORIZATION"]}, ids


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_the_case_own_actors_get_no_server_error(case, actor, _keep_the_test_connection):
    headers, ids = actor
    for prefix, object_id in ids.items():
        if case.path.startswith(prefix) and object_id is not None:
            case.path_parameters = {**(case.path_parameters or {}), "id": object_id}
    response = case.call(headers=headers)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}\n{case.as_curl_command()}\n"
        f"{response.text[:2000]}")
