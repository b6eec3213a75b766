from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    """Companies (DUDI): vetting with evidence, province-wide flags, partnerships (MoU)."""

    name = "jejak.companies"
    verbose_name = _("Perusahaan")
