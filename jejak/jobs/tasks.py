"""Background work for the job exchange: job alert digests by email."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from jejak.alumni.models import Alumnus
from jejak.jobs import alerts
from jejak.jobs.models import AlertSent, AlertSetting, Vacancy
from jejak.jobs.selectors import alerted_now, live, matching_alumni

# Vacancies posted longer ago than this are not sent as "new" any more.
RECENT = dt.timedelta(days=30)


@task()
def send_alert_digests() -> int:
    """One paced round of digests: as many as the mail pace allows in a minute, then the
    task comes back a minute later for the rest (a province does not go out at once)."""
    per_minute = max(settings.SURVEY_EMAILS_PER_MINUTE, 1)
    delivered, left = send_digests(limit=per_minute)
    # The immediate backend (tests) cannot wait; the database backend comes back later.
    if left and default_task_backend.supports_defer:
        send_alert_digests.using(run_after=timezone.now() + dt.timedelta(minutes=1)).enqueue()
    return delivered


def send_digests(*, limit: int | None = None) -> tuple[int, int]:
    """Email each alumnus (up to `limit` of them) the live vacancies that fit them and were
    not sent yet; returns (digests delivered, alumni still waiting)."""
    pending: dict[int, list[Vacancy]] = defaultdict(list)
    now = timezone.now()
    recent = live(Vacancy.objects.filter(created_at__gte=now - RECENT))
    for vacancy in recent.select_related("company", "work_region"):
        sent = AlertSent.objects.filter(vacancy=vacancy).values("alumnus_id")
        fitting = matching_alumni(vacancy).exclude(email="").exclude(pk__in=sent)
        alumni = alerted_now(vacancy, fitting, now)
        for alumnus_id in alumni.values_list("pk", flat=True):
            pending[alumnus_id].append(vacancy)
    batch = sorted(pending)[:limit] if limit is not None else sorted(pending)
    delivered = 0
    for alumnus in Alumnus.objects.filter(pk__in=batch).select_related("organisation"):
        delivered += _send_digest(alumnus, pending[alumnus.pk])
    return delivered, len(pending) - len(batch)


def _send_digest(alumnus: Alumnus, vacancies: list[Vacancy]) -> int:
    lines = [
        f"- {v.title} · {v.company.name} · {v.location or '-'} · "
        + _("batas %(date)s") % {"date": v.closes_on.strftime("%d-%m-%Y")}
        + f"\n  {alerts.public_url(v)}"
        for v in vacancies
    ]
    body = _(
        "Halo %(name)s,\n\nAda lowongan baru yang cocok dengan jurusan dan wilayah Anda:\n\n"
        "%(lines)s\n\nMasuk ke Jejak untuk melamar.\n\n"
        "Tidak ingin menerima email lowongan lagi? Berhenti di sini: %(stop)s\n"
    ) % {"name": alumnus.name, "lines": "\n".join(lines), "stop": alerts.unsubscribe_url(alumnus)}
    count = send_mail(
        _("Lowongan untuk Anda (%(n)s)") % {"n": len(vacancies)},
        body,
        None,
        [alumnus.email],
        fail_silently=True,  # one bad address must not stop the others
    )
    AlertSent.objects.bulk_create(
        [AlertSent(alumnus=alumnus, vacancy=v, province_code=alumnus.province_code)
         for v in vacancies],
        ignore_conflicts=True,
    )  # fmt: skip
    setting, _created = AlertSetting.objects.get_or_create(alumnus=alumnus)
    setting.last_sent_at = timezone.now()
    setting.save(update_fields=["last_sent_at", "province_code"])
    return count
