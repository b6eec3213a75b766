"""Background work for the register: imports run here, with progress the page polls."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from jejak.alumni.models import ImportJob
from jejak.lib.tabular import UnreadableFile
from jejak.worker.recovery import on_worker_lost


@task()
def run_import(job_code: str, language: str = settings.LANGUAGE_CODE) -> None:
    """Run a stored import job (dry or real) and record its outcome on the job, with its
    messages in `language`, the uploader's."""
    with translation.override(language):
        _run(job_code)


def _run(job_code: str) -> None:
    from jejak.alumni import import_jobs

    job = ImportJob.objects.select_related("organisation", "created_by").get(code=job_code)
    job.state = ImportJob.State.RUNNING
    job.save(update_fields=["state"])
    try:
        summary = import_jobs.execute(job)
    except UnreadableFile as problem:
        job.state, job.message = ImportJob.State.FAILED, str(problem)
    except Exception:
        job.state = ImportJob.State.FAILED
        job.message = _("Terjadi kesalahan sistem saat mengimpor; tidak ada data yang hilang.")
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "message", "finished_at"])
        raise
    else:
        job.state, job.summary = ImportJob.State.DONE, summary
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "message", "summary", "finished_at"])


@on_worker_lost(run_import)
def _import_lost(job_code: str, language: str = settings.LANGUAGE_CODE) -> None:
    """The worker died mid-import: the import's one transaction died with it."""
    with translation.override(language):
        message = _(
            "Impor terhenti karena proses latar belakang mati (misalnya kehabisan memori); "
            "tidak ada data yang disimpan. Unggah ulang berkasnya untuk mencoba lagi."
        )
    ImportJob.objects.filter(
        code=job_code, state__in=[ImportJob.State.QUEUED, ImportJob.State.RUNNING]
    ).update(state=ImportJob.State.FAILED, message=message, finished_at=timezone.now())
