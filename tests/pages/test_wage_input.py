"""The filing wizard's wage as Indonesians type it ("4.500.000", "Rp 4.500.000"), and money shown as
"Rp 4.500.000" on the dispute page and in the wizard when it is opened again."""

from __future__ import annotations

import pytest
from django.test import Client

from disputes.models import Dispute
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db


def worker_client(flow) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(flow.cast.worker)
    return client


@pytest.mark.parametrize("typed", ["4500000", "4.500.000", "Rp 4.500.000", "Rp4.500.000", " rp. 4.500.000 "])
def test_the_wizard_takes_the_wage_with_thousands_separators(typed):
    flow = Flow(Cast())
    response = worker_client(flow).post(f"/perselisihan/{flow.id}/isi/tuntutan/",
                                        {"demands": "Bayar pesangon.", "monthly_wage": typed})
    assert response.status_code == 302, response.content.decode()[:500]
    assert Dispute.objects.get(pk=flow.id).monthly_wage == 4_500_000


@pytest.mark.parametrize("typed", ["4.5 juta", "4.50.000", "-4500000", "Rp", "4.500.000,50"])
def test_the_wizard_refuses_a_wage_that_is_no_amount_and_keeps_what_was_typed(typed):
    flow = Flow(Cast())
    response = worker_client(flow).post(f"/perselisihan/{flow.id}/isi/tuntutan/",
                                        {"demands": "Bayar pesangon.", "monthly_wage": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<p class="error" id="id_monthly_wage_error">Masukkan jumlah rupiah berupa bilangan bulat.</p>' in html
    assert f'value="{typed}"' in html and "Bayar pesangon." in html
    assert Dispute.objects.get(pk=flow.id).monthly_wage is None


def test_the_wage_is_shown_formatted_on_the_dispute_page_and_when_the_step_is_opened_again():
    flow = Flow(Cast())
    client = worker_client(flow)
    client.post(f"/perselisihan/{flow.id}/isi/tuntutan/", {"demands": "Bayar pesangon.", "monthly_wage": "4500000"})
    assert "<dd>Rp 4.500.000</dd>" in client.get(f"/perselisihan/{flow.id}/").content.decode()
    assert 'value="4.500.000"' in client.get(f"/perselisihan/{flow.id}/isi/tuntutan/").content.decode()
