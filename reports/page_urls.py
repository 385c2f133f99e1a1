"""Page routes of reports (server-rendered; api.md "Page addresses")."""

from django.urls import path

from reports.pages import office_dashboard_view

urlpatterns = [
    path("kantor/statistik/", office_dashboard_view, name="office-dashboard"),
]
