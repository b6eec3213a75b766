"""UU PDP storage limitation: uploaded import files and rejects files expire.

An office sets how many days they are kept (`Organisation.import_retention_days`); a school
without its own value follows the office that provisioned it, then any office covering its
regency, then `settings.IMPORT_RETENTION_DAYS` (30). `retention_cleanup` (cron, daily)
deletes what is due; the import pages say when.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from jejak.alumni import import_jobs
from jejak.alumni.models import ImportJob
from jejak.audit.services import log_action
from jejak.organisations.models import Organisation


def import_retention_days(organisation: Organisation) -> int:
    """How many days `organisation`'s uploads are kept."""
    if organisation.import_retention_days:
        return organisation.import_retention_days
    parent = organisation.parent_office
    if parent is not None and parent.import_retention_days:
        return parent.import_retention_days
    covering = (
        Organisation.objects.filter(
            area__code=organisation.region_id, import_retention_days__isnull=False
        )
        .exclude(import_retention_days=0)
        .order_by("kind", "pk")  # the education office before the labour office
        .values_list("import_retention_days", flat=True)
        .first()
    )
    return covering or settings.IMPORT_RETENTION_DAYS


def expires_on(job: ImportJob, days: int | None = None) -> dt.date:
    """The day `job`'s files are deleted."""
    days = days if days is not None else import_retention_days(job.organisation)
    return timezone.localdate(job.created_at + dt.timedelta(days=days))


def retention_cleanup(*, now: dt.datetime | None = None) -> int:
    """Delete every upload (with its rejects files) older than its organisation's period;
    one audit row per upload. The number of uploads deleted."""
    now = now or timezone.now()
    uploads = (
        ImportJob.objects.filter(files_deleted_at__isnull=True)
        .values("organisation_id", "stored_path")
        .annotate(uploaded=Min("created_at"))
    )
    days: dict[int, int] = {}
    deleted = 0
    for upload in uploads:
        org_id = upload["organisation_id"]
        organisation = Organisation.objects.get(pk=org_id)
        if org_id not in days:
            days[org_id] = import_retention_days(organisation)
        if upload["uploaded"] > now - dt.timedelta(days=days[org_id]):
            continue
        codes = import_jobs.import_files_delete(
            stored_path=upload["stored_path"], organisation=organisation
        )
        _log(organisation, codes, days[org_id])
        deleted += 1
    return deleted


def _log(organisation: Organisation, codes: list[str], days: int) -> None:
    job: Any = ImportJob.objects.filter(code=codes[0]).first() if codes else None
    if job is not None:
        log_action(
            actor=None, action="import.files_expired", obj=job, organisation=organisation,
            changes={"jobs": codes, "retention_days": days},
        )  # fmt: skip


def retention_set(*, office: Organisation, actor: Any, days: int | None) -> None:
    """The office's period for its schools' uploads (None: the national default)."""
    old = office.import_retention_days
    if old == days:
        return
    office.import_retention_days = days
    office.save(update_fields=["import_retention_days"])
    log_action(
        actor=actor, action="organisation.retention_set", obj=office,
        changes={"import_retention_days": [old, days]},
    )  # fmt: skip
