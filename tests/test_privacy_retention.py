"""UU PDP storage limitation: uploaded import files and rejects files expire after the
period the office sets (default 30 days), deleted by `retention_cleanup`."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jejak import files
from jejak.alumni import import_jobs
from jejak.alumni.importing import TEMPLATE_COLUMNS
from jejak.alumni.models import ImportJob
from jejak.audit.models import AuditEvent
from jejak.privacy.retention import import_retention_days, retention_cleanup
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


def template_csv(*rows: list[str]) -> bytes:
    lines = [";".join(TEMPLATE_COLUMNS), *(";".join(row) for row in rows)]
    return ("\n".join(lines) + "\n").encode()


def person(nisn: str, name: str, sex: str = "P", nik: str = "", phone: str = "") -> list[str]:
    return [nisn, name, sex, "Jember", "17-08-2007", nik, "XII TKJ 1", "TKJ", phone, "", "",
            "35.09", ""]  # fmt: skip


def _upload_with_rejects(tenant: Tenant, days_ago: int) -> ImportJob:
    data = template_csv(person("0061111111", "Ani Lestari"), person("0062222222", "Rudi", "?"))
    job = import_jobs.import_job_create(
        organisation=tenant.school, kind=ImportJob.Kind.ALUMNI, filename="kelas.csv",
        data=data, actor=tenant.bkk, cohort=2025,
    )  # fmt: skip
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    job.refresh_from_db()
    return job


def test_default_period_is_30_days_and_a_school_follows_its_office(jember: Tenant) -> None:
    assert import_retention_days(jember.school) == 30
    jember.office.import_retention_days = 10
    jember.office.save()
    assert import_retention_days(jember.school) == 10
    jember.school.import_retention_days = 60
    jember.school.save()
    assert import_retention_days(jember.school) == 60


def test_cleanup_deletes_expired_uploads_and_rejects_and_keeps_recent_ones(
    jember: Tenant,
) -> None:
    jember.office.import_retention_days = 10
    jember.office.save()
    old, recent = _upload_with_rejects(jember, 11), _upload_with_rejects(jember, 5)
    old_rejects = import_jobs.rejects_name(old)
    assert files.exists(old_rejects) and files.exists(old.stored_path)
    assert retention_cleanup() == 1
    assert not files.exists(old.stored_path) and not files.exists(old_rejects)
    assert files.exists(recent.stored_path)
    assert files.exists(import_jobs.rejects_name(recent))
    old.refresh_from_db()
    assert old.files_deleted_at is not None
    event = AuditEvent.objects.get(action="import.files_expired")
    assert event.object_code == old.code and event.changes["retention_days"] == 10


def test_expired_dry_run_cannot_be_confirmed_and_says_so(login: Any, jember: Tenant) -> None:
    job = _upload_with_rejects(jember, 31)
    call_command("retention_cleanup", stdout=StringIO())
    client = login(jember.bkk)
    page = client.get(reverse("alumni:import_job", args=[jember.school.code, job.code]))
    assert "sudah dihapus" in page.content.decode()
    confirm = client.post(reverse("alumni:import_confirm", args=[jember.school.code, job.code]))
    rejects = client.get(reverse("alumni:import_rejects", args=[jember.school.code, job.code]))
    assert confirm.status_code == 404 and rejects.status_code == 404


def test_import_pages_say_when_files_are_deleted(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    page = client.get(reverse("alumni:import", args=[jember.school.code])).content.decode()
    assert "dihapus otomatis setelah 30 hari" in page
    job = _upload_with_rejects(jember, 0)
    status = client.get(reverse("alumni:import_job", args=[jember.school.code, job.code]))
    expected = timezone.localdate() + dt.timedelta(days=30)
    assert f"dihapus otomatis pada {expected.day} " in status.content.decode()


def test_office_sets_the_period_with_an_audit_row(login: Any, jember: Tenant) -> None:
    client = login(jember.analyst)
    client.post(reverse("organisations:retention", args=[jember.office.code]), {"days": 14})
    jember.office.refresh_from_db()
    assert jember.office.import_retention_days == 14
    assert AuditEvent.objects.get(action="organisation.retention_set").actor == jember.analyst
    page = client.get(reverse("organisations:home", args=[jember.office.code])).content.decode()
    assert "setelah 14 hari" in page
    assert import_retention_days(jember.school) == 14


def test_a_school_cannot_set_the_period(login: Any, jember: Tenant) -> None:
    url = reverse("organisations:retention", args=[jember.school.code])
    assert login(jember.bkk).post(url, {"days": 999}).status_code == 404
