"""The school's tracer report: start it, watch its progress, download its files."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jejak import files
from jejak.accounts.access import Access, organisation_view
from jejak.indicators.models import ReportJob
from jejak.indicators.reports import report_job_create
from jejak.lib.xlsx import XLSX_CONTENT_TYPE

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": XLSX_CONTENT_TYPE,
}


def get_report(access: Access, code: str) -> ReportJob:
    """A report of the viewer's organisation; 404 for missing and foreign alike."""
    job = ReportJob.objects.filter(organisation=access.organisation, code=code).first()
    if job is None:
        raise Http404
    return job


@require_POST
@organisation_view("indicators.view")
def report_new(request: HttpRequest, access: Access) -> HttpResponse:
    if access.organisation.is_office:
        raise Http404
    try:
        cohort = int(request.POST.get("cohort", ""))
    except ValueError as problem:
        raise Http404 from problem
    job = report_job_create(school=access.organisation, cohort=cohort, actor=request.user)
    return redirect("indicators:report_status", org=access.organisation.code, job=job.code)


@organisation_view("indicators.view")
def report_status(request: HttpRequest, access: Access, job: str) -> HttpResponse:
    found = get_report(access, job)
    context = {"access": access, "org": access.organisation, "job": found}
    if getattr(request, "htmx", False):
        return render(request, "indicators/report_progress.html", context)
    return render(request, "indicators/report_status.html", context)


@organisation_view("indicators.view")
def report_file(request: HttpRequest, access: Access, job: str, fmt: str) -> HttpResponse:
    found = get_report(access, job)
    relative = {"pdf": found.pdf_path, "xlsx": found.xlsx_path}.get(fmt)
    if not relative or found.state != ReportJob.State.DONE:
        raise Http404
    try:
        data = files.read(relative)
    except FileNotFoundError as missing:
        raise Http404 from missing
    name = f"penelusuran-{found.organisation.npsn or found.organisation.code}-{found.cohort}.{fmt}"
    return HttpResponse(
        data,
        content_type=CONTENT_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
