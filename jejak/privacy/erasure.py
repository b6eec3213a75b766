"""UU PDP erasure of one alumnus: every place `privacy.inventory` lists, in one transaction.

Rows about the person are deleted (most by cascade from the register record); rows kept
for accountability or filed reports are pseudonymised; files naming the person leave the
disk once the transaction commits. What stays: that a record (by its opaque code) was
erased, when, why and by whom, and aggregate counts, which the rollups recompute.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jejak import files
from jejak.accounts.backends import canonical_identifier
from jejak.accounts.models import Invitation, Membership, User
from jejak.alumni import import_jobs
from jejak.alumni.models import Alumnus, ImportJob
from jejak.audit.models import AuditEvent
from jejak.audit.services import audit_row
from jejak.indicators import services as indicator_services
from jejak.lib.tabular import UnreadableFile, read_rows
from jejak.privacy.identifiers import Identifiers, identifiers, mentioning, scrub


@dataclass
class Erased:
    """What erasure did, for the audit row and the page that asked for it."""

    account_deleted: bool = False
    audit_pseudonymised: int = 0
    files_deleted: list[str] = field(default_factory=list)  # import job codes
    rejects_rewritten: int = 0
    tasks_deleted: int = 0

    def as_changes(self) -> dict[str, Any]:
        return {
            "account_deleted": self.account_deleted,
            "audit_pseudonymised": self.audit_pseudonymised,
            "import_files_deleted": len(self.files_deleted),
            "rejects_rewritten": self.rejects_rewritten,
            "tasks_deleted": self.tasks_deleted,
        }


def _account(alumnus: Alumnus) -> User | None:
    membership = Membership.objects.filter(alumnus=alumnus).select_related("user").first()
    return membership.user if membership else None


def _codes(alumnus: Alumnus, user: User | None) -> set[str]:
    """Opaque codes of the person's rows, as audit events name their objects."""
    from jejak.fairs.models import FairHire, FairRegistration
    from jejak.jobs.models import Application, Placement
    from jejak.matching.models import Shortlisted
    from jejak.outcomes.models import OutcomeEvent
    from jejak.profiles.models import Document, Entry
    from jejak.seekers.models import Registration
    from jejak.tracer.models import Response

    codes = {alumnus.code, *([user.code] if user else [])}
    for model in (Response, OutcomeEvent, Application, Placement, FairRegistration, FairHire,
                  Entry, Document, Registration, Shortlisted):  # fmt: skip
        codes.update(model.objects.filter(alumnus=alumnus).values_list("code", flat=True))
    return codes


_IDENTIFYING = ("name", "nisn", "nik", "phone", "email", "address")


def _record_codes(alumnus: Alumnus) -> set[str]:
    """The record's code and those of the duplicates merged into it (and into them): each
    duplicate's own trail is filed under its code, with the spelling it had."""
    codes: set[str] = set()
    new = {alumnus.code}
    while new:
        codes |= new
        merges = AuditEvent.objects.filter(
            object_type="alumnus", object_code__in=new, action="alumnus.merged"
        ).values_list("changes", flat=True)
        found = {c.get("merged_code") for c in merges if isinstance(c, dict)}
        new = {code for code in found if isinstance(code, str)} - codes
    return codes


def _earlier_values(alumnus: Alumnus, records: set[str]) -> set[str]:
    """Names and numbers the record (or a duplicate merged into it) had before a correction,
    from their own history."""
    values: set[str] = set()
    history = AuditEvent.objects.filter(object_type="alumnus", object_code__in=records)
    for changes in history.values_list("changes", flat=True):
        for name in _IDENTIFYING:
            change = changes.get(name) if isinstance(changes, dict) else None
            if isinstance(change, list):
                values.update(v for v in change if isinstance(v, str))
    return values


def _audit(
    alumnus: Alumnus, user: User | None, found: Identifiers, codes: set[str], records: set[str]
) -> int:
    own = Q(object_type="alumnus", object_code__in=records)
    # The record's own history keeps its actions and actors, not what it said.
    count = AuditEvent.objects.filter(own).update(changes={}, object_label=alumnus.code)
    pseudonym = f"alumni {alumnus.code}"
    if user is not None:
        count += AuditEvent.objects.filter(actor=user).update(actor_label=pseudonym)
    candidates = mentioning(
        AuditEvent.objects.exclude(own),
        found,
        "changes",
        "object_label",
        "actor_label",
        also=Q(object_code__in=codes),
    )
    for event in candidates.iterator():
        label, changes = scrub(event.object_label, found), scrub(event.changes, found)
        actor_label = scrub(event.actor_label, found)
        if (label, changes, actor_label) != (event.object_label, event.changes, event.actor_label):
            AuditEvent.objects.filter(pk=event.pk).update(
                object_label=label, changes=changes, actor_label=actor_label
            )
            count += 1
    return count


def _upload_names(path: str, filename: str, found: Identifiers) -> bool:
    try:
        rows = read_rows(files.read(path), filename)
    except (OSError, UnreadableFile):
        return False
    return any(found.names_cell(cell) for _number, cells in rows for cell in cells)


