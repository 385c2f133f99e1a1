"""`manage.py generate_documents [--dispute ID]`: make every document that is due but missing (idempotent)."""

from __future__ import annotations

from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from disputes.models import Dispute
from documents.services import documents_generate_missing


class Command(BaseCommand):
    help = (
        "Generate the documents the disputes' history calls for and that are missing (e.g. after a rendering "
        "failure); existing documents are never changed. Prints the counts, e.g. 'created=1 existing=4 failed=0'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dispute", type=int, help="Only this dispute (its id).")

    def handle(self, *args, **options):
        disputes = Dispute.objects.filter(submitted_at__isnull=False).order_by("id")
        if options.get("dispute") is not None:
            disputes = disputes.filter(pk=options["dispute"])
            if not disputes.exists():
                raise CommandError(f"No submitted dispute has the id {options['dispute']}.")
        totals: Counter = Counter(created=0, existing=0, failed=0)
        for dispute in disputes.iterator():
            totals.update(documents_generate_missing(dispute=dispute))
        self.stdout.write(" ".join(f"{key}={totals[key]}" for key in ("created", "existing", "failed")))
        if totals["failed"]:
            raise CommandError(f"{totals['failed']} document(s) could not be generated; see the log.")
