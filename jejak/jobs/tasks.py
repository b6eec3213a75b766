"""Background work for the job exchange: job alert digests by email."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from jejak.alumni.models import Alumnus
from jejak.jobs import alerts
from jejak.jobs.models import AlertSent, AlertSetting, Vacancy
from jejak.jobs.selectors import alerted_now, live
from jejak.matching.engine import match_vacancy
from jejak.matching.majors import MajorTree
from jejak.matching.reasons import Item

# Vacancies posted longer ago than this are not sent as "new" any more.
RECENT = dt.timedelta(days=30)
# Reasons under each vacancy of a digest: the first ones, which come from the heaviest factors
# (major, then skills, occupation, location; see matching.scoring).
DIGEST_REASONS = 3


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
    """Email each person (up to `limit` of them) the live vacancies that fit them and were not
    sent yet, each with its top reasons; returns (digests delivered, people still waiting).

    Who gets an alert is who the matching engine finds for the vacancy (every hard condition,
    the reach of the vacancy, still looking and agreed to be matched), less those without an
    email, those who switched alerts off and those who got it already; a disability-friendly
    vacancy's head start (`alerted_now`) first. The pool is narrowed in the database, so the
    queries grow with the vacancies, not with the people."""
    pending: dict[int, list[tuple[Vacancy, list[Item]]]] = defaultdict(list)
    now = timezone.now()
    tree = MajorTree.load()
    switched_off = AlertSetting.objects.filter(enabled=False).values("alumnus_id")
    recent = live(Vacancy.objects.filter(created_at__gte=now - RECENT))
    for vacancy in recent.select_related("company", "work_region"):
        sent = AlertSent.objects.filter(vacancy=vacancy).values("alumnus_id")
        among = ~Q(email="") & ~Q(pk__in=switched_off) & ~Q(pk__in=sent)
        among &= alerted_now(vacancy, now)
        for found in match_vacancy(vacancy, among=among, tree=tree).results:
            reasons = found.result.reasons[:DIGEST_REASONS]
            pending[found.seeker.alumnus_id].append((vacancy, reasons))
    batch = sorted(pending)[:limit] if limit is not None else sorted(pending)
    delivered = 0
    for alumnus in Alumnus.objects.filter(pk__in=batch).select_related("organisation"):
        delivered += _send_digest(alumnus, pending[alumnus.pk])
    return delivered, len(pending) - len(batch)


def _line(vacancy: Vacancy, reasons: list[Item]) -> str:
    deadline = _("batas %(date)s") % {"date": vacancy.closes_on.strftime("%d-%m-%Y")}
    line = f"- {vacancy.title} · {vacancy.company.name} · {vacancy.location or '-'} · {deadline}"
    if reasons:
        line += "\n  " + "; ".join(reason.text for reason in reasons)
    return line + f"\n  {alerts.public_url(vacancy)}"


def _send_digest(alumnus: Alumnus, found: list[tuple[Vacancy, list[Item]]]) -> int:
    vacancies = [vacancy for vacancy, _reasons in found]
    lines = [_line(vacancy, reasons) for vacancy, reasons in found]
    body = _(
        "Halo %(name)s,\n\nAda lowongan baru yang cocok untuk Anda, dengan alasannya:\n\n"
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
