"""The national-code export: one row per alumnus of a campaign, in the national form's terms.

Identifiers first (the national platform keys graduates on NISN), then whether the alumnus
already filled in the national form, then each item of `national.ITEMS`. Answers come from
the alumnus's submitted response in the campaign; nothing submitted leaves the items empty.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.db.models import QuerySet

from jejak.lib.formulas import SafeCsvWriter
from jejak.lib.xlsx import write_table
from jejak.tracer.models import Response, SurveyLink
from jejak.tracer.national import ITEMS, national_answers

IDENTIFIERS = ["nisn", "nama", "rombel", "sudah_mengisi_formulir_nasional"]
HEADERS = IDENTIFIERS + [item.column for item in ITEMS]
FORMATS = ("xlsx", "csv")


def national_rows(links: QuerySet[SurveyLink]) -> Iterator[list[str]]:
    """The rows for these links (one campaign's), by class and name."""
    chosen = links.select_related("alumnus__school_class").order_by(
        "alumnus__school_class__name", "alumnus__name"
    )
    campaign_ids = {link.campaign_id for link in chosen}
    answers = dict(
        Response.objects.filter(
            campaign_id__in=campaign_ids,
            alumnus_id__in=[link.alumnus_id for link in chosen],
            state=Response.State.SUBMITTED,
        ).values_list("alumnus_id", "answers")
    )
    for link in chosen:
        alumnus = link.alumnus
        mapped = national_answers(answers.get(alumnus.pk))
        klass = alumnus.school_class.name if alumnus.school_class else ""
        flag = "ya" if link.national_filled else "tidak"
        yield [alumnus.nisn, alumnus.name, klass, flag, *(mapped[c] for c in HEADERS[4:])]


def national_export(links: QuerySet[SurveyLink], fmt: str) -> tuple[bytes, int]:
    """The file's bytes in `fmt` (xlsx or csv) and the number of alumni in it."""
    rows = list(national_rows(links))
    if fmt == "csv":
        out = io.StringIO()
        out.write("\ufeff")  # Excel opens UTF-8 correctly with a BOM
        SafeCsvWriter(out, delimiter=";").writerows([HEADERS, *rows])
        return out.getvalue().encode("utf-8"), len(rows)
    # No notes above the header: the first row is the header, ready to transcribe or load.
    data = write_table(HEADERS, rows, sheet="Nasional", text_columns=("nisn",))
    return data, len(rows)


def format_of(filename: str) -> str:
    """xlsx or csv from the file's suffix; ValueError for anything else."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix not in FORMATS:
        raise ValueError(suffix)
    return suffix