def _imports(alumnus: Alumnus, found: Identifiers, erased: Erased) -> None:
    jobs = list(ImportJob.objects.filter(organisation=alumnus.organisation))
    for job in jobs:
        summary, filename = scrub(job.summary, found), scrub(job.filename, found)
        if (summary, filename) != (job.summary, job.filename):
            ImportJob.objects.filter(pk=job.pk).update(summary=summary, filename=filename)
        rows = import_jobs.rejects_rows(job)
        kept = [row for row in rows if not any(found.names_cell(v) for v in row.values())]
        if len(kept) != len(rows):
            erased.rejects_rewritten += 1
            transaction.on_commit(functools.partial(import_jobs.rejects_rewrite, job, kept))
    paths = {(job.stored_path, job.filename) for job in jobs if job.files_deleted_at is None}
    for path, filename in sorted(paths):
        if _upload_names(path, filename, found):
            erased.files_deleted.append(path)
            transaction.on_commit(
                functools.partial(
                    import_jobs.import_files_delete,
                    stored_path=path,
                    organisation=alumnus.organisation,
                )
            )


def _reports(alumnus: Alumnus, found: Identifiers) -> None:
    from jejak.bkkreports.models import PlacementReport

    for report in PlacementReport.objects.filter(organisation=alumnus.organisation):
        data = scrub(report.data, found)
        if data != report.data:
            PlacementReport.objects.filter(pk=report.pk).update(data=data)


def _tasks(found: Identifiers) -> int:
    results = apps.get_model("django_tasks_database", "DBTaskResult").objects
    matched = mentioning(results.all(), found, "args_kwargs", "return_value", "traceback")
    return int(results.filter(pk__in=list(matched.values_list("pk", flat=True))).delete()[0])


def _notifications(found: Identifiers) -> None:
    """Other people's messages that name the person (a recruiter's "new applicant")."""
    from jejak.jobs.models import Notification

    named = Q(pk__in=[])
    for text in found.texts:
        named |= Q(text__icontains=text)
    for note in Notification.objects.filter(named):
        Notification.objects.filter(pk=note.pk).update(text=scrub(note.text, found))


def _invitations(alumnus: Alumnus, user: User | None) -> None:
    matches = Q(pk__in=[])
    for email in {alumnus.email, getattr(user, "email", "") or ""} - {""}:
        matches |= Q(email__iexact=email)
    for phone in {alumnus.phone, getattr(user, "phone", "") or ""} - {""}:
        matches |= Q(phone=phone)
    Invitation.objects.filter(organisation=alumnus.organisation).filter(matches).delete()


def _sessions(user: User) -> None:
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


def _login_attempts(alumnus: Alumnus, user: User | None) -> None:
    """Failed and logged logins typed with the person's phone or email (django-axes keeps
    the identifier typed, the address and the browser)."""
    typed = [alumnus.phone, alumnus.email] + ([user.phone, user.email] if user else [])
    names = {canonical_identifier(value) for value in typed if value}
    for label in ("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"):
        apps.get_model(label).objects.filter(username__in=names).delete()


def _account_erase(user: User | None) -> bool:
    """After the record (and so its membership) is gone: delete the login unless it is also
    a staff account or another record's; then only the alumnus membership went."""
    if user is None:
        return False
    if Membership.objects.filter(user=user).exists():
        return False
    _sessions(user)
    user.delete()
    return True


@transaction.atomic
def person_erase(*, alumnus: Alumnus, actor: Any, reason: str) -> Erased:
    """Erase the alumnus everywhere (see `privacy.inventory`) and write one audit row that
    names only the record's code, the reason and what was done."""
    from jejak.profiles.services import profile_erase_files
    from jejak.training.services import person_regroup

    user = _account(alumnus)
    records = _record_codes(alumnus)
    found = identifiers(alumnus=alumnus, user=user, earlier=_earlier_values(alumnus, records))
    erased = Erased()
    erased.audit_pseudonymised = _audit(alumnus, user, found, _codes(alumnus, user), records)
    _imports(alumnus, found, erased)
    _reports(alumnus, found)
    erased.tasks_deleted = _tasks(found)
    _notifications(found)
    _invitations(alumnus, user)
    _login_attempts(alumnus, user)
    profile_erase_files(alumnus)  # CV documents leave the disk once this commits
    organisation, code, person_key = alumnus.organisation, alumnus.code, alumnus.person_key
    alumnus.delete()  # every row pointing at the record goes with it (inventory: DELETE)
    # Its "same person" answers went too: the person's other records keep only the links
    # that still connect them (a record left alone no longer carries the key).
    person_regroup(key=person_key)
    erased.account_deleted = _account_erase(user)
    indicator_services.mark_stale(organisation.pk, alumnus.cohort)
    changes = {"reason": scrub(reason, found), **erased.as_changes()}
    AuditEvent.objects.create(
        **audit_row(
            actor=actor, action="alumnus.deleted_on_request", obj=alumnus,
            organisation=organisation, changes=changes,
        )
        | {"object_code": code, "object_label": code}
    )  # fmt: skip
    return erased
