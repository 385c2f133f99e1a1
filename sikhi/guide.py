"""Knowledge base (/panduan/): plain-language articles on disputes, deadlines, documents and PHK rights.

Each article is a whole-language template, `guide/<language>/<slug>.html` (Bahasa Indonesia and English);
titles, summaries and the page chrome go through gettext. Search is a case-insensitive match of every word of
the query (lower-cased) against the rendered text of the current language's articles; no database is involved.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

LANGUAGES = ("id", "en")
MAX_QUERY = 100
SNIPPET_RADIUS = 90


@dataclass(frozen=True)
class Topic:
    """One article of the knowledge base; the slug is the stable path in both languages."""

    slug: str
    title: Promise
    summary: Promise

    def template(self, language: str) -> str:
        return f"guide/{language}/{self.slug}.html"

    @property
    def url(self) -> str:
        return f"/panduan/{self.slug}/"


TOPICS: tuple[Topic, ...] = (
    Topic("jenis-perselisihan", _("The four types of dispute"),
          _("Rights, interests, termination (PHK) and disputes between unions: what each means and which "
            "routes it may take.")),
    Topic("tahapan-dan-tenggat", _("Stages and deadlines"),
          _("From bipartite negotiation to mediation and the industrial relations court, with the working-day "
            "limits of each stage.")),
    Topic("mediasi", _("Mediation, the recommendation and the agreement"),
          _("Summons, sessions, what happens if someone does not come, answering the written recommendation "
            "(anjuran) and signing the joint agreement.")),
    Topic("dokumen-yang-dibawa", _("What to bring"),
          _("A checklist of documents for registering a dispute and for mediation sessions.")),
    Topic("hak-saat-phk", _("Your rights at termination (PHK)"),
          _("Notice and the right to refuse, severance pay (UP), long-service pay (UPMK), compensation of "
            "rights (UPH) and how much the reason of the termination changes them.")),
)
BY_SLUG = {topic.slug: topic for topic in TOPICS}


def current_language() -> str:
    language = (get_language() or "id").split("-")[0]
    return language if language in LANGUAGES else "id"


def article_text(topic: Topic, language: str) -> str:
    """The article as plain text: tags stripped, entities decoded, whitespace collapsed."""
    rendered = render_to_string(topic.template(language))
    return " ".join(html.unescape(strip_tags(rendered)).split())


def query_words(query: str) -> list[str]:
    return [word.lower() for word in query[:MAX_QUERY].split()][:10]


def snippet(text: str, words: list[str]) -> SafeString:
    """About 180 characters of `text` around the first match, each match marked; everything escaped."""
    folded = text.lower()
    first = min((folded.find(w) for w in words if folded.find(w) >= 0), default=0)
    start = max(0, first - SNIPPET_RADIUS)
    end = min(len(text), first + SNIPPET_RADIUS)
    if start > 0:
        start = text.rfind(" ", 0, start) + 1  # begin on a word boundary
    if end < len(text):
        space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    window, window_folded = text[start:end], folded[start:end]
    pattern = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(window_folded):
        parts.append((window[position:match.start()], False))
        parts.append((window[match.start():match.end()], True))
        position = match.end()
    parts.append((window[position:], False))
    body = format_html_join("", "{}", ((format_html("<mark>{}</mark>", p) if marked else p,) for p, marked in parts))
    return format_html("{}{}{}", "… " if start > 0 else "", body, " …" if end < len(text) else "")


def search(query: str, language: str) -> list[dict]:
    """Articles whose title, summary or text contain every word of `query` (case-insensitive)."""
    words = query_words(query)
    if not words:
        return []
    results = []
    for topic in TOPICS:
        text = article_text(topic, language)
        haystack = f"{topic.title} {topic.summary} {text}".lower()
        if all(word in haystack for word in words):
            results.append({"topic": topic, "snippet": snippet(text, words)})
    return results


@require_GET
def guide_index_view(request: HttpRequest) -> HttpResponse:
    """The list of topics, or the search results when `q` is given."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    results = search(query, current_language()) if query else None
    return render(request, "guide/index.html", {"topics": TOPICS, "query": query, "results": results})


@require_GET
def guide_article_view(request: HttpRequest, slug: str) -> HttpResponse:
    """One article in the current language."""
    topic = BY_SLUG.get(slug)
    if topic is None:
        raise Http404
    others = [t for t in TOPICS if t.slug != slug]
    return render(request, "guide/article.html",
                  {"topic": topic, "article_template": topic.template(current_language()), "others": others})
