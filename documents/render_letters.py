"""The layouts of the office's further letters (issue 10), in Bahasa Indonesia, on the pieces of `render`:
the tanda bukti pencatatan, the return of an incomplete registration, the offer of conciliation or arbitration,
the surat pelimpahan to the province, the risalah klarifikasi, the berita acara of a mediation session and the
notice of striking off. Each is an office letter (letterhead on its first page, the office's number, the QR
code on every page); the closing, the signature and the 'Tembusan' stay on one page. Rendering is a pure function
of the data given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from documents.render import (
    ATTENDANCE,
    DISPUTE_TYPES,
    INDENTED,
    LAW_MEDIATION,
    LAW_PPHI,
    LEFT,
    SIDES,
    SIGN,
    SMALL,
    TEXT_W,
    Stamp,
    addressee_lines,
    build,
    case_rows,
    fields,
    grid,
    hari_tanggal,
    letter_heading,
    members_block,
    nth,
    numbered,
    office_city,
    p,
    petitioner_rows,
    pukul,
    representation_block,
    respondent_rows,
    tanggal,
    title_block,
    waktu_lengkap,
    x,
)
from documents.render import (
    SECTION as _SECTION,
)

# A section heading never ends a page: it goes with what follows it.
SECTION = ParagraphStyle("letter_section", parent=_SECTION, keepWithNext=1)
ATTENDANCE_FULL = {**ATTENDANCE, "excused": "Tidak hadir dengan alasan yang sah"}
OFFICER_TITLE = "Petugas Pencatatan Perselisihan Hubungan Industrial"
MEDIATOR_TITLE = "Mediator Hubungan Industrial"


def kind_of(dispute) -> str:
    """'perselisihan pemutusan hubungan kerja' (lower case, for the running text)."""
    return x(DISPUTE_TYPES.get(dispute.type, dispute.type).lower())


def between(dispute) -> str:
    return f"<b>{x(dispute.petitioner.name)}</b> dan <b>{x(dispute.respondent_name)}</b>"


def signature(*, office, person, title: str, signed_at: dt.datetime | None, lead: str | None = None,
              before: Sequence = (), copies: Sequence[str] = ()) -> KeepTogether:
    """The signer's block at the right (on behalf of the head of the office, with the NIP), kept on one page with
    what precedes it (`before`, then the closing sentence `lead`) and the 'Tembusan' (`copies`): no page holds
    only a signature or only the copies."""
    caption = f"a.n. Kepala {x(office.name)}<br/>{x(getattr(person, 'grade', '') or title)},"
    when = (f"Ditandatangani secara elektronik<br/>{tanggal(signed_at)} pukul {pukul(signed_at)}" if signed_at
            else "ttd. elektronik")
    cell = [p(caption, SIGN), Spacer(1, 0.3 * cm), p(f"<font size=8.5>{when}</font>", SIGN),
            Spacer(1, 0.3 * cm), p(f"<b><u>{x(getattr(person, 'name', '') or '-')}</u></b>", SIGN),
            p(f"NIP. {x(getattr(person, 'nip', '') or '-')}", SIGN)]
    table = Table([["", cell]], colWidths=[TEXT_W * 0.45, TEXT_W * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    tail = ([Spacer(1, 0.3 * cm), p("Tembusan:", SMALL), numbered([f"{c};" for c in copies[:-1]] + [f"{copies[-1]}."],
                                                                   style=SMALL)]
            if copies else [])
    return KeepTogether([*before, *([p(lead)] if lead else []), Spacer(1, 0.2 * cm), table, *tail])


def party_copies(dispute, *, head: bool = False) -> list[str]:
    """The usual 'Tembusan': the parties (by name), the head of the office when asked, and the archive."""
    return [f"{x(dispute.petitioner.name)} (Pihak Pekerja/Buruh)",
            f"Pimpinan {x(dispute.respondent_name)} (Pihak Pengusaha)",
            *([f"Kepala {x(dispute.office.name)}"] if head else []), "Arsip"]


def parties_section(dispute) -> list:
    """Both parties' identities, the members of a collective dispute and any proxies."""
    return [p("a. Pihak Pekerja/Buruh", LEFT), fields(petitioner_rows(dispute)), *members_block(dispute),
            Spacer(1, 0.15 * cm), p("b. Pihak Pengusaha", LEFT), fields(respondent_rows(dispute)),
            Spacer(1, 0.15 * cm)]


