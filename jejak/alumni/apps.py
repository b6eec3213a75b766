from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlumniConfig(AppConfig):
    """The register of graduates by name by address, its imports and merges."""

    name = "jejak.alumni"
    verbose_name = _("Alumni register")
