"""POST /api/v1/severance/calculate/: open to anyone, the contract's answer, bad input and the note's language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from tests.helpers import assert_error
from tests.severance.test_calculator import DOMAIN_TABLE

URL = "/api/v1/severance/calculate/"

BODY = {"reason": "art43_1", "start_date": "2020-01-15", "end_date": "2025-03-31", "monthly_wage": 5_000_000}


def post(body, **headers):
    return APIClient(enforce_csrf_checks=True).post(URL, body, format="json", **headers)


def test_calculate_anonymous_without_csrf_answers_the_contract_shape():
    response = post({**BODY, "unused_leave_days": 4})

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"years_of_service", "months_of_service", "up", "upmk", "uph", "total", "basis", "note"}
    assert set(body["up"]) == set(body["upmk"]) == {"base_months", "multiplier", "amount"}
    assert set(body["uph"]) == {"leave_days", "daily_wage", "amount"}
    # 2020-01-15 -> 2025-03-31: 5 years 2 months; UP base 6 x 0.5, UPMK base 2 x 1.
    assert (body["years_of_service"], body["months_of_service"]) == (5, 2)
    assert body["up"] == {"base_months": 6, "multiplier": 0.5, "amount": 15_000_000}
    assert body["upmk"] == {"base_months": 2, "multiplier": 1, "amount": 10_000_000}
    assert body["uph"] == {"leave_days": 4, "daily_wage": 238_095, "amount": 952_380}
    assert body["total"] == 15_000_000 + 10_000_000 + 952_380
    assert body["basis"] == ["PP 35/2021 Pasal 43 ayat (1)", "PP 35/2021 Pasal 40 ayat (2)",
                             "PP 35/2021 Pasal 40 ayat (3)", "PP 35/2021 Pasal 40 ayat (4)", "PP 36/2021 Pasal 17"]
    assert isinstance(body["total"], int)


def test_calculate_defaults_to_no_leave_and_a_five_day_week():
    body = post(BODY).json()

    assert body["uph"] == {"leave_days": 0, "daily_wage": 238_095, "amount": 0}
    assert "PP 36/2021 Pasal 17" not in body["basis"]


def test_calculate_six_day_week_divides_by_25():
    body = post({**BODY, "unused_leave_days": 3, "days_per_week": 6}).json()

    assert body["uph"] == {"leave_days": 3, "daily_wage": 200_000, "amount": 600_000}


def test_calculate_multiplier_is_a_json_number():
    response = post({**BODY, "reason": "art56"})

    assert b'"multiplier":1.75' in response.content.replace(b" ", b"")
    assert response.json()["up"]["amount"] == 52_500_000  # 1.75 x 6 x 5,000,000


@pytest.mark.parametrize("key", sorted(DOMAIN_TABLE))
def test_calculate_every_reason(key):
    # 24 years exactly: UP base 9, UPMK base 10.
    citation, m_up, m_upmk, separation_pay = DOMAIN_TABLE[key]
    response = post({"reason": key, "start_date": "2000-02-01", "end_date": "2024-02-01", "monthly_wage": 4_000_000,
                     "unused_leave_days": 21})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["up"]["multiplier"] == float(m_up)
    assert body["upmk"]["multiplier"] == float(m_upmk)
    assert body["up"]["amount"] == Decimal(m_up) * 9 * 4_000_000
    assert body["upmk"]["amount"] == Decimal(m_upmk) * 10 * 4_000_000
    # 4,000,000 ÷ 21 = 190,476.19 -> 190,476 a day; 21 days of it.
    assert body["uph"] == {"leave_days": 21, "daily_wage": 190_476, "amount": 3_999_996}
    assert body["total"] == body["up"]["amount"] + body["upmk"]["amount"] + body["uph"]["amount"]
    assert body["basis"][0] == citation
    assert ("PP 35/2021 Pasal 40 ayat (2)" in body["basis"]) is (m_up != "0")
    assert ("PP 35/2021 Pasal 40 ayat (3)" in body["basis"]) is (m_upmk != "0")
    assert "PP 35/2021 Pasal 40 ayat (4)" in body["basis"]
    assert ("uang pisah" in body["note"].lower()) is separation_pay


@pytest.mark.django_db
def test_calculate_signed_in_session_needs_no_csrf(worker):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(worker)

    assert client.post(URL, BODY, format="json").status_code == 200


# --- language of the note ---------------------------------------------------------------------------------------


def test_note_is_indonesian_by_default():
    note = post({**BODY, "reason": "art50"}).json()["note"]

    assert note.startswith("batas minimum menurut undang-undang;")
    assert "MK 168/PUU-XXI/2023" in note
    assert "uang pisah" in note
    assert "statutory" not in note


def test_note_is_english_on_request():
    note = post({**BODY, "reason": "art50"}, HTTP_ACCEPT_LANGUAGE="en").json()["note"]

    assert note.startswith("statutory minimum;")
    assert "MK 168/PUU-XXI/2023" in note
    assert "Uang pisah is also due" in note


def test_note_for_death_names_the_heirs():
    assert "ahli waris" in post({**BODY, "reason": "art57"}).json()["note"]
    assert "heirs" in post({**BODY, "reason": "art57"}, HTTP_ACCEPT_LANGUAGE="en").json()["note"]


def test_error_messages_follow_the_language():
    body = {**BODY, "reason": "art53"}
    indonesian = assert_error(post(body), 400, "invalid")
    english = assert_error(post(body, HTTP_ACCEPT_LANGUAGE="en"), 400, "invalid")

    assert indonesian["reason"] == ["Alasan PHK tidak dikenal: gunakan kunci pasal PP 35/2021 seperti art41 "
                                    "atau art52_1."]
    assert english["reason"] == ["Unknown reason: use a PP 35/2021 article key such as art41 or art52_1."]


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reason": "art53"}, "reason"),
        ({"reason": "ART41"}, "reason"),
        ({"reason": 41}, "reason"),
        ({"reason": ""}, "reason"),
        ({"reason": None}, "reason"),
        ({"end_date": "2020-01-14"}, "end_date"),           # a day before the start
        ({"start_date": "2020-02-30"}, "start_date"),
        ({"start_date": "15-01-2020"}, "start_date"),
        ({"start_date": "2020/01/15"}, "start_date"),
        ({"end_date": "2025-03-31T00:00:00"}, "end_date"),
        ({"end_date": 20250331}, "end_date"),
        ({"end_date": ""}, "end_date"),
        ({"monthly_wage": 0}, "monthly_wage"),
        ({"monthly_wage": -5_000_000}, "monthly_wage"),
        ({"monthly_wage": 5_000_000.5}, "monthly_wage"),
        ({"monthly_wage": 5_000_000.0}, "monthly_wage"),     # money is an integer number of rupiah
        ({"monthly_wage": "5000000"}, "monthly_wage"),
        ({"monthly_wage": True}, "monthly_wage"),
        ({"monthly_wage": None}, "monthly_wage"),
        ({"monthly_wage": 1_000_000_000_001}, "monthly_wage"),
        ({"unused_leave_days": -1}, "unused_leave_days"),
        ({"unused_leave_days": 366}, "unused_leave_days"),
        ({"unused_leave_days": 1.5}, "unused_leave_days"),
        ({"unused_leave_days": "3"}, "unused_leave_days"),
        ({"days_per_week": 4}, "days_per_week"),
        ({"days_per_week": 7}, "days_per_week"),
        ({"days_per_week": "5"}, "days_per_week"),
        ({"days_per_week": 5.5}, "days_per_week"),
    ],
)
def test_calculate_rejects_bad_field(change, field):
    details = assert_error(post({**BODY, **change}), 400, "invalid")

    assert set(details) == {field}
    assert all(isinstance(m, str) and m for m in details[field])


@pytest.mark.parametrize("field", ["reason", "start_date", "end_date", "monthly_wage"])
def test_calculate_requires_field(field):
    body = {k: v for k, v in BODY.items() if k != field}

    details = assert_error(post(body), 400, "invalid")

    assert set(details) == {field}


def test_calculate_reports_every_bad_field_at_once():
    details = assert_error(post({"reason": "x", "start_date": "x", "end_date": "2020-01-01", "monthly_wage": -1,
                                 "unused_leave_days": 400, "days_per_week": 7}), 400, "invalid")

    assert set(details) == {"reason", "start_date", "monthly_wage", "unused_leave_days", "days_per_week"}


def test_calculate_accepts_the_boundaries():
    assert post({**BODY, "end_date": BODY["start_date"]}).status_code == 200
    assert post({**BODY, "monthly_wage": 1}).status_code == 200
    assert post({**BODY, "monthly_wage": 1_000_000_000_000, "unused_leave_days": 365}).status_code == 200


@pytest.mark.parametrize("raw", ['[{"reason": "art41"}]', '"art41"', "5", "null", "true"])
def test_calculate_body_must_be_an_object(raw):
    response = APIClient().post(URL, raw, content_type="application/json")

    assert set(assert_error(response, 400, "invalid")) == {"body"}


def test_calculate_empty_body_names_the_required_fields():
    response = APIClient().post(URL, "", content_type="application/json")

    assert set(assert_error(response, 400, "invalid")) == {"reason", "start_date", "end_date", "monthly_wage"}


def test_calculate_unreadable_json_is_invalid():
    response = APIClient().post(URL, "{not json", content_type="application/json")

    assert "body" in assert_error(response, 400, "invalid")


def test_calculate_only_posts():
    assert_error(APIClient().get(URL), 405, "method_not_allowed")


# --- schema -----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_schema_documents_the_endpoint():
    schema = APIClient().get("/api/v1/schema/?format=json").json()

    operation = schema["paths"][URL]["post"]
    assert "months_of_service" in operation["description"]
    request = schema["components"]["schemas"][operation["requestBody"]["content"]["application/json"]["schema"]
                                                ["$ref"].rsplit("/", 1)[-1]]
    assert set(request["required"]) == {"reason", "start_date", "end_date", "monthly_wage"}
    reason = request["properties"]["reason"]
    if "$ref" in reason:
        reason = schema["components"]["schemas"][reason["$ref"].rsplit("/", 1)[-1]]
    elif "allOf" in reason:
        reason = schema["components"]["schemas"][reason["allOf"][0]["$ref"].rsplit("/", 1)[-1]]
    assert set(reason["enum"]) == set(DOMAIN_TABLE)
    assert "200" in operation["responses"] and "400" in operation["responses"]
