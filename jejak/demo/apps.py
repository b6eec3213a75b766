from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """A realistic, deterministic demo region for trying Jejak."""

    name = "jejak.demo"
    verbose_name = _("Demo region")
