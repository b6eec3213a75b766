"""Supply against demand on the web: an office's regencies, a school's majors, as XLSX too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.accounts.access import Access, organisation_view
from jejak.lib.xlsx import write_table, xlsx_response
from jejak.matching.supply import BY_CHOICES, BY_PROGRAMME, LEVELS, Table, supply_demand
from jejak.organisations.models import Organisation
from jejak.reference.models import Major, Region

TREND_YEARS = 5


@dataclass
class Choice:
    region: Region
    regions: list[Region]
    year: int
    by: str
    school_id: int | None


def _choice(request: HttpRequest, access: Access) -> Choice:
    """What the page shows: an office picks one of its regencies or provinces; a school (or a
    BLK) sees its own regency, its supply against that regency's demand."""
    org = access.organisation
    if org.is_office:
        codes = org.area_regency_codes()
        regions = list(Region.objects.filter(code__in={*codes, *(c[:2] for c in codes)}))
        school_id = None
    else:
        regions = [org.region]
        school_id = org.pk
    wanted = request.GET.get("region", "")
    region = next((r for r in regions if r.code == wanted), regions[0] if regions else None)
    if region is None:
        raise Http404
    year = request.GET.get("year", "")
    this_year = timezone.localdate().year
    year_value = int(year) if year.isdigit() and 1950 <= int(year) <= this_year else this_year
    by = request.GET.get("by", "")
    if by == BY_PROGRAMME and not _has_programmes(access):
        by = ""
    return Choice(region, regions, year_value, by if by in BY_CHOICES else LEVELS[-1], school_id)


def _has_programmes(access: Access) -> bool:
    """Rows per BLK programme: for an office (its BLKs) and a BLK (its own), not a school."""
    org = access.organisation
    return org.is_office or org.kind == Organisation.Kind.TRAINING_CENTRE


def _levels(access: Access) -> list[tuple[str, str]]:
    levels = [(value, str(label)) for value, label in Major.Level.choices]
    if _has_programmes(access):
        levels.append((BY_PROGRAMME, str(_("Program pelatihan BLK"))))
    return levels


def _table(choice: Choice, year: int | None = None) -> Table:
    return supply_demand(
        region=choice.region.code, year=year or choice.year, by=choice.by,
        school_id=choice.school_id,
    )  # fmt: skip


@organisation_view("indicators.view")
def supply_page(request: HttpRequest, access: Access) -> HttpResponse:
    choice = _choice(request, access)
    table = _table(choice)
    years = range(choice.year - TREND_YEARS + 1, choice.year + 1)
    trend = [(year, _table(choice, year).totals()) for year in years]
    return render(request, "matching/supply.html", {
        "access": access, "org": access.organisation, "choice": choice, "table": table,
        "totals": table.totals(), "trend": trend, "levels": _levels(access),
        "years": range(timezone.localdate().year, timezone.localdate().year - 10, -1),
    })  # fmt: skip


HEADERS = ("kode_jurusan", "jurusan", "lulusan", "pencari_kerja", "lowongan", "formasi",
           "penempatan", "pencari_per_formasi", "keselarasan_persen")  # fmt: skip
PROGRAMME_HEADERS = ("kode_program", "program", "blk", *HEADERS[2:])


@organisation_view("indicators.view")
def supply_xlsx(request: HttpRequest, access: Access) -> HttpResponse:
    choice = _choice(request, access)
    table = _table(choice)
    programmes = choice.by == BY_PROGRAMME
    rows: list[tuple[Any, ...]] = [
        (r.major, r.name, *([r.blk] if programmes else []), r.graduates, r.seekers, r.vacancies,
         r.positions, r.placements, r.ratio, r.keselarasan)
        for r in table.rows
    ]  # fmt: skip
    if not programmes:
        any_major = table.any_major
        rows.append(("", _("Semua jurusan"), "", "", any_major.get("vacancies", 0),
                     any_major.get("positions", 0), "", "", ""))  # fmt: skip
    notes = [
        _("Pasokan dan permintaan %(region)s, %(year)s, per %(by)s.")
        % {"region": choice.region.name, "year": choice.year, "by": choice.by},
    ]
    headers = PROGRAMME_HEADERS if programmes else HEADERS
    data = write_table(headers, rows, sheet="Pasokan", text_columns=[headers[0]], notes=notes)
    return xlsx_response(data, f"pasokan-permintaan-{choice.region.code}-{choice.year}.xlsx")
