"""The severance calculator under /api/v1/."""

from django.urls import path

from severance import views

urlpatterns = [
    path("severance/calculate/", views.SeveranceCalculateView.as_view(), name="severance-calculate"),
]
