"""UU PDP access and portability: everything Jejak keeps about one alumnus, as JSON.

One key per `privacy.inventory.PLACES` export key; tests/test_privacy_inventory.py builds a
person with data in every place and checks each key carries it. Secrets (link seeds, the
password hash) are named but not copied: they are credentials, not data about the person.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Model, Q

from jejak.accounts.models import Invitation, Membership, User
from jejak.alumni.models import Alumnus, ImportJob
from jejak.audit.models import AuditEvent
from jejak.privacy.identifiers import identifiers, mentioning

_SECRET = {"seed", "token_hash", "password", "stored_name", "session_data"}
_SKIP = {"id", "province_code", "alumnus", "organisation"}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Model):
        return str(value)
    return value


def _row(obj: Model, *, skip: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    """Every concrete field but keys and secrets; related rows by their label."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in _SKIP | _SECRET | skip:
            continue
        data[field.name] = _plain(getattr(obj, field.name))
    return data


def _account(user: User | None) -> dict[str, Any]:
    if user is None:
        return {}
    return {
        "name": user.name, "email": user.email, "phone": user.phone,
        "date_joined": _plain(user.date_joined), "last_login": _plain(user.last_login),
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "since": _plain(m.created_at)}
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
    }  # fmt: skip


def _survey_links(alumnus: Alumnus) -> list[dict[str, Any]]:
    from jejak.tracer.models import SurveyLink

    return [
        {"campaign": link.campaign.name, "issued_at": _plain(link.issued_at),
         "revoked_at": _plain(link.revoked_at), "national_filled": link.national_filled,
         "national_filled_at": _plain(link.national_filled_at),
         "emails": [_row(d, skip={"link"}) for d in link.dispatches.all()]}
        for link in SurveyLink.objects.filter(alumnus=alumnus).select_related("campaign")
    ]  # fmt: skip


def _survey_responses(alumnus: Alumnus) -> list[dict[str, Any]]:
    from jejak.tracer.models import Response

    return [
        {**_row(r), "campaign": r.campaign.name}
        for r in Response.objects.filter(alumnus=alumnus).select_related("campaign", "entered_by")
    ]


def _applications(alumnus: Alumnus) -> list[dict[str, Any]]:
    return [
        {"vacancy": a.vacancy.title, "company": a.vacancy.company.name, "stage": a.stage,
         "cover_note": a.cover_note, "applied_at": _plain(a.created_at),
         "steps": [_row(s, skip={"application"}) for s in a.steps.all()]}
        for a in alumnus.applications.select_related("vacancy__company")
    ]  # fmt: skip


def _job_alerts(alumnus: Alumnus) -> dict[str, Any]:
    from jejak.jobs.models import AlertSent, AlertSetting

    setting = AlertSetting.objects.filter(alumnus=alumnus).first()
    return {
        "setting": _row(setting) if setting else None,
        "sent": [
            {"vacancy": s.vacancy.title, "sent_at": _plain(s.sent_at)}
            for s in AlertSent.objects.filter(alumnus=alumnus).select_related("vacancy")
        ],
    }


def _notifications(user: User | None) -> list[dict[str, Any]]:
    from jejak.jobs.models import Notification

    return [_row(n, skip={"user"}) for n in Notification.objects.filter(user=user)] if user else []


def _invitations(alumnus: Alumnus, user: User | None) -> list[dict[str, Any]]:
    matches = Q(pk__in=[])
    for email in {alumnus.email, getattr(user, "email", "") or ""} - {""}:
        matches |= Q(email__iexact=email)
    for phone in {alumnus.phone, getattr(user, "phone", "") or ""} - {""}:
        matches |= Q(phone=phone)
    found = Invitation.objects.filter(organisation=alumnus.organisation).filter(matches)
    return [_row(i, skip={"invited_by", "class_codes"}) for i in found]


def _audit(alumnus: Alumnus) -> list[dict[str, Any]]:
    """Who did what with the record: the trail's actions, by whom, when."""
    events = AuditEvent.objects.filter(
        organisation=alumnus.organisation, object_type="alumnus", object_code=alumnus.code
    )
    return [{"action": e.action, "by": e.actor_label, "at": _plain(e.created_at)} for e in events]


def _imports(alumnus: Alumnus, user: User | None) -> list[dict[str, Any]]:
    """The import that created the record and every upload whose name or row messages
    mention the person (the files themselves are the school's working copies)."""
    jobs = mentioning(
        ImportJob.objects.filter(organisation=alumnus.organisation),
        identifiers(alumnus=alumnus, user=user), "filename", "summary",
        also=Q(pk=alumnus.source_import_id),
    )  # fmt: skip
    return [
        {"file": j.filename, "at": _plain(j.created_at), "kind": j.kind,
         "files_deleted_at": _plain(j.files_deleted_at)}
        for j in jobs.order_by("created_at")
    ]  # fmt: skip


def _placements(alumnus: Alumnus) -> list[dict[str, Any]]:
    return [
        {"employer": p.employer, "start_date": _plain(p.start_date), "kind": p.kind,
         "wage": p.wage, "work_region": p.work_region_id or "", "job_title": p.job_title}
        for p in alumnus.placements.all()
    ]  # fmt: skip


def _talent_pool(alumnus: Alumnus) -> dict[str, Any]:
    from jejak.matching.models import PoolOptIn

    row = PoolOptIn.objects.filter(alumnus=alumnus).first()
    return {"opted_in_at": _plain(row.opted_in_at)} if row else {}