# --- tanda bukti pencatatan ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationReceipt:
    dispute: object
    registered_at: dt.datetime  # the registration (pencatatan) was filed
    accepted_at: dt.datetime  # the office found it complete and gave it its registration number
    registered_by: str  # who filed it (a party's name)
    officer: object
    checklist: list[tuple[str, str]]  # (what, how it was proven) of the documents the file holds
    route_due: dt.datetime | None = None  # the end of the 7 working days to choose a route (none for `hak`)


def render_registration_receipt(data: RegistrationReceipt, stamp: Stamp) -> bytes:
    """Tanda bukti pencatatan (UU 2/2004 Pasal 4 ayat (1)): the office has recorded the dispute as complete, under
    its registration number; what follows (the offer of conciliation or arbitration, or for a rights dispute the
    delegation to a mediator)."""
    d = data.dispute
    if d.type == "hak":
        following = ("Perselisihan hak tidak dapat diselesaikan melalui konsiliasi atau arbitrase (Pasal 4 ayat (5) "
                     f"dan ayat (6) {LAW_PPHI}); penyelesaiannya dilimpahkan kepada Mediator Hubungan Industrial.")
    else:
        due = f", yaitu paling lambat tanggal {tanggal(data.route_due)}" if data.route_due else ""
        following = ("Kepada para pihak ditawarkan penyelesaian melalui konsiliasi atau arbitrase sesuai jenis "
                     "perselisihannya (surat penawaran tersendiri). Apabila dalam waktu 7 (tujuh) hari kerja"
                     f"{due} para pihak tidak menetapkan pilihan, penyelesaian dilimpahkan kepada Mediator Hubungan "
                     "Industrial (Pasal 4 ayat (3) dan ayat (4)).")
    rows = [[str(n), x(what), x(how)] for n, (what, how) in enumerate(data.checklist, start=1)]
    story = [
        *title_block("TANDA BUKTI PENCATATAN PERSELISIHAN HUBUNGAN INDUSTRIAL", stamp.number),
        p(f"Berdasarkan {LAW_PPHI} Pasal 4 ayat (1), {x(d.office.name)} telah mencatat perselisihan hubungan "
          f"industrial yang diajukan oleh <b>{x(data.registered_by)}</b> dengan keterangan sebagai berikut:"),
        fields([*case_rows(d), ("Tanggal permohonan pencatatan", x(tanggal(data.registered_at))),
                ("Tanggal pencatatan", x(f"{hari_tanggal(data.accepted_at)}, pukul {pukul(data.accepted_at)}")),
                ("Pokok perselisihan", x(d.summary))], label_width=5.2 * cm),
        p("Para pihak", SECTION),
        *parties_section(d),
        *representation_block(d),
        p("Kelengkapan berkas yang diterima", SECTION),
        grid(["No.", "Berkas", "Keterangan"], rows or [["-", "-", "-"]],
             [1.0 * cm, 7.0 * cm, TEXT_W - 8.0 * cm]),
        Spacer(1, 0.2 * cm),
        signature(office=d.office, person=data.officer, title=OFFICER_TITLE, signed_at=data.accepted_at,
                  copies=party_copies(d),
                  before=[p("Tahap berikutnya", SECTION), p(following, INDENTED)],
                  lead=f"Tanda bukti pencatatan ini dibuat di {x(office_city(d.office))} pada tanggal "
                       f"{tanggal(data.accepted_at)} untuk dipergunakan sebagaimana mestinya."),
    ]
    return build(office=d.office, stamp=stamp, story=story, letterhead=True)


# --- pengembalian berkas ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationReturn:
    dispute: object
    returned_at: dt.datetime
    registered_at: dt.datetime | None
    missing_items: list[str]
    officer: object
    ordinal: int = 1  # the how-many-th return of this registration


COMPLETION_RULE = (
    "Sesuai dengan ketentuan Pasal 4 ayat (2) {law}, Saudara wajib melengkapi berkas tersebut <b>paling lambat "
    "dalam waktu 7 (tujuh) hari kerja terhitung sejak tanggal diterimanya pengembalian berkas ini</b>. Kelengkapan "
    "berkas disampaikan melalui SIKHI (menu perselisihan, tindakan \"Ajukan kembali pencatatan\") atau langsung "
    "kepada {office}."
)


