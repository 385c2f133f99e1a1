"""The PDF layouts, in Bahasa Indonesia, after the official letters they replace.

The office's letters (summons, anjuran, risalah penyelesaian) carry its letterhead (first page), the parties' own
documents (bipartite minutes, Perjanjian Bersama) none; every page carries, in its footer, the document's number, its
verification code and a QR code of the public verification address. Rendering is a pure function of the
data it is given: reportlab's `invariant` mode fixes the creation date and file id, so the same data give the
same bytes (the stored bytes are what is served and hashed, in any case).
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from disputes import parties
from mediation.terms import rupiah, terbilang

# --- words and dates ---------------------------------------------------------------------------------------

HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]

DISPUTE_TYPES = {
    "hak": "Perselisihan Hak",
    "kepentingan": "Perselisihan Kepentingan",
    "phk": "Perselisihan Pemutusan Hubungan Kerja",
    "antar_serikat": "Perselisihan antar Serikat Pekerja/Serikat Buruh dalam Satu Perusahaan",
}
SIDES = {"petitioner": "Pihak Pekerja/Buruh", "respondent": "Pihak Pengusaha"}  # a worker's dispute's sides


def side_role(dispute, side: str) -> str:
    """'Pihak Pekerja/Buruh', 'Pihak Pengusaha' or 'Pihak Serikat Pekerja/Serikat Buruh' (disputes/parties.py)."""
    return parties.document_role(dispute, side)


def side_name(dispute, side: str) -> str:
    return parties.display_name(dispute, side)
SESSION_KINDS = {"clarification": "Klarifikasi", "mediation": "Sidang Mediasi"}
ATTENDANCE = {"present": "Hadir", "absent": "Tidak hadir", "": "Tidak tercatat"}


def local(moment: dt.datetime) -> dt.datetime:
    """The instant in the office's time zone (WIB)."""
    return timezone.localtime(moment)


def tanggal(moment: dt.datetime | dt.date) -> str:
    """'12 Oktober 2026'."""
    day = local(moment).date() if isinstance(moment, dt.datetime) else moment
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def hari_tanggal(moment: dt.datetime) -> str:
    """'Senin, 12 Oktober 2026'."""
    return f"{HARI[local(moment).weekday()]}, {tanggal(moment)}"


def pukul(moment: dt.datetime) -> str:
    """'10.00 WIB'."""
    return f"{local(moment):%H.%M} WIB"


def waktu_lengkap(moment: dt.datetime) -> str:
    """'Senin, 12 Oktober 2026 pukul 10.00 WIB'."""
    return f"{hari_tanggal(moment)} pukul {pukul(moment)}"


def government_line(office) -> str:
    """The first line of the letterhead: the regional government the office belongs to."""
    if office.kind == "provinsi":
        return "PEMERINTAH PROVINSI JAWA BARAT"
    return f"PEMERINTAH {office.region_name.upper()}"


def office_city(office) -> str:
    """Where the office's letters are dated: the city or regency's name (the province's: Bandung)."""
    if office.kind == "provinsi":
        return "Bandung"
    for prefix in ("Kabupaten ", "Kota "):
        if office.region_name.startswith(prefix):
            return office.region_name[len(prefix):]
    return office.region_name


_NO_DECOMPOSITION = str.maketrans({"\u0141": "L", "\u0142": "l", "\u0110": "D", "\u0111": "d", "\u0126": "H",
                                   "\u0127": "h", "\u0131": "i"})


def clean(text: object) -> str:
    """Text the standard PDF fonts can show: characters outside Windows-1252 fall back to their base letter
    (or '?'), rather than printing as black boxes."""
    out = []
    for char in str(text or ""):
        try:
            char.encode("cp1252")
            out.append(char)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char.translate(_NO_DECOMPOSITION)).encode("ascii", "ignore")
            out.append(base.decode() or "?")
    return "".join(out)


def x(text: object) -> str:
    """User text as paragraph markup: cleaned, escaped, line breaks kept."""
    return escape(clean(text).strip()).replace("\r\n", "\n").replace("\n", "<br/>")


# --- styles --------------------------------------------------------------------------------------------------

FONT, BOLD, ITALIC = "Times-Roman", "Times-Bold", "Times-Italic"
BODY = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=14, alignment=TA_JUSTIFY, spaceAfter=4)
LEFT = ParagraphStyle("left", parent=BODY, alignment=TA_LEFT, spaceAfter=0)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=10, leading=12.5, alignment=TA_LEFT, spaceAfter=0)
CELL_BOLD = ParagraphStyle("cell_bold", parent=CELL, fontName=BOLD)
TITLE = ParagraphStyle("title", fontName=BOLD, fontSize=13, leading=16, alignment=TA_CENTER, spaceAfter=1)
SUBTITLE = ParagraphStyle("subtitle", fontName=FONT, fontSize=11, leading=14, alignment=TA_CENTER,
                          spaceAfter=12)
SECTION = ParagraphStyle("section", parent=BODY, fontName=BOLD, spaceBefore=6, spaceAfter=3,
                         alignment=TA_LEFT)
INDENTED = ParagraphStyle("indented", parent=BODY, leftIndent=0.6 * cm)
SIGN = ParagraphStyle("sign", parent=BODY, alignment=TA_CENTER, spaceAfter=0)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=9.5, leading=12, alignment=TA_LEFT, spaceAfter=0)

PAGE_W, PAGE_H = A4
MARGIN_L, MARGIN_R = 2.5 * cm, 2.0 * cm
LETTERHEAD_H = 2.75 * cm
FOOTER_H = 2.7 * cm
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R


def p(markup: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(markup, style)


def fields(rows: Iterable[tuple[str, str]], *, label_width: float = 4.2 * cm, style=LEFT) -> Table:
    """Label : value rows, as the forms of official letters have them (values are markup)."""
    data = [[p(x(label), style), p(":", style), p(value, style)] for label, value in rows]
    table = Table(data, colWidths=[label_width, 0.4 * cm, None], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
    ]))
    return table


