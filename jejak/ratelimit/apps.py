from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatelimitConfig(AppConfig):
    """Request limits counted in a store every worker process shares."""

    name = "jejak.ratelimit"
    verbose_name = _("Rate limits")
