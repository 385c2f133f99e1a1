"""The terms of a Perjanjian Bersama as items: amounts in words (terbilang), the items written out as text (the
API's `terms`), and the draft a mediator gets from an accepted anjuran (its recommendations, not its letter)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from num2words import num2words

from mediation.models import ItemKind

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]


def terbilang(amount: int) -> str:
    """'dua belas juta lima ratus ribu rupiah' for 12500000."""
    return f"{num2words(int(amount), lang='id')} rupiah"


def rupiah(amount: int) -> str:
    """'Rp12.500.000' (Indonesian thousands separator)."""
    return "Rp" + f"{int(amount):,}".replace(",", ".")


def _date(day) -> str:
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def item_text(item) -> str:
    """One item as a sentence, in Bahasa Indonesia (the language of the deed); a bare text stays as written."""
    extras = []
    if item.kind == ItemKind.PAYMENT and item.amount is not None:
        extras.append(f" sebesar {rupiah(item.amount)} ({terbilang(item.amount)})")
    if item.date is not None:
        lead = "terhitung tanggal" if item.kind == ItemKind.EMPLOYMENT_END else "paling lambat tanggal"
        extras.append(f", {lead} {_date(item.date)}")
    if item.kind == ItemKind.PAYMENT and item.payment_method.strip():
        extras.append(f", dengan cara {item.payment_method.strip().rstrip(';.')}")
    if not extras:
        return item.description.strip()
    return item.description.strip().rstrip(";.") + "".join(extras) + "."


def terms_text(items: Iterable) -> str:
    """The items written out: a single item as it is, several numbered one per line."""
    texts = [item_text(item) for item in items]
    if len(texts) == 1:
        return texts[0]
    return "\n".join(f"{n}. {text}" for n, text in enumerate(texts, start=1))


# Points of an anjuran that are about the anjuran itself (the answer period, what follows an acceptance or a
# refusal), not terms the parties agree to.
_PROCEDURAL = re.compile(
    r"memberikan jawaban|dianggap menolak|menyetujui anjuran ini|anjuran ini ditolak|hari kerja setelah menerima",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^\s*(\d+[.)]|[a-z][.)]|-|•)\s*")


def items_from_recommendation(text: str) -> list[dict]:
    """The anjuran's recommendations as draft items (obligations): without its MENGANJURKAN heading, its
    procedural points (answer notice, what follows) and any point still holding a [template placeholder]."""
    points: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.upper().rstrip(":") in ("MENGANJURKAN", "MENGANJURKAN KEPADA PARA PIHAK"):
            continue
        if _NUMBER.match(line) or not points:
            points.append(_NUMBER.sub("", line, count=1))
        else:
            points[-1] += " " + line
    kept = [p for p in points if p and "[" not in p and "]" not in p and not _PROCEDURAL.search(p)]
    return [{"kind": ItemKind.OBLIGATION, "description": p} for p in kept]


def agreement_items_write(agreement, items: list[dict], *, at) -> None:
    """Replace the agreement's items (validated by AgreementTermsIn) and write its `terms` text from them."""
    from mediation.models import AgreementItem

    agreement.items.all().delete()
    rows = AgreementItem.objects.bulk_create(
        AgreementItem(agreement=agreement, position=n, kind=item["kind"], description=item["description"].strip(),
                      amount=item.get("amount"), date=item.get("date"),
                      payment_method=(item.get("payment_method") or "").strip())
        for n, item in enumerate(items, start=1)
    )
    agreement.terms, agreement.updated_at = terms_text(rows), at
    agreement.save(update_fields=["terms", "updated_at"])
