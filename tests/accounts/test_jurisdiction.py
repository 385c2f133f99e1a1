"""Offices for the whole country and the routing of a dispute to one of them (UU 2/2004 Pasal 4(1);
Permenakertrans 17/2014 Pasal 4)."""

import csv
from pathlib import Path

import pytest

from accounts.models import Office
from accounts.regions import MINISTRY, office_code_for_workplaces
from disputes.models import Dispute
from tests.workflow import Cast, Flow, client_for

CSV = Path(__file__).resolve().parent.parent.parent / "accounts" / "data" / "regions-indonesia.csv"


@pytest.mark.django_db
def test_every_province_and_regency_has_an_office_and_the_ministry_too():
    rows = list(csv.DictReader(CSV.open(encoding="utf-8")))
    assert sum(r["kind"] == "provinsi" for r in rows) == 38
    assert sum(r["kind"] != "provinsi" for r in rows) == 514
    assert set(Office.objects.values_list("code", flat=True)) == {r["code"] for r in rows} | {MINISTRY}
    assert Office.objects.get(code="11.71").name == "Dinas Tenaga Kerja Kota Banda Aceh"
    assert Office.objects.get(code="96").kind == "provinsi"
    assert "Kementerian Ketenagakerjaan" in Office.objects.get(code=MINISTRY).name
    # The first seed's offices (Jawa Barat) are the same rows, not duplicates.
    assert Office.objects.get(code="32").name == "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat"


@pytest.mark.parametrize(("codes", "office"), [
    (["32.73"], "32.73"),
    (["32.73", "32.73"], "32.73"),
    (["32.73", "32.04"], "32"),
    (["32", "32.04"], "32"),
    (["32.73", "31.71"], MINISTRY),
    (["11.71", "96.01", "96"], MINISTRY),
    (["35"], "35"),
])
def test_routing_by_workplaces(codes, office):
    assert office_code_for_workplaces(codes) == office


def test_routing_needs_a_workplace():
    with pytest.raises(ValueError, match="no workplace"):
        office_code_for_workplaces([])


@pytest.mark.django_db
@pytest.mark.parametrize(("workplaces", "office"), [
    ("12.71", "12.71"),  # Kota Medan, outside Jawa Barat
    (["35.78", "35.15"], "35"),  # Surabaya and Sidoarjo: Jawa Timur's office
    (["32.73", "35.78"], MINISTRY),  # Bandung and Surabaya: the Ministry
])
def test_a_filed_dispute_goes_to_the_office_its_workplaces_route_to(workplaces, office):
    flow = Flow(Cast(), workplace_regency=workplaces)
    assert Dispute.objects.get(pk=flow.id).office_id == office
    assert flow.get()["workplace_regency"] == office


@pytest.mark.django_db
def test_an_unknown_region_code_is_refused():
    cast = Cast()
    response = client_for(cast.worker).post("/api/v1/disputes/", {
        "type": "phk", "respondent": {"nib": cast.company_user.company.nib}, "workplace_regency": ["32.73", "77.01"],
    }, format="json")
    assert response.status_code == 400
    assert "workplace_regency" in response.json()["error"]["details"]
