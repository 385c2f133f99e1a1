"""Page routes of disputes (api.md "Page addresses")."""

from django.urls import path

from disputes import pages

urlpatterns = [
    path("beranda/", pages.home, name="home-role"),
    path("perselisihan/baru/", pages.dispute_new, name="dispute-new"),
    path("perselisihan/<int:pk>/", pages.dispute_detail, name="dispute-page"),
    path("perselisihan/<int:pk>/isi/<slug:step>/", pages.dispute_wizard, name="dispute-wizard"),
    path("perselisihan/<int:pk>/bukti/", pages.dispute_evidence, name="dispute-evidence"),
    path("perselisihan/<int:pk>/kuasa/", pages.dispute_representative, name="dispute-representative"),
    path("perselisihan/<int:pk>/pelimpahan/", pages.dispute_hand_over_page, name="dispute-hand-over-page"),
    path("perselisihan/<int:pk>/aksi/<slug:name>/", pages.dispute_action, name="dispute-action"),
    path("perselisihan/<int:pk>/perjanjian-bersama/draf.pdf", pages.agreement_draft, name="agreement-draft"),
    path("undangan/", pages.invitation, name="invitation-page"),
]
