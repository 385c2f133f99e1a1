"""Page routes of sikhi (server-rendered; api.md "Page addresses"): the knowledge base."""

from django.urls import path

from sikhi import guide

urlpatterns = [
    path("panduan/", guide.guide_index_view, name="guide"),
    path("panduan/<slug:slug>/", guide.guide_article_view, name="guide-article"),
]
