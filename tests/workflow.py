"""Drive disputes through the real HTTP API to any state of the workflow, as the actors would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from mediation.models import MediationSession, Summons
from tests.conftest import client_for
from tests.factories import CompanyUserFactory, MediatorFactory, OfficerFactory, WorkerFactory, office

VALID_PAYLOADS: dict[str, dict] = {
    "submit": {},
    "accept_bipartite": {},
    "decline_bipartite": {"reason": "Kami menolak berunding."},
    "expire_invitation": {},
    "propose_agreement": {"terms": "Perusahaan membayar pesangon Rp 30.000.000 paling lambat 30 hari."},
    "fail_bipartite": {"reason": "Tidak tercapai kesepakatan."},
    "expire_bipartite": {},
    "register": {},
    "return_registration": {"missing_items": ["Salinan PKWT", "Slip gaji tiga bulan terakhir"]},
    "resubmit_registration": {"note": "Dokumen sudah dilengkapi."},
    "accept_registration": {},
    "choose_route": {"route": "mediation"},
    "expire_route_choice": {},
    "assign_mediator": {},  # filled with the mediator's id
    "reach_agreement": {"terms": "Pekerja dipekerjakan kembali mulai 1 Desember."},
    "issue_recommendation": {"considerations": "Menimbang keterangan para pihak ...",
                             "recommendations": "1. Perusahaan membayar pesangon 2 x ketentuan."},
    "respond_recommendation": {"accept": True},
    "expire_recommendation": {},
    "sign_agreement": {},
    "reject_agreement": {"reason": "Jumlah tidak sesuai kesepakatan."},
    "strike_off": {},
    "withdraw": {"reason": "Sudah diselesaikan secara kekeluargaan."},
}

ALL_TRANSITIONS = list(VALID_PAYLOADS)


@dataclass
class Cast:
    """Everyone the tests need: the parties, the office's staff, and outsiders."""

    worker: object = field(default_factory=WorkerFactory)
    company_user: object = field(default_factory=CompanyUserFactory)
    officer: object = field(default_factory=OfficerFactory)
    mediator: object = field(default_factory=MediatorFactory)
    other_mediator: object = field(default_factory=MediatorFactory)
    other_worker: object = field(default_factory=WorkerFactory)
    other_company_user: object = field(default_factory=CompanyUserFactory)
    foreign_officer: object = field(default_factory=lambda: OfficerFactory(office=office("32.04")))
    foreign_mediator: object = field(default_factory=lambda: MediatorFactory(office=office("32.04")))

    def roles(self) -> dict[str, object]:
        return {
            "petitioner": self.worker,
            "respondent": self.company_user,
            "officer": self.officer,
            "mediator": self.mediator,
            "other_mediator": self.other_mediator,
            "other_worker": self.other_worker,
            "other_company": self.other_company_user,
            "foreign_officer": self.foreign_officer,
            "foreign_mediator": self.foreign_mediator,
        }


