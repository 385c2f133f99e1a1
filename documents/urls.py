from django.urls import path

from documents import views

urlpatterns = [
    path("disputes/<int:pk>/documents/", views.DisputeDocumentsView.as_view(), name="dispute-documents"),
    path("disputes/<int:pk>/court-bundle/", views.CourtBundleView.as_view(), name="court-bundle"),
    path("documents/<int:pk>/download/", views.DocumentDownloadView.as_view(), name="document-download"),
    path("documents/verify/<str:key>/", views.DocumentVerifyView.as_view(), name="document-verify"),
]
