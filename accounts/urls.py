"""Account, company and calendar endpoints under /api/v1/."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("auth/csrf/", views.CsrfView.as_view(), name="auth-csrf"),
    path("auth/register/", views.RegisterView.as_view(), name="auth-register"),
    path("auth/login/", views.LoginView.as_view(), name="auth-login"),
    path("auth/logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("me/", views.MeView.as_view(), name="me"),
    path("companies/", views.CompanyListView.as_view(), name="company-list"),
    path("companies/lookup/", views.CompanyLookupView.as_view(), name="company-lookup"),
    path("companies/<int:pk>/verify/", views.CompanyVerifyView.as_view(), name="company-verify"),
    path("unions/", views.UnionRegisterView.as_view(), name="union-register"),
    path("unions/lookup/", views.UnionLookupView.as_view(), name="union-lookup"),
    path("unions/<int:pk>/verify/", views.UnionVerifyView.as_view(), name="union-verify"),
    path("calendar/add-working-days/", views.AddWorkingDaysView.as_view(), name="calendar-add-working-days"),
    path("calendar/holidays/", views.HolidaysView.as_view(), name="calendar-holidays"),
]
