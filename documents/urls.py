from django.urls import path

from documents import delivery_views, views

urlpatterns = [
    path("disputes/<int:pk>/documents/", views.DisputeDocumentsView.as_view(), name="dispute-documents"),
    path("disputes/<int:pk>/court-bundle/", views.CourtBundleView.as_view(), name="court-bundle"),
    path("documents/<int:pk>/download/", views.DocumentDownloadView.as_view(), name="document-download"),
    path("documents/verify/<str:key>/", views.DocumentVerifyView.as_view(), name="document-verify"),
    path("disputes/<int:pk>/deliveries/", delivery_views.DisputeDeliveriesView.as_view(), name="dispute-deliveries"),
    path("disputes/<int:pk>/notices/", delivery_views.DisputeNoticesView.as_view(), name="dispute-notices"),
    path("deliveries/<int:pk>/scan/", delivery_views.DeliveryScanView.as_view(), name="delivery-scan"),
    path("documents/<int:pk>/links/", delivery_views.DocumentLinkResendView.as_view(), name="document-link-resend"),
    path("document-links/<int:pk>/revoke/", delivery_views.DocumentLinkRevokeView.as_view(),
         name="document-link-revoke"),
]
