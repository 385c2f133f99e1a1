"""Seed the Disnaker offices of Jawa Barat: the province and its 27 kabupaten/kota."""

import csv
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parent.parent / "data" / "jabar-regions.csv"


def office_name(code: str, region: str) -> str:
    if code == "32":
        return "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat"
    return f"Dinas Tenaga Kerja {region}"


def seed(apps, schema_editor):
    Office = apps.get_model("accounts", "Office")
    with CSV.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            Office.objects.update_or_create(
                code=row["code"],
                defaults={"region_name": row["name"], "kind": row["kind"],
                          "name": office_name(row["code"], row["name"])},
            )


def unseed(apps, schema_editor):
    apps.get_model("accounts", "Office").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
