from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """Coordination meetings a labour office runs with BKKs, their association and companies:
    invitations, attendance, minutes, agreed follow-ups and the BKKs' programme evaluations."""

    name = "jejak.coordination"
    verbose_name = _("Rapat koordinasi BKK dan perusahaan")
