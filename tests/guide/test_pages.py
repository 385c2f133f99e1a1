"""The knowledge base (/panduan/): index, one page per topic in both languages, search, links, and content
that agrees with domain.md (the PP 35/2021 multipliers table)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.utils import translation

from sikhi.guide import TOPICS, snippet
from tests.severance.test_calculator import DOMAIN_TABLE

LINKS = ("/kalkulator-pesangon/", "/perselisihan/baru/", "/konsultasi/")


def get(url: str, language: str | None = None, **params):
    """GET as a visitor; `language` is sent as the set_language cookie, the way the site's switcher keeps it."""
    client = Client()
    if language:
        client.cookies["django_language"] = language
    return client.get(url, params)


def text_of(response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_index_is_indonesian_by_default_and_lists_every_topic():
    response = get("/panduan/")

    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="id">' in body
    assert "<h1>Panduan perselisihan hubungan industrial</h1>" in body
    assert "Cari di panduan" in body
    for topic in TOPICS:
        assert f'href="/panduan/{topic.slug}/"' in body
    assert "Empat jenis perselisihan" in body and "Hak Anda saat PHK" in body
    for link in LINKS:
        assert f'href="{link}"' in body


def test_index_in_english_by_cookie_and_by_accept_language():
    by_cookie = get("/panduan/", "en").content.decode()
    by_header = Client().get("/panduan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    for body in (by_cookie, by_header):
        assert '<html lang="en">' in body
        assert "<h1>Guide to industrial-relations disputes</h1>" in body
        assert "The four types of dispute" in body and "Empat jenis perselisihan" not in body


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.slug)
def test_each_article_renders_in_indonesian(topic):
    response = get(topic.url, "id")

    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="id">' in body
    with translation.override("id"):
        assert f"<h1>{html.escape(str(topic.title))}</h1>" in body
    text = text_of(response)
    assert "Pasal" in text  # the Indonesian article, citing its articles
    assert " Art. " not in text
    for link in LINKS:
        assert f'href="{link}"' in body
    assert response["Content-Language"] == "id"


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.slug)
def test_each_article_renders_in_english(topic):
    response = get(topic.url, "en")

    assert response.status_code == 200
    with translation.override("en"):
        assert f"<h1>{html.escape(str(topic.title))}</h1>" in response.content.decode()
    text = text_of(response)
    assert "Art. " in text
    assert "Pasal" not in text  # no Indonesian prose leaks into the English page
    assert response["Content-Language"] == "en"


def test_article_titles_follow_the_language():
    assert "<h1>Tahapan dan tenggat</h1>" in get("/panduan/tahapan-dan-tenggat/", "id").content.decode()
    assert "<h1>Stages and deadlines</h1>" in get("/panduan/tahapan-dan-tenggat/", "en").content.decode()
    assert "<title>Tahapan dan tenggat · " in get("/panduan/tahapan-dan-tenggat/", "id").content.decode()


def test_unknown_topic_is_404():
    assert get("/panduan/tidak-ada/").status_code == 404


def test_guide_is_read_only():
    assert Client().post("/panduan/", {"q": "anjuran"}).status_code == 405
    assert Client().post("/panduan/mediasi/").status_code == 405


# --- content: the law as domain.md states it --------------------------------------------------------------


def test_rights_article_cites_the_pp35_procedure_and_wage_base():
    id_text = " ".join(text_of(get("/panduan/hak-saat-phk/", "id")).split())
    en_text = " ".join(text_of(get("/panduan/hak-saat-phk/", "en")).split())

    assert "paling lambat 14 hari kerja sebelum PHK" in id_text and "(PP 35/2021 Pasal 37)" in id_text
    assert "paling lama 7 hari kerja setelah menerima pemberitahuan" in id_text
    assert "upah pokok ditambah tunjangan tetap" in id_text
    assert "at least 14 working days before the termination" in en_text and "(PP 35/2021 Art. 37)" in en_text
    assert "basic wage plus fixed allowances" in en_text


def _multiplier_rows(body: str, article_word: str) -> dict[str, tuple[str, str, bool]]:
    """{reason key: (UP, UPMK, separation pay)} from the article's reasons table."""
    rows = {}
    pattern = (rf"<tr><td>[^<]*\({article_word} (\d+)(?:\((\d)\)| ayat \((\d)\))?\)</td>"
               r"<td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>")
    for article, p_en, p_id, up, upmk, separation in re.findall(pattern, body):
        paragraph = p_en or p_id
        key = f"art{article}_{paragraph}" if paragraph else f"art{article}"

        def factor(cell: str) -> str:
            return "0" if cell == "\u2013" else cell.rstrip("\u00d7").replace(",", ".")  # en dash, times sign

        rows[key] = (factor(up), factor(upmk), separation in ("ya", "yes"))
    return rows