def render_registration_return(data: RegistrationReturn, stamp: Stamp) -> bytes:
    """Surat pengembalian berkas (UU 2/2004 Pasal 4 ayat (2)): the registration is returned as incomplete, with
    the missing items listed and the petitioner's 7 working days from receipt to complete it."""
    d = data.dispute
    filed = f" tanggal {tanggal(data.registered_at)}" if data.registered_at else ""
    again = f" (pengembalian ke-{data.ordinal})" if data.ordinal > 1 else ""
    story = [
        *letter_heading(office=d.office, number=stamp.number, date=data.returned_at,
                        subject=f"Pengembalian Berkas Pencatatan Perselisihan{again}",
                        addressees=addressee_lines(d, "petitioner")),
        p("Dengan hormat,"),
        p(f"Menindaklanjuti permohonan pencatatan {kind_of(d)} antara {between(d)}{filed} (nomor perselisihan "
          f"{x(d.number)}), setelah dilakukan pemeriksaan kelengkapan berkas, permohonan tersebut <b>belum "
          "lengkap</b>. Oleh karena itu berkas permohonan dikembalikan kepada Saudara untuk dilengkapi dengan:"),
        numbered([x(item) for item in data.missing_items] or ["-"]),
        Spacer(1, 0.2 * cm),
        *members_block(d),
        signature(office=d.office, person=data.officer, title=OFFICER_TITLE, signed_at=data.returned_at,
                  copies=[f"Pimpinan {x(d.respondent_name)} (Pihak Pengusaha)", "Arsip"],
                  before=[p(COMPLETION_RULE.format(law=LAW_PPHI, office=x(d.office.name))),
                          p("Selama berkas belum dilengkapi, permohonan pencatatan belum dapat diregistrasi dan "
                            "penyelesaian perselisihan belum dapat dilanjutkan.")],
                  lead="Demikian disampaikan, atas perhatian Saudara diucapkan terima kasih."),
    ]
    return build(office=d.office, stamp=stamp, story=story, letterhead=True)


# --- penawaran konsiliasi / arbitrase ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AdrOffer:
    dispute: object
    offered_at: dt.datetime
    due_at: dt.datetime | None  # the end of the 7 working days (the route_choice deadline)
    officer: object


ROUTES = {
    "conciliation": ("Konsiliasi", "oleh Konsiliator Hubungan Industrial yang terdaftar pada instansi yang "
                     "bertanggung jawab di bidang ketenagakerjaan, yang dipilih dan disepakati para pihak "
                     "(Pasal 1 angka 13 dan Pasal 17-28)"),
    "arbitration": ("Arbitrase", "oleh Arbiter Hubungan Industrial yang dipilih para pihak dari daftar arbiter "
                    "yang ditetapkan Menteri, berdasarkan kesepakatan tertulis para pihak; putusan arbitrase "
                    "bersifat akhir dan tetap (Pasal 1 angka 15 dan Pasal 29-54)"),
}


def offered_routes(dispute_type: str) -> list[str]:
    """Conciliation for every type but `hak` (Pasal 4 ayat (5)); arbitration only for `kepentingan` and
    `antar_serikat` (Pasal 4 ayat (6))."""
    if dispute_type == "hak":
        return []
    return ["conciliation", "arbitration"] if dispute_type in ("kepentingan", "antar_serikat") else ["conciliation"]


