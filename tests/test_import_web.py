"""The import as the web UI runs it: upload, dry run, confirm, rejects, and the real worker."""

from __future__ import annotations

import random
from io import BytesIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from jejak.alumni.models import Alumnus, ImportJob
from jejak.demo.dapodik import person_row, write_dapodik_xlsx
from jejak.demo.people import make_person
from jejak.lib.tabular import read_rows
from tests.conftest import Tenant


def _upload(client: Any, tenant: Tenant, rows: list[dict[str, Any]]) -> Any:
    upload = BytesIO(write_dapodik_xlsx(rows))
    upload.name = "dapodik.xlsx"
    return client.post(
        reverse("alumni:import", args=[tenant.school.code]), {"file": upload, "cohort": 2025}
    )


def _rows(count: int) -> list[dict[str, Any]]:
    rng = random.Random(11)
    return [
        person_row(n, make_person(rng, 2025, 900 + n), "XII TKJ 1") for n in range(1, count + 1)
    ]


@pytest.mark.django_db
def test_upload_dry_run_confirm_and_download_rejects(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    rows = _rows(5)
    rows[2]["JK"] = "?"
    response = _upload(client, jember, rows)
    dry = ImportJob.objects.get(dry_run=True)
    assert response["Location"] == reverse("alumni:import_job", args=[jember.school.code, dry.code])
    page = client.get(response["Location"]).content.decode()
    assert "Akan dibuat" in page and "Jenis kelamin" in page
    assert Alumnus.objects.filter(organisation=jember.school).count() == 2
    confirmed = client.post(reverse("alumni:import_confirm", args=[jember.school.code, dry.code]))
    real = ImportJob.objects.get(dry_run=False)
    assert confirmed["Location"].endswith(f"/imports/{real.code}/")
    assert real.summary["created"] == 4
    assert Alumnus.objects.filter(organisation=jember.school).count() == 6
    rejects = client.get(reverse("alumni:import_rejects", args=[jember.school.code, real.code]))
    sheet = read_rows(rejects.content, "r.xlsx")
    assert len(sheet) == 2 and sheet[1][1][2] == "?"
    # A finished real run cannot be confirmed again.
    again = client.post(reverse("alumni:import_confirm", args=[jember.school.code, real.code]))
    assert again.status_code == 404


@pytest.mark.django_db
def test_a_wrong_file_gets_one_sentence_and_writes_nothing(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    upload = BytesIO(b"PK\x03\x04 not a workbook")
    upload.name = "rusak.xlsx"
    response = client.post(
        reverse("alumni:import", args=[jember.school.code]), {"file": upload, "cohort": 2025}
    )
    page = client.get(response["Location"]).content.decode()
    assert "tidak bisa dibaca sebagai Excel" in page
    assert ImportJob.objects.get().state == "failed"
    assert Alumnus.objects.filter(organisation=jember.school).count() == 2


@pytest.mark.django_db
def test_upload_of_another_type_is_refused_by_the_form(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    upload = BytesIO(b"%PDF-1.4")
    upload.name = "laporan.pdf"
    response = client.post(
        reverse("alumni:import", args=[jember.school.code]), {"file": upload, "cohort": 2025}
    )
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not ImportJob.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_queued_imports(login: Any, jember: Tenant, settings: Any) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    client = login(jember.bkk)
    response = _upload(client, jember, _rows(3))
    job = ImportJob.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert job.state == "queued" and "Sedang diproses" in page and "<progress" in page
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.state == "done" and job.summary["created"] == 3
    assert job.done_rows == job.total_rows == 3


@pytest.mark.django_db(transaction=True)
def test_the_worker_writes_row_errors_in_the_uploaders_language(
    login: Any, jember: Tenant, settings: Any
) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    client = login(jember.bkk)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    rows = _rows(2)
    rows[1]["JK"] = "?"
    _upload(client, jember, rows)
    with translation.override("id"):  # the worker process starts in the default language
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job = ImportJob.objects.get()
    rejects = client.get(reverse("alumni:import_rejects", args=[jember.school.code, job.code]))
    sheet = read_rows(rejects.content, "r.xlsx")
    assert "Sex “?” is not known" in str(sheet[1][1])
