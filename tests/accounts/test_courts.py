"""The PHI court follows the province of the office's region (UU 2/2004 Pasal 59)."""

import pytest

from accounts.courts import phi_court_name, phi_court_seat
from accounts.models import Office


@pytest.mark.django_db
def test_every_seeded_office_has_a_court_and_jawa_barat_s_is_bandung():
    offices = list(Office.objects.all())
    assert len(offices) == 553
    assert all(phi_court_name(office.code).startswith("Pengadilan Hubungan Industrial") for office in offices)
    jabar = [o.code for o in offices if o.code == "32" or o.code.startswith("32.")]
    assert len(jabar) == 28
    assert {phi_court_seat(code) for code in jabar} == {"Bandung"}


def test_the_ministry_s_disputes_go_to_the_court_of_the_workplace():
    assert "tempat pekerja/buruh bekerja" in phi_court_name("00")


def test_court_name_for_a_regency_and_other_provinces():
    assert phi_court_name("32.73") == "Pengadilan Hubungan Industrial pada Pengadilan Negeri Bandung"
    assert phi_court_seat("31.71") == "Jakarta Pusat"
    assert phi_court_seat("65") == "Samarinda"


def test_unknown_province_is_an_error():
    with pytest.raises(KeyError):
        phi_court_seat("99.01")
