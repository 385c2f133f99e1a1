"""Public and account pages: home, sign in, register, sign out (api.md "Page addresses")."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import services
from accounts.forms import CompanyRegisterForm, SignInForm, WorkerRegisterForm
from accounts.selectors import company_get_for, union_get_for
from accounts.throttling import AuthRateThrottle
from sikhi.api import ApiError, RateLimited
from sikhi.pages import apply_errors, call_and_report, call_service, found_or_404

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

# The statutory stages shown on the home page: (title, working days or None, who acts).
STAGES = [
    ("bipartite", 30),
    ("registration", 7),
    ("route", 7),
    ("mediation", 30),
    ("recommendation", 10),
    ("court", None),
]


def _safe_next(request: HttpRequest, default: str = "/beranda/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _throttled(request: HttpRequest) -> int | None:
    """Seconds to wait when this address has used its sign-in/registration budget (shared with the API)."""
    throttle = AuthRateThrottle()
    if throttle.allow_request(request, None):
        return None
    return int(throttle.wait() or 60)


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html", {"stages": STAGES})


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        wait = _throttled(request)
        if wait is not None:
            form.add_error(None, _("Too many attempts from this address; try again in %(s)s seconds.") % {"s": wait})
            status = 429
        else:
            try:
                user = services.login_attempt(request=request, **form.cleaned_data)
            except RateLimited as exc:
                form.add_error(None, str(exc.detail))
                status = 429
            except ApiError as exc:
                form.add_error(None, str(exc.detail))
                status = 400
            else:
                auth_login(request, user, backend=MODEL_BACKEND)
                return redirect(_safe_next(request))
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/sign_in.html", {"form": form, "next": _safe_next(request, "")}, status=status)


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    invitation = request.GET.get("undangan") or request.POST.get("invitation") or ""
    role = request.POST.get("role") or request.GET.get("peran") or ("company" if invitation else "worker")
    role = role if role in ("worker", "company") else "worker"
    if request.user.is_authenticated and invitation:
        return redirect(f"/undangan/?token={invitation}")
    form_class = CompanyRegisterForm if role == "company" else WorkerRegisterForm
    form = form_class(request.POST or None, initial={"invitation": invitation})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            wait = _throttled(request)
            if wait is not None:
                form.add_error(
                    None, _("Too many attempts from this address; try again in %(s)s seconds.") % {"s": wait}
                )
                status = 429
            else:
                v = form.cleaned_data
                common = {k: v[k] for k in ("username", "password", "name", "phone", "email")}
                if role == "worker":
                    user, fields, message = call_service(services.user_register_worker, nik=v["nik"],
                                                         address=v["address"], **common)
                else:
                    user, fields, message = call_service(
                        services.user_register_company,
                        company_name=v["company_name"],
                        nib=v["nib"],
                        address=v["address"],
                        regency=v["regency"],
                        invitation=v.get("invitation") or None,
                        **common,
                    )
                if user is not None:
                    auth_login(request, user, backend=MODEL_BACKEND)
                    if role == "worker" and invitation:  # a worker or union officer invited as respondent
                        return redirect(f"/undangan/?token={invitation}")
                    return redirect("/beranda/")
                apply_errors(form, fields, message)
    return render(
        request,
        "accounts/register.html",
        {"form": form, "role": role, "invitation": invitation, "invitation_days": settings.SIKHI_INVITATION_DAYS},
        status=status,
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.user_logout(request=request, user=request.user)
    return redirect("/")


@login_required
@require_POST
def company_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """An officer verifies a company of their office from the office desk."""
    company = found_or_404(company_get_for, user=request.user, pk=pk)
    call_and_report(request, services.company_verify, _("%(name)s is verified.") % {"name": company.name},
                    company=company, by=request.user)
    return redirect("/beranda/")


@login_required
@require_POST
def union_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """An officer verifies a union recorded at their office from the office desk."""
    union = found_or_404(union_get_for, user=request.user, pk=pk)
    call_and_report(request, services.union_verify, _("%(name)s is verified.") % {"name": union.name},
                    union=union, by=request.user)
    return redirect("/beranda/")