def numbered(items: Sequence[str], *, style=BODY, marker: str = "{n}.", marker_width: float = 0.8 * cm) -> Table:
    """A numbered list whose items are markup; `marker_width` fits a longer marker such as "Pasal 12."."""
    data = [[p(marker.format(n=n, a="abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]), style), p(item, style)]
            for n, item in enumerate(items, start=1)]
    table = Table(data, colWidths=[marker_width, None], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def grid(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    """A ruled table (sessions, answers); cells are markup."""
    data = [[p(x(h), CELL_BOLD) for h in header]] + [[p(c, CELL) for c in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


@dataclass(frozen=True)
class Signer:
    """One signature block: what the signer signs as (markup), the name, and the electronic signature's time."""

    caption: str
    name: str
    signed_at: dt.datetime | None = None


def signatures(signers: Sequence[Signer], *, witness: Signer | None = None, before: Sequence = ()) -> list:
    """Signature blocks side by side (two per row; captions, times and names aligned), a witness centred below.
    All rows stay on one page together with what precedes them (`before`: the closing sentence), so that no page
    holds only a signature (a PB from mediation once had the mediator's witness block alone on its last page)."""

    def when(signer: Signer) -> Paragraph:
        text = (f"Ditandatangani secara elektronik<br/>{tanggal(signer.signed_at)} pukul {pukul(signer.signed_at)}"
                if signer.signed_at else "ttd.<br/>(tanda tangan elektronik)")
        return p(f"<font size=8.5>{text}</font>", SIGN)

    def row(cells: list[Signer | None], *, caption=lambda signer: signer.caption, span: bool = False) -> list:
        table = Table([[p(caption(c), SIGN) if c else "" for c in cells],
                       [when(c) if c else "" for c in cells],
                       [p(f"<b><u>{x(c.name)}</u></b>", SIGN) if c else "" for c in cells]],
                      colWidths=[TEXT_W / 2, TEXT_W / 2])
        style = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 1), (-1, 1), 12),
                 ("TOPPADDING", (0, 2), (-1, 2), 10)]
        if span:
            style += [("SPAN", (0, r), (1, r)) for r in range(3)]
        table.setStyle(TableStyle(style))
        return [Spacer(1, 0.3 * cm), table]

    # One KeepTogether around plain flowables: a KeepTogether nested in another reports an infinite height
    # (reportlab forces its split that way), which pushed whole signature blocks onto a page of their own.
    signers = list(signers)
    rows: list = []
    for i in range(0, len(signers), 2):
        pair: list[Signer | None] = list(signers[i:i + 2])
        rows += row(pair + [None] * (2 - len(pair)))
    if witness is not None:
        rows += row([witness, None], caption=lambda signer: f"Saksi,<br/>{signer.caption}", span=True)
    return [KeepTogether([*before, *rows])]


def official_signature(*, office, mediator, signed_at: dt.datetime | None = None, lead: str | None = None,
                       before: Sequence = (), copies: bool = False) -> KeepTogether:
    """The mediator's signature block at the right, as on the office's letters, with the mediator's NIP and
    functional grade. What precedes it (`before`: the last part of the letter, then the closing sentence `lead`)
    and the 'Tembusan' (`copies`) stay on the same page, so that no page holds only a signature or the copies."""
    caption = f"a.n. Kepala {x(office.name)}<br/>{x(getattr(mediator, 'grade', '') or 'Mediator Hubungan Industrial')},"
    when = (f"Ditandatangani secara elektronik<br/>{tanggal(signed_at)} pukul {pukul(signed_at)}" if signed_at
            else "ttd. elektronik")
    cell = [p(caption, SIGN), Spacer(1, 0.3 * cm), p(f"<font size=8.5>{when}</font>", SIGN),
            Spacer(1, 0.3 * cm), p(f"<b><u>{x(getattr(mediator, 'name', '') or '-')}</u></b>", SIGN),
            p(f"NIP. {x(getattr(mediator, 'nip', '') or '-')}", SIGN)]
    table = Table([["", cell]], colWidths=[TEXT_W * 0.45, TEXT_W * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([*before, *([p(lead)] if lead else []), Spacer(1, 0.2 * cm), table,
                         *(copies_to(office) if copies else [])])


# --- the page: letterhead, footer with the QR code -------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """What every page of a document shows about it."""

    title: str
    number: str
    verification_code: str
    verification_url: str


def letterhead_lines(office) -> tuple[str, str]:
    """The letterhead's address line and contact line (telephone, e-mail, website), from the office's record."""
    address = getattr(office, "address", "") or office.region_name
    contact = [f"{label} {value}" for label, value in (("Telepon", getattr(office, "phone", "")),
                                                         ("Surel", getattr(office, "email", "")),
                                                         ("Laman", getattr(office, "website", ""))) if value]
    return address, " | ".join(contact) or f"Kode wilayah {office.code}"


def _letterhead(canvas, office) -> None:
    top = PAGE_H - 1.3 * cm
    centre = MARGIN_L + TEXT_W / 2
    canvas.setFont(BOLD, 13)
    canvas.drawCentredString(centre, top - 0.35 * cm, clean(government_line(office)))
    canvas.setFont(BOLD, 15)
    canvas.drawCentredString(centre, top - 1.0 * cm, clean(office.name.upper()))
    canvas.setFont(FONT, 9.5)
    address, contact = letterhead_lines(office)
    canvas.drawCentredString(centre, top - 1.5 * cm, clean(address))
    canvas.setFont(FONT, 8.5)
    canvas.drawCentredString(centre, top - 1.9 * cm, clean(contact))
    y = top - 2.2 * cm
    canvas.setLineWidth(2.2)
    canvas.line(MARGIN_L, y, PAGE_W - MARGIN_R, y)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_L, y - 0.12 * cm, PAGE_W - MARGIN_R, y - 0.12 * cm)
    # The emblem's place: a plain seal-like ring, since no official artwork is shipped.
    canvas.setLineWidth(1.2)
    canvas.circle(MARGIN_L + 1.0 * cm, top - 0.95 * cm, 0.85 * cm)
    canvas.setFont(BOLD, 7)
    canvas.drawCentredString(MARGIN_L + 1.0 * cm, top - 1.05 * cm, "DISNAKER")


def _footer(canvas, stamp: Stamp, page: int) -> None:
    size = 1.9 * cm
    widget = QrCodeWidget(stamp.verification_url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    left, bottom = PAGE_W - MARGIN_R - size, 0.8 * cm
    renderPDF.draw(drawing, canvas, left, bottom)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN_L, bottom + size + 0.15 * cm, PAGE_W - MARGIN_R, bottom + size + 0.15 * cm)
    canvas.setFont(FONT, 7.5)
    lines = [
        clean(f"{stamp.title} - Nomor {stamp.number} - Halaman {page}"),
        "Dokumen ini dibuat dan ditandatangani secara elektronik melalui SIKHI.",
        "Keaslian dokumen dapat diperiksa dengan memindai kode QR atau membuka:",
        clean(stamp.verification_url),
    ]
    y = bottom + size - 0.3 * cm
    for line in lines:
        canvas.drawString(MARGIN_L, y, line)
        y -= 0.33 * cm
    canvas.setFont(BOLD, 8.5)
    canvas.drawString(MARGIN_L, y - 0.05 * cm, f"Kode verifikasi: {stamp.verification_code}")


def build(*, office, stamp: Stamp, story: list, letterhead: bool = False) -> bytes:
    """Lay the story out on A4 pages: the office's letterhead on the first when the document is the office's
    letter (`letterhead`; the parties' own documents carry none), footer and QR code on every page."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_L, rightMargin=MARGIN_R, topMargin=1.5 * cm,
        bottomMargin=FOOTER_H, title=clean(stamp.title), author=clean(office.name), subject=clean(stamp.number),
        creator="SIKHI", producer="SIKHI", invariant=1,
    )
    body_h = PAGE_H - FOOTER_H - 1.5 * cm
    first = Frame(MARGIN_L, FOOTER_H, TEXT_W, body_h - (LETTERHEAD_H if letterhead else 0), id="first",
                  leftPadding=0, rightPadding=0)
    later = Frame(MARGIN_L, FOOTER_H, TEXT_W, body_h, id="later", leftPadding=0, rightPadding=0)

    def on_first(canvas, document):
        if letterhead:
            _letterhead(canvas, office)
        _footer(canvas, stamp, document.page)

    def on_later(canvas, document):
        _footer(canvas, stamp, document.page)

    doc.addPageTemplates([PageTemplate("first", [first], onPage=on_first),
                          PageTemplate("later", [later], onPage=on_later)])
    doc.build([NextPageTemplate("later"), *story])
    return buffer.getvalue()


# --- pieces shared by the documents -------------------------------------------------------------------------


def title_block(title: str, number: str, extra: str | None = None) -> list:
    out = [p(f"<u>{x(title)}</u>", TITLE), p(f"Nomor: {x(number)}", SUBTITLE if extra is None else
                                           ParagraphStyle("sub0", parent=SUBTITLE, spaceAfter=0))]
    if extra:
        out.append(p(x(extra), SUBTITLE))
    return out


def letter_heading(*, office, number: str, date: dt.datetime, subject: str, addressees: list[str]) -> list:
    """Place and date at the right; number, nature, attachment and subject; 'Kepada Yth.' and the addressees."""
    dated = Table([["", p(f"{x(office_city(office))}, {tanggal(date)}", LEFT)]],
                  colWidths=[TEXT_W * 0.6, TEXT_W * 0.4])
    dated.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    heading = fields([("Nomor", x(number)), ("Sifat", "Penting"), ("Lampiran", "-"), ("Hal", f"<b>{x(subject)}</b>")],
                     label_width=2.2 * cm)
    to = [p("Kepada Yth.", LEFT), *[p(a, LEFT) for a in addressees], p("di tempat", LEFT)]
    return [dated, Spacer(1, 0.2 * cm), heading, Spacer(1, 0.4 * cm), *to, Spacer(1, 0.4 * cm)]


def side_rows(dispute, side: str) -> list[tuple[str, str]]:
    """A company's or a union's rows (name, NIB or registration number, address), or a respondent worker's."""
    kind = parties.kind(dispute, side)
    label, number = parties.identity(dispute, side)
    name = {"company": "Nama perusahaan", "union": "Nama serikat pekerja/serikat buruh"}.get(kind, "Nama")
    rows = [(name, f"<b>{x(side_name(dispute, side))}</b>"), (label, x(number or "-")),
            ("Alamat", x(parties.address(dispute, side) or "-"))]
    if kind == "worker":
        rows.append(("Alamat surel", x(parties.email(dispute, side) or "-")))
    return rows


def petitioner_rows(dispute) -> list[tuple[str, str]]:
    if parties.kind(dispute, "petitioner") != "worker":
        rows = side_rows(dispute, "petitioner")
        if dispute.collective and dispute.members:
            rows.append(("Atas nama anggota", f"{len(dispute.members)} orang (daftar anggota di bawah)"))
        if represented(dispute, "petitioner"):
            rows.append(("Kuasa", represented(dispute, "petitioner")))
        return rows
    worker = dispute.petitioner
    rows = [("Nama", f"<b>{x(worker.name)}</b>"), ("NIK", x(worker.nik or "-")),
            ("Alamat", x(getattr(worker, "address", "") or "-")), ("Alamat surel", x(worker.email or "-")),
            ("Telepon", x(worker.phone or "-"))]
    if dispute.collective and dispute.members:
        rows.append(("Atas nama anggota", f"{len(dispute.members)} orang (daftar anggota di bawah)"))
    if represented(dispute, "petitioner"):
        rows.append(("Kuasa", represented(dispute, "petitioner")))
    return rows


def members_block(dispute, lead: str = "Daftar anggota yang diwakili oleh Pihak Pekerja/Buruh:") -> list:
    """A collective dispute's members (name, NIK, jabatan) as a ruled table after a lead line; nothing otherwise.
    The power of attorney by which they are represented is named below the table when one was filed."""
    if not (dispute.collective and dispute.members):
        return []
    rows = [[str(n), x(m.get("name", "")), x(m.get("nik") or "-"), x(m.get("position") or "-")]
            for n, m in enumerate(dispute.members, start=1)]
    block = [Spacer(1, 0.15 * cm), p(lead, LEFT),
             grid(["No.", "Nama", "NIK", "Jabatan"], rows, [1.0 * cm, 6.0 * cm, 4.2 * cm, TEXT_W - 11.2 * cm])]
    mandate = _members_mandate(dispute)
    if mandate is not None:
        who = "serikat pekerja/serikat buruh" if mandate.granted_by == "union" else "para anggota"
        block.append(p(f"berdasarkan surat kuasa dari {who} tanggal {tanggal(mandate.issued_on)}.", LEFT))
    return [*block, Spacer(1, 0.2 * cm)]


def _representative(dispute, side: str):
    """The side's proxy with a surat kuasa khusus, or None (plain objects in rendering tests may carry none)."""
    manager = getattr(dispute, "representatives", None)
    if manager is None:
        return None
    if isinstance(manager, list | tuple):
        return next((r for r in manager if r.side == side), None)
    return manager.filter(side=side).first()


def represented(dispute, side: str) -> str:
    """'dalam hal ini diwakili oleh ... berdasarkan Surat Kuasa Khusus tanggal ...' (Permenakertrans 17/2014
    Pasal 10), or '' when the side acts in person."""
    rep = _representative(dispute, side)
    if rep is None:
        return ""
    who = ", ".join(x(v) for v in (rep.position, rep.organisation) if v)
    return (f"dalam hal ini diwakili oleh <b>{x(rep.name)}</b>{', ' + who if who else ''}, berdasarkan "
            f"Surat Kuasa Khusus tanggal {tanggal(rep.issued_on)}")


def representation_block(dispute, sides=("petitioner", "respondent")) -> list:
    """One line per represented side, for the letters."""
    lines = [p(f"{side_role(dispute, side)} {represented(dispute, side)}.", LEFT)
             for side in sides if represented(dispute, side)]
    return [*lines, Spacer(1, 0.15 * cm)] if lines else []


def _members_mandate(dispute):
    """The latest surat kuasa of the members (a plain object in the rendering tests may carry none)."""
    manager = getattr(dispute, "powers_of_attorney", None)
    if manager is None:
        return None
    if isinstance(manager, list | tuple):
        return manager[-1] if manager else None
    return manager.order_by("-uploaded_at", "-id").first()


def respondent_rows(dispute, represented_by: str | None = None) -> list[tuple[str, str]]:
    rows = side_rows(dispute, "respondent")
    if represented_by:
        rows.append(("Diwakili oleh", x(represented_by)))
    if represented(dispute, "respondent"):
        rows.append(("Kuasa", represented(dispute, "respondent")))
    return rows


def case_rows(dispute) -> list[tuple[str, str]]:
    rows = [("Jenis perselisihan", x(DISPUTE_TYPES.get(dispute.type, dispute.type))),
            ("Nomor perselisihan", x(dispute.number))]
    if dispute.registration_number:
        rows.append(("Nomor registrasi", x(dispute.registration_number)))
    return rows


def copies_to(office) -> list:
    """The 'Tembusan' (copies) list at the foot of an office letter (kept with the signature above it)."""
    return [Spacer(1, 0.3 * cm), p("Tembusan:", SMALL), numbered([f"Kepala {x(office.name)};", "Arsip."], style=SMALL)]


def closing(text: str) -> list:
    return [Spacer(1, 0.2 * cm), p(text)]


# --- the documents ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingMinutes:
    dispute: object
    meeting: object
    ordinal: int
    signers: dict  # side -> (user name, signed_at)


def _present(d, signers: dict) -> str:
    """'Name (Pihak ...); Name untuk Company (Pihak ...)': who signed for each side."""
    out = []
    for side in ("petitioner", "respondent"):
        who = signers[side][0]
        acting_for = "" if parties.kind(d, side) == "worker" else f" untuk {side_name(d, side)}"
        out.append(f"{who}{acting_for} ({side_role(d, side)})")
    return "; ".join(out)


def _signer_caption(d, side: str) -> str:
    """'Pihak Pekerja/Buruh,' over a blank line for a worker; the role over the company's or union's name."""
    below = "&nbsp;" if parties.kind(d, side) == "worker" else x(side_name(d, side))
    return f"{side_role(d, side)},<br/>{below}"


def render_bipartite_minutes(data: MeetingMinutes, stamp: Stamp) -> bytes:
    """Risalah Perundingan Bipartit (UU 2/2004 Pasal 6 ayat (2)): one per meeting, signed by both parties."""
    d, m = data.dispute, data.meeting
    respondent_signer = data.signers["respondent"][0]
    story = [
        *title_block("RISALAH PERUNDINGAN BIPARTIT", stamp.number, f"Perundingan ke-{data.ordinal}"),
        p(f"Pada hari ini {hari_tanggal(m.held_at)}, pukul {pukul(m.held_at)}, bertempat di {x(m.place)}, "
          "telah dilaksanakan perundingan bipartit antara:"),
        p(f"I. {side_role(d, 'petitioner')}", SECTION), fields(petitioner_rows(d)), *members_block(d),
        p(f"II. {side_role(d, 'respondent')}", SECTION),
        fields(respondent_rows(d, represented_by=respondent_signer)),
        Spacer(1, 0.2 * cm), fields(case_rows(d)),
        p("Hasil perundingan", SECTION),
        numbered([
            f"<b>Pokok permasalahan/alasan perselisihan:</b><br/>{x(m.issue)}",
            f"<b>Pendapat {side_role(d, 'petitioner')}:</b><br/>{x(m.petitioner_position)}",
            f"<b>Pendapat {side_role(d, 'respondent')}:</b><br/>{x(m.respondent_position)}",
            f"<b>Kesimpulan/hasil perundingan:</b><br/>{x(m.result)}",
        ]),
        Spacer(1, 0.2 * cm),
        fields([("Yang hadir", x(_present(d, data.signers)))]),
        # The closing and the signatures stay on one page.
        *signatures([
            Signer(_signer_caption(d, "petitioner"), data.signers["petitioner"][0], data.signers["petitioner"][1]),
            Signer(_signer_caption(d, "respondent"), respondent_signer, data.signers["respondent"][1]),
        ], before=closing("Demikian risalah perundingan bipartit ini dibuat dengan sebenarnya untuk dipergunakan "
                          "sebagaimana mestinya, dan ditandatangani secara elektronik oleh para pihak melalui SIKHI.")),
    ]
    return build(office=d.office, stamp=stamp, story=story)


@dataclass(frozen=True)
class SummonsLetter:
    dispute: object
    session: object
    summons: object
    place: str  # where the session is held: SIKHI's online room
    delegated_at: dt.datetime | None = None  # pelimpahan to the mediator
    delegation_number: str = ""  # the delegation letter's number, when recorded


LAW_PPHI = "Undang-Undang Nomor 2 Tahun 2004 tentang Penyelesaian Perselisihan Hubungan Industrial"
LAW_MEDIATION = ("Peraturan Menteri Tenaga Kerja dan Transmigrasi Nomor 17 Tahun 2014 tentang Pengangkatan dan "
                 "Pemberhentian Mediator Hubungan Industrial serta Tata Kerja Mediasi")


def worker_address(dispute) -> str:
    return getattr(dispute.petitioner, "address", "") or ""


def addressee_lines(dispute, side: str) -> list[str]:
    """The addressee of a letter to one party: the name, then the address (and the worker's e-mail)."""
    kind = parties.kind(dispute, side)
    if side == "petitioner" and kind == "worker":
        return [a for a in (f"<b>{x(dispute.petitioner.name)}</b> (Pihak Pekerja/Buruh)",
                            x(worker_address(dispute)), x(dispute.petitioner.email or "")) if a]
    title = {"company": "Pimpinan ", "union": "Pengurus "}.get(kind, "")
    lines = [f"<b>{title}{x(side_name(dispute, side))}</b> ({side_role(dispute, side)})",
             x(parties.address(dispute, side))]
    if kind == "worker":
        lines.append(x(parties.email(dispute, side)))
    return [a for a in lines if a]


def nth(n: int, lines: list[str]) -> list[str]:
    """Addressee `n` of several: the number before the first line, the others indented under it."""
    return [f"{n}. {lines[0]}", *[f"&nbsp;&nbsp;&nbsp;&nbsp;{line}" for line in lines[1:]]]


def delegation(data: SummonsLetter) -> str:
    """'pelimpahan ... Nomor N tanggal D' with what is recorded of the delegation."""
    number = f" Nomor {x(data.delegation_number)}" if data.delegation_number else ""
    day = f" tanggal {tanggal(data.delegated_at)}" if data.delegated_at else ""
    return f"pelimpahan penyelesaian perselisihan kepada Mediator Hubungan Industrial{number}{day}"


def render_summons(data: SummonsLetter, stamp: Stamp) -> bytes:
    """Surat Panggilan (UU 2/2004 Pasal 10; Permenakertrans 17/2014 Pasal 13 ayat (1) huruf b): one per party
    per session."""
    d, s, summons = data.dispute, data.session, data.summons
    kind = SESSION_KINDS.get(s.kind, s.kind)
    if summons.side == "petitioner":
        consequence = (f"Apabila {side_role(d, 'petitioner')} tidak hadir setelah dipanggil secara patut sebanyak "
                       "tiga kali, permohonan penyelesaian perselisihan dihapus dari buku registrasi perselisihan.")
    else:
        consequence = (f"Apabila {side_role(d, 'respondent')} tidak hadir setelah dipanggil secara patut sebanyak "
                       "tiga kali, Mediator menerbitkan anjuran tertulis berdasarkan data yang ada.")
    subject = f"Panggilan {kind} (Panggilan ke-{summons.number})"
    story = [
        *letter_heading(office=d.office, number=stamp.number, date=summons.sent_at, subject=subject,
                        addressees=addressee_lines(d, summons.side)),
        p(f"Berdasarkan {LAW_PPHI} Pasal 10, {LAW_MEDIATION}, dan {delegation(data)} pada {x(d.office.name)}, "
          f"dalam rangka penyelesaian {x(DISPUTE_TYPES.get(d.type, d.type).lower())} antara "
          f"<b>{x(side_name(d, 'petitioner'))}</b> dan <b>{x(d.respondent_name)}</b> "
          f"(nomor perselisihan {x(d.number)}, "
          f"nomor registrasi {x(d.registration_number or '-')}), dengan ini Mediator Hubungan Industrial "
          "<b>memanggil</b> Saudara untuk hadir <b>secara daring</b> pada:"),
        *(members_block(d) if summons.side == "petitioner" else []),
        *representation_block(d, sides=(summons.side,)),
        fields([("Hari, tanggal", hari_tanggal(s.scheduled_for)), ("Waktu", f"{pukul(s.scheduled_for)} s.d. selesai"),
                ("Tempat", f"secara daring - {x(data.place)}"), ("Acara", f"{x(kind)}: {x(s.agenda)}")],
               label_width=3.0 * cm),
        Spacer(1, 0.3 * cm),
        p("Saudara diminta hadir sendiri, atau diwakili oleh kuasa yang dilengkapi surat kuasa khusus, "
          "dengan menyiapkan:"),
        numbered(["identitas diri (KTP) atau tanda pengenal lain yang sah;",
                  "surat kuasa khusus apabila diwakilkan;",
                  "dokumen yang berkaitan dengan perselisihan (perjanjian kerja, slip upah, surat pemutusan "
                  "hubungan kerja, peraturan perusahaan atau perjanjian kerja bersama, dan lainnya)."]),
        Spacer(1, 0.2 * cm),
        p(f"Panggilan ini adalah panggilan ke-{summons.number} kepada Saudara dalam perselisihan ini. "
          f"{consequence}"),
        official_signature(
            office=d.office, mediator=d.mediator, signed_at=summons.sent_at, copies=True,
            before=[p(f"Surat panggilan ini disampaikan melalui SIKHI pada {waktu_lengkap(summons.sent_at)}; tanda "
                      "terima panggilan dicatat secara elektronik oleh sistem.")],
            lead="Demikian disampaikan, atas perhatian dan kehadiran Saudara diucapkan terima kasih."),
    ]
    return build(office=d.office, stamp=stamp, story=story, letterhead=True)


@dataclass(frozen=True)
class RecommendationLetter:
    dispute: object
    recommendation: object
    delegated_at: dt.datetime | None
    sessions: list  # held sessions
    respondent_account: list[str]


ANSWER_RULE = (
    "Para pihak diminta memberikan jawaban secara tertulis atas anjuran ini, menyetujui atau menolak, "
    "selambat-lambatnya dalam waktu 10 (sepuluh) hari kerja terhitung sejak tanggal anjuran ini diterima oleh "
    "masing-masing pihak. Pihak yang tidak memberikan jawaban dalam waktu tersebut dianggap menolak anjuran "
    f"({LAW_PPHI} Pasal 13 ayat (2) huruf c dan d). Apabila para pihak menyetujui anjuran ini, Mediator membantu "
    "para pihak membuat Perjanjian Bersama selambat-lambatnya 3 (tiga) hari kerja sejak anjuran disetujui, untuk "
    "didaftarkan di Pengadilan Hubungan Industrial (Pasal 13 ayat (2) huruf e). Apabila anjuran ini ditolak oleh "
    "salah satu pihak atau para pihak, penyelesaian perselisihan dapat dilanjutkan ke Pengadilan Hubungan "
    "Industrial pada Pengadilan Negeri setempat (Pasal 14)."
)


def render_recommendation(data: RecommendationLetter, stamp: Stamp) -> bytes:
    """Anjuran tertulis (UU 2/2004 Pasal 13 ayat (2); Permenakertrans 17/2014). The letter writes the opening, the
    parties' positions on the record and the answer rule once; the mediator's text gives the considerations and
    the recommendations only (see `mediation.pages.recommendation_template`)."""
    d, rec = data.dispute, data.recommendation
    # The dates of the mediation sessions held; never "pada tanggal -" when none is known (a letter rendered
    # without its sessions): the sentence then names no date.
    dates = ", ".join(dict.fromkeys(tanggal(s.scheduled_for) for s in data.sessions
                                    if getattr(s, "kind", "mediation") == "mediation"))
    held = f" pada tanggal {dates}" if dates else ""
    story = [
        *letter_heading(office=d.office, number=stamp.number, date=rec.issued_at, subject="Anjuran",
                        addressees=[*nth(1, addressee_lines(d, "petitioner")),
                                    *nth(2, addressee_lines(d, "respondent"))]),
        p("<u>ANJURAN</u>", TITLE), Spacer(1, 0.3 * cm),
        p(f"Sehubungan dengan {x(DISPUTE_TYPES.get(d.type, d.type).lower())} antara "
          f"<b>{x(side_name(d, 'petitioner'))}</b> dengan <b>{x(d.respondent_name)}</b> (nomor perselisihan "
          f"{x(d.number)}, nomor registrasi "
          f"{x(d.registration_number or '-')}) yang dilimpahkan kepada Mediator Hubungan Industrial pada "
          f"{x(d.office.name)}{' pada tanggal ' + tanggal(data.delegated_at) if data.delegated_at else ''}, dan "
          f"setelah dilaksanakan sidang mediasi{held} tanpa tercapai kesepakatan, maka berdasarkan "
          f"{LAW_PPHI} Pasal 13 ayat (2) huruf a dan {LAW_MEDIATION}, Mediator mengeluarkan anjuran tertulis "
          "sebagai berikut:"),
        *members_block(d),
        *representation_block(d),
        p(f"A. Keterangan {side_role(d, 'petitioner')}", SECTION),
        p(f"<b>Pokok perselisihan:</b> {x(d.summary)}", INDENTED),
        p(f"<b>Kronologi:</b><br/>{x(d.chronology)}", INDENTED),
        p(f"<b>Tuntutan:</b><br/>{x(d.demands)}", INDENTED),
        p(f"B. Keterangan {side_role(d, 'respondent')}", SECTION),
        *[p(item, INDENTED) for item in data.respondent_account],
        p("C. Pertimbangan Mediator", SECTION),
        p(x(rec.considerations), INDENTED),
        CondPageBreak(3 * cm),
        p("D. MENGANJURKAN", SECTION),
        p(x(rec.recommendations), INDENTED),
        official_signature(office=d.office, mediator=rec.issued_by, signed_at=rec.issued_at, copies=True,
                           before=[p("E. Jawaban atas anjuran", SECTION), p(ANSWER_RULE, INDENTED)],
                           lead="Demikian anjuran ini disampaikan untuk diketahui dan dijawab oleh para pihak."),
    ]
    return build(office=d.office, stamp=stamp, story=story, letterhead=True)


@dataclass(frozen=True)
class Signed:
    """One signatory of an agreement as the deed prints it."""

    name: str
    at: dt.datetime | None = None  # None on a draft not yet signed by this signatory
    address: str = ""
    position: str = ""
    authority: str = ""  # the company signatory's power to sign (akta, surat kuasa)


@dataclass(frozen=True)
class AgreementDeed:
    dispute: object
    agreement: object
    items: list
    signed: dict  # role -> Signed
    settled_at: dt.datetime
    recommendation_number: str | None
    draft: bool = False


def _item_rows(item) -> list[str]:
    """One term as markup: what, and for a payment its amount with the amount in words, due date and method."""
    lines = [x(item.description)]
    if item.amount is not None:
        lines.append(f"Jumlah: <b>{rupiah(item.amount)}</b> (terbilang: <i>{x(terbilang(item.amount))}</i>)")
    if item.date is not None:
        label = ("Hubungan kerja berakhir terhitung tanggal" if item.kind == "employment_end"
                 else "Paling lambat tanggal")
        lines.append(f"{label}: {tanggal(item.date)}")
    if item.payment_method.strip():
        lines.append(f"Cara pembayaran: {x(item.payment_method)}")
    return lines


def agreement_terms(items: Sequence) -> Table:
    return numbered(["<br/>".join(_item_rows(item)) for item in items] or ["-"], marker="Pasal {n}.",
                    marker_width=1.8 * cm)


def _party_clause(d, side: str, signed: dict, ordinal: str) -> str:
    """One party of the agreement: a worker acts for themself (and the members); a company's or a union's signatory
    acts for it, with its NIB or registration number (disputes/parties.py)."""
    rep = represented(d, side)
    rep = f", {rep}" if rep else ""
    who = signed.get(side)
    kind = parties.kind(d, side)
    label, number = parties.identity(d, side)
    if kind == "worker":
        name = side_name(d, side)
        address = (who.address if who else "") or (parties.address(d, side) if side == "respondent" else "")
        members = " dan anggota yang diwakilinya" if side == "petitioner" and d.collective else ""
        return (f"<b>{x(name)}</b>, {label} {x(number or '-')}, beralamat di {x(address or '-')}, "
                f"dalam hal ini bertindak untuk dan atas nama diri sendiri{members}{rep}, "
                f"selanjutnya disebut <b>{ordinal}</b>")
    who = who or Signed(name="-")
    members = " dan anggota yang diwakilinya" if side == "petitioner" and d.collective else ""
    return (f"<b>{x(who.name)}</b>, jabatan {x(who.position or '-')}"
            f"{', berdasarkan ' + x(who.authority) if who.authority else ''}, dalam hal ini bertindak untuk "
            f"dan atas nama <b>{x(side_name(d, side))}</b>{members}, {label} {x(number or '-')}, beralamat di "
            f"{x(parties.address(d, side) or '-')}{rep}, selanjutnya disebut <b>{ordinal}</b>")


def _parties(d, signed: dict) -> Table:
    return numbered([_party_clause(d, "petitioner", signed, "PIHAK PERTAMA") + ";",
                     _party_clause(d, "respondent", signed, "PIHAK KEDUA") + "."])


def _agreement_signers(d, signed: dict, draft: bool, *, before: Sequence = ()) -> list:
    def signer(caption: str, role: str, fallback: str) -> Signer:
        who = signed.get(role)
        name = who.name if who else fallback
        return Signer(caption, name if who or not draft else f"{name} (belum ditandatangani)",
                      who.at if who else None)

    witness = (signer("Mediator Hubungan Industrial,", "mediator", d.mediator.name if d.mediator else "-")
               if "mediator" in signed or (draft and d.mediator_id) else None)
    def caption(side: str, ordinal: str) -> str:
        below = "Pekerja/Buruh" if parties.kind(d, side) == "worker" else x(side_name(d, side))
        return f"{ordinal},<br/>{below}"

    return signatures([signer(caption("petitioner", "PIHAK PERTAMA"), "petitioner", side_name(d, "petitioner")),
                       signer(caption("respondent", "PIHAK KEDUA"), "respondent", d.respondent_name)],
                      witness=witness, before=before)


def render_agreement(data: AgreementDeed, stamp: Stamp) -> bytes:
    """Perjanjian Bersama (UU 2/2004 Pasal 7 and 13): both parties sign; the mediator witnesses one from mediation.
    A draft (before every signature) says so in its title and shows who has not signed."""
    d, a = data.dispute, data.agreement
    if a.origin == "mediation":
        how = (f"mediasi dengan perantaraan Mediator Hubungan Industrial pada {x(d.office.name)}, "
               f"{x(d.mediator.name if d.mediator else '-')}")
        if data.recommendation_number:
            how += f", dan para pihak telah menerima anjuran Mediator Nomor {x(data.recommendation_number)}"
    else:
        how = "perundingan bipartit secara musyawarah untuk mencapai mufakat"
    story = [
        *title_block("DRAF PERJANJIAN BERSAMA" if data.draft else "PERJANJIAN BERSAMA", stamp.number,
                     "Belum berlaku: belum ditandatangani oleh semua pihak" if data.draft else None),
        p(f"Pada hari ini {hari_tanggal(data.settled_at)}, kami yang bertanda tangan di bawah ini:"),
        _parties(d, data.signed),
        *members_block(d, "Anggota yang diwakili oleh PIHAK PERTAMA:"),
        Spacer(1, 0.2 * cm),
        p("PIHAK PERTAMA dan PIHAK KEDUA, selanjutnya disebut PARA PIHAK, terlebih dahulu menerangkan:"),
        numbered([
            f"bahwa antara PARA PIHAK telah terjadi {x(DISPUTE_TYPES.get(d.type, d.type).lower())} dengan nomor "
            f"perselisihan {x(d.number)} mengenai: {x(d.summary)};",
            f"bahwa PARA PIHAK telah menyelesaikan perselisihan tersebut melalui {how};",
            "bahwa PARA PIHAK sepakat mengikatkan diri dalam Perjanjian Bersama ini dengan ketentuan sebagai berikut:",
        ], marker="{a}."),
        p("Isi kesepakatan", SECTION),
        agreement_terms(data.items),
        p("Penutup", SECTION),
        numbered([
            "Dengan ditandatanganinya Perjanjian Bersama ini, perselisihan antara PARA PIHAK dinyatakan selesai "
            "dan PARA PIHAK tidak akan saling menuntut di kemudian hari atas perselisihan tersebut.",
            "Perjanjian Bersama ini mengikat dan menjadi hukum yang berlaku bagi PARA PIHAK, dan wajib didaftarkan "
            "pada Pengadilan Hubungan Industrial pada Pengadilan Negeri di wilayah PARA PIHAK mengadakan Perjanjian "
            "Bersama untuk mendapatkan akta bukti pendaftaran (UU Nomor 2 Tahun 2004 Pasal 7).",
        ]),
        *_agreement_signers(d, data.signed, data.draft, before=closing(
            f"Demikian Perjanjian Bersama ini dibuat di {x(office_city(d.office))} pada tanggal "
            f"{tanggal(data.settled_at)} dan ditandatangani secara elektronik oleh PARA PIHAK melalui SIKHI, "
            "dengan waktu penandatanganan masing-masing sebagaimana tercantum di bawah ini.")),
    ]
    return build(office=d.office, stamp=stamp, story=story)


@dataclass(frozen=True)
class RegistrationRequest:
    dispute: object
    agreement_number: str
    signed: dict  # role -> Signed
    settled_at: dt.datetime
    court: str


def render_registration_request(data: RegistrationRequest, stamp: Stamp) -> bytes:
    """Permohonan pendaftaran Perjanjian Bersama at the PHI court (UU 2/2004 Pasal 7 ayat (3)-(4)): the parties
    ask the court where the PB was made to register it and issue the akta bukti pendaftaran."""
    d = data.dispute
    story = [
        *letter_heading(office=d.office, number=stamp.number, date=data.settled_at,
                        subject="Permohonan Pendaftaran Perjanjian Bersama",
                        addressees=[f"Ketua {x(data.court)}", "c.q. Panitera"]),
        p("Dengan hormat,"),
        p("Kami yang bertanda tangan di bawah ini, selaku para pihak dalam Perjanjian Bersama:"),
        _parties(d, data.signed),
        Spacer(1, 0.2 * cm),
        p(f"dengan ini mengajukan permohonan pendaftaran Perjanjian Bersama Nomor {x(data.agreement_number)} "
          f"tanggal {tanggal(data.settled_at)} mengenai penyelesaian perselisihan nomor {x(d.number)}, yang dibuat "
          f"di {x(office_city(d.office))}, pada {x(data.court)}, untuk mendapatkan akta bukti pendaftaran "
          "Perjanjian Bersama sebagaimana dimaksud dalam Pasal 7 ayat (3) dan ayat (4) Undang-Undang Nomor 2 Tahun "
          "2004 tentang Penyelesaian Perselisihan Hubungan Industrial. Akta bukti pendaftaran tersebut merupakan "
          "bagian yang tidak terpisahkan dari Perjanjian Bersama (Pasal 7 ayat (4))."),
        p("Sebagai kelengkapan, bersama ini kami lampirkan:"),
        numbered([f"Perjanjian Bersama Nomor {x(data.agreement_number)} (asli, ditandatangani secara elektronik, "
                  "dengan kode verifikasi SIKHI);",
                  "Salinan kartu identitas PARA PIHAK dan surat kuasa/bukti kewenangan penanda tangan PIHAK KEDUA;"]),
        *_agreement_signers(d, data.signed, False, before=closing(
            "Demikian permohonan ini kami sampaikan. Atas perhatian Bapak/Ibu kami ucapkan terima kasih.")),
    ]
    return build(office=d.office, stamp=stamp, story=story)


@dataclass(frozen=True)
class SettlementRecord:
    dispute: object
    recommendation: object
    recommendation_number: str
    registered_at: dt.datetime | None  # the registration (pencatatan) was filed
    accepted_at: dt.datetime | None  # the office accepted it as complete
    delegated_at: dt.datetime | None  # pelimpahan to the mediator
    sessions: list
    respondent_account: list[str]
    summons: list = ()  # the summonses to the sessions held, each with its acknowledgement time (or none)
    receipts: dict | None = None  # side -> when that party acknowledged receiving the recommendation


def received(moment: dt.datetime | None) -> str:
    """An acknowledgement time as printed, or that none was given on SIKHI."""
    return x(f"{tanggal(moment)}, {pukul(moment)}") if moment else "Belum dikonfirmasi"


def answer_text(answer) -> tuple[str, str]:
    """An answer to the recommendation as (answer, reason) cells."""
    if answer.by_silence:
        return ("<b>Menolak</b> (dianggap menolak karena tidak memberikan jawaban dalam 10 hari kerja)",
                "Tidak memberikan jawaban")
    return ("<b>Menerima</b>" if answer.accept else "<b>Menolak</b>", x(answer.reason or "-"))


def render_settlement_minutes(data: SettlementRecord, stamp: Stamp) -> bytes:
    """Risalah penyelesaian melalui mediasi: the attachment a claim at the PHI court needs (UU 2/2004 Pasal 83)."""
    d, rec = data.dispute, data.recommendation
    mediator = d.mediator or rec.issued_by
    sessions = [
        [str(n), x(SESSION_KINDS.get(s.kind, s.kind)), x(f"{hari_tanggal(s.scheduled_for)}, {pukul(s.scheduled_for)}"),
         x(ATTENDANCE.get(s.petitioner_attendance, s.petitioner_attendance)),
         x(ATTENDANCE.get(s.respondent_attendance, s.respondent_attendance)),
         x(s.attendance_notes or "-")]
        for n, s in enumerate(data.sessions, start=1)
    ]
    ordinal = {s.pk: n for n, s in enumerate(data.sessions, start=1)}
    summons_rows = [
        [str(ordinal.get(m.session_id, "-")), x(side_role(d, m.side) if m.side in SIDES else m.side), str(m.number),
         x(f"{tanggal(m.sent_at)}, {pukul(m.sent_at)}"), received(m.acknowledged_at)]
        for m in data.summons
    ]
    summons_block = [
        p("Surat panggilan kepada para pihak dan tanda terimanya (dikonfirmasi para pihak di SIKHI):", LEFT),
        grid(["Sidang", "Pihak", "Panggilan ke-", "Dikirim", "Diterima"], summons_rows,
             [1.5 * cm, 3.6 * cm, 2.4 * cm, 3.6 * cm, TEXT_W - 11.1 * cm]),
    ] if summons_rows else []
    answers = {a.side: a for a in rec.answers.all()}
    answer_rows = []
    for side in ("petitioner", "respondent"):
        answer = answers.get(side)
        if answer is None:
            answer_rows.append([x(side_role(d, side)), "-", "-", "-"])
            continue
        verdict, reason = answer_text(answer)
        answer_rows.append([x(side_role(d, side)), verdict, reason, x(f"{tanggal(answer.answered_at)}, "
                                                                f"{pukul(answer.answered_at)}")])
    dates = [("Tanggal pencatatan", tanggal(data.registered_at) if data.registered_at else "-"),
             ("Tanggal registrasi", tanggal(data.accepted_at) if data.accepted_at else "-"),
             ("Tanggal pelimpahan kepada mediator", tanggal(data.delegated_at) if data.delegated_at else "-")]
    story = [
        *title_block("RISALAH PENYELESAIAN PERSELISIHAN HUBUNGAN INDUSTRIAL MELALUI MEDIASI", stamp.number),
        p("I. Para Pihak", SECTION),
        p(f"a. {side_role(d, 'petitioner')}", LEFT), fields(petitioner_rows(d)), *members_block(d),
        Spacer(1, 0.15 * cm), p(f"b. {side_role(d, 'respondent')}", LEFT), fields(respondent_rows(d)),
        p("II. Mediator dan perkara", SECTION),
        fields([("Mediator", f"<b>{x(mediator.name)}</b>, NIP. {x(mediator.nip or '-')}, "
                             f"{x(mediator.grade or 'Mediator Hubungan Industrial')} pada {x(d.office.name)}"),
                *case_rows(d), *dates], label_width=5.2 * cm),
        p("III. Sidang dan kehadiran para pihak", SECTION),
        grid(["No.", "Acara", "Hari, tanggal, waktu", f"Kehadiran {side_role(d, 'petitioner')[6:].lower()}",
              f"Kehadiran {side_role(d, 'respondent')[6:].lower()}", "Catatan"],
             sessions or [["-", "-", "-", "-", "-", "-"]],
             [0.9 * cm, 2.4 * cm, 4.0 * cm, 2.6 * cm, 2.6 * cm, TEXT_W - 12.5 * cm]),
        *summons_block,
        p("IV. Pendapat para pihak", SECTION),
        p(f"<b>{side_role(d, 'petitioner')}:</b> {x(d.summary)}<br/><b>Tuntutan:</b> {x(d.demands)}", INDENTED),
        p(f"<b>{side_role(d, 'respondent')}:</b>", INDENTED),
        *[p(item, INDENTED) for item in data.respondent_account],
        p("V. Anjuran Mediator", SECTION),
        p(f"Mediator menerbitkan anjuran tertulis Nomor {x(data.recommendation_number)} tanggal "
          f"{tanggal(rec.issued_at)}, yang menganjurkan:", INDENTED),
        p(x(rec.recommendations), INDENTED),
        p("Tanda terima anjuran (dikonfirmasi para pihak di SIKHI):", INDENTED),
        fields([(side_role(d, side), received((data.receipts or {}).get(side)))
                for side in ("petitioner", "respondent")],
               label_width=5.2 * cm),
        CondPageBreak(4 * cm),
        p("VI. Jawaban para pihak atas anjuran", SECTION),
        grid(["Pihak", "Jawaban", "Alasan", "Tanggal"], answer_rows,
             [3.4 * cm, 5.0 * cm, TEXT_W - 12.0 * cm, 3.6 * cm]),
        official_signature(office=d.office, mediator=mediator, signed_at=d.closed_at, before=[
            p("VII. Kesimpulan", SECTION),
            p("Penyelesaian perselisihan hubungan industrial melalui mediasi telah dilaksanakan, namun "
              "<b>tidak tercapai kesepakatan</b>. Salah satu pihak atau para pihak dapat melanjutkan penyelesaian "
              "perselisihan dengan mengajukan gugatan kepada Pengadilan Hubungan Industrial pada Pengadilan Negeri "
              "di wilayah hukum tempat pekerja/buruh bekerja, dengan melampirkan risalah penyelesaian ini (UU Nomor "
              "2 Tahun 2004 Pasal 14 dan Pasal 83 ayat (1)).", INDENTED)],
            lead=f"Demikian risalah ini dibuat di {x(office_city(d.office))} pada tanggal "
                 f"{tanggal(d.closed_at)} untuk dipergunakan sebagaimana mestinya."),
    ]
    return build(office=d.office, stamp=stamp, story=story, letterhead=True)
