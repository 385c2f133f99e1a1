"""Labels and errors follow the request's language: Bahasa Indonesia by default, English on request."""

import pytest

from tests.workflow import Cast, Flow


@pytest.mark.django_db
def test_status_label_is_indonesian_by_default_and_english_on_request():
    flow = Flow(Cast()).to("bipartite_invited")
    client = flow.clients["petitioner"]
    assert client.get(flow.url).json()["status_label"] == "Undangan perundingan bipartit"
    english = client.get(flow.url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["status_label"] == "Invited to bipartite negotiation"


@pytest.mark.django_db
def test_error_messages_follow_the_language():
    flow = Flow(Cast()).to("bipartite_invited")
    client = flow.clients["respondent"]
    body = {"name": "decline_bipartite"}
    indonesian = client.post(f"{flow.url}transitions/", body, format="json").json()
    english = client.post(f"{flow.url}transitions/", body, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert indonesian["error"]["message"] == "Ada isian yang tidak sah."
    assert indonesian["error"]["details"]["reason"] == ["Bidang ini wajib diisi."]
    assert english["error"]["message"] == "The request has invalid fields."
    assert english["error"]["details"]["reason"] == ["This field is required."]
