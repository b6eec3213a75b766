"""Read BLK trainees for training/indicators.py in three queries, whatever the scope's size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from jejak.indicators.compute import Event
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent
from jejak.training.indicators import TraineeRow
from jejak.training.models import Batch, Enrolment


def scope_batches(
    blks: Sequence[Organisation], *, programme: str = "", batch: str = ""
) -> QuerySet[Batch]:
    """The batches of `blks`, narrowed to one programme or batch (global or BLK's own code)."""
    found = Batch.objects.filter(organisation__in=list(blks))
    if programme:
        found = found.filter(programme__own_code=programme) | found.filter(
            programme__code=programme
        )
    if batch:
        found = found.filter(code=batch) | found.filter(own_code=batch)
    return found


def load_trainees(batches: QuerySet[Batch], as_of: dt.date) -> list[TraineeRow]:
    """Every enrolled trainee of the batches that ended on or before `as_of`, with their
    outcome history (the events of their record at the BLK)."""
    enrolments = Enrolment.objects.filter(
        batch__in=batches.filter(end_date__lte=as_of), status=Enrolment.Status.ENROLLED
    ).values_list(
        "alumnus_id", "batch__end_date", "completed", "graduated", "competent",
        "alumnus__sex", "disability", "batch__funding", "batch__programme__own_code",
        "batch__own_code", "organisation_id", "code", "alumnus__birth_date",
        "batch__start_date",
    )  # fmt: skip
    rows: list[TraineeRow] = []
    by_alumnus: dict[int, list[TraineeRow]] = {}
    values: Any
    for values in enrolments:
        alumnus, end, completed, graduated, competent, sex, disability, *labels = values
        row = TraineeRow(
            batch_end=end, completed=completed, graduated=graduated, competent=competent,
            sex=sex, disability=bool(disability), funding=labels[0], programme=labels[1],
            batch=labels[2], organisation=labels[3], enrolment=labels[4], birth_date=labels[5],
            batch_start=labels[6],
        )  # fmt: skip
        rows.append(row)
        by_alumnus.setdefault(alumnus, []).append(row)
    _attach_events(by_alumnus)
    return rows


def _attach_events(by_alumnus: dict[int, list[TraineeRow]]) -> None:
    events = OutcomeEvent.objects.filter(alumnus_id__in=list(by_alumnus)).values_list(
        "alumnus_id", "activity", "start_date", "recorded_at", "source", "formal",
        "reported_at", "id", "alongside_id",
    )  # fmt: skip
    values: Any
    for values in events.iterator(chunk_size=5000):
        alumnus, activity, start, at, source, formal, reported, pk, alongside = values
        event = Event(
            activity=activity, start_date=start, recorded_at=at, source=source, formal=formal,
            reported_at=reported, report=alongside or pk,
        )  # fmt: skip
        for row in by_alumnus[alumnus]:
            row.events.append(event)
