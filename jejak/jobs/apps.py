from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Vacancies, boards, applications, placements and job alerts."""

    name = "jejak.jobs"
    verbose_name = _("Bursa kerja")
