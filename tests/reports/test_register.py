"""The office register (buku registrasi perselisihan) as CSV and XLSX, read back."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import User
from tests.conftest import client_for
from tests.helpers import assert_error

from .conftest import Flow, deemed_rejection

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def read_csv(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read the file as UTF-8
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def registered(office_set):
    office_set.flows["deemed"] = deemed_rejection(Flow(office_set.cast, type="kepentingan"))
    return office_set


def test_csv_has_one_row_per_registered_dispute_with_stages_and_outcome(registered):
    cast, flows = registered.cast, registered.flows
    year = timezone.localtime().year  # registration numbers carry the year the office accepted them
    response = client_for(cast.officer).get("/api/v1/register.csv", {"year": year}, **EN)
    assert response["Content-Disposition"] == f'attachment; filename="buku-registrasi-32.73-{year}.csv"'
    rows = read_csv(response)
    # Registered: court, struck, mediation, deemed. Not: settled in bipartite, a registration still being
    # checked, an invitation, drafts, the other office's dispute.
    expected = [flows[k].get() for k in ("court", "struck", "mediation", "deemed")]
    assert [r["Registration number"] for r in rows] == [d["registration_number"] for d in expected]
    assert [r["Dispute number"] for r in rows] == [d["number"] for d in expected]
    assert [r["No."] for r in rows] == ["1", "2", "3", "4"]
    today = timezone.localdate().isoformat()

    court = rows[0]
    assert court["Office"] == "32.73"
    assert court["Worker (petitioner)"] == cast.worker.name
    assert court["Company (respondent)"] == cast.company_user.company.name
    assert court["Company NIB"] == cast.company_user.company.nib
    assert court["Type of dispute"] == "Termination dispute"
    assert court["Filed on"] == "2026-03-02"
    assert court["Bipartite started on"] == ""  # the company declined
    assert court["Bipartite ended on"] == today
    assert court["Why bipartite failed"] == "The company declined to negotiate"
    assert court["Registration submitted on"] == today
    assert court["Registration accepted on"] == today
    assert court["Delegated to the mediator on"] == today
    assert court["Mediator"] == cast.mediator.name
    assert court["Recommendation issued on"] == today
    assert court["Closed on"] == "2026-03-09"
    assert court["Outcome"] == "Referred to the industrial court"
    assert court["Notes"] == "Recommendation rejected by the company (respondent)"

    struck = rows[1]
    assert struck["Type of dispute"] == "Rights dispute"
    assert struck["Outcome"] == "Struck off"
    assert struck["Recommendation issued on"] == ""
    assert "Struck off: the petitioner was absent after three summonses" in struck["Notes"]

    in_mediation = rows[2]
    assert in_mediation["Outcome"] == "In progress: Mediation"
    assert in_mediation["Closed on"] == ""
    assert in_mediation["Notes"] == ""

    deemed = rows[3]
    assert deemed["Outcome"] == "Referred to the industrial court"
    assert deemed["Closed on"] == today
    assert deemed["Notes"] == (
        "Recommendation deemed rejected: no answer in time from the worker (petitioner); "
        "Recommendation deemed rejected: no answer in time from the company (respondent)"
    )


def test_xlsx_holds_the_same_rows_with_real_dates(registered):
    cast = registered.cast
    year = timezone.localtime().year
    client = client_for(cast.officer)
    from_csv = read_csv(client.get("/api/v1/register.csv", {"year": year}, **EN))
    response = client.get("/api/v1/register.xlsx", {"year": year}, **EN)
    assert response["Content-Disposition"] == f'attachment; filename="buku-registrasi-32.73-{year}.xlsx"'
    from_xlsx = read_xlsx(response)
    assert len(from_xlsx) == len(from_csv) == 4
    assert list(from_xlsx[0]) == list(from_csv[0])
    for x, c in zip(from_xlsx, from_csv, strict=True):
        for key, value in x.items():
            if isinstance(value, dt.datetime):
                assert value.date().isoformat() == c[key], key
            else:
                assert ("" if value is None else str(value)) == c[key], key
    assert from_xlsx[0]["Filed on"] == dt.datetime(2026, 3, 2)
    assert from_xlsx[0]["No."] == 1


def test_headers_are_in_bahasa_indonesia_by_default(registered):
    year = timezone.localtime().year
    rows = read_csv(client_for(registered.cast.officer).get("/api/v1/register.csv", {"year": year}))
    assert "Nomor registrasi" in rows[0]
    assert rows[0]["Jenis perselisihan"] == "Perselisihan pemutusan hubungan kerja"
    assert rows[0]["Hasil"] == "Dapat diajukan ke Pengadilan Hubungan Industrial"
    assert rows[2]["Hasil"] == "Dalam proses: Mediasi"
    assert rows[3]["Catatan"].startswith("Anjuran dianggap ditolak")


def test_text_that_looks_like_a_formula_is_never_a_formula(registered):
    year = timezone.localtime().year
    User.objects.filter(pk=registered.cast.worker.pk).update(name='=HYPERLINK("http://evil.test","x")')
    client = client_for(registered.cast.officer)
    rows = read_csv(client.get("/api/v1/register.csv", {"year": year}, **EN))
    assert rows[0]["Worker (petitioner)"] == "'=HYPERLINK(\"http://evil.test\",\"x\")"
    sheet = load_workbook(io.BytesIO(client.get("/api/v1/register.xlsx", {"year": year}).content)).worksheets[0]
    cell = sheet.cell(row=2, column=5)
    assert cell.value == '=HYPERLINK("http://evil.test","x")'
    assert cell.data_type == "s"


def test_other_years_and_other_offices_are_empty_or_refused(registered):
    cast = registered.cast
    year = timezone.localtime().year
    assert read_csv(client_for(cast.officer).get("/api/v1/register.csv", {"year": year - 1})) == []
    assert read_xlsx(client_for(cast.foreign_officer).get("/api/v1/register.xlsx", {"year": year})) == []
    assert_error(client_for(cast.foreign_officer).get("/api/v1/register.csv", {"office": "32.73"}), 403,
                 "forbidden")
    assert_error(client_for(cast.officer).get("/api/v1/register.xlsx", {"year": "x"}, HTTP_ACCEPT="text/csv"),
                 400, "invalid")
    mediator_rows = read_csv(client_for(cast.mediator).get("/api/v1/register.csv", {"year": year}))
    assert len(mediator_rows) == 4


def test_register_is_in_the_openapi_schema(db):
    from rest_framework.test import APIClient

    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    text = schema.content.decode()
    for path in ("/api/v1/stats/", "/api/v1/register.csv", "/api/v1/register.xlsx"):
        assert path in text


def csv_lines(response, delimiter: str) -> list[list[str]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")  # CRLF line ends only
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.mark.parametrize(("sep", "delimiter"), [(None, ","), ("comma", ","), ("semicolon", ";")])
def test_csv_with_either_separator_quotes_values_holding_a_separator(registered, sep, delimiter):
    year = timezone.localtime().year
    name = 'Budi Santoso, S.H.; "Pak Budi"'
    User.objects.filter(pk=registered.cast.worker.pk).update(name=name)
    params = {"year": year, **({"sep": sep} if sep else {})}
    response = client_for(registered.cast.officer).get("/api/v1/register.csv", params, **EN)
    lines = csv_lines(response, delimiter)
    header = lines[0]
    assert len(header) == 20 and header[4] == "Worker (petitioner)"
    assert len(lines) == 5 and all(len(line) == len(header) for line in lines)
    assert {line[4] for line in lines[1:]} >= {name}
    raw = response.content.decode("utf-8-sig")
    assert '"Budi Santoso, S.H.; ""Pak Budi"""' in raw  # quoted, inner quotes doubled
    assert raw.split("\r\n")[0].count(delimiter) == 19  # the header splits at the chosen separator


def test_semicolon_csv_holds_the_same_rows_as_the_comma_csv(registered):
    client = client_for(registered.cast.officer)
    year = timezone.localtime().year
    comma = csv_lines(client.get("/api/v1/register.csv", {"year": year}), ",")
    semicolon = csv_lines(client.get("/api/v1/register.csv", {"year": year, "sep": "semicolon"}), ";")
    assert comma == semicolon


def test_unknown_separator_is_400_and_refusals_come_first(registered):
    cast = registered.cast
    response = client_for(cast.officer).get("/api/v1/register.csv", {"sep": "tab"}, **EN)
    assert_error(response, 400, "invalid")
    assert "sep" in response.json()["error"]["details"]
    assert_error(client_for(cast.worker).get("/api/v1/register.csv", {"sep": "tab"}), 403, "forbidden")
    assert_error(client_for(cast.foreign_officer).get("/api/v1/register.csv", {"office": "32.73",
                                                                               "sep": "tab"}),
                 403, "forbidden")


def test_separator_is_documented_in_the_openapi_schema(db):
    from rest_framework.test import APIClient

    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/register.csv"]["get"]["parameters"]}
    assert parameters["sep"]["schema"]["enum"] == ["comma", "semicolon"]
