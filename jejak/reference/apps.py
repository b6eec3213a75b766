from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    """Regions, majors, occupations and industries, each from a named official source."""

    name = "jejak.reference"
    verbose_name = _("Reference data")
