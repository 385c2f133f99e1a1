"""The PHI court follows the province of the office's region (UU 2/2004 Pasal 59)."""

import pytest

from accounts.courts import phi_court_name, phi_court_seat
from accounts.models import Office


@pytest.mark.django_db
def test_every_seeded_office_has_the_bandung_court():
    offices = list(Office.objects.all())
    assert len(offices) >= 28
    assert {phi_court_seat(office.code) for office in offices} == {"Bandung"}


def test_court_name_for_a_regency_and_other_provinces():
    assert phi_court_name("32.73") == "Pengadilan Hubungan Industrial pada Pengadilan Negeri Bandung"
    assert phi_court_seat("31.71") == "Jakarta Pusat"
    assert phi_court_seat("65") == "Samarinda"


def test_unknown_province_is_an_error():
    with pytest.raises(KeyError):
        phi_court_seat("99.01")
