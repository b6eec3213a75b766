"""Indicator pages: a school's dashboard, an office's area dashboard, the UMK table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jejak.accounts.access import Access, organisation_view
from jejak.indicators import dashboards, services
from jejak.indicators.definitions import (
    ABSORPTION_NOTE,
    ACTIVITY_NOTE,
    LABELS,
    PLACEMENT_NOTE,
    REFERENCE_NOTE,
)
from jejak.indicators.forms import UmkForm
from jejak.indicators.models import ReportJob, Umk
from jejak.indicators.rollups import detect_changes
from jejak.indicators.selectors import (
    area_by_regency,
    area_schools,
    area_split_figures,
    area_total,
    freshness,
    reference_dates,
    school_cohorts,
    split_figures,
    total_figures,
)
from jejak.lib.paging import paginate
from jejak.lib.values import ValueProblem, parse_date
from jejak.training.selectors import office_blk_summary


def _cohort(request: HttpRequest, cohorts: list[int]) -> int:
    try:
        chosen = int(request.GET.get("cohort", ""))
    except ValueError:
        return dashboards.default_cohort(cohorts)
    return chosen if 1990 <= chosen <= 2100 else dashboards.default_cohort(cohorts)


def _as_of(request: HttpRequest) -> dt.date | None:
    try:
        return parse_date(request.GET.get("as_of", ""))
    except ValueProblem:
        return None


@organisation_view("indicators.view")
def school(request: HttpRequest, access: Access) -> HttpResponse:
    org = access.organisation
    if org.is_office:
        raise Http404
    cohorts = school_cohorts(org)
    cohort = _cohort(request, cohorts)
    # One school's fingerprints are cheap: a change another app made without marking the
    # rollup stale is marked here, and the next refresh pass (a minute) recomputes it.
    detect_changes([org])
    waiting = freshness([org], cohort)
    as_of = _as_of(request)
    result = (
        dashboards.live_figures(org, cohort, as_of) if as_of else total_figures([org.pk], cohort)
    )
    context: dict[str, Any] = {
        "access": access, "org": org, "cohorts": cohorts, "cohort": cohort, "as_of": as_of,
        "reference_dates": reference_dates([org.pk], cohort), "waiting": waiting,
        "figures": result, "rows": dashboards.figure_rows(result),
        "reference_note": REFERENCE_NOTE, "placement_note": PLACEMENT_NOTE,
        "activity_note": ACTIVITY_NOTE, "absorption": dashboards.absorption_rows(result),
        "absorption_note": ABSORPTION_NOTE,
        "trend": dashboards.trend_context([org], cohorts),
        "splits": dashboards.splits(lambda split: split_figures([org.pk], cohort, split)),
        "peers": dashboards.peer_standing(org, cohort) if org.status else None,
        "labels": LABELS,
        "reports": ReportJob.objects.filter(organisation=org)[:5],
    }  # fmt: skip
    return render(request, "indicators/school.html", context)


@organisation_view("indicators.view")
def office(request: HttpRequest, access: Access) -> HttpResponse:
    org = access.organisation
    if not org.is_office:
        raise Http404
    # The primary key breaks ties of name (and the table's sorts are stable): a school never
    # moves from one page of the table to the next between two requests.
    schools = list(area_schools(org).order_by("name", "pk"))
    year = dt.date.today().year
    cohort = _cohort(request, list(range(year - 5, year)))
    sort = request.GET.get("sort", "bmw_rate")
    if sort not in {*dashboards.COLUMNS, "name", "status", "regency"}:
        sort = "bmw_rate"
    descending = request.GET.get("dir", "desc") != "asc"
    waiting = freshness(schools, cohort)
    area = org.area_regency_codes()
    # Every school, sorted: the benchmarks and the chart are of the whole area; the table
    # shows one page of it (a province office has a thousand schools or more).
    rows = dashboards.office_table(schools, cohort, sort, descending)
    regencies = area_by_regency(area, cohort)
    context = {
        "access": access, "org": org, "cohort": cohort, "cohorts": list(range(year - 5, year)),
        "paging": paginate(request, rows), "sort": sort, "descending": descending,
        "columns": dashboards.COLUMNS,
        "labels": LABELS, "benchmarks": dashboards.office_benchmarks(rows), "waiting": waiting,
        "total": (total := area_total(area, cohort)), "regencies": regencies,
        "income_note": dashboards.figure_note(total, "income_at_or_above_umk_rate"),
        "splits": dashboards.splits(
            lambda split: area_split_figures(area, cohort, split), with_classes=False
        ),
        "regency_names": dashboards.regency_names(list(regencies)),
        "blk_summary": office_blk_summary(org),
        "reference_note": REFERENCE_NOTE, "rate_columns": dashboards.COLUMNS[1:],
        "activity_note": ACTIVITY_NOTE, "definition_rows": dashboards.figure_rows({}),
        "sort_headers": [("name", _("Sekolah")), ("status", _("Status")),
                         ("regency", _("Kabupaten/kota"))]
        + [(c, LABELS[c]) for c in dashboards.COLUMNS],
        "chart": dashboards.charts.bar_chart(
            [(r["school"].name, dashboards.value_of(r["figures"], "bmw_rate"))
             for r in rows[:40] if r["figures"]],
            title=_("Tingkat BMW per sekolah"),
            desc=_("Sekolah dalam urutan tabel (paling banyak 40); angka lengkap di tabel."),
        ),
    }  # fmt: skip
    return render(request, "indicators/office.html", context)


@organisation_view("indicators.view")
def umk(request: HttpRequest, access: Access) -> HttpResponse:
    org = access.organisation
    if not org.is_office:
        raise Http404
    regencies = org.area_regency_codes()
    regions = [*sorted({code[:2] for code in regencies}), *regencies]  # UMP rows: provinces
    form = UmkForm(request.POST or None, regencies=regions)
    if request.method == "POST":
        access.require("umk.edit")
        if form.is_valid():
            data = form.cleaned_data
            services.umk_set(
                office=org, region=data["region"], year=data["year"], amount=data["amount"],
                source=data["source"], actor=request.user,
            )  # fmt: skip
            messages.success(request, _("Upah minimum tersimpan; indikator akan dihitung ulang."))
            return redirect("indicators:umk", org=org.code)
    values = Umk.objects.filter(region_id__in=regions).select_related("region")
    return render(
        request,
        "indicators/umk.html",
        {"access": access, "org": org, "form": form, "values": values,
         "can_edit": access.can("umk.edit")},
    )  # fmt: skip
