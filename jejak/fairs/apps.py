from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    """Job fairs, company meetings and recruitment tests: registrations, attendance, hires."""

    name = "jejak.fairs"
    verbose_name = _("Bursa kerja dan temu perusahaan")