def render_adr_offer(data: AdrOffer, stamp: Stamp) -> bytes:
    """Penawaran penyelesaian melalui konsiliasi atau arbitrase (UU 2/2004 Pasal 4 ayat (3)-(6)): the options the
    dispute's type allows, the 7 working days to choose, mediation when nothing is chosen."""
    d = data.dispute
    routes = offered_routes(d.type)
    options = [f"<b>{name}</b>, yaitu penyelesaian {how};" for name, how in (ROUTES[r] for r in routes)]
    if "arbitration" not in routes:
        note = ("Penyelesaian melalui arbitrase tidak dapat ditawarkan untuk jenis perselisihan ini (Pasal 4 ayat "
                "(6): arbitrase hanya untuk perselisihan kepentingan dan perselisihan antar serikat pekerja/serikat "
                "buruh).")
    else:
        note = ""
    due = f" (yaitu paling lambat tanggal <b>{tanggal(data.due_at)}</b>)" if data.due_at else ""
    subject = "Penawaran Penyelesaian melalui " + " atau ".join(ROUTES[r][0] for r in routes)
    story = [
        *letter_heading(office=d.office, number=stamp.number, date=data.offered_at, subject=subject,
                        addressees=[*nth(1, addressee_lines(d, "petitioner")),
                                    *nth(2, addressee_lines(d, "respondent"))]),
        p("Dengan hormat,"),
        p(f"Sehubungan dengan telah dicatatnya {kind_of(d)} antara {between(d)} pada {x(d.office.name)} dengan "
          f"nomor registrasi {x(d.registration_number or '-')} (nomor perselisihan {x(d.number)}), maka berdasarkan "
          f"{LAW_PPHI} Pasal 4 ayat (3), dengan ini kami tawarkan kepada para pihak untuk menyepakati dan memilih "
          "penyelesaian perselisihan melalui:"),
        numbered(options),
        *([p(note)] if note else []),
        signature(office=d.office, person=data.officer, title=OFFICER_TITLE, signed_at=data.offered_at,
                  copies=["Arsip"],
                  before=[
                      p(f"Pilihan para pihak disampaikan dalam waktu <b>7 (tujuh) hari kerja</b> sejak penawaran ini"
                        f"{due}, melalui SIKHI (tindakan \"Pilih cara penyelesaian\") atau secara tertulis kepada "
                        f"{x(d.office.name)}. Penyelesaian melalui konsiliasi atau arbitrase dilaksanakan apabila "
                        "kedua belah pihak memilih jalur yang sama."),
                      p("Apabila dalam waktu 7 (tujuh) hari kerja para pihak tidak menetapkan pilihan penyelesaian "
                        "melalui konsiliasi atau arbitrase, atau salah satu pihak memilih mediasi, maka penyelesaian "
                        "perselisihan dilimpahkan kepada Mediator Hubungan Industrial (Pasal 4 ayat (4)).")],
                  lead="Demikian disampaikan, atas perhatian para pihak diucapkan terima kasih."),
    ]
    return build(office=d.office, stamp=stamp, story=story, letterhead=True)


# --- surat pelimpahan ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DelegationLetter:
    dispute: object
    office: object  # the kabupaten/kota office that hands the dispute over (the letter is its own)
    province: object  # the province's office that takes it
    handed_at: dt.datetime
    letter_date: dt.date
    reason: str
    officer: object
    registered_at: dt.datetime | None = None
    accepted_at: dt.datetime | None = None


def render_delegation_letter(data: DelegationLetter, stamp: Stamp) -> bytes:
    """Surat pelimpahan: a kabupaten/kota office without an active mediator hands a registered dispute to its
    province's office (Permenakertrans 17/2014), with the file."""
    d, office = data.dispute, data.office
    dates = [("Tanggal pencatatan", tanggal(data.accepted_at or data.registered_at)
              if (data.accepted_at or data.registered_at) else "-")]
    story = [
        *letter_heading(office=office, number=stamp.number, date=data.letter_date,  # type: ignore[arg-type]
                        subject="Pelimpahan Penyelesaian Perselisihan Hubungan Industrial",
                        addressees=[f"<b>Kepala {x(data.province.name)}</b>", x(getattr(data.province, "address", "")
                                                                                 or data.province.region_name)]),
        p("Dengan hormat,"),
        p(f"Berdasarkan {LAW_PPHI} dan {LAW_MEDIATION}, penyelesaian perselisihan hubungan industrial melalui "
          "mediasi dilakukan oleh mediator pada instansi yang bertanggung jawab di bidang ketenagakerjaan "
          "kabupaten/kota, dan dilaksanakan oleh instansi provinsi apabila kabupaten/kota tidak memiliki mediator. "
          f"Sehubungan dengan hal tersebut, dengan ini {x(office.name)} <b>melimpahkan</b> penyelesaian perselisihan "
          f"berikut kepada {x(data.province.name)}:"),
        fields([*case_rows(d), *dates, ("Pokok perselisihan", x(d.summary))], label_width=5.2 * cm),
        p("Para pihak", SECTION),
        *parties_section(d),
        signature(office=office, person=data.officer, title=OFFICER_TITLE, signed_at=data.handed_at,
                  copies=[*party_copies(d)[:2], "Arsip"],
                  before=[p("Alasan pelimpahan", SECTION), p(x(data.reason or "-"), INDENTED),
                          p(f"Berkas perselisihan (permohonan pencatatan, bukti perundingan bipartit dan bukti "
                            f"lainnya) tersedia pada SIKHI dan sejak tanggal {tanggal(data.handed_at)} ditangani oleh "
                            f"{x(data.province.name)}. Para pihak akan menerima pemberitahuan dan panggilan "
                            "selanjutnya dari instansi tersebut.")],
                  lead="Demikian disampaikan, atas perhatian dan kerja sama Bapak/Ibu diucapkan terima kasih."),
    ]
    return build(office=office, stamp=stamp, story=story, letterhead=True)


