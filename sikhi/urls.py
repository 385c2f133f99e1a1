"""Top-level routes: the API under /api/v1/, the health check, the favicon, admin, i18n."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from sikhi.health import healthz

api_v1 = [
    path("", include("accounts.urls")),
    path("", include("disputes.urls")),
    path("", include("mediation.urls")),
    path("", include("chat.urls")),
    path("", include("documents.urls")),
    path("", include("severance.urls")),
    path("", include("reports.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]

# Pages (api.md "Page addresses"): server-rendered, each app's page_urls.py.
pages = [
    path("", include("sikhi.page_urls")),
    path("", include("accounts.page_urls")),
    path("", include("disputes.page_urls")),
    path("", include("mediation.page_urls")),
    path("", include("chat.page_urls")),
    path("", include("documents.page_urls")),
    path("", include("severance.page_urls")),
    path("", include("reports.page_urls")),
]


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page links: send them to the SVG icon, by the name the static
    storage gives it (hashed in production), looked up per request."""

    permanent = False  # the hashed name changes with the icon

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("favicon.svg")


urlpatterns = [
    path("api/v1/", include(api_v1)),
    *pages,
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "sikhi.errors.bad_request"
handler403 = "sikhi.errors.permission_denied"
handler404 = "sikhi.errors.page_not_found"
handler500 = "sikhi.errors.server_error"
