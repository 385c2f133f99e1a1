"""Page routes of mediation (server-rendered; api.md "Page addresses"): the actions of the dispute page's
mediation section, and the mediator's session console."""

from django.urls import path

from mediation import pages

urlpatterns = [
    path("perselisihan/<int:pk>/risalah/", pages.meeting_record_view, name="meeting-record-page"),
    path("perselisihan/<int:pk>/risalah/<int:meeting_id>/tanda-tangan/", pages.meeting_sign_view,
         name="meeting-sign-page"),
    path("perselisihan/<int:pk>/sidang/", pages.session_console, name="session-console"),
    path("perselisihan/<int:pk>/sidang/jadwal/", pages.session_schedule_view, name="session-schedule-page"),
    path("perselisihan/<int:pk>/sidang/tercatat/", pages.session_held_view, name="session-held-page"),
    path("perselisihan/<int:pk>/sidang/<int:session_id>/terima/", pages.session_acknowledge_view,
         name="session-acknowledge-page"),
    path("perselisihan/<int:pk>/sidang/<int:session_id>/kehadiran/", pages.session_attendance_view,
         name="session-attendance-page"),
    path("perselisihan/<int:pk>/sidang/ruang/<int:room_id>/jeda/", pages.room_pause_view, name="room-pause-page"),
    path("perselisihan/<int:pk>/perjanjian-bersama/ubah/", pages.agreement_items_view, name="agreement-items-page"),
    path("perselisihan/<int:pk>/anjuran/terima/", pages.recommendation_acknowledge_view,
         name="recommendation-acknowledge-page"),
]
