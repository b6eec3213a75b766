"""A batch's report: its figures (and the same split by sex, age band, disability), as PDF
and XLSX.

Aggregates only, no names: the report can travel to the province. A batch is small, so the
report is built in the request (the school tracer report, which covers a whole cohort, runs
as a task).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from jejak.lib.rounding import percent
from jejak.lib.xlsx import write_table, xlsx_response
from jejak.training import selectors
from jejak.training.definitions import LABELS, definition, figure_rows
from jejak.training.indicators import AGE_SOURCE
from jejak.training.models import Batch

GROUP_SPLITS = ("sex", "age", "disability")


def batch_report_data(batch: Batch, as_of: dt.date) -> dict[str, Any]:
    blks = [batch.organisation]
    figures = selectors.blk_figures(blks, as_of, batch=batch.code)
    groups = {
        split: selectors.figures_by(blks, as_of, split, batch=batch.code) for split in GROUP_SPLITS
    }
    return {"batch": batch, "as_of": as_of, "figures": figures, "rows": figure_rows(figures),
            "groups": groups, "age_source": AGE_SOURCE}  # fmt: skip


def batch_report_pdf(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    import weasyprint  # heavy import, only when a PDF is asked for

    html = render_to_string("training/batch_report_pdf.html", data, request=request)
    response = HttpResponse(weasyprint.HTML(string=html).write_pdf(), "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="gelombang-{data["batch"].code}.pdf"'
    return response


def batch_report_xlsx(data: dict[str, Any]) -> HttpResponse:
    headers = [_("Kelompok"), _("Indikator"), _("Nilai (%)"), _("Pembilang"), _("Penyebut"),
               _("Definisi")]  # fmt: skip
    batch = data["batch"]
    notes = [f"{batch.organisation.name} · {batch.own_code} · {batch.programme.name}",
             _("Tanggal acuan: %(date)s") % {"date": data["as_of"].isoformat()},
             _("age: umur pada tanggal mulai gelombang; kelompok umur: %(source)s")
             % {"source": AGE_SOURCE}]  # fmt: skip
    content = write_table(headers, _rows(data), sheet=_("Indikator"), notes=notes)
    return xlsx_response(content, f"gelombang-{batch.code}.xlsx")


def _rows(data: dict[str, Any]) -> Iterator[list[Any]]:
    yield from _figure_rows(_("Semua peserta"), data["figures"])
    for split, groups in data["groups"].items():
        for key, figures in groups.items():
            yield from _figure_rows(f"{split}: {key}", figures)


def _figure_rows(group: str, figures: dict[str, Any]) -> Iterator[list[Any]]:
    for name in LABELS:
        item = figures[name]
        if isinstance(item, dict):
            value = percent(item)
            yield [group, str(LABELS[name]), None if value is None else float(value),
                   item["numerator"], item["denominator"], definition(name)]  # fmt: skip
        else:
            yield [group, str(LABELS[name]), item, None, None, definition(name)]
