"""Page routes of chat (api.md "Page addresses")."""

from django.urls import path

from chat import consultation_pages, notification_pages, pages

urlpatterns = [
    path("ruang/<int:pk>/", pages.room_page, name="room-page"),
    path("notifikasi/", notification_pages.notification_list, name="notification-list-page"),
    path("notifikasi/baca-semua/", notification_pages.notification_read_all, name="notification-read-all-page"),
    path("notifikasi/<int:pk>/baca/", notification_pages.notification_read, name="notification-read-page"),
    path("konsultasi/", consultation_pages.consultation_list, name="consultation-list-page"),
    path("konsultasi/<int:pk>/", consultation_pages.consultation_detail, name="consultation-page"),
    path("konsultasi/<int:pk>/ambil/", consultation_pages.consultation_claim, name="consultation-claim-page"),
    path("konsultasi/<int:pk>/tutup/", consultation_pages.consultation_close, name="consultation-close-page"),
    path("konsultasi/<int:pk>/perselisihan/", consultation_pages.consultation_to_dispute,
         name="consultation-to-dispute-page"),
]
