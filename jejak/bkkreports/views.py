"""Pages of the BKK register and reports: the BKK's own (under its school) and the labour
office's (under the office), each through one access helper that answers 404 when not theirs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts.access import Access, organisation_view
from jejak.audit.services import log_action, log_view
from jejak.bkkreports import figures, ipk, ipk_display, selectors, services
from jejak.bkkreports.exports import (
    area_placed_response,
    region_workbook_response,
    report_pdf_response,
    report_workbook_response,
)
from jejak.bkkreports.fixes import report_fixes
from jejak.bkkreports.forms import (
    PeriodForm,
    PersonForm,
    PlanForm,
    RegisterForm,
    ReissueForm,
    ReviewForm,
    labour_offices_for,
)
from jejak.bkkreports.models import PlacementPlan
from jejak.bkkreports.periods import PeriodKind, last_closed, parse_period
from jejak.confirm import ask, confirmed
from jejak.organisations.models import Organisation
from jejak.reference.models import Major


def _ctx(access: Access, **extra: Any) -> dict[str, Any]:
    return {"access": access, "org": access.organisation, **extra}


def _school(access: Access) -> None:
    if not access.organisation.keeps_alumni:
        raise Http404


def _office(access: Access) -> None:
    if not access.organisation.is_office:
        raise Http404


def _labour_office(access: Access) -> None:
    """Only a labour office keeps the register and reviews reports; others only read."""
    if access.organisation.kind != Organisation.Kind.LABOUR_OFFICE:
        raise Http404


# ---- the BKK's own pages ------------------------------------------------------------------


@organisation_view("bkkreports.view")
def register(request: HttpRequest, access: Access) -> HttpResponse:
    _school(access)
    org = access.organisation
    bkk = selectors.bkk_of(org)
    can_edit = access.can("bkkreports.submit")
    form = RegisterForm(request.POST or None, instance=bkk, offices=labour_offices_for(org))
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            services.bkk_register_update(bkk=bkk, actor=request.user, data=form.cleaned_data)
            messages.success(request, _("Data register BKK disimpan."))
            return redirect("bkkreports:register", org=org.code)
    majors = Major.objects.filter(pk__in=org.majors.values("pk"))
    year = timezone.localdate().year
    target, placed = selectors.plan_progress(org, year)
    return render(request, "bkkreports/register.html", _ctx(
        access, year=year, target=target, placed=placed, bkk=bkk,
        form=form if can_edit else None, can_edit=can_edit,
        people=selectors.person_history(org),
        person_form=PersonForm(), plan_form=PlanForm(majors=majors),
        plans=PlacementPlan.objects.filter(organisation=org).select_related("major"),
    ))  # fmt: skip


@organisation_view("bkkreports.submit")
@require_POST
def person_in_charge(request: HttpRequest, access: Access) -> HttpResponse:
    _school(access)
    form = PersonForm(request.POST)
    if form.is_valid():
        bkk = selectors.bkk_of(access.organisation)
        if bkk.pk is None:
            bkk.save()
        try:
            services.person_in_charge_change(bkk=bkk, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Penanggung jawab BKK dicatat."))
        except services.ReportError as problem:
            messages.error(request, str(problem))
    else:
        messages.error(request, _("Isi nama penanggung jawab dan tanggal mulai bertugas."))
    return redirect("bkkreports:register", org=access.organisation.code)


@organisation_view("bkkreports.submit")
@require_POST
def plan(request: HttpRequest, access: Access) -> HttpResponse:
    _school(access)
    org = access.organisation
    form = PlanForm(request.POST, majors=Major.objects.filter(pk__in=org.majors.values("pk")))
    if form.is_valid():
        services.plan_set(organisation=org, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Rencana penempatan disimpan."))
    else:
        messages.error(request, _("Isi tahun dan target penempatan dengan angka."))
    return redirect("bkkreports:register", org=org.code)


@organisation_view("bkkreports.view")
def reports(request: HttpRequest, access: Access) -> HttpResponse:
    _school(access)
    today = timezone.localdate()
    return render(request, "bkkreports/reports.html", _ctx(
        access, rows=selectors.school_periods(access, today), form=PeriodForm(), today=today,
    ))  # fmt: skip


@organisation_view("bkkreports.submit")
@require_POST
def generate(request: HttpRequest, access: Access) -> HttpResponse:
    _school(access)
    form = PeriodForm(request.POST)
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, str(error))
        return redirect("bkkreports:reports", org=access.organisation.code)
    try:
        report = services.report_generate(
            organisation=access.organisation, period=form.cleaned_data["period"], actor=request.user
        )
    except services.ReportError as problem:
        messages.error(request, str(problem))
        return redirect("bkkreports:reports", org=access.organisation.code)
    return redirect("bkkreports:report", org=access.organisation.code, report=report.code)


@organisation_view("bkkreports.view")
def report(request: HttpRequest, access: Access, report: str) -> HttpResponse:
    _school(access)
    found = selectors.get_report(access, report)
    context = _ctx(access, report=found, data=found.data)
    if getattr(request, "htmx", False):  # the progress poll
        if found.finished:
            return HttpResponse(headers={"HX-Refresh": "true"})  # show the finished report
        return render(request, "bkkreports/report_status.html", context)
    if found.data:  # its by-name list of placements
        log_view(request=request, action="bkk_report.viewed", obj=found,
                 organisation=access.organisation)  # fmt: skip
    if found.state in {found.State.RETURNED, found.State.READY} and access.can(
        "bkkreports.by_name"
    ):
        context["fixes"] = report_fixes(access.organisation, found.period)
    return render(request, "bkkreports/report.html", context)


@organisation_view("bkkreports.by_name")
def report_print(request: HttpRequest, access: Access, report: str) -> HttpResponse:
    _school(access)
    found = selectors.get_report(access, report)
    if not found.data:
        raise Http404
    log_view(request=request, action="bkk_report.viewed", obj=found,
             organisation=access.organisation, printed=True)  # fmt: skip
    return render(request, "bkkreports/report_print.html", _ctx(access, report=found,
                                                                 data=found.data))  # fmt: skip


@organisation_view("bkkreports.by_name")
def report_pdf(request: HttpRequest, access: Access, report: str) -> HttpResponse:
    _school(access)
    found = selectors.get_report(access, report)
    if not found.data:
        raise Http404
    log_action(actor=request.user, action="bkk_report.exported", obj=found)
    return report_pdf_response(found, render(request, "bkkreports/report_print.html",
                                             _ctx(access, report=found, data=found.data,
                                                  pdf=True)).content.decode())  # fmt: skip


@organisation_view("bkkreports.by_name")
def report_xlsx(request: HttpRequest, access: Access, report: str) -> HttpResponse:
    _school(access)
    found = selectors.get_report(access, report)
    if not found.data:
        raise Http404
    log_action(actor=request.user, action="bkk_report.exported", obj=found)
    return report_workbook_response(found)


@organisation_view("bkkreports.submit")
@require_POST
def submit(request: HttpRequest, access: Access, report: str) -> HttpResponse:
    _school(access)
    found = selectors.get_report(access, report)
    if not confirmed(request):
        return ask(
            request, access=access,
            title=_("Kirim laporan %(period)s ke dinas tenaga kerja?")
            % {"period": found.period.label},
            consequence=_("Angka laporan ini dibekukan dan dikirim ke dinas tenaga kerja, "
                          "termasuk daftar nama dan alamat alumni yang ditempatkan. Setelah "
                          "dikirim, laporan tidak bisa ditarik; perbaikan hanya lewat versi "
                          "baru bila dinas mengembalikannya."),
            button=_("Ya, kirim ke dinas"),
            back=reverse("bkkreports:report", kwargs={"org": access.organisation.code,
                                                      "report": found.code}),
        )  # fmt: skip
    try:
        services.report_submit(report=found, actor=request.user)
        messages.success(request, _("Laporan dikirim ke dinas tenaga kerja."))
    except services.ReportError as problem:
        messages.error(request, str(problem))
    return redirect("bkkreports:report", org=access.organisation.code, report=found.code)


# ---- the labour office's pages ------------------------------------------------------------


@organisation_view("bkkreports.office")
def office_register(request: HttpRequest, access: Access) -> HttpResponse:
    _office(access)
    today = timezone.localdate()
    rows = selectors.register_rows(access.organisation, today)
    flag = request.GET.get("flag", "")
    shown = [r for r in rows if selectors.REGISTER_FLAGS[flag](r)] if flag in (
        selectors.REGISTER_FLAGS) else rows  # fmt: skip
    return render(request, "bkkreports/office_register.html", _ctx(
        access, rows=shown, total=len(rows), flag=flag, today=today,
        can_review=access.organisation.kind == Organisation.Kind.LABOUR_OFFICE,
        counts={name: sum(map(test, rows)) for name, test in selectors.REGISTER_FLAGS.items()},
    ))  # fmt: skip


@organisation_view("bkkreports.office")
def office_reissue(request: HttpRequest, access: Access, school: str) -> HttpResponse:
    _labour_office(access)
    bkk = selectors.get_area_bkk(access.organisation, school)
    form = ReissueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.registration_reissue(
            bkk=bkk, office=access.organisation, actor=request.user,
            number=form.cleaned_data["number"], date=form.cleaned_data["date"],
        )  # fmt: skip
        messages.success(request, _("Tanda daftar baru dicatat."))
        return redirect("bkkreports:office_register", org=access.organisation.code)
    return render(
        request,
        "bkkreports/office_reissue.html",
        _ctx(access, bkk=bkk, form=form, people=selectors.person_history(bkk.organisation)[:5]),
    )


@organisation_view("bkkreports.office")
def office_reports(request: HttpRequest, access: Access) -> HttpResponse:
    _office(access)
    today = timezone.localdate()
    kind = request.GET.get("kind", PeriodKind.MONTH)
    default = last_closed(kind if kind in PeriodKind.values else PeriodKind.MONTH, today, 1)[0]
    period = parse_period(kind, request.GET.get("key", "")) or default
    return render(request, "bkkreports/office_reports.html", _ctx(
        access, period=period, today=today, kinds=PeriodKind.choices,
        rows=selectors.area_submissions(access.organisation, period, today),
        previous=period.previous(), next=period.next() if period.next().end < today else None,
    ))  # fmt: skip


@organisation_view("bkkreports.office")
def office_report(request: HttpRequest, access: Access, report: str) -> HttpResponse:
    _office(access)
    found = selectors.get_area_report(access.organisation, report)
    can_review = access.organisation.kind == Organisation.Kind.LABOUR_OFFICE
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        _labour_office(access)
        if form.is_valid():
            try:
                services.report_review(
                    report=found, office=access.organisation, actor=request.user,
                    accept=form.cleaned_data["decision"] == "acknowledge",
                    comment=form.cleaned_data["comment"],
                )  # fmt: skip
                messages.success(request, _("Keputusan atas laporan dicatat."))
                return redirect("bkkreports:office_report", org=access.organisation.code,
                                report=found.code)  # fmt: skip
            except services.ReportError as problem:
                messages.error(request, str(problem))
    if found.data:  # the school's data, so the school's trail shows who looked
        log_view(request=request, action="bkk_report.viewed", obj=found,
                 organisation=found.organisation)  # fmt: skip
    return render(
        request,
        "bkkreports/office_report.html",
        _ctx(access, report=found, data=found.data, form=form if can_review else None),
    )


@organisation_view("bkkreports.office")
def office_ipk(request: HttpRequest, access: Access) -> HttpResponse:
    """The IPK III tables summed over a regency (or the whole province) of the office's area,
    from the BKKs' stored period figures."""
    _office(access)
    regions, region, period = _office_ipk_choice(request, access.organisation)
    tables = figures.region_tables(region.code, period) if region else None
    return render(request, "bkkreports/office_ipk.html", _ctx(
        access, period=period, kinds=PeriodKind.choices, regions=regions, region=region,
        data={"tables": ipk_display.layouts(tables) if tables else [],
              "definitions": [str(d) for d in ipk.DEFINITIONS]},
        bkks=len(figures.region_bkks(region.code)) if region else 0,
    ))  # fmt: skip


