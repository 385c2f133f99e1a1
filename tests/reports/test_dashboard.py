"""The office dashboard page /kantor/statistik/: who may open it, its charts and their text alternatives."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.workflow import Cast

pytestmark = pytest.mark.django_db
URL = "/kantor/statistik/"


def page_for(user, **params):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(URL, params)


def test_officer_sees_charts_each_with_a_title_and_a_data_table(office_set):
    response = page_for(office_set.cast.officer, year=2026)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]  # no JavaScript for the charts
    figures = re.findall(r"<figure class=\"chart\".*?</figure>", html, re.S)
    assert len(figures) == 6
    for figure in figures:
        svg = re.search(r"<svg [^>]*role=\"img\"[^>]*aria-labelledby=\"([^\"]+)\"", figure)
        assert svg, figure[:200]
        for ref in svg.group(1).split():
            assert f'id="{ref}"' in figure
        assert re.search(r"<title id=\"[^\"]+\">[^<]+</title>", figure)
        assert "<table>" in figure and "<caption" in figure
    # The figures are those of the API.
    assert re.search(r"<dd>6</dd>", html)  # filed
    assert re.search(r"<dd>10</dd>", html)  # median working days
    # The mediators' chart names the office's mediators, not another office's.
    assert office_set.cast.mediator.name in html
    assert office_set.cast.foreign_mediator.name not in html
    # Links to the register downloads of the year shown.
    assert 'href="/api/v1/register.csv?year=2026"' in html
    assert 'href="/api/v1/register.xlsx?year=2026"' in html
    assert 'href="/api/v1/register.csv?year=2026&amp;sep=semicolon"' in html  # for Excel in Indonesia
    # The value axes count disputes: whole numbers only.
    ticks = re.findall(r'<text x="[\d.]+" y="[\d.]+" text-anchor="end">([^<]+)</text>', html)
    assert ticks and all(tick.isdigit() for tick in ticks), ticks


def test_data_table_of_the_month_chart_holds_each_month(office_set):
    html = page_for(office_set.cast.officer, year=2026).content.decode()
    months = re.search(r"<figure class=\"chart\" aria-labelledby=\"chart-months-caption\">.*?</figure>", html, re.S)
    rows = re.findall(r"<tr><th scope=\"row\">([^<]+)</th><td>(\d+)</td><td>(\d+)</td></tr>", months.group(0))
    assert len(rows) == 12
    assert [(int(a), int(b)) for _m, a, b in rows] == [
        (0, 0), (0, 0), (2, 1), (0, 1), (0, 0), (1, 1), (1, 0), (1, 0), (1, 0), (0, 0), (0, 0), (0, 0)]


def test_mediator_may_open_it_and_parties_may_not(db):
    cast = Cast()
    assert page_for(cast.mediator).status_code == 200
    assert page_for(cast.foreign_officer).status_code == 200
    assert page_for(cast.worker).status_code == 403
    assert page_for(cast.company_user).status_code == 403
    anonymous = page_for(None)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/masuk/?next=")


def test_a_bad_year_shows_the_current_year_with_a_message(db):
    from django.utils import timezone

    response = page_for(Cast().officer, year="abc")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert f'<option value="{timezone.localtime().year}" selected>' in html


def test_page_in_english(office_set):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(office_set.cast.officer)
    html = client.get(URL, {"year": 2026}).content.decode()
    assert "Office statistics · SIKHI" in html
    assert "Filed and ended per month in 2026" in html
