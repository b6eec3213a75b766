"""Writes of matching: a BKK shortlists candidates for a vacancy and offers them to the company."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.accounts.models import Membership, Role
from jejak.audit.services import log_action
from jejak.jobs.models import Notification, Vacancy
from jejak.matching import engine
from jejak.matching.models import Shortlisted
from jejak.organisations.models import Organisation


def own_candidates(bkk: Organisation, vacancy: Vacancy) -> list[engine.Candidate]:
    """The vacancy's matches among the BKK's own seekers (registered with it, or its alumni)."""
    found = engine.match_vacancy(vacancy).results
    return [c for c in found if bkk.pk in c.seeker.bkk_ids]


@transaction.atomic
def shortlist_add(
    *, bkk: Organisation, vacancy: Vacancy, alumnus_codes: list[str], actor: Any
) -> list[Shortlisted]:
    """Put the chosen candidates on the BKK's shortlist. Only people the vacancy fits, among
    the BKK's own seekers, can be added; other codes are ignored (never an error that would
    tell whether a code exists)."""
    fitting = {c.seeker.code: c for c in own_candidates(bkk, vacancy)}
    added = []
    for code in alumnus_codes:
        candidate = fitting.get(code)
        if candidate is None:
            continue
        row, created = Shortlisted.objects.get_or_create(
            organisation=bkk, vacancy=vacancy, alumnus_id=candidate.seeker.alumnus_id,
            defaults={"score": candidate.result.score, "added_by": actor},
        )  # fmt: skip
        if created:
            log_action(actor=actor, action="shortlist.added", obj=row, organisation=bkk,
                       changes={"vacancy": vacancy.code, "score": row.score})  # fmt: skip
            added.append(row)
    return added


@transaction.atomic
def shortlist_remove(*, bkk: Organisation, row: Shortlisted, actor: Any) -> None:
    log_action(actor=actor, action="shortlist.removed", obj=row, organisation=bkk,
               changes={"vacancy": row.vacancy.code})  # fmt: skip
    row.delete()


@transaction.atomic
def shortlist_offer(
    *, bkk: Organisation, vacancy: Vacancy, rows: list[Shortlisted], actor: Any
) -> int:
    """Offer shortlisted candidates to the vacancy's company: it may then see what each
    shares (profiles app). Its recruiters get a notification once the change is committed.
    Returns how many were newly offered."""
    now = timezone.now()
    fresh = [row for row in rows if row.offered_at is None]
    for row in fresh:
        row.offered_at = now
        row.save(update_fields=["offered_at"])
        log_action(actor=actor, action="shortlist.offered", obj=row, organisation=bkk,
                   changes={"vacancy": vacancy.code, "company": vacancy.company.name})  # fmt: skip
    if fresh:
        transaction.on_commit(lambda: _notify_company(vacancy, bkk, len(fresh)))
    return len(fresh)


def _notify_company(vacancy: Vacancy, bkk: Organisation, count: int) -> None:
    recruiters = Membership.objects.filter(
        organisation_id=vacancy.company_id, role=Role.RECRUITER
    ).values_list("user_id", flat=True)
    url = reverse("matching:offers", args=[vacancy.company.code, vacancy.code])
    text = _("%(bkk)s menawarkan %(count)s kandidat untuk %(title)s") % {
        "bkk": bkk.name, "count": count, "title": vacancy.title,
    }  # fmt: skip
    Notification.objects.bulk_create(
        Notification(user_id=user_id, province_code=vacancy.province_code, text=text[:300],
                     url=url)
        for user_id in recruiters
    )  # fmt: skip


def offered_to(company: Organisation, alumnus: Any) -> bool:
    """The company-link checker: a BKK offered this person for one of the company's
    vacancies, and the person has not since refused or withdrawn consent."""
    from jejak.matching.selectors import NEVER

    if getattr(alumnus, "consent", "") in NEVER:
        return False
    return Shortlisted.objects.filter(
        vacancy__company=company, alumnus=alumnus, offered_at__isnull=False
    ).exists()
