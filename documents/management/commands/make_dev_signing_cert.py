"""`manage.py make_dev_signing_cert [--p12 PATH]`: the local development CA and the office's signing certificate."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from documents.signing import DEV_SIGNER_NAME, SigningNotConfigured, make_dev_certificate


class Command(BaseCommand):
    help = (
        "Create a development CA (ca.pem) and a signing certificate for the office, issued by it, as a PKCS#12 "
        "file (default: SIKHI_SIGNING_P12, encrypted with SIKHI_SIGNING_PASSPHRASE), so that the generated "
        "documents can be signed on a development machine. Idempotent: a usable file is kept. Never for "
        "production: a file that is not a development certificate is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--p12", type=Path, help="Where to write the PKCS#12 file (ca.pem goes beside it).")
        parser.add_argument("--name", default=DEV_SIGNER_NAME, help="The signer's (the office's) name.")
        parser.add_argument("--force", action="store_true", help="Make a new CA and certificate even if usable.")

    def handle(self, *args, **options):
        p12 = options["p12"] or (Path(settings.SIKHI_SIGNING_P12) if settings.SIKHI_SIGNING_P12 else None)
        if p12 is None:
            raise CommandError("Give --p12 or set SIKHI_SIGNING_P12.")
        passphrase = settings.SIKHI_SIGNING_PASSPHRASE.encode() or None
        try:
            made = make_dev_certificate(p12, passphrase, signer_name=options["name"], force=options["force"])
        except SigningNotConfigured as e:
            raise CommandError(str(e)) from e
        verb = "created" if made.created else "kept"
        self.stdout.write(f"{verb}: {made.p12} (trust root for validators: {made.ca_pem})")
