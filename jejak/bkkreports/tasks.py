"""Background work: building a placement report, with progress the page polls."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from jejak.bkkreports.models import PlacementReport
from jejak.worker.recovery import on_worker_lost


@task()
def run_report(report_code: str) -> None:
    """Build the report's JSON and mark it ready for review (or failed)."""
    from jejak.bkkreports.figures import figures_store
    from jejak.bkkreports.generate import build_report

    report = PlacementReport.objects.select_related("organisation__region").get(code=report_code)
    if report.state != PlacementReport.State.QUEUED:
        return  # regenerated or submitted meanwhile: nothing to do
    PlacementReport.objects.filter(pk=report.pk).update(state=PlacementReport.State.RUNNING)

    def progress(done: int, total: int) -> None:
        PlacementReport.objects.filter(pk=report.pk).update(done_steps=done, total_steps=total)

    try:
        data = build_report(report.organisation, report.period, progress)
    except Exception:
        PlacementReport.objects.filter(pk=report.pk).update(
            state=PlacementReport.State.FAILED,
            message="Terjadi kesalahan sistem saat menyusun laporan; silakan coba lagi.",
        )
        raise
    # Only a report still being built takes the result: a submitted one is never overwritten.
    taken = PlacementReport.objects.filter(
        pk=report.pk, state=PlacementReport.State.RUNNING
    ).update(state=PlacementReport.State.READY, data=data, generated_at=timezone.now())
    if taken:
        figures_store(report.organisation, report.period, data["figures"],
                      data["corrections"], report)  # fmt: skip


@on_worker_lost(run_report)
def _report_lost(report_code: str) -> None:
    PlacementReport.objects.filter(
        code=report_code,
        state__in=[PlacementReport.State.QUEUED, PlacementReport.State.RUNNING],
    ).update(
        state=PlacementReport.State.FAILED,
        message=_(
            "Penyusunan laporan terhenti karena proses latar belakang mati; silakan susun ulang."
        ),
    )
