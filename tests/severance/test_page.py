"""The severance calculator page (/kalkulator-pesangon/): both languages, the same answer as the API, errors
beside their fields with the typed values kept, and prefill from the query string."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.severance.test_calculator import DOMAIN_TABLE

URL = "/kalkulator-pesangon/"
API = "/api/v1/severance/calculate/"


def client(language: str | None = None, **kwargs) -> Client:
    c = Client(**kwargs)
    if language:
        c.cookies["django_language"] = language
    return c


def rp(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


def field_block(body: str, name: str) -> str:
    """The `.field` element that holds the input named `name` (its label, help, input and error)."""
    blocks = re.split(r'(?=<(?:div|fieldset) class="field)', body)
    matches = [b for b in blocks if f'name="{name}"' in b]
    assert len(matches) == 1, name
    return matches[0]


def error_of(body: str, name: str) -> str | None:
    match = re.search(r'<p class="error" id="id_' + name + r'_error">(.*?)</p>', field_block(body, name), re.S)
    return html.unescape(match.group(1)) if match else None


def input_value(body: str, name: str) -> str | None:
    tag = re.search(r'<input[^>]*name="' + name + r'"[^>]*>', body)
    assert tag, name
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else None


def selected_reason(body: str) -> str | None:
    select = re.search(r'<select name="reason".*?</select>', body, re.S).group(0)
    match = re.search(r'<option value="([a-z0-9_]+)" selected>', select)
    return match.group(1) if match else None


def test_form_renders_in_indonesian_by_default():
    response = client().get(URL)

    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="id">' in body
    assert "<h1>Kalkulator pesangon</h1>" in body
    assert '<label for="id_reason">Alasan PHK</label>' in body
    assert "Upah sebulan: upah pokok ditambah tunjangan tetap (Rp)" in body
    assert ">Efisiensi karena perusahaan mengalami kerugian (Pasal 43 ayat (1))</option>" in body
    assert ">Memasuki usia pensiun (Pasal 56)</option>" in body
    assert 'id="hasil"' not in body  # no result before a calculation


def test_form_renders_in_english():
    body = client("en").get(URL).content.decode()

    assert '<html lang="en">' in body
    assert "<h1>Severance calculator</h1>" in body
    assert '<label for="id_reason">Reason for the termination</label>' in body
    assert ">Efficiency measures because the company is making losses (Art. 43(1))</option>" in body


def test_select_lists_every_pp35_reason_once_with_its_article():
    body = client().get(URL).content.decode()

    options = re.findall(r'<option value="(art[0-9_]+)"[^>]*>([^<]+)</option>', body)
    assert sorted(key for key, _label in options) == sorted(DOMAIN_TABLE)
    for key, label in options:
        citation = DOMAIN_TABLE[key][0].removeprefix("PP 35/2021 ")
        assert html.unescape(label).endswith(f"({citation})"), (key, label)


def test_every_input_has_a_label():
    body = client().get(URL).content.decode()

    ids = re.findall(r'<(?:input|select)[^>]*\sid="(id_[a-z_0-9]+)"', body)
    assert len(ids) == 7  # reason, two dates, wage, leave, two radios
    for element_id in ids:
        assert f'for="{element_id}"' in body, element_id


def post_page(data: dict, language: str | None = None):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    return Client().post(URL, data, **headers)


def post_api(data: dict, language: str | None = None) -> dict:
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = APIClient().post(API, data, format="json", **headers)
    assert response.status_code == 200, response.content
    return response.json()


CASES = [
    ({"reason": "art43_1", "start_date": "2020-01-15", "end_date": "2025-03-31", "monthly_wage": 5_000_000,
      "unused_leave_days": 4, "days_per_week": 5}, "5 tahun 2 bulan"),
    ({"reason": "art56", "start_date": "1999-07-01", "end_date": "2024-06-30", "monthly_wage": 8_750_000,
      "unused_leave_days": 0, "days_per_week": 6}, "24 tahun 11 bulan"),
    ({"reason": "art50", "start_date": "2022-03-01", "end_date": "2024-02-29", "monthly_wage": 4_200_001,
      "unused_leave_days": 7, "days_per_week": 6}, "1 tahun 11 bulan"),
    ({"reason": "art45_2", "start_date": "2016-05-31", "end_date": "2025-05-30", "monthly_wage": 3_333_333,
      "unused_leave_days": 12, "days_per_week": 5}, "8 tahun 11 bulan"),
    ({"reason": "art57", "start_date": "2024-11-10", "end_date": "2025-01-09", "monthly_wage": 6_100_000,
      "unused_leave_days": 2, "days_per_week": 5}, "0 tahun 1 bulan"),
]


@pytest.mark.parametrize(("data", "service"), CASES, ids=[case[0]["reason"] for case in CASES])
def test_page_result_matches_the_api(data, service):
    answer = post_api(data)
    form = {k: str(v) for k, v in data.items()}

    response = post_page(form)

    assert response.status_code == 200
    body = response.content.decode()
    result = body.split('id="hasil"', 1)[1].split("</section>", 1)[0]
    assert service in result
    assert (answer["years_of_service"], answer["months_of_service"]) == tuple(
        int(n) for n in re.findall(r"\d+", service))
    for part in ("up", "upmk"):
        multiplier = format(Decimal(str(answer[part]["multiplier"])).normalize(), "f").replace(".", ",")
        assert f"pengali {multiplier}" in result
        assert f"{answer[part]['base_months']} bulan upah" in result
        assert f'<td class="num">{rp(answer[part]["amount"])}</td>' in result
    assert f"{answer['uph']['leave_days']} hari" in result
    assert f"upah sehari {rp(answer['uph']['daily_wage'])}" in result
    assert f'<td class="num">{rp(answer["uph"]["amount"])}</td>' in result
    assert f'<td class="num">{rp(answer["total"])}</td>' in result
    for citation in answer["basis"]:
        assert f"<li>{citation}</li>" in result
    assert "Batas minimum menurut peraturan" in result
    note = answer["note"]
    assert html.escape(note[:1].upper() + note[1:]) in result  # the API's note, as a sentence
    # The typed values stay in the form for another try.
    assert input_value(body, "monthly_wage") == form["monthly_wage"]
    assert selected_reason(body) == data["reason"]


def test_page_result_formats_rupiah_indonesian_style():
    body = post_page({"reason": "art43_1", "start_date": "2020-01-15", "end_date": "2025-03-31",
                      "monthly_wage": "5.000.000", "unused_leave_days": "4", "days_per_week": "5"}).content.decode()

    assert '<td class="num">Rp 15.000.000</td>' in body
    assert '<td class="num">Rp 10.000.000</td>' in body
    assert '<td class="num">Rp 952.380</td>' in body
    assert '<td class="num">Rp 25.952.380</td>' in body
    assert "Jumlah: batas minimum menurut peraturan" in body


def test_page_result_in_english_uses_english_labels_and_note():
    data = {"reason": "art56", "start_date": "2000-01-01", "end_date": "2024-01-01", "monthly_wage": 4_000_000}
    answer = post_api(data, "en")

    body = post_page({k: str(v) for k, v in data.items()}, "en").content.decode()

    assert "24 years 0 months" in body
    assert "multiplier 1.75" in body and "9 months' wages" in body
    assert f'<td class="num">{rp(answer["total"])}</td>' in body
    assert "Total: statutory minimum" in body
    assert html.escape(answer["note"][:1].upper() + answer["note"][1:]) in body


@pytest.mark.parametrize("typed", ["7500000", "7.500.000", "Rp 7.500.000", "Rp7.500.000", "7,500,000"])
def test_wage_accepts_thousands_separators(typed):
    body = post_page({"reason": "art41", "start_date": "2020-01-01", "end_date": "2021-01-01",
                      "monthly_wage": typed}).content.decode()

    assert '<td class="num">Rp 15.000.000</td>' in body  # 1 x 2 months x 7,500,000


def test_leave_and_week_are_optional():
    body = post_page({"reason": "art41", "start_date": "2020-01-01", "end_date": "2021-01-01",
                      "monthly_wage": "2100000"}).content.decode()

    assert "0 hari" in body and "upah sehari Rp 100.000" in body  # 5-day week by default: 2,100,000 / 21


def test_end_before_start_shows_the_error_beside_the_end_date_and_keeps_the_values():
    typed = {"reason": "art52_1", "start_date": "2025-01-15", "end_date": "2024-03-31", "monthly_wage": "4.500.000",
             "unused_leave_days": "3", "days_per_week": "6"}

    response = post_page(typed)

    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="hasil"' not in body
    assert error_of(body, "end_date") == "Tanggal berakhirnya hubungan kerja mendahului tanggal mulai bekerja."
    assert 'class="field invalid"' in field_block(body, "end_date")
    assert 'aria-describedby="id_end_date_help id_end_date_error"' in field_block(body, "end_date")
    assert error_of(body, "start_date") is None and error_of(body, "monthly_wage") is None
    for name in ("start_date", "end_date", "monthly_wage", "unused_leave_days"):
        assert input_value(body, name) == typed[name]
    assert selected_reason(body) == "art52_1"
    assert re.search(r'<input type="radio" name="days_per_week" value="6"[^>]*checked', body)
    assert "Perbaiki isian yang ditandai di bawah." in body


def test_each_bad_field_gets_its_own_error_in_the_users_language():
    typed = {"reason": "art99", "start_date": "31/31/2024", "end_date": "", "monthly_wage": "lima juta",
             "unused_leave_days": "-2", "days_per_week": "7"}

    indonesian = post_page(typed).content.decode()
    english = post_page(typed, "en").content.decode()

    assert error_of(indonesian, "monthly_wage") == "Masukkan jumlah rupiah berupa bilangan bulat."
    assert error_of(english, "monthly_wage") == "Enter a whole number of rupiah."
    assert error_of(indonesian, "end_date") == "Bidang ini wajib diisi."
    assert error_of(english, "end_date") == "This field is required."
    assert error_of(english, "start_date") == "Enter a date as YYYY-MM-DD."
    assert error_of(english, "unused_leave_days") == "Enter a whole number of days from 0 to 365."
    assert error_of(english, "reason")
    assert error_of(english, "days_per_week")
    assert input_value(english, "monthly_wage") == "lima juta"
    assert input_value(english, "start_date") == "31/31/2024"
    assert input_value(english, "unused_leave_days") == "-2"


@pytest.mark.parametrize(("typed", "message"), [
    ("0", "The wage must be more than zero."),
    ("1.000.000.000.001", "The wage is too large."),
    ("5.000.000,50", "Enter a whole number of rupiah."),
    ("-5000000", "Enter a whole number of rupiah."),
])
def test_wage_limits_match_the_api(typed, message):
    body = post_page({"reason": "art41", "start_date": "2020-01-01", "end_date": "2021-01-01",
                      "monthly_wage": typed}, "en").content.decode()

    assert error_of(body, "monthly_wage") == message


def test_prefill_from_the_query_string():
    response = client().get(URL, {"reason": "art56", "start_date": "2001-02-03", "end_date": "2024-05-06",
                                  "monthly_wage": "7500000"})

    assert response.status_code == 200
    body = response.content.decode()
    assert selected_reason(body) == "art56"
    assert input_value(body, "start_date") == "2001-02-03"
    assert input_value(body, "end_date") == "2024-05-06"
    assert input_value(body, "monthly_wage") == "7500000"
    assert 'id="hasil"' not in body and 'class="error"' not in body  # a prefill is not a submission


def test_prefill_of_leave_and_week_and_partial_prefill():
    body = client().get(URL, {"monthly_wage": "3.000.000", "unused_leave_days": "5", "days_per_week": "6"}).content
    body = body.decode()

    assert selected_reason(body) is None
    assert input_value(body, "start_date") is None
    assert input_value(body, "monthly_wage") == "3.000.000"
    assert input_value(body, "unused_leave_days") == "5"
    assert re.search(r'<input type="radio" name="days_per_week" value="6"[^>]*checked', body)


def test_prefill_is_escaped():
    body = client().get(URL, {"monthly_wage": '"><script>alert(1)</script>'}).content.decode()

    assert "<script>alert(1)" not in body
    assert input_value(body, "monthly_wage") == '"><script>alert(1)</script>'


def test_form_posts_with_the_csrf_token_the_page_gives():
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = {"reason": "art41", "start_date": "2020-01-01", "end_date": "2021-01-01", "monthly_wage": "1000000"}

    assert browser.post(URL, data).status_code == 403  # without the token
    response = browser.post(URL, {**data, "csrfmiddlewaretoken": token})

    assert response.status_code == 200
    assert '<td class="num">Rp 2.000.000</td>' in response.content.decode()  # UP 1 x 2 months, no UPMK


def test_other_methods_are_refused():
    assert Client().put(URL).status_code == 405
    assert Client().delete(URL).status_code == 405
