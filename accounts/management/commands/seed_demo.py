"""`manage.py seed_demo [--force]`: idempotent demo accounts for local development.

Creates (or brings back to the demo state) an officer and a mediator of Disnaker Kota Bandung
(office 32.73), a worker and the account of a verified company, all with one demo password,
and prints the logins. Refuses to run when DEBUG is off, outside the local demonstration site (settings.local:
SIKHI_DEMO_SITE), unless --force is given.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Company, Office, Role, User

DEMO_PASSWORD = "Demo-SIKHI-2026"  # noqa: S105 - a published demo password, only for DEBUG sites
DEMO_OFFICE = "32.73"

DEMO_COMPANY = {
    "nib": "9120301234567",
    "name": "PT Demo Sejahtera",
    "address": "Jl. Soekarno-Hatta No. 100, Bandung",
    "email": "hrd@demo-sejahtera.example",
    "phone": "022-7300100",
}

DEMO_USERS = [
    {"username": "petugas", "role": Role.OFFICER, "name": "Rina Petugas", "office": True},
    {"username": "mediator", "role": Role.MEDIATOR, "name": "Budi Mediator", "office": True},
    {"username": "pekerja", "role": Role.WORKER, "name": "Siti Pekerja", "nik": "3273014505900001",
     "phone": "081234567890"},
    {"username": "perusahaan", "role": Role.COMPANY, "name": "Andi HRD PT Demo Sejahtera", "company": True},
]


class Command(BaseCommand):
    help = "Create the demo accounts (petugas, mediator, pekerja, perusahaan) and print their logins."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true",
                            help="Run even though DEBUG is off (never on a real deployment).")

    def handle(self, *args, **options):
        demo_site = settings.DEBUG or getattr(settings, "SIKHI_DEMO_SITE", False)
        if not demo_site and not options["force"]:
            raise CommandError(
                "seed_demo creates accounts with a published password; it runs only with DEBUG on, on the "
                "local demonstration site (sikhi.settings.local), or with --force."
            )
        try:
            office = Office.objects.get(code=DEMO_OFFICE)
        except Office.DoesNotExist:
            raise CommandError(f"Office {DEMO_OFFICE} is missing: run `manage.py migrate` first.") from None

        rows = []
        with transaction.atomic():
            officer = None
            company_user = None
            for spec in DEMO_USERS:
                user = self._user(spec, office)
                if spec["role"] == Role.OFFICER:
                    officer = user
                if spec.get("company"):
                    company_user = user
                rows.append(user)

            company, _ = Company.objects.update_or_create(
                nib=DEMO_COMPANY["nib"],
                defaults={**{k: v for k, v in DEMO_COMPANY.items() if k != "nib"}, "regency": office},
            )
            if company.verified_at is None:
                company.verified_at, company.verified_by = timezone.now(), officer
                company.save(update_fields=["verified_at", "verified_by"])
            if company_user.company_id != company.pk:
                company_user.company = company
                company_user.save(update_fields=["company"])

        self._print_logins(rows, office, company)

    def _user(self, spec: dict, office: Office) -> User:
        username = spec["username"]
        fields = {
            "role": spec["role"],
            "name": spec["name"],
            "email": f"{username}@demo.sikhi.localhost",
            "nik": spec.get("nik", ""),
            "phone": spec.get("phone", ""),
            "office": office if spec.get("office") else None,
            "is_active": True,
        }
        user = User.objects.filter(username=username).first()
        if user is None:
            # The company account is linked to its company once the company exists (below).
            return User.objects.create_user(username=username, password=DEMO_PASSWORD, **fields)
        for name, value in fields.items():
            setattr(user, name, value)
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
        return user

    def _print_logins(self, users: list[User], office: Office, company: Company) -> None:
        where = {
            Role.OFFICER: f"{office.code} {office.name}",
            Role.MEDIATOR: f"{office.code} {office.name}",
            Role.WORKER: "",
            Role.COMPANY: f"{company.name} (NIB {company.nib})",
        }
        header = ("username", "password", "role", "office / company")
        table = [header] + [(u.username, DEMO_PASSWORD, u.role, where[u.role]) for u in users]
        widths = [max(len(row[i]) for row in table) for i in range(len(header))]

        def line(row):
            return "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()

        self.stdout.write(self.style.SUCCESS("Demo accounts ready:"))
        self.stdout.write(line(table[0]))
        self.stdout.write(line(tuple("-" * w for w in widths)))
        for row in table[1:]:
            self.stdout.write(line(row))
