"""`manage.py createstaff USERNAME --role officer|mediator --office 32.73 --name "..." [--password P]
[--nip NIP] [--grade "Mediator Hubungan Industrial Ahli Muda"]`."""

from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError

from accounts.models import STAFF_ROLES
from accounts.services import staff_check, staff_create
from sikhi.api import ApiError


def _describe(exc: ApiError) -> str:
    """One line naming each field and its messages."""
    parts = []
    for field, messages in (exc.details or {}).items():
        text = " ".join(str(m) for m in messages) if isinstance(messages, list) else str(messages)
        parts.append(f"{field}: {text}")
    return "; ".join(parts) or str(exc.detail)


class Command(BaseCommand):
    help = "Create an officer or mediator account of one Disnaker office."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help="officer or mediator")
        parser.add_argument("--office", required=True, help='office code, e.g. "32.73"')
        parser.add_argument("--name", required=True, help="full name")
        parser.add_argument("--password", help="prompted for when omitted")
        parser.add_argument("--email", default="")
        parser.add_argument("--nip", default="", help="a mediator's civil-service number (NIP)")
        parser.add_argument("--grade", default="",
                            help='functional grade, e.g. "Mediator Hubungan Industrial Ahli Muda"')

    def handle(self, *args, **options) -> None:
        role = options["role"]
        if role not in STAFF_ROLES:
            raise CommandError(f'Unknown role "{role}": use officer or mediator.')
        try:
            # Check what can be checked before asking for a password that would be typed in vain.
            staff_check(username=options["username"], role=role, office_code=options["office"])
            password = options["password"]
            if password is None:
                password = self._prompt_password()
            user = staff_create(
                username=options["username"], role=role, office_code=options["office"],
                name=options["name"], password=password, email=options["email"],
                nip=options["nip"], grade=options["grade"],
            )
        except ApiError as exc:
            raise CommandError(f"Cannot create {options['username']}: {_describe(exc)}") from None
        self.stdout.write(self.style.SUCCESS(
            f"Created {user.role} {user.username} ({user.name}) of office {user.office_id}."
        ))

    def _prompt_password(self) -> str:
        try:
            password = getpass.getpass("Password: ")
            again = getpass.getpass("Password (again): ")
        except (EOFError, KeyboardInterrupt):
            raise CommandError("No password given: pass --password or run the command in a terminal.") from None
        if password != again:
            raise CommandError("The two passwords differ.")
        return password
