"""Printable minutes (PDF via WeasyPrint) and the follow-ups as XLSX."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from jejak.coordination import selectors
from jejak.coordination.models import FollowUp, Meeting
from jejak.lib.xlsx import write_table, xlsx_response


def minutes_pdf_response(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """The minutes with the attendance list and follow-ups, A4 (inline styles, no network)."""
    import weasyprint  # heavy import, only when a PDF is asked for

    context = {
        "meeting": meeting,
        "invitees": selectors.invitees(meeting),
        "follow_ups": meeting.follow_ups.select_related("owner", "vacancy", "partnership"),
        "pdf": True,
    }
    html = render_to_string("coordination/minutes_print.html", context, request=request)
    response = HttpResponse(weasyprint.HTML(string=html).write_pdf(), "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="notulen-{meeting.code}.pdf"'
    return response


def follow_up_columns() -> list[str]:
    return [
        _("Rapat"),
        _("Tanggal rapat"),
        _("Jenis"),
        _("Uraian"),
        _("Penanggung jawab"),
        _("Tenggat"),
        _("Status"),
        _("Terlambat"),
        _("Tanggal selesai"),
        _("Catatan"),
        _("Lowongan"),
        _("MoU"),
    ]


def follow_up_rows(follow_ups: Iterable[FollowUp]) -> Iterable[list[Any]]:
    for f in follow_ups:
        yield [
            f.meeting.title,
            f.meeting.starts_at.date().isoformat(),
            f.get_kind_display(),
            f.description,
            f.owner.name,
            f.due_on.isoformat(),
            f.get_state_display(),
            _("ya") if f.is_overdue else "",
            f.done_on.isoformat() if f.done_on else "",
            f.done_note,
            str(f.vacancy) if f.vacancy else "",
            (f.partnership.number or str(f.partnership)) if f.partnership else "",
        ]


def follow_ups_xlsx_response(follow_ups: Iterable[FollowUp], name: str) -> Any:
    data = write_table(follow_up_columns(), follow_up_rows(follow_ups), sheet=_("Tindak lanjut"))
    return xlsx_response(data, f"tindak-lanjut-{name}.xlsx")
