"""Background work for the tanda daftar: the daily expiry reminders."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from jejak.tandadaftar.expiry import send_expiry_reminders


@task()
def send_expiry_reminders_round() -> int:
    return send_expiry_reminders(timezone.localdate())