# --- risalah klarifikasi and berita acara sidang ---------------------------------------------------------------


@dataclass(frozen=True)
class SessionRecord:
    dispute: object
    session: object
    ordinal: int  # the n-th session of its kind
    mediator: object
    summons: list = field(default_factory=list)  # the summonses to this session (none when held offline)
    place: str = ""
    respondent_account: list[str] = field(default_factory=list)
    unexcused_run: int = 0  # the petitioner's unexcused absences in a row, after proper summonses, up to this one


def attendance_rows(d, s) -> list[list[str]]:
    rows = []
    for side in ("petitioner", "respondent"):
        value = getattr(s, f"{side}_attendance", "")
        reason = getattr(s, f"{side}_absence_reason", "") or ("-" if value != "absent" else "tanpa alasan")
        name = d.petitioner.name if side == "petitioner" else d.respondent_name
        rows.append([x(SIDES[side]), x(name), f"<b>{x(ATTENDANCE_FULL.get(value, value))}</b>",
                     x(reason if value != "present" else "-")])
    return rows


def _session_heading(data: SessionRecord, what: str, *, identities: bool = True) -> list:
    """The opening, the case, the parties (in full, or only a collective dispute's members when `identities` is
    off: the attendance table names them), then `_attendance`."""
    d, s = data.dispute, data.session
    where = ("secara luring (dicatat oleh Mediator setelah sidang)" if getattr(s, "held_offline", False)
             else f"secara daring - {x(data.place)}")
    return [
        p(f"Pada hari ini {hari_tanggal(s.scheduled_for)}, pukul {pukul(s.scheduled_for)}, {where}, telah "
          f"dilaksanakan {what} dalam rangka penyelesaian {kind_of(d)} antara {between(d)}, yang dipimpin oleh "
          f"Mediator Hubungan Industrial <b>{x(data.mediator.name)}</b>, NIP. {x(data.mediator.nip or '-')}, pada "
          f"{x(d.office.name)}."),
        fields([*case_rows(d), ("Acara", x(s.agenda))], label_width=4.2 * cm),
        *([p("I. Para pihak", SECTION), *parties_section(d)] if identities else members_block(d)),
    ]


def _attendance(data: SessionRecord, heading: str, *, keep: bool = True) -> list:
    """One table, kept with its heading: per party who came or stayed away (and why), with the summons to this
    session and its receipt (confirmed on SIKHI)."""
    d, s = data.dispute, data.session
    summons = {m.side: m for m in data.summons}
    rows = []
    for side, (_, name, came, reason) in zip(("petitioner", "respondent"), attendance_rows(d, s), strict=True):
        m = summons.get(side)
        sent = x(f"ke-{m.number}, dikirim {tanggal(m.sent_at)} {pukul(m.sent_at)}") if m else "-"
        got = (x(f"{tanggal(m.acknowledged_at)} {pukul(m.acknowledged_at)}") if m and m.acknowledged_at
               else "Belum dikonfirmasi" if m else "-")
        rows.append([f"<b>{x(SIDES[side])}</b><br/>{name}", sent, got, came, reason])
    note = ([] if data.summons else
            [p("Sidang ini dicatat setelah dilaksanakan; panggilan tidak disampaikan melalui SIKHI.", LEFT)])
    block = [p(heading, SECTION),
             grid(["Pihak", "Panggilan ke-, dikirim", "Diterima", "Kehadiran", "Alasan ketidakhadiran"],
                  rows, [4.2 * cm, 3.4 * cm, 2.8 * cm, 2.8 * cm, TEXT_W - 13.2 * cm]), *note]
    # Kept with its heading; inside the signature's own KeepTogether it goes flat (a nested one breaks too early).
    return [KeepTogether(block), *representation_block(d)] if keep else [*block, *representation_block(d)]


