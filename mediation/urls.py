from django.urls import path

from mediation import views

urlpatterns = [
    path("disputes/<int:pk>/bipartite-meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    path("bipartite-meetings/<int:pk>/sign/", views.MeetingSignView.as_view(), name="meeting-sign"),
    path("disputes/<int:pk>/sessions/", views.SessionListView.as_view(), name="session-list"),
    path("disputes/<int:pk>/sessions/held/", views.SessionHeldView.as_view(), name="session-held"),
    path("sessions/<int:pk>/acknowledge/", views.SessionAcknowledgeView.as_view(), name="session-acknowledge"),
    path("sessions/<int:pk>/attendance/", views.SessionAttendanceView.as_view(), name="session-attendance"),
    path("disputes/<int:pk>/recommendation/", views.RecommendationView.as_view(), name="recommendation"),
    path("disputes/<int:pk>/recommendation/acknowledge/", views.RecommendationAcknowledgeView.as_view(),
         name="recommendation-acknowledge"),
    path("disputes/<int:pk>/agreement/", views.AgreementView.as_view(), name="agreement"),
]
