from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TracerConfig(AppConfig):
    """Tracer study: campaigns, personal survey links, responses, follow-up, progress."""

    name = "jejak.tracer"
    verbose_name = _("Penelusuran tamatan")