def render_clarification_minutes(data: SessionRecord, stamp: Stamp) -> bytes:
    """Risalah klarifikasi (Permenakertrans 17/2014 Pasal 10 ayat (3)-(4)): facts and statements gathered before
    mediation, attendance with reasons, the interim result; the clarification does not count toward the 30 working
    days of mediation."""
    d, s = data.dispute, data.session
    story = [
        *title_block("RISALAH KLARIFIKASI", stamp.number, f"Klarifikasi ke-{data.ordinal}"),
        *_session_heading(data, "klarifikasi"),
        *_attendance(data, "II. Kehadiran dan panggilan"),
        p("III. Keterangan para pihak", SECTION),
        p(f"<b>Pihak Pekerja/Buruh</b> - pokok perselisihan: {x(d.summary)}", INDENTED),
        p(f"<b>Kronologi:</b><br/>{x(d.chronology)}", INDENTED),
        p(f"<b>Tuntutan:</b><br/>{x(d.demands)}", INDENTED),
        p("<b>Pihak Pengusaha:</b>", INDENTED),
        *[p(item, INDENTED) for item in data.respondent_account],
        signature(office=d.office, person=data.mediator, title=MEDIATOR_TITLE, signed_at=s.attendance_recorded_at,
                  before=[p("IV. Hasil klarifikasi", SECTION),
                          p(x(s.attendance_notes or "Tidak ada catatan."), INDENTED),
                          p(f"Klarifikasi ini dilaksanakan sebelum mediasi dan tidak dihitung dalam jangka waktu 30 "
                            f"(tiga puluh) hari kerja penyelesaian melalui mediasi ({LAW_MEDIATION} Pasal 10 ayat (3) "
                            "dan ayat (4) serta Pasal 15 ayat (2)).", INDENTED)],
                  lead=f"Demikian risalah klarifikasi ini dibuat di {x(office_city(d.office))} pada tanggal "
                       f"{tanggal(s.attendance_recorded_at)} dengan sebenarnya untuk dipergunakan sebagaimana "
                       "mestinya."),
    ]
    return build(office=d.office, stamp=stamp, story=story, letterhead=True)


def render_session_record(data: SessionRecord, stamp: Stamp) -> bytes:
    """Berita acara sidang mediasi: one per session once attendance is recorded; who came, who stayed away and
    why, the summonses and their receipts, the mediator's notes; the count toward the no-show rule."""
    d, s = data.dispute, data.session
    petitioner_absent = getattr(s, "petitioner_attendance", "") == "absent"
    respondent_absent = getattr(s, "respondent_attendance", "") == "absent"
    notes = []
    if petitioner_absent and data.unexcused_run:
        notes.append(f"Pihak Pekerja/Buruh tidak hadir tanpa alasan yang sah setelah dipanggil secara patut: "
                     f"ketidakhadiran berturut-turut ke-{data.unexcused_run}. Apabila Pihak Pekerja/Buruh tidak "
                     "hadir setelah dipanggil secara patut sebanyak 3 (tiga) kali, permohonan penyelesaian "
                     "perselisihan dihapus dari buku registrasi perselisihan.")
    if respondent_absent:
        notes.append("Pihak Pengusaha tidak hadir tanpa alasan yang sah. Apabila Pihak Pengusaha tidak hadir setelah "
                     "dipanggil secara patut sebanyak 3 (tiga) kali, Mediator menerbitkan anjuran tertulis "
                     "berdasarkan data yang ada.")
    story = [
        *title_block("BERITA ACARA SIDANG MEDIASI", stamp.number, f"Sidang ke-{data.ordinal}"),
        *_session_heading(data, f"sidang mediasi ke-{data.ordinal}", identities=False),
        signature(office=d.office, person=data.mediator, title=MEDIATOR_TITLE, signed_at=s.attendance_recorded_at,
                  # The attendance goes with the signature: no page holds only the closing and the signature.
                  before=[*_attendance(data, "I. Kehadiran dan panggilan", keep=False),
                          p("II. Jalannya sidang dan catatan Mediator", SECTION),
                          *([p(x(s.attendance_notes or "Tidak ada catatan."), INDENTED)]
                            if s.attendance_notes.strip() or not notes else []),
                          *[p(n, INDENTED) for n in notes]],
                  lead=f"Demikian berita acara ini dibuat di {x(office_city(d.office))} pada tanggal "
                       f"{tanggal(s.attendance_recorded_at)} dengan sebenarnya untuk dipergunakan sebagaimana "
                       "mestinya."),
    ]
    return build(office=d.office, stamp=stamp, story=story, letterhead=True)