@organisation_view("bkkreports.office")
def office_ipk_xlsx(request: HttpRequest, access: Access) -> HttpResponse:
    """The same sums as a workbook in the form's layout, one sheet per table."""
    _office(access)
    _regions, region, period = _office_ipk_choice(request, access.organisation)
    if region is None:
        raise Http404
    log_action(actor=request.user, action="bkk_ipk_region.exported", obj=access.organisation,
               changes={"region": region.code, "period": period.key})  # fmt: skip
    return region_workbook_response(
        region, period, figures.region_tables(region.code, period),
        bkks=len(figures.region_bkks(region.code)),
    )  # fmt: skip


def _office_ipk_choice(request: HttpRequest, office: Organisation) -> tuple[list[Any], Any, Any]:
    """The office's regions, the one asked for (else the first) and the period asked for
    (else the last closed month)."""
    regions = selectors.office_ipk_regions(office)
    kind = request.GET.get("kind", PeriodKind.MONTH)
    kind = kind if kind in PeriodKind.values else PeriodKind.MONTH
    today = timezone.localdate()
    period = parse_period(kind, request.GET.get("key", "")) or last_closed(kind, today, 1)[0]
    code = request.GET.get("region", "")
    region = next((r for r in regions if r.code == code), regions[0] if regions else None)
    return regions, region, period


@organisation_view("bkkreports.by_name")
def office_placed_xlsx(request: HttpRequest, access: Access) -> HttpResponse:
    _office(access)
    log_action(actor=request.user, action="bkk_placements.exported", obj=access.organisation)
    return area_placed_response(access.organisation)
