from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """Tracer indicators per cohort and reference date, their rollups, dashboards, reports."""

    name = "jejak.indicators"
    verbose_name = _("Indikator")
