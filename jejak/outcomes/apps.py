from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    """The dated history of what each alumnus is doing."""

    name = "jejak.outcomes"
    verbose_name = _("Outcomes")
