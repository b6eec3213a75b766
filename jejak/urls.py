from django.urls import include, path
from django.views.i18n import set_language

from jejak.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("jejak.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("o/<str:org>/", include("jejak.organisations.urls")),
    path("", include("jejak.alumni.urls")),
    path("", include("jejak.audit.urls")),
    path("", include("jejak.tracer.urls")),
]
