"""Seed a Disnaker office for every province and kabupaten/kota of Indonesia, and the Ministry.

Jurisdiction (UU 2/2004 and Permenakertrans 17/2014 Pasal 4): a dispute goes to the office of the regency where the
worker works; workplaces in several regencies of one province go to the province's office; workplaces in several
provinces go to the Ministry (Kemnaker, Direktorat Jenderal PHI dan Jamsos). Existing offices keep their names.
"""

import csv
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parent.parent / "data" / "regions-indonesia.csv"
MINISTRY = {
    "code": "00",
    "region_name": "Indonesia",
    "kind": "kementerian",
    "name": "Kementerian Ketenagakerjaan Republik Indonesia, Direktorat Jenderal Pembinaan Hubungan Industrial "
            "dan Jaminan Sosial Tenaga Kerja",
}


def office_name(region: str) -> str:
    """"Dinas Tenaga Kerja Kota Bandung", "Dinas Tenaga Kerja Provinsi Aceh"; an admin may rename any of them."""
    return f"Dinas Tenaga Kerja {region}"


def seed(apps, schema_editor):
    Office = apps.get_model("accounts", "Office")
    existing = set(Office.objects.values_list("code", flat=True))
    new = []
    with CSV.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["code"] not in existing:
                new.append(Office(code=row["code"], region_name=row["name"], kind=row["kind"],
                                  name=office_name(row["name"])))
    if MINISTRY["code"] not in existing:
        new.append(Office(**MINISTRY))
    Office.objects.bulk_create(new)


def unseed(apps, schema_editor):
    Office = apps.get_model("accounts", "Office")
    Office.objects.exclude(code="32").exclude(code__startswith="32.").filter(
        companies__isnull=True, staff__isnull=True, disputes__isnull=True, consultations__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_user_language")]
    operations = [migrations.RunPython(seed, unseed)]
