"""The officer's desk (/beranda/): a count per section, search by number or party name, a state filter, and
pages instead of a silent cap; an officer never finds another office's disputes."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from disputes import pages
from disputes.models import Dispute
from tests.factories import CompanyFactory, CompanyUserFactory, office
from tests.workflow import Cast, Flow

pytestmark = pytest.mark.django_db


def desk(user, query: str = "") -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(user)
    response = client.get(f"/beranda/{query}")
    assert response.status_code == 200
    return response.content.decode()


def count(html: str, section: str) -> int:
    return int(re.search(rf'data-count="{section}">(\d+)<', html).group(1))


def listed(html: str) -> set[int]:
    """The disputes in the office-wide list (the last section of the desk)."""
    part = html[html.index('id="all-h"'):]
    return {int(n) for n in re.findall(r'data-dispute="(\d+)"', part)}


@pytest.fixture
def cast():
    return Cast()


def test_desk_counts_each_section(cast):
    for _ in range(2):
        Flow(cast).to("registration_submitted")
    Flow(cast).to("awaiting_mediator")
    Flow(cast).to("bipartite")
    before = count(desk(cast.officer), "verify")
    CompanyFactory(verified_at=None, regency=office("32.73"))  # a company of the office waiting for verification
    html = desk(cast.officer)
    assert (count(html, "check"), count(html, "delegate"), count(html, "all")) == (2, 1, 4)
    assert count(html, "verify") == before + 1
    assert count(html, "overdue") == 0


def test_desk_sections_show_a_link_to_all_when_longer_than_shown(cast, monkeypatch):
    monkeypatch.setattr(pages, "SECTION_SIZE", 1)
    for _ in range(2):
        Flow(cast).to("registration_submitted")
    html = desk(cast.officer)
    assert len(re.findall(r'data-dispute="\d+"', html[html.index('id="check-h"'):html.index('id="delegate-h"')])) == 1
    assert 'href="?status=registration_submitted#all-h"' in html and "Tampilkan semua 2" in html


def test_desk_search_by_number_finds_only_that_dispute(cast):
    one, other = Flow(cast).to("bipartite_invited"), Flow(cast).to("bipartite_invited")
    number = Dispute.objects.get(pk=one.id).number
    assert listed(desk(cast.officer, f"?q={number}")) == {one.id}
    assert other.id in listed(desk(cast.officer))


def test_desk_search_by_registration_number(cast):
    flow = Flow(cast).to("adr_offered")
    Flow(cast).to("bipartite_invited")
    registration = Dispute.objects.get(pk=flow.id).registration_number
    assert listed(desk(cast.officer, f"?q={registration}")) == {flow.id}


def test_desk_search_by_company_or_worker_name_ignores_case(cast):
    flow = Flow(cast).to("bipartite_invited")
    other_company = CompanyUserFactory(company__name="PT Lain Sekali")
    other = Flow(Cast(worker=cast.worker, company_user=other_company, officer=cast.officer)).to("bipartite_invited")
    company = Dispute.objects.get(pk=flow.id).respondent_name
    assert listed(desk(cast.officer, f"?q={company.upper()}")) == {flow.id}
    worker = Dispute.objects.get(pk=other.id).petitioner.name
    assert listed(desk(cast.officer, f"?q={worker.lower()}")) == {flow.id, other.id}  # the same worker filed both


def test_desk_search_without_a_match_says_so(cast):
    Flow(cast).to("bipartite_invited")
    html = desk(cast.officer, "?q=tidak-ada-yang-cocok")
    assert listed(html) == set() and 'id="all-none"' in html


def test_desk_filters_by_state(cast):
    invited, failed = Flow(cast).to("bipartite_invited"), Flow(cast).to("bipartite_failed")
    assert listed(desk(cast.officer, "?status=bipartite_failed")) == {failed.id}
    assert listed(desk(cast.officer, "?status=bipartite_invited")) == {invited.id}
    assert listed(desk(cast.officer, "?status=bukan-status")) == {invited.id, failed.id}  # an unknown state: ignored


def test_desk_combines_search_and_state_filter(cast):
    flow = Flow(cast).to("bipartite_failed")
    Flow(cast).to("bipartite_invited")
    number = Dispute.objects.get(pk=flow.id).number
    assert listed(desk(cast.officer, f"?q={number}&status=bipartite_failed")) == {flow.id}
    assert listed(desk(cast.officer, f"?q={number}&status=bipartite_invited")) == set()


def test_officer_never_finds_another_offices_disputes_by_search_or_filter(cast):
    ours = Flow(cast).to("bipartite_invited")
    theirs = Flow(cast, workplace_regency="32.04").to("bipartite_invited")
    theirs_number = Dispute.objects.get(pk=theirs.id).number
    company = Dispute.objects.get(pk=theirs.id).respondent_name  # the same company and worker in both
    assert listed(desk(cast.officer, f"?q={company}")) == {ours.id}
    assert listed(desk(cast.officer, f"?q={theirs_number}")) == set()
    assert theirs.id not in listed(desk(cast.officer, "?status=bipartite_invited"))
    assert listed(desk(cast.foreign_officer, f"?q={theirs_number}")) == {theirs.id}


def test_officer_never_sees_drafts_even_by_state_filter(cast):
    Flow(cast)  # a draft of the office
    assert listed(desk(cast.officer, "?status=draft")) == set()


def test_desk_pages_through_all_disputes_instead_of_a_cap(cast, monkeypatch):
    monkeypatch.setattr(pages, "PER_PAGE", 2)
    ids = {Flow(cast).to("bipartite_invited").id for _ in range(5)}
    first = desk(cast.officer)
    assert count(first, "all") == 5
    assert "Halaman 1 dari 3" in first and 'rel="next"' in first and 'rel="prev"' not in first
    seen = set()
    for number in (1, 2, 3):
        seen |= listed(desk(cast.officer, f"?page={number}"))
    assert seen == ids
    last = desk(cast.officer, "?page=3")
    assert len(listed(last)) == 1 and 'rel="next"' not in last and 'rel="prev"' in last


def test_desk_pages_keep_the_search_and_filter(cast, monkeypatch):
    monkeypatch.setattr(pages, "PER_PAGE", 1)
    for _ in range(2):
        Flow(cast).to("bipartite_failed")
    Flow(cast).to("bipartite_invited")
    html = desk(cast.officer, "?status=bipartite_failed")
    assert "Halaman 1 dari 2" in html
    assert re.search(r'href="\?status=bipartite_failed&amp;page=2#all-h"', html)


def test_desk_pages_the_overdue_deadlines(cast, monkeypatch):
    from disputes.models import Deadline

    monkeypatch.setattr(pages, "PER_PAGE", 1)
    for _ in range(2):
        Flow(cast).to("registration_submitted")
    Deadline.objects.filter(key="registration_check").update(state="overdue")  # allowed: a deadline's state
    html = desk(cast.officer)
    assert count(html, "overdue") == 2
    assert html.count("/perselisihan/", html.index('id="overdue-list"'), html.index('id="all-h"')) == 1
    assert 'href="?overdue=2#overdue-h"' in html


def test_worker_home_pages_too(cast, monkeypatch):
    monkeypatch.setattr(pages, "PER_PAGE", 1)
    for _ in range(2):
        Flow(cast)
    html = desk(cast.worker)
    assert "Halaman 1 dari 2" in html
