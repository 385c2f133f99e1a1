"""The project's routes plus one page and one API address that fail, to see the 500 answers."""

from django.urls import path

from sikhi.urls import *  # noqa: F403 (the routes and the error handlers)
from sikhi.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("rusak/", boom), path("api/v1/rusak/", boom), *project_urlpatterns]
