"""Extension points: what disputes needs synchronously *from* the apps above it, filled in by their
`AppConfig.ready()` (disputes never imports them). Events (`disputes/signals.py`) tell the others what happened;
these ask them for something."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

# The deadline sweep's other duties (chat: deadline reminders and e-mail retries). Each is called with the
# sweep's `now` and answers counts to log; one that raises is logged and the sweep goes on.
SweepDuty = Callable[[dt.datetime], Mapping[str, int]]
sweep_duties: list[SweepDuty] = []


def sweep_duty_register(duty: SweepDuty) -> None:
    if duty not in sweep_duties:
        sweep_duties.append(duty)


class Hook:
    """One value or callable an app above provides (set in its `ready()`); `default` until then."""

    def __init__(self, name: str, default: Callable[..., Any] | None = None) -> None:
        self.name = name
        self.default = default
        self.provider: Callable[..., Any] | None = None

    def provide(self, provider: Callable[..., Any]) -> None:
        self.provider = provider

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        fn = self.provider or self.default
        if fn is None:
            raise LookupError(f"no app provides {self.name}")
        return fn(*args, **kwargs)


# (user, room) -> bool: may `user` read the dispute room `room` (chat.permissions.is_room_member). Without chat
# there are no rooms.
is_room_member = Hook("is_room_member", default=lambda user, room: False)

# (dispute, side) -> bool: the side stayed away from three sessions after proper summonses (mediation); a
# transition condition (`Dispute.strike_off`).
absent_after_proper_summonses = Hook("absent_after_proper_summonses", default=lambda dispute, side: False)

# (dispute) -> {"considerations": ..., "recommendations": ...}: the anjuran's standard structure, prefilled
# in the issue_recommendation form (mediation.pages.recommendation_template).
recommendation_template = Hook("recommendation_template", default=lambda dispute: None)

# (dispute=...) -> None: start each party's 10 working days to answer the anjuran from its own receipt (its
# acknowledgement, its first download or link opening, or a recorded delivery: documents.deliveries). Without
# documents nobody has received it, so no clock starts.
answer_clocks_sync = Hook("answer_clocks_sync", default=lambda *, dispute: None)

# (dispute=..., at=...) -> [side]: the parties whose own answer clock has run out by `at` without an answer
# (documents.deliveries.answer_clocks_run_out); they are taken to reject (UU 2/2004 Art. 13(2)).
answer_clocks_run_out = Hook("answer_clocks_run_out", default=lambda *, dispute, at: [])

# (summons) -> datetime | None: the moment a summons' minimum notice counts from (documents.deliveries:
# the sending for a party on SIKHI or e-mailed a link, else the recorded delivery; None when never reached).
# Without documents, its sending.
summons_notice_from = Hook("summons_notice_from", default=lambda summons: summons.sent_at)

# (office_id=...) -> the office's letters a party was not notified of (documents.deliveries.office_notice_gaps),
# for the officer's desk.
office_notice_gaps = Hook("office_notice_gaps", default=lambda *, office_id: [])

# (agreement) -> bytes: the agreement out for signature as a draft PDF (documents.services.agreement_draft_pdf).
agreement_draft_pdf = Hook("agreement_draft_pdf")

# (user, week_start: date) -> the mediator's sessions of that week, for the mediator's home page (mediation).
mediator_week_sessions = Hook("mediator_week_sessions", default=lambda user, week_start: [])

# The dispute page's sections from the apps above: each is called with (dispute, user) and answers template
# context to add (mediation: meetings, sessions, recommendation, agreement; documents: the documents, the court
# bundle). Called in the order registered (INSTALLED_APPS).
DisputePageSection = Callable[..., Mapping[str, Any]]
dispute_page_sections: list[DisputePageSection] = []


def dispute_page_section_register(section: DisputePageSection) -> None:
    if section not in dispute_page_sections:
        dispute_page_sections.append(section)
