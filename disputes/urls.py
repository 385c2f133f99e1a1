from django.urls import path

from disputes import views

urlpatterns = [
    path("disputes/", views.DisputeListView.as_view(), name="dispute-list"),
    path("disputes/<int:pk>/", views.DisputeDetailView.as_view(), name="dispute-detail"),
    path("disputes/<int:pk>/transitions/", views.DisputeTransitionView.as_view(), name="dispute-transitions"),
    path("disputes/<int:pk>/events/", views.DisputeEventsView.as_view(), name="dispute-events"),
    path("disputes/<int:pk>/evidence/", views.DisputeEvidenceView.as_view(), name="dispute-evidence"),
    path("disputes/<int:pk>/hand-over/", views.DisputeHandOverView.as_view(), name="dispute-hand-over"),
    path("disputes/<int:pk>/court-registration/", views.CourtRegistrationView.as_view(), name="court-registration"),
    path("disputes/<int:pk>/mediator/", views.MediatorReassignView.as_view(), name="dispute-mediator"),
    path("disputes/<int:pk>/powers-of-attorney/", views.DisputePowersOfAttorneyView.as_view(),
         name="dispute-powers-of-attorney"),
    path("disputes/<int:pk>/representatives/", views.DisputeRepresentativesView.as_view(),
         name="dispute-representatives"),
    path("disputes/<int:pk>/representatives/<str:side>/file/", views.RepresentativeFileView.as_view(),
         name="representative-file"),
    path("powers-of-attorney/<int:pk>/download/", views.PowerOfAttorneyDownloadView.as_view(),
         name="power-of-attorney-download"),
    path("evidence/<int:pk>/download/", views.EvidenceDownloadView.as_view(), name="evidence-download"),
    path("invitations/<str:token>/claim/", views.InvitationClaimView.as_view(), name="invitation-claim"),
]
