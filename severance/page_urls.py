"""Page routes of severance (server-rendered; api.md "Page addresses")."""

from django.urls import path

from severance import pages

urlpatterns = [
    path("kalkulator-pesangon/", pages.severance_calculator_view, name="severance-calculator"),
]