# --- pemberitahuan penghapusan ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StrikeOffNotice:
    dispute: object
    struck_at: dt.datetime
    mediator: object
    sessions: list  # the mediation sessions the petitioner stayed away from, each with its summons to them
    summons: dict  # session id -> the summons to the petitioner


def render_strike_off_notice(data: StrikeOffNotice, stamp: Stamp) -> bytes:
    """Pemberitahuan penghapusan dari buku registrasi: the petitioner stayed away, without a reason, from three
    mediation sessions after proper summonses (Permenakertrans 17/2014)."""
    d = data.dispute
    rows = []
    for n, s in enumerate(data.sessions, start=1):
        m = data.summons.get(s.pk)
        rows.append([str(n), x(waktu_lengkap(s.scheduled_for)),
                     x(f"ke-{m.number}, dikirim {tanggal(m.sent_at)}") if m else "-",
                     x(f"{tanggal(m.acknowledged_at)}, {pukul(m.acknowledged_at)}") if m and m.acknowledged_at
                     else "Belum dikonfirmasi*",
                     x(ATTENDANCE_FULL.get(s.petitioner_attendance, s.petitioner_attendance))])
    story = [
        *letter_heading(office=d.office, number=stamp.number, date=data.struck_at,
                        subject="Pemberitahuan Penghapusan Perselisihan dari Buku Registrasi",
                        addressees=[*nth(1, addressee_lines(d, "petitioner")),
                                    *nth(2, addressee_lines(d, "respondent"))]),
        p("Dengan hormat,"),
        p(f"Dalam rangka penyelesaian {kind_of(d)} antara {between(d)} (nomor perselisihan {x(d.number)}, nomor "
          f"registrasi {x(d.registration_number or '-')}) melalui mediasi, Mediator Hubungan Industrial telah "
          "memanggil Pihak Pekerja/Buruh secara patut untuk hadir pada sidang mediasi berikut, namun Pihak "
          "Pekerja/Buruh tidak hadir tanpa alasan yang sah:"),
        grid(["No.", "Sidang mediasi", "Surat panggilan", "Tanda terima", "Kehadiran"], rows or [["-"] * 5],
             [0.9 * cm, 5.2 * cm, 3.9 * cm, 3.4 * cm, TEXT_W - 13.4 * cm]),
        *([p("* Panggilan yang penerimaannya belum dikonfirmasi tetap merupakan panggilan yang patut karena "
             "disampaikan dengan tenggang waktu minimum yang ditetapkan kantor.", SMALL)]
          if any("Belum dikonfirmasi*" in row[3] for row in rows) else []),
        Spacer(1, 0.2 * cm),
        *members_block(d),
        signature(office=d.office, person=data.mediator, title=MEDIATOR_TITLE, signed_at=data.struck_at,
                  copies=[f"Kepala {x(d.office.name)}", "Arsip"],
                  before=[p(f"Berdasarkan {LAW_MEDIATION}, pihak pekerja/buruh yang tidak hadir setelah dipanggil "
                            "secara patut sebanyak 3 (tiga) kali, permohonan penyelesaian perselisihannya dihapus "
                            "dari buku registrasi perselisihan. Dengan ini diberitahukan bahwa perselisihan "
                            f"tersebut <b>telah dihapus dari buku registrasi perselisihan</b> {x(d.office.name)} "
                            f"terhitung tanggal {tanggal(data.struck_at)}, dan penyelesaiannya melalui mediasi "
                            "dinyatakan selesai.")],
                  lead="Demikian pemberitahuan ini disampaikan untuk diketahui."),
    ]
    return build(office=d.office, stamp=stamp, story=story, letterhead=True)
