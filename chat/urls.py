from django.urls import path

from chat import consultation_views, views

urlpatterns = [
    path("rooms/<int:pk>/", views.RoomDetailView.as_view(), name="room-detail"),
    path("rooms/<int:pk>/messages/", views.RoomMessagesView.as_view(), name="room-messages"),
    path("rooms/<int:pk>/pause/", views.RoomPauseView.as_view(), name="room-pause"),
    path("rooms/<int:pk>/resume/", views.RoomResumeView.as_view(), name="room-resume"),
    path("notifications/", views.NotificationListView.as_view(), name="notification-list"),
    path("notifications/<int:pk>/read/", views.NotificationReadView.as_view(), name="notification-read"),
    path("consultations/", consultation_views.ConsultationListView.as_view(), name="consultation-list"),
    path("consultations/<int:pk>/claim/", consultation_views.ConsultationClaimView.as_view(),
         name="consultation-claim"),
    path("consultations/<int:pk>/close/", consultation_views.ConsultationCloseView.as_view(),
         name="consultation-close"),
]
