"""The placement register ("by name by address") of a school, and recording placements."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from jejak.accounts.access import Access, organisation_view
from jejak.alumni.models import Alumnus
from jejak.audit.services import log_action, log_view
from jejak.jobs import exports, services
from jejak.jobs.forms import PlacementFilterForm, PlacementForm
from jejak.jobs.models import Application, Placement, Stage
from jejak.jobs.selectors import get_application, get_placement, school_placements
from jejak.organisations.models import Organisation

PLACEMENT_FIELDS = [
    "employer", "job_title", "industry", "kbli", "occupation", "work_region", "work_country",
    "start_date", "wage", "formal", "follow_up_on",
]  # fmt: skip
EDIT_FIELDS = [name for name in PLACEMENT_FIELDS if name != "work_country"]


def _context(access: Access, **extra: Any) -> dict[str, Any]:
    return {"access": access, "org": access.organisation, **extra}


def _filtered(access: Access, params: Any) -> tuple[Any, PlacementFilterForm]:
    placements = school_placements(access.organisation)
    years = sorted({d.year for d in placements.dates("start_date", "year")}, reverse=True)
    form = PlacementFilterForm(params or None, years=years)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("year"):
        placements = placements.filter(start_date__year=data["year"])
    if data.get("month"):
        placements = placements.filter(start_date__month=data["month"])
    if data.get("kind"):
        placements = placements.filter(kind=data["kind"])
    if data.get("formal") in {"0", "1"}:
        placements = placements.filter(formal=data["formal"] == "1")
    elif data.get("formal") == "-":
        placements = placements.filter(formal__isnull=True)
    return placements, form


@organisation_view("placements.view")
def placement_list(request: HttpRequest, access: Access) -> HttpResponse:
    placements, form = _filtered(access, request.GET)
    rows = list(placements[:500])
    counts = {kind: sum(1 for p in rows if p.kind == kind) for kind in ("AKL", "AKAD")}
    log_view(request=request, action="placements.viewed", obj=access.organisation,
             organisation=access.organisation, rows=len(rows))  # fmt: skip
    return render(
        request, "jobs/placements.html",
        _context(access, form=form, rows=rows, counts=counts, query=request.GET.urlencode()),
    )  # fmt: skip


@organisation_view("placements.view")
def placement_export(request: HttpRequest, access: Access) -> HttpResponse:
    placements, _form = _filtered(access, request.GET)
    org = access.organisation
    notes = [
        _("Register penempatan (by name by address) · %(school)s · NPSN %(npsn)s · %(date)s")
        % {"school": org.name, "npsn": org.npsn, "date": f"{timezone.localdate():%d-%m-%Y}"}
    ]
    log_action(actor=request.user, action="placements.exported", obj=org,
               changes={k: str(v) for k, v in request.GET.items()})  # fmt: skip
    return exports.placements_download(placements, notes, f"penempatan-{org.npsn or org.code}.xlsx")


def _record(
    request: HttpRequest, access: Access, form: PlacementForm, alumnus: Alumnus | None,
    school: Organisation, application: Application | None = None,
) -> Placement | None:  # fmt: skip
    """Validate and record; on a refusal, put the message on the form and return None."""
    if not form.is_valid() or alumnus is None:
        return None
    data = {name: form.cleaned_data[name] for name in PLACEMENT_FIELDS}
    try:
        return services.placement_record(
            school=school, alumnus=alumnus, actor=request.user,
            recorded_by_org=access.organisation, application=application, **data,
        )  # fmt: skip
    except services.Refused as refused:
        field = "work_country" if form.cleaned_data.get("work_country") else None
        form.add_error(field, str(refused))
        return None


@organisation_view("placements.record")
def placement_new(request: HttpRequest, access: Access) -> HttpResponse:
    """The BKK records a job an alumnus found elsewhere."""
    school = access.organisation
    form = PlacementForm(request.POST or None, initial={"nisn": request.GET.get("nisn", "")})
    alumnus = None
    if request.method == "POST" and form.is_valid():
        alumnus = Alumnus.objects.filter(
            organisation=school, nisn=form.cleaned_data["nisn"]
        ).first()
        if alumnus is None:
            form.add_error("nisn", _("Tidak ada alumni sekolah ini dengan NISN itu."))
    placement = _record(request, access, form, alumnus, school)
    if placement is not None:
        messages.success(request, _("Penempatan %(name)s dicatat (%(kind)s).")
                         % {"name": placement.alumnus.name, "kind": placement.kind})  # fmt: skip
        return redirect("jobs:placements", org=school.code)
    status = 422 if request.method == "POST" else 200
    return render(request, "jobs/placement_new.html",
                  _context(access, form=form, application=None), status=status)  # fmt: skip


@organisation_view("jobs.manage")
def placement_from_application(
    request: HttpRequest, access: Access, application: str
) -> HttpResponse:
    """After "accepted": record the placement with the vacancy's details filled in."""
    found = get_application(access, application)
    back = redirect("jobs:detail", org=access.organisation.code, vacancy=found.vacancy.code)
    if found.stage != Stage.ACCEPTED or Placement.objects.filter(application=found).exists():
        return back
    vacancy = found.vacancy
    initial = {
        "employer": vacancy.company.name, "job_title": vacancy.title,
        "work_region": vacancy.work_region_id, "work_country": vacancy.work_country,
        "wage": vacancy.wage_min, "start_date": timezone.localdate(),
    }  # fmt: skip
    # Formal or informal is left for the officer to say: the vacancy's own flag defaults to
    # formal, and a placement must not inherit a default as if it were a record.
    form = PlacementForm(request.POST or None, initial=initial, with_nisn=False)
    placement = None
    if request.method == "POST":
        placement = _record(request, access, form, found.alumnus, found.organisation, found)
    if placement is not None:
        messages.success(request, _("Penempatan %(name)s dicatat (%(kind)s).")
                         % {"name": found.alumnus.name, "kind": placement.kind})  # fmt: skip
        return back
    status = 422 if request.method == "POST" else 200
    return render(request, "jobs/placement_new.html",
                  _context(access, form=form, application=found), status=status)  # fmt: skip


@organisation_view("placements.record")
def placement_edit(request: HttpRequest, access: Access, placement: str) -> HttpResponse:
    """Correct a placement the school's BKK recorded; every changed field is audited."""
    found = get_placement(access, placement)
    initial = {name: getattr(found, name) for name in EDIT_FIELDS}
    initial["formal"] = {True: "1", False: "0"}.get(found.formal)  # type: ignore[arg-type]
    form = PlacementForm(request.POST or None, initial=initial, with_nisn=False, editing=True)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in EDIT_FIELDS}
        try:
            services.placement_update(placement=found, actor=request.user, data=data)
        except services.Refused as refused:
            form.add_error("work_region", str(refused))
        else:
            messages.success(request, _("Penempatan %(name)s diperbarui.")
                             % {"name": found.alumnus.name})  # fmt: skip
            return redirect(_safe_next(request) or reverse(
                "jobs:placements", kwargs={"org": access.organisation.code}))  # fmt: skip
    status = 422 if request.method == "POST" else 200
    return render(request, "jobs/placement_edit.html",
                  _context(access, form=form, placement=found), status=status)  # fmt: skip


def _safe_next(request: HttpRequest) -> str:
    """Where to go back to (the returned report's fix list), only if it is on this site."""
    target = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=False)
    return target if target and allowed else ""
