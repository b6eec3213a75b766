"""Reminders before a BKK's tanda daftar runs out.

A BKK whose tanda daftar has lapsed cannot post vacancies or file its IPK reports, and the
office needs time to review a new application. So the BKK's officers are told 90, 30 and 7
days before the end date, each step once (`Bkk.registration_reminded_days` remembers the last
one). A BKK that has already submitted its new application is not told: it is in the office's
hands. Run daily by the scheduler (`jejak.worker.schedule`).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from jejak.audit.services import log_action
from jejak.organisations.models import Bkk
from jejak.tandadaftar import notify
from jejak.tandadaftar.models import Application

REMIND_BEFORE_DAYS = (90, 30, 7)


def step_due(days_left: int, reminded: int | None) -> int | None:
    """The reminder step to send with `days_left` to go, or None: the smallest step the date
    has reached that is smaller than the one already sent (a missed day catches up once)."""
    reached = [step for step in REMIND_BEFORE_DAYS if days_left <= step]
    if days_left < 0 or not reached:
        return None
    step = min(reached)
    return step if reminded is None or step < reminded else None


def send_expiry_reminders(today: dt.date) -> int:
    """Tell each active BKK whose tanda daftar ends within the first step; the number told."""
    submitted = Application.objects.filter(
        organisation=OuterRef("organisation"), state=Application.State.SUBMITTED
    )
    horizon = today + dt.timedelta(days=max(REMIND_BEFORE_DAYS))
    due = (
        Bkk.objects.filter(active=True, registration_valid_until__gte=today,
                           registration_valid_until__lte=horizon)
        .exclude(registration_number="")
        .exclude(Exists(submitted))
        .select_related("organisation")
    )  # fmt: skip
    told = 0
    for bkk in due:
        assert bkk.registration_valid_until is not None  # filtered above
        days_left = (bkk.registration_valid_until - today).days
        step = step_due(days_left, bkk.registration_reminded_days)
        if step is None:
            continue
        _remind(bkk, step, days_left)
        told += 1
    return told


@transaction.atomic  # the mail goes out (on commit) only with the step recorded
def _remind(bkk: Bkk, step: int, days_left: int) -> None:
    end = bkk.registration_valid_until
    assert end is not None
    with override("id"):  # the BKK's officers read Indonesian; a per-user language is not kept
        notify.tell(
            bkk.organisation, notify.BKK_ROLES,
            _("Tanda daftar BKK berakhir %(day)s") % {"day": end.strftime("%d-%m-%Y")},
            _("Tanda daftar BKK nomor %(number)s berlaku sampai %(day)s (%(n)s hari lagi). "
              "Ajukan tanda daftar baru ke dinas tenaga kerja sebelum tanggal itu: tanpa tanda "
              "daftar yang berlaku, BKK tidak bisa memasang lowongan atau mengirim laporan.")
            % {"number": bkk.registration_number, "day": end.strftime("%d-%m-%Y"),
               "n": days_left},
            reverse("tandadaftar:home", args=[bkk.organisation.code]),
        )  # fmt: skip
    bkk.registration_reminded_days = step
    bkk.save(update_fields=["registration_reminded_days"])
    log_action(actor=None, action="tanda_daftar.expiry_reminded", obj=bkk,
               organisation=bkk.organisation, changes={"days_before": step})  # fmt: skip
