from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Who saw or changed what, when, on which object."""

    name = "jejak.audit"
    verbose_name = _("Audit trail")
