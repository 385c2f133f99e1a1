"""Where mediation plugs into disputes: its transitions, and the extension points it fills
(`disputes/extensions.py`). Connected in
`MediationConfig.ready()`."""

from __future__ import annotations

from disputes import extensions
from mediation import models, page_sections, pages, transitions


def connect() -> None:
    transitions.register()  # the agreement's and the recommendation's transitions
    extensions.absent_after_proper_summonses.provide(models.absent_after_proper_summonses)
    extensions.recommendation_template.provide(pages.recommendation_template)
    extensions.mediator_week_sessions.provide(page_sections.mediator_week_sessions)
    extensions.dispute_page_section_register(page_sections.mediation_section)
