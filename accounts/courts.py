"""The industrial relations court (Pengadilan Hubungan Industrial) for an office's region.

UU 2/2004 Pasal 59(1): a PHI is formed at every district court (Pengadilan Negeri) in a provincial capital, with
jurisdiction over that province. A case goes to the PHI of the workplace's province (Pasal 81). Provinces formed
after their PHI (Kalimantan Utara 2012; the Papua provinces of 2022) are still served by the court of the province
they were split from, until a PHI is formed there.
"""

from __future__ import annotations

# Kemendagri province code -> the city of the Pengadilan Negeri that holds the PHI for that province.
PHI_SEAT = {
    "11": "Banda Aceh",
    "12": "Medan",
    "13": "Padang",
    "14": "Pekanbaru",
    "15": "Jambi",
    "16": "Palembang",
    "17": "Bengkulu",
    "18": "Tanjung Karang",
    "19": "Pangkal Pinang",
    "21": "Tanjung Pinang",
    "31": "Jakarta Pusat",
    "32": "Bandung",
    "33": "Semarang",
    "34": "Yogyakarta",
    "35": "Surabaya",
    "36": "Serang",
    "51": "Denpasar",
    "52": "Mataram",
    "53": "Kupang",
    "61": "Pontianak",
    "62": "Palangka Raya",
    "63": "Banjarmasin",
    "64": "Samarinda",
    "65": "Samarinda",  # Kalimantan Utara: split from Kalimantan Timur
    "71": "Manado",
    "72": "Palu",
    "73": "Makassar",
    "74": "Kendari",
    "75": "Gorontalo",
    "76": "Mamuju",
    "81": "Ambon",
    "82": "Ternate",
    "91": "Jayapura",
    "92": "Manokwari",
    "93": "Jayapura",  # Papua Selatan: split from Papua
    "94": "Jayapura",  # Papua Tengah
    "95": "Jayapura",  # Papua Pegunungan
    "96": "Manokwari",  # Papua Barat Daya: split from Papua Barat
}


# The Ministry (office `00`) handles disputes whose workplaces span several provinces: no single court follows
# from the office, and the claim goes to the PHI of the place where the worker works (UU 2/2004 Pasal 81).
MINISTRY_COURT = (
    "Pengadilan Hubungan Industrial pada Pengadilan Negeri yang daerah hukumnya meliputi tempat pekerja/buruh bekerja"
)


def phi_court_seat(region_code: str) -> str:
    """The city of the PHI court for a Kemendagri region code (province `32` or regency `32.73`)."""
    return PHI_SEAT[region_code.split(".")[0]]


def phi_court_name(region_code: str) -> str:
    """The court's name as letters write it: 'Pengadilan Hubungan Industrial pada Pengadilan Negeri Bandung'."""
    if region_code == "00":
        return MINISTRY_COURT
    return f"Pengadilan Hubungan Industrial pada Pengadilan Negeri {phi_court_seat(region_code)}"
