"""Page routes of accounts (api.md "Page addresses")."""

from django.urls import path

from accounts import pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("masuk/", pages.sign_in, name="sign-in"),
    path("daftar/", pages.register, name="register"),
    path("keluar/", pages.sign_out, name="sign-out"),
    path("perusahaan/<int:pk>/verifikasi/", pages.company_verify, name="company-verify-page"),
    path("serikat/<int:pk>/verifikasi/", pages.union_verify, name="union-verify-page"),
]