def _shortlists(alumnus: Alumnus) -> list[dict[str, Any]]:
    from jejak.matching.models import Shortlisted

    rows = Shortlisted.objects.filter(alumnus=alumnus).select_related(
        "organisation", "vacancy__company"
    )
    return [
        {"bkk": r.organisation.name, "vacancy": r.vacancy.title,
         "company": r.vacancy.company.name, "score": r.score, "added_at": _plain(r.added_at),
         "offered_at": _plain(r.offered_at)}
        for r in rows.order_by("added_at")
    ]  # fmt: skip


def _registrations(alumnus: Alumnus) -> list[dict[str, Any]]:
    from jejak.seekers.models import Registration

    rows = Registration.objects.filter(alumnus=alumnus).prefetch_related(
        "occupations_sought", "regions_sought"
    )
    return [
        {**_row(r, skip={"placement", "created_by", "ak1_office"}),
         "bkk": r.organisation.name, "ak1_office": r.ak1_office.name if r.ak1_office else "",
         "occupations_sought": [o.code for o in r.occupations_sought.all()],
         "regions_sought": [g.code for g in r.regions_sought.all()]}
        for r in rows.order_by("registered_on")
    ]  # fmt: skip


def _fairs(alumnus: Alumnus) -> dict[str, list[dict[str, Any]]]:
    from jejak.fairs.models import FairHire, FairRegistration

    registrations = FairRegistration.objects.filter(alumnus=alumnus).select_related("fair")
    hires = FairHire.objects.filter(alumnus=alumnus).select_related("fair", "company")
    return {
        "fair_registrations": [
            {"fair": r.fair.title, "starts_at": _plain(r.fair.starts_at),
             "registered_at": _plain(r.registered_at), "attended_at": _plain(r.attended_at)}
            for r in registrations
        ],
        "fair_hires": [
            {"fair": h.fair.title, "company": h.company.name, "job_title": h.job_title,
             "start_date": _plain(h.start_date)}
            for h in hires
        ],
    }  # fmt: skip


def _training(alumnus: Alumnus) -> list[dict[str, Any]]:
    """BLK batches the person was enrolled in (or signed up for), with the results."""
    from jejak.training.models import Enrolment

    enrolments = Enrolment.objects.filter(alumnus=alumnus).select_related("batch__programme")
    return [
        {**_row(e), "programme": e.batch.programme.name, "batch_start": _plain(e.batch.start_date),
         "batch_end": _plain(e.batch.end_date)}
        for e in enrolments
    ]  # fmt: skip


def _training_support(alumnus: Alumnus) -> dict[str, list[dict[str, Any]]]:
    """Mentoring, referrals and alumni-network memberships after BLK training."""
    from jejak.training.models import Mentoring, NetworkMember, Referral

    return {
        "mentoring": [
            _row(m, skip={"recorded_by"}) for m in Mentoring.objects.filter(alumnus=alumnus)
        ],
        "referrals": [
            _row(r, skip={"recorded_by"}) for r in Referral.objects.filter(alumnus=alumnus)
        ],
        "networks": [_row(n) for n in NetworkMember.objects.filter(alumnus=alumnus)],
    }


def _person_links(alumnus: Alumnus) -> list[dict[str, Any]]:
    """Officers' answers whether this record and one elsewhere are the same person. A record
    judged someone else's is another person's data: only the answer shows, not where."""
    from django.db.models import Q

    from jejak.training.models import PersonLink

    links = PersonLink.objects.filter(Q(alumnus=alumnus) | Q(other=alumnus)).select_related(
        "organisation", "alumnus__organisation", "other__organisation"
    )
    rows = []
    for link in links:
        other = link.other if link.alumnus_id == alumnus.pk else link.alumnus
        same = link.answer == PersonLink.Answer.SAME
        rows.append({"answer": link.answer, "decided_at": _plain(link.decided_at),
                     "decided_by_organisation": link.organisation.name,
                     "other_record_at": other.organisation.name if same else ""})  # fmt: skip
    return rows


def person_export(alumnus: Alumnus, user: Any = None) -> dict[str, Any]:
    """Everything about `alumnus` (and their login `user`), JSON-ready."""
    from jejak.outcomes.models import OutcomeEvent
    from jejak.profiles.selectors import profile_export

    outcomes = OutcomeEvent.objects.filter(alumnus=alumnus).select_related("campaign")
    return {
        "record": {**_row(alumnus, skip={"source_import"}), "school": alumnus.organisation.name},
        "account": _account(user),
        "invitations": _invitations(alumnus, user),
        "outcomes": [_row(e, skip={"response", "recorded_by"}) for e in outcomes],
        "survey_links": _survey_links(alumnus),
        "survey_responses": _survey_responses(alumnus),
        "applications": _applications(alumnus),
        "placements": _placements(alumnus),
        "registrations": _registrations(alumnus),
        "shortlists": _shortlists(alumnus),
        "talent_pool": _talent_pool(alumnus),
        "job_alerts": _job_alerts(alumnus),
        "notifications": _notifications(user),
        "profile": profile_export(alumnus),
        **_fairs(alumnus),
        "training": _training(alumnus),
        "training_support": _training_support(alumnus),
        "person_links": _person_links(alumnus),
        "audit": _audit(alumnus),
        "imports": _imports(alumnus, user),
    }
