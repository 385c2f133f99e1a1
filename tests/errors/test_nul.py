"""A NUL character (U+0000) anywhere in the input is bad input, never a 500: PostgreSQL cannot store it. The API
answers 400 `invalid` naming the field (run these on PostgreSQL too: DATABASE_URL), the pages show the form again
with the error, and a room socket answers the post with an `invalid` frame and stays open."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from chat.models import Message, Room
from disputes.models import Dispute
from tests.chat.conftest import connect, frames_until
from tests.conftest import client_for
from tests.disputes.test_bad_input import assert_invalid, messages_at
from tests.factories import WorkerFactory
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db

NUL = "\x00"
MESSAGE_ID = "Karakter null tidak diizinkan."


def worker_body(**overrides) -> dict:
    return {"role": "worker", "username": "siti.aminah", "password": "Sandi-yang-kuat-123", "name": "Siti Aminah",
            "nik": "3273010101900001", "phone": "081234567890", "email": "siti@example.id", **overrides}


def company_body(**company) -> dict:
    return {"role": "company", "username": "pt.maju", "password": "Sandi-yang-kuat-123", "name": "Budi",
            "email": "budi@example.id", "phone": "081234567890",
            "company": {"name": "PT Maju", "nib": "1234567890123", "address": "Jl. Asia Afrika 1",
                        "regency": "32.73", **company}}


@pytest.mark.parametrize(("body", "field"), [
    (worker_body(name=f"Siti{NUL}"), "name"),
    (worker_body(username=f"siti{NUL}"), "username"),
    (worker_body(nik=f"327301010190000{NUL}"), "nik"),
    (company_body(name=f"PT{NUL}Maju"), "company.name"),
    (company_body(regency=f"32.73{NUL}"), "company.regency"),
], ids=["name", "username", "nik", "company_name", "company_regency"])
def test_registration_with_a_nul_answers_400_naming_the_field(api, body, field):
    assert_invalid(api.post("/api/v1/auth/register/", body, format="json", HTTP_ACCEPT_LANGUAGE="id"), field)


@pytest.mark.parametrize("path", ["/api/v1/auth/login/", "/api/v1/auth/token/"])
def test_sign_in_with_a_nul_in_the_username_answers_400(api, path):
    response = api.post(path, {"username": f"a{NUL}b", "password": "x"}, format="json", HTTP_ACCEPT_LANGUAGE="id")
    assert messages_at(assert_invalid(response, "username"), "username") == [MESSAGE_ID]


@pytest.mark.parametrize(("mutate", "field"), [
    (lambda b: {**b, "summary": f"PHK{NUL}"}, "summary"),
    (lambda b: {**b, "workplace_regency": f"32.73{NUL}"}, "workplace_regency"),
    (lambda b: {**b, "workplace_regency": ["32.73", f"32.04{NUL}"]}, "workplace_regency.1"),
    (lambda b: {**b, "respondent": {"nib": f"123456789012{NUL}"}}, "respondent.nib"),
    (lambda b: {**b, "type": f"phk{NUL}"}, "type"),
    (lambda b: {**b, f"sum{NUL}": "x"}, "sum\\x00"),
], ids=["summary", "regency", "regency_list", "nib", "type", "key"])
def test_create_dispute_with_a_nul_answers_400_and_saves_nothing(mutate, field):
    cast = Cast()
    body = {"type": "phk", "respondent": {"nib": cast.company_user.company.nib}, "workplace_regency": "32.73",
            "summary": "PHK sepihak"}
    response = client_for(cast.worker).post("/api/v1/disputes/", mutate(body), format="json")
    assert_invalid(response, field)
    assert not Dispute.objects.exists()


def test_a_body_that_is_a_string_with_a_nul_names_the_body():
    response = client_for(WorkerFactory()).post("/api/v1/disputes/", f'"a{NUL}"', content_type="application/json")
    assert_invalid(response, "body")


def test_editing_a_draft_with_a_nul_answers_400_and_keeps_the_draft():
    flow = Flow(Cast(), summary="PHK sepihak")
    response = client_for(flow.cast.worker).patch(flow.url, {"chronology": f"Pada{NUL}"}, format="json")
    assert_invalid(response, "chronology")
    assert flow.get()["chronology"] != f"Pada{NUL}"


@pytest.mark.parametrize(("payload", "field"), [
    ({"name": "decline_bipartite", "reason": f"Tidak{NUL}"}, "reason"),
    ({"name": f"decline{NUL}"}, "name"),
], ids=["reason", "name"])
def test_a_transition_payload_with_a_nul_answers_400_and_changes_nothing(payload, field):
    flow = Flow(Cast()).to("bipartite_invited")
    response = client_for(flow.cast.company_user).post(f"{flow.url}transitions/", payload, format="json")
    assert_invalid(response, field)
    assert flow.state == "bipartite_invited"


def test_a_consultation_with_a_nul_answers_400(api):
    body = {"regency": "32.73", "topic": "Pesangon", "question": f"Berapa{NUL}?"}
    assert_invalid(client_for(WorkerFactory()).post("/api/v1/consultations/", body, format="json"), "question")


def test_a_multipart_field_with_a_nul_answers_400():
    flow = Flow(Cast()).to("bipartite_invited")
    response = client_for(flow.cast.worker).post(f"{flow.url}evidence/", {"title": f"Slip{NUL}"}, format="multipart")
    assert_invalid(response, "title")


@pytest.mark.parametrize("path", [f"/api/v1/disputes/?status=a{NUL}", f"/api/v1/disputes/?a{NUL}=1",
                                  "/api/v1/invitations/ab%00cd/claim/"])
def test_a_nul_in_the_query_or_path_answers_400(path):
    response = client_for(WorkerFactory()).get(path) if "?" in path else client_for(WorkerFactory()).post(path)
    assert_invalid(response)


# --- pages ---------------------------------------------------------------------------------------------------

def page_client(user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    if user is not None:
        client.force_login(user)
    return client


def test_sign_in_page_with_a_nul_shows_the_form_again():
    response = page_client().post("/masuk/", {"username": f"a{NUL}", "password": "x"})
    assert response.status_code == 400
    assert MESSAGE_ID in response.content.decode()


def test_registration_page_with_a_nul_shows_the_error_and_keeps_the_other_values():
    response = page_client().post("/daftar/", {**worker_body(name=f"Siti{NUL}"), "username": "siti.ok"})
    assert response.status_code == 400
    html = response.content.decode()
    assert MESSAGE_ID in html and 'value="siti.ok"' in html


def test_wizard_step_with_a_nul_shows_the_error():
    flow = Flow(Cast())
    response = page_client(flow.cast.worker).post(f"/perselisihan/{flow.id}/isi/tuntutan/", {"demands": f"Bayar{NUL}"})
    assert response.status_code == 400
    assert MESSAGE_ID in response.content.decode()


def test_page_action_with_a_nul_shows_the_error_and_changes_nothing():
    flow = Flow(Cast()).to("bipartite_invited")
    response = page_client(flow.cast.company_user).post(
        f"/perselisihan/{flow.id}/aksi/decline_bipartite/", {"decline_bipartite-reason": f"Tidak{NUL}"})
    assert response.status_code == 400
    assert MESSAGE_ID in response.content.decode()
    assert flow.state == "bipartite_invited"


def test_invitation_page_with_a_nul_token_answers_400_not_500():
    assert page_client(WorkerFactory()).post("/undangan/", {"token": f"ab{NUL}"}).status_code == 400
    assert page_client().get("/undangan/?token=ab%00").status_code == 400


def test_a_page_with_a_nul_in_the_query_answers_the_400_page():
    response = page_client().get("/panduan/?q=%00")
    assert response.status_code == 400


# --- room socket ---------------------------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
async def test_a_room_post_with_a_nul_gets_the_invalid_frame_and_the_socket_stays_open():
    from asgiref.sync import sync_to_async

    flow = await sync_to_async(lambda: Flow(Cast()).to("bipartite"))()
    room_id = await sync_to_async(lambda: Room.objects.get(dispute_id=flow.id, kind="bipartite").id)()
    socket, connected, _code = await connect(f"/ws/rooms/{room_id}/", flow.cast.worker,
                                             extra_headers=[(b"accept-language", b"id")])
    assert connected
    bad = str(uuid.uuid4())
    await socket.send_json_to({"type": "message", "client_id": bad, "body": f"Halo{NUL}"})
    error = (await frames_until(socket, lambda f: f["type"] == "error"))[-1]
    assert error["code"] == "invalid" and error["client_id"] == bad and error["message"]
    good = str(uuid.uuid4())
    await socket.send_json_to({"type": "message", "client_id": good, "body": "Halo"})
    ack = (await frames_until(socket, lambda f: f["type"] == "ack"))[-1]
    assert ack["client_id"] == good
    assert await sync_to_async(Message.objects.filter(body__contains="Halo").count)() == 1
    await socket.disconnect()
