"""Official numbers carry the office's (WIB) year, are per office, and have no gaps."""

import datetime as dt

import pytest

from disputes.models import Dispute
from disputes.services import dispute_transition
from tests.workflow import Cast, Flow


@pytest.mark.django_db
def test_submit_on_new_years_eve_utc_is_numbered_in_the_wib_new_year():
    flow = Flow(Cast())
    dispute = Dispute.objects.get(pk=flow.id)
    new_year_in_jakarta = dt.datetime(2026, 12, 31, 18, 0, tzinfo=dt.UTC)  # 01:00 WIB on 1 January 2027
    dispute = dispute_transition(dispute=dispute, by=flow.cast.worker, name="submit", now=new_year_in_jakarta)
    assert dispute.number == "32.73/PHI/2027/00001"


@pytest.mark.django_db
def test_numbers_count_per_office_and_a_refused_submit_uses_no_number():
    cast = Cast()
    first = Flow(cast).to("bipartite_invited")
    incomplete = Flow(cast, chronology="")
    refused = incomplete.attempt("petitioner", "submit")
    assert refused.status_code == 400
    second = Flow(cast).to("bipartite_invited")
    elsewhere = Flow(cast, workplace_regency="32.04").to("bipartite_invited")
    year = first.get()["number"].split("/")[2]
    assert first.get()["number"] == f"32.73/PHI/{year}/00001"
    assert second.get()["number"] == f"32.73/PHI/{year}/00002"
    assert elsewhere.get()["number"] == f"32.04/PHI/{year}/00001"
