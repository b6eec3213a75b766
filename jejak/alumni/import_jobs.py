"""Import jobs as the web UI runs them: store the upload, run it in the background, keep
the summary and the rejected rows for the user to download and fix."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation

from jejak import files
from jejak.alumni.importing import REJECTS_EXTRA_COLUMN, TEMPLATE_COLUMNS, import_alumni
from jejak.alumni.models import ImportJob
from jejak.lib.codes import new_code
from jejak.lib.xlsx import write_table
from jejak.organisations.models import Organisation

UPLOAD_DIR = "imports"


def import_job_create(
    *,
    organisation: Organisation,
    kind: str,
    filename: str,
    data: bytes,
    actor: Any,
    cohort: int | None = None,
    campaign_code: str = "",
    batch_code: str = "",
) -> ImportJob:
    """Store the upload privately and queue its dry run."""
    relative = f"{UPLOAD_DIR}/{organisation.code}/{new_code(16)}{Path(filename).suffix.lower()}"
    files.save(relative, data)
    job = ImportJob.objects.create(
        organisation=organisation,
        kind=kind,
        cohort=cohort,
        campaign_code=campaign_code,
        batch_code=batch_code,
        filename=Path(filename).name[:200],
        stored_path=relative,
        dry_run=True,
        created_by=actor,
    )
    _enqueue(job)
    return job


def import_job_confirm(*, job: ImportJob, actor: Any) -> ImportJob:
    """After a dry run, run the same file for real, as a new job."""
    real = ImportJob.objects.create(
        organisation=job.organisation,
        kind=job.kind,
        cohort=job.cohort,
        campaign_code=job.campaign_code,
        batch_code=job.batch_code,
        filename=job.filename,
        stored_path=job.stored_path,
        dry_run=False,
        created_by=actor,
    )
    _enqueue(real)
    return real


def _enqueue(job: ImportJob) -> None:
    from jejak.alumni.tasks import run_import

    # The database backend stores the task in the caller's transaction, so the worker sees it
    # exactly when the job row is committed. Row errors are written in the uploader's language.
    run_import.enqueue(job.code, translation.get_language() or settings.LANGUAGE_CODE)


def execute(job: ImportJob) -> dict[str, Any]:
    """Run the job's file; returns the summary stored on the job."""
    data = files.read(job.stored_path)

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(done_rows=done, total_rows=total)

    if job.kind in BKK_HISTORY:
        result = bkk_history_import(job.kind)(
            organisation=job.organisation, data=data, filename=job.filename,
            actor=job.created_by, dry_run=job.dry_run, progress=progress,
        )  # fmt: skip
    elif job.kind == ImportJob.Kind.SCHOOLS:
        from jejak.organisations.importing import import_schools

        result = import_schools(
            office=job.organisation, data=data, filename=job.filename, actor=job.created_by,
            dry_run=job.dry_run, progress=progress,
        )  # fmt: skip
    elif job.kind == ImportJob.Kind.RESPONSES:
        from jejak.tracer.importing import import_responses
        from jejak.tracer.models import Campaign

        result = import_responses(
            campaign=Campaign.objects.get(code=job.campaign_code), data=data,
            filename=job.filename, actor=job.created_by, dry_run=job.dry_run,
            organisation=job.organisation, progress=progress,
        )  # fmt: skip
    elif job.kind == ImportJob.Kind.TRAINEES:
        from jejak.training.importing import import_trainees
        from jejak.training.models import Batch

        result = import_trainees(
            batch=Batch.objects.select_related("organisation").get(
                organisation=job.organisation, code=job.batch_code
            ),
            data=data, filename=job.filename, actor=job.created_by, dry_run=job.dry_run,
            progress=progress, job=job,
        )  # fmt: skip
    elif job.kind == ImportJob.Kind.OUTCOMES:
        from jejak.training.models import Batch
        from jejak.training.outcome_import import import_training_outcomes

        result = import_training_outcomes(
            batch=Batch.objects.select_related("organisation").get(
                organisation=job.organisation, code=job.batch_code
            ),
            data=data, filename=job.filename, actor=job.created_by, dry_run=job.dry_run,
            progress=progress,
        )  # fmt: skip
    else:
        assert job.cohort is not None
        result = import_alumni(
            organisation=job.organisation, cohort=job.cohort, data=data, filename=job.filename,
            actor=job.created_by, dry_run=job.dry_run, progress=progress, job=job,
        )  # fmt: skip
    summary = result.as_dict()
    if result.rejected_rows:
        files.save(rejects_name(job), json.dumps(result.rejected_rows).encode())
    return summary


