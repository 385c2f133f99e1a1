"""API routes of reports (statistics, the office register)."""

from django.urls import path

from reports import views

urlpatterns = [
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("register.csv", views.RegisterCsvView.as_view(), name="register-csv"),
    path("register.xlsx", views.RegisterXlsxView.as_view(), name="register-xlsx"),
]