class Flow:
    """One dispute, driven by its actors through the API; each step asserts it worked."""

    def __init__(self, cast: Cast, *, type: str = "phk", **fields):
        self.cast = cast
        self.clients = {name: client_for(user) for name, user in cast.roles().items()}
        body = {
            "type": type,
            "respondent": {"nib": cast.company_user.company.nib},
            "workplace_regency": "32.73",
            "summary": "PHK sepihak tanpa pesangon",
            "chronology": "Pada 1 Oktober 2026 saya diberhentikan secara lisan.",
            "demands": "Pesangon sesuai PP 35/2021",
            **fields,
        }
        response = self.clients["petitioner"].post("/api/v1/disputes/", body, format="json")
        assert response.status_code == 201, response.content
        self.id = response.json()["id"]

    @property
    def url(self) -> str:
        return f"/api/v1/disputes/{self.id}/"

    def get(self, role: str = "petitioner") -> dict:
        response = self.clients[role].get(self.url)
        assert response.status_code == 200, response.content
        return response.json()

    @property
    def state(self) -> str:
        return self.get()["status"]

    def attempt(self, role: str, name: str, **payload):
        if name == "assign_mediator" and "mediator" not in payload:
            payload["mediator"] = self.cast.mediator.id
        body = {"name": name, **(payload if payload else VALID_PAYLOADS[name])}
        if name == "assign_mediator":
            body = {"name": name, **payload}
        return self.clients[role].post(f"{self.url}transitions/", body, format="json")

    def do(self, role: str, name: str, **payload) -> dict:
        response = self.attempt(role, name, **payload)
        assert response.status_code == 200, (name, role, response.content)
        return response.json()

    # --- acts that are not transitions ------------------------------------------------------------

    def record_meeting(self, role: str = "petitioner", *, sign: bool = True) -> int:
        response = self.clients[role].post(f"{self.url}bipartite-meetings/", {
            "held_at": timezone.now().isoformat(), "place": "online", "issue": "Pesangon",
            "petitioner_position": "Menuntut pesangon penuh", "respondent_position": "Menawarkan setengah",
            "result": "Belum sepakat"}, format="json")
        assert response.status_code == 201, response.content
        meeting_id = response.json()["id"]
        if sign:
            for side in ("petitioner", "respondent"):
                signed = self.clients[side].post(f"/api/v1/bipartite-meetings/{meeting_id}/sign/")
                assert signed.status_code == 200, signed.content
        return meeting_id

    def schedule_session(self, kind: str = "mediation") -> int:
        when = timezone.now() + dt.timedelta(days=14)  # past the minimum notice of 3 working days
        response = self.clients["mediator"].post(f"{self.url}sessions/", {
            "kind": kind, "scheduled_for": when.isoformat(), "agenda": "Mendengar keterangan para pihak"},
            format="json")
        assert response.status_code == 201, response.content
        return response.json()["id"]

    def hold_session(self, *, petitioner: str = "present", respondent: str = "present", kind: str = "mediation"):
        session_id = self.schedule_session(kind)
        # The session's time has come: moving the clock is not a state change, only the test's way to
        # stand after the scheduled time.
        # The summons moves back with it, so the notice it gave stays what it was.
        held_at = timezone.now() - dt.timedelta(minutes=1)
        MediationSession.objects.filter(pk=session_id).update(scheduled_for=held_at)
        Summons.objects.filter(session_id=session_id).update(sent_at=held_at - dt.timedelta(days=14))
        response = self.clients["mediator"].post(f"/api/v1/sessions/{session_id}/attendance/", {
            "petitioner": petitioner, "respondent": respondent, "notes": ""}, format="json")
        assert response.status_code == 200, response.content
        return session_id

    def acknowledge_recommendation(self, side: str) -> None:
        response = self.clients[side].post(f"{self.url}recommendation/acknowledge/")
        assert response.status_code == 200, response.content

    # --- canonical paths to every state -------------------------------------------------------------

    def to(self, state: str, *, received: bool = True) -> Flow:
        """Drive to `state` by its canonical path; `received=False` leaves out the parties' acknowledgement of the
        recommendation (their answer clocks then have not started)."""
        steps = [s for s in PATHS[state] if received or s is not _acknowledge_recommendation]
        for step in steps:
            step(self)
        assert self.state == state, (state, self.state)
        return self


def _do(role, name, **payload):
    return lambda f: f.do(role, name, **payload)


_to_bipartite_invited = [_do("petitioner", "submit")]
_to_bipartite = [*_to_bipartite_invited, _do("respondent", "accept_bipartite")]
_to_failed = [*_to_bipartite_invited, _do("respondent", "decline_bipartite")]
_to_submitted = [*_to_failed, _do("petitioner", "register")]
_to_adr = [*_to_submitted, _do("officer", "accept_registration")]
def _choose_mediation(f: Flow) -> None:
    """The route choice, unless the type offers none (a rights dispute goes to awaiting_mediator at once)."""
    if f.state == "adr_offered":
        f.do("petitioner", "choose_route", route="mediation")


_to_awaiting = [*_to_adr, _choose_mediation]
_to_mediation = [*_to_awaiting, _do("officer", "assign_mediator")]
def _acknowledge_recommendation(f: Flow) -> None:
    """Both parties confirm receipt of the anjuran: each one's 10 working days to answer run from its receipt
    (UU 2/2004 Art. 13(2)(c)), so the canonical path has both clocks running."""
    for side in ("petitioner", "respondent"):
        f.acknowledge_recommendation(side)


_to_recommendation = [*_to_mediation, lambda f: f.hold_session(), _do("mediator", "issue_recommendation"),
                      _acknowledge_recommendation]


PATHS = {
    "draft": [],
    "bipartite_invited": _to_bipartite_invited,
    "bipartite": _to_bipartite,
    "bipartite_failed": _to_failed,
    "registration_submitted": _to_submitted,
    "registration_returned": [*_to_submitted, _do("officer", "return_registration")],
    "adr_offered": _to_adr,
    "awaiting_mediator": _to_awaiting,
    "mediation": _to_mediation,
    "recommendation_issued": _to_recommendation,
    "agreement_drafting": [*_to_bipartite, _do("petitioner", "propose_agreement")],
    "settled": [*_to_bipartite, _do("petitioner", "propose_agreement"), _do("petitioner", "sign_agreement"),
                _do("respondent", "sign_agreement")],
    "court_referral": [*_to_recommendation,
                       _do("respondent", "respond_recommendation", accept=False, reason="Terlalu mahal")],
    "referred_conciliation": [*_to_adr, _do("petitioner", "choose_route", route="conciliation"),
                              _do("respondent", "choose_route", route="conciliation")],
    "referred_arbitration": None,  # needs type kepentingan; built by the tests that need it
    "struck_off": [*_to_mediation, *[lambda f: f.hold_session(petitioner="absent")] * 3,
                   _do("mediator", "strike_off")],
    "withdrawn": [_do("petitioner", "withdraw", reason="")],
}
PATHS["referred_arbitration"] = [*_to_adr, _do("petitioner", "choose_route", route="arbitration"),
                                 _do("respondent", "choose_route", route="arbitration")]