# A BKK's history in the labour office's terms (the import_* commands' contracts): the
# importer and its columns, by job kind. Imported where used: these apps build on this one.
BKK_HISTORY = {
    ImportJob.Kind.JOBSEEKERS: ("jejak.seekers.importing", "import_jobseekers"),
    ImportJob.Kind.VACANCIES: ("jejak.jobs.vacancy_import", "import_vacancies"),
    ImportJob.Kind.PLACEMENTS: ("jejak.jobs.placement_import", "import_placements"),
}


def bkk_history_import(kind: str) -> Any:
    module, name = BKK_HISTORY[ImportJob.Kind(kind)]
    return getattr(importlib.import_module(module), name)


def bkk_history_columns(kind: str) -> list[str]:
    module, _name = BKK_HISTORY[ImportJob.Kind(kind)]
    return list(importlib.import_module(module).COLUMNS)


def rejects_name(job: ImportJob) -> str:
    """The job's rejects file in the private storage (beside its upload)."""
    return f"{job.stored_path}.{job.code}.rejects.json"


def rejects_workbook(job: ImportJob) -> bytes:
    """The rejected rows in the template's columns plus a `kesalahan` column explaining each."""
    rows = rejects_rows(job)
    if job.kind == ImportJob.Kind.SCHOOLS:
        from jejak.organisations.importing import SCHOOL_COLUMNS

        columns = [*SCHOOL_COLUMNS, REJECTS_EXTRA_COLUMN]
    elif job.kind == ImportJob.Kind.RESPONSES:
        from jejak.tracer.importing import RESPONSE_COLUMNS

        columns = [*RESPONSE_COLUMNS, REJECTS_EXTRA_COLUMN]
    elif job.kind in BKK_HISTORY:
        columns = [*bkk_history_columns(job.kind), REJECTS_EXTRA_COLUMN]
    elif job.kind == ImportJob.Kind.TRAINEES:
        from jejak.training.importing import TRAINEE_COLUMNS

        columns = [*TRAINEE_COLUMNS, REJECTS_EXTRA_COLUMN]
    elif job.kind == ImportJob.Kind.OUTCOMES:
        from jejak.training.outcome_import import COLUMNS as OUTCOME_COLUMNS

        columns = [*OUTCOME_COLUMNS, REJECTS_EXTRA_COLUMN]
    else:
        columns = [*TEMPLATE_COLUMNS, REJECTS_EXTRA_COLUMN]
    return write_table(
        columns,
        ([row.get(column, "") for column in columns] for row in rows),
        sheet="Perbaiki",
        text_columns=(
            "nisn",
            "nik",
            "hp",
            "npsn",
            "kode_wilayah",
            "kode_wilayah_kerja",
            "kbli",
            "kbji",
            "kbji_dicari",
            "kode",
            "kode_lowongan",
            "nomor_ak1",
        ),
    )


# --- Stored files: retention and erasure (UU PDP; see jejak.privacy) -------------------------


def rejects_rows(job: ImportJob) -> list[dict[str, Any]]:
    try:
        rows: list[dict[str, Any]] = json.loads(files.read(rejects_name(job)))
    except FileNotFoundError:
        return []
    return rows


def rejects_rewrite(job: ImportJob, rows: list[dict[str, Any]]) -> None:
    """Replace the job's rejects file with `rows` (erasure drops one person's rows)."""
    files.save(rejects_name(job), json.dumps(rows).encode())


def import_files_delete(*, stored_path: str, organisation: Organisation) -> list[str]:
    """Delete one upload and the rejects files of every job that ran it (the dry run and the
    real run share the upload), and mark those jobs; the codes of the jobs marked."""
    from django.utils import timezone

    jobs = list(ImportJob.objects.filter(organisation=organisation, stored_path=stored_path))
    for job in jobs:
        files.delete(rejects_name(job))
    files.delete(stored_path)
    ImportJob.objects.filter(pk__in=[job.pk for job in jobs]).update(
        files_deleted_at=timezone.now()
    )
    return [job.code for job in jobs]
