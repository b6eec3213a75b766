from django.urls import include, path
from django.views.i18n import set_language

from jejak import converters  # noqa: F401 - registers <code:…>, <token:…> before the apps' URLs
from jejak.accounts import views as account_views
from jejak.operations import views as operations

urlpatterns = [
    path("healthz", operations.healthz, name="healthz"),
    path("livez", operations.livez, name="livez"),
    path("metrics", operations.metrics_view, name="metrics"),
    # First among the apps: the alumni survey is the busiest page, and URLs resolve in order.
    path("", include("jejak.tracer.urls")),
    path("", account_views.home, name="home"),
    path("accounts/", include("jejak.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("o/<code:org>/", include("jejak.organisations.urls")),
    path("", include("jejak.alumni.urls")),
    path("", include("jejak.audit.urls")),
    path("", include("jejak.companies.urls")),
    path("", include("jejak.jobs.urls")),
    path("", include("jejak.seekers.urls")),
    path("", include("jejak.matching.urls")),
    path("", include("jejak.profiles.urls")),
    path("", include("jejak.fairs.urls")),
    path("", include("jejak.coordination.urls")),
    path("", include("jejak.bkkreports.urls")),
    path("", include("jejak.tandadaftar.urls")),
    path("", include("jejak.indicators.urls")),
    path("", include("jejak.training.urls")),
]