@pytest.mark.parametrize(("language", "article_word"), [("id", "Pasal"), ("en", "Art.")])
def test_rights_article_multipliers_match_domain_table(language, article_word):
    body = get("/panduan/hak-saat-phk/", language).content.decode()

    rows = _multiplier_rows(body, re.escape(article_word))

    assert set(rows) == set(DOMAIN_TABLE)
    for key, (_citation, m_up, m_upmk, separation_pay) in DOMAIN_TABLE.items():
        assert rows[key] == (m_up, m_upmk, separation_pay), key


def test_stages_article_states_the_statutory_deadlines():
    text = " ".join(text_of(get("/panduan/tahapan-dan-tenggat/", "id")).split())

    assert "paling lama 30 hari kerja sejak perundingan dimulai (UU 2/2004 Pasal 3 ayat (1) dan (2))" in text
    assert "wajib melengkapinya paling lama 7 hari kerja sejak menerima pengembalian berkas (Pasal 4 ayat (2))" in text
    assert "Jika dalam 7 hari kerja para pihak tidak memilih, perkara dilimpahkan ke mediator" in text
    assert "Tidak menjawab dianggap menolak" in text
    assert "Pasal 83 ayat (1)" in text


def test_types_article_routes_follow_article_4():
    text = " ".join(text_of(get("/panduan/jenis-perselisihan/", "en")).split())

    assert "Conciliation and arbitration are not available for rights disputes (Art. 4(5) and (6))" in text
    assert "Arbitration is not available (Art. 4(6))" in text
    assert "Rights Yes No No Yes" in text
    assert "Termination (PHK) Yes Yes No Yes" in text


# --- search -----------------------------------------------------------------------------------------------


def result_slugs(response) -> list[str]:
    section = response.content.decode().split('aria-labelledby="results-title"', 1)
    assert len(section) == 2, "no results section"
    found = re.findall(r'<h3><a href="/panduan/([a-z-]+)/">', section[1].split("</section>", 1)[0])
    return found


def test_search_finds_an_article_by_a_word_in_it():
    response = get("/panduan/", "id", q="pailit")

    assert response.status_code == 200
    assert result_slugs(response) == ["hak-saat-phk"]
    assert "<mark>pailit</mark>" in response.content.decode()


def test_search_does_not_find_a_word_absent_from_every_article():
    response = get("/panduan/", "id", q="bitcoin")

    assert result_slugs(response) == []
    assert "Tidak ada artikel yang memuat semua kata ini" in response.content.decode()


def test_search_is_case_insensitive_and_keeps_the_text_case_in_the_snippet():
    response = get("/panduan/", "id", q="PAILIT")

    assert result_slugs(response) == ["hak-saat-phk"]
    assert "<mark>pailit</mark>" in response.content.decode()


def test_search_needs_every_word():
    both = result_slugs(get("/panduan/", "id", q="anjuran kasasi"))
    anjuran = result_slugs(get("/panduan/", "id", q="anjuran"))

    assert "tahapan-dan-tenggat" in both
    assert "mediasi" in anjuran and "mediasi" not in both  # the mediation article never mentions kasasi
    assert set(both) <= set(anjuran)


def test_search_looks_only_at_the_current_language():
    assert result_slugs(get("/panduan/", "en", q="cassation")) == ["jenis-perselisihan", "tahapan-dan-tenggat"]
    assert result_slugs(get("/panduan/", "id", q="cassation")) == []
    assert "tahapan-dan-tenggat" in result_slugs(get("/panduan/", "id", q="kasasi"))


def test_search_matches_text_not_markup():
    # "table-wrap" and "href" are in the templates' markup, not in what a reader sees.
    assert result_slugs(get("/panduan/", "id", q="table-wrap")) == []
    assert result_slugs(get("/panduan/", "en", q="href")) == []


def test_search_escapes_the_query():
    response = get("/panduan/", "id", q='<script>alert("x")</script>')

    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert result_slugs(response) == []


def test_empty_search_shows_the_topics():
    body = get("/panduan/", "id", q="   ").content.decode()

    assert 'aria-labelledby="results-title"' not in body
    assert body.count('<li class="card">') == len(TOPICS)


def test_snippet_escapes_article_text_and_marks_matches():
    text = "Pengusaha <b>wajib</b> membayar & menjawab anjuran. " * 3

    result = str(snippet(text, ["anjuran"]))

    assert "<b>" not in result and "&lt;b&gt;" in result and "&amp;" in result
    assert "<mark>anjuran</mark>" in result


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "texts"), [
    ("id", ["Permenakertrans 17/2014 Pasal 10", "perselisihan kolektif", "NIK", "Akta Pendirian"]),
    ("en", ["Permenakertrans 17/2014 Art. 10", "collective dispute", "NIK", "Akta Pendirian"]),
])
def test_documents_article_explains_members_proxies_and_the_company_signatory(client, language, texts):
    page = client.get("/panduan/dokumen-yang-dibawa/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for text in texts:
        assert text in page, text
