"""Reads for BLK training pages and the offices' view of their BLKs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from jejak.alumni.models import Alumnus
from jejak.indicators.compute import JOB, status_at
from jejak.organisations.models import Organisation
from jejak.training import indicators
from jejak.training.indicator_reading import load_trainees, scope_batches
from jejak.training.models import Batch, Enrolment, Programme


def get_programme(blk: Organisation, code: str) -> Programme:
    """The BLK's programme `code`; 404 for missing and not-yours alike."""
    found = Programme.objects.filter(organisation=blk, code=code).first()
    if found is None:
        raise Http404
    return found


def get_batch(blk: Organisation, code: str) -> Batch:
    found = Batch.objects.filter(organisation=blk, code=code).select_related("programme").first()
    if found is None:
        raise Http404
    return found


def get_enrolment(blk: Organisation, code: str) -> Enrolment:
    found = (
        Enrolment.objects.filter(organisation=blk, code=code)
        .select_related("batch__programme", "alumnus")
        .first()
    )
    if found is None:
        raise Http404
    return found


def find_batch(code: str, blk: Organisation | None = None) -> Batch | None:
    """A batch by its global code, or by the BLK's own code when `blk` is given."""
    found = Batch.objects.filter(code=code).select_related("organisation", "programme").first()
    if found is not None and (blk is None or found.organisation_id == blk.pk):
        return found
    if blk is None:
        return None
    return (
        Batch.objects.filter(organisation=blk, own_code=code)
        .select_related("organisation", "programme")
        .first()
    )


def find_blk(code: str) -> Organisation | None:
    """A BLK by its institution code, or by its Jejak code."""
    blks = Organisation.objects.filter(kind=Organisation.Kind.TRAINING_CENTRE)
    return blks.filter(institution_code=code).first() or blks.filter(code=code).first()


def programmes(blk: Organisation) -> QuerySet[Programme]:
    return Programme.objects.filter(organisation=blk).annotate(batch_count=Count("batches"))


_ENROLLED = Q(enrolments__status=Enrolment.Status.ENROLLED)


def batches(blk: Organisation) -> QuerySet[Batch]:
    return (
        Batch.objects.filter(organisation=blk)
        .select_related("programme")
        .annotate(
            trainees=Count("enrolments", filter=_ENROLLED),
            applied=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.APPLIED)),
        )
    )


def batch_enrolments(batch: Batch) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(organisation=batch.organisation, batch=batch)
        .exclude(status=Enrolment.Status.DECLINED)
        .select_related("alumnus")
        .order_by("status", "alumnus__name")
    )


def open_batches(blk: Organisation) -> QuerySet[Batch]:
    return Batch.objects.filter(organisation=blk, state=Batch.State.OPEN).select_related(
        "programme"
    )


def public_batch(code: str) -> Batch:
    """A batch open for sign-up, for the public page; 404 otherwise."""
    found = (
        Batch.objects.filter(code=code, state=Batch.State.OPEN)
        .select_related("organisation", "programme")
        .first()
    )
    if found is None:
        raise Http404
    return found


# --- One person, two histories ------------------------------------------------------------


@dataclass(frozen=True)
class PossibleMatch:
    """Another organisation's record that may be the same person. The BLK learns only that
    it exists, why, and where (the organisation's name): not the record's data."""

    code: str
    organisation: str
    reason: str  # "nik" or "name_birth_date"


def _matches(trainees: list[Alumnus]) -> dict[int, list[PossibleMatch]]:
    """Trainee pk -> records of other organisations with the trainee's NIK, or name and
    birth date, not linked to the trainee yet. Two queries whatever the number of trainees."""
    niks = {t.nik for t in trainees if t.nik}
    dates = {t.birth_date for t in trainees if t.birth_date}
    if not trainees or not (niks or dates):
        return {}
    candidates = list(
        Alumnus.objects.filter(Q(nik__in=niks) | Q(birth_date__in=dates))
        .exclude(organisation=trainees[0].organisation_id)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    found: dict[int, list[PossibleMatch]] = {}
    for trainee in trainees:
        for record in candidates:
            if trainee.person_key and record.person_key == trainee.person_key:
                continue
            same_nik = bool(trainee.nik) and record.nik == trainee.nik
            same_name = (
                trainee.birth_date is not None
                and record.birth_date == trainee.birth_date
                and record.name.casefold() == trainee.name.casefold()
            )
            if same_nik or same_name:
                reason = "nik" if same_nik else "name_birth_date"
                found.setdefault(trainee.pk, []).append(
                    PossibleMatch(record.code, record.organisation.name, reason)
                )
    return found


def possible_same_person(trainee: Alumnus) -> list[PossibleMatch]:
    """Records of other organisations that may be the trainee (see `_matches`)."""
    return _matches([trainee]).get(trainee.pk, [])


def batch_possible_matches(batch: Batch) -> dict[int, list[PossibleMatch]]:
    """Alumnus pk -> its possible matches, for the batch's trainees that have any."""
    return _matches([e.alumnus for e in batch_enrolments(batch)])


def linked_records(alumnus: Alumnus) -> list[Alumnus]:
    """The person's other records (confirmed links only), with their organisations."""
    if not alumnus.person_key:
        return []
    return list(
        Alumnus.objects.filter(person_key=alumnus.person_key)
        .exclude(pk=alumnus.pk)
        .select_related("organisation")
    )


def person_enrolments(records: list[Alumnus]) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(alumnus__in=records)
        .exclude(status=Enrolment.Status.DECLINED)
        .select_related("batch__programme", "organisation")
        .order_by("-batch__end_date")
    )


# --- Offices ------------------------------------------------------------------------------


def office_blks(office: Organisation) -> list[dict[str, Any]]:
    """The BLKs in an office's area with their batch and trainee counts."""
    blks = (
        Organisation.objects.filter(
            kind=Organisation.Kind.TRAINING_CENTRE, region_id__in=office.area_regency_codes()
        )
        .select_related("region")
        .annotate(
            batch_count=Count("batches", distinct=True),
            running=Count("batches", filter=Q(batches__state=Batch.State.RUNNING), distinct=True),
        )
        .order_by("name")
    )
    trainees = dict(
        Enrolment.objects.filter(organisation__in=blks, status=Enrolment.Status.ENROLLED)
        .values_list("organisation")
        .annotate(n=Count("id"))
        .values_list("organisation", "n")
    )
    return [{"blk": blk, "batches": blk.batch_count, "running": blk.running,
             "trainees": trainees.get(blk.pk, 0)} for blk in blks]  # fmt: skip


# --- Indicators (training/indicators.py computes; these read the rows) -----------------------


def blk_figures(
    blks: list[Organisation], as_of: dt.date, *, programme: str = "", batch: str = ""
) -> dict[str, Any]:
    """The BLK indicator set of `blks` (narrowed to a programme or batch) at `as_of`."""
    rows = load_trainees(scope_batches(blks, programme=programme, batch=batch), as_of)
    return indicators.blk_figures(indicators.tally_rows(rows, as_of))


def figures_by(
    blks: list[Organisation], as_of: dt.date, split: str, *, programme: str = "", batch: str = ""
) -> dict[str, dict[str, Any]]:
    """One indicator set per value of `split` (sex, disability, funding, program)."""
    rows = load_trainees(scope_batches(blks, programme=programme, batch=batch), as_of)
    groups = indicators.split_rows(rows, indicators.SPLITS[split], as_of)
    return {str(key): indicators.blk_figures(tally) for key, tally in sorted(groups.items())}


def office_blk_figures(office: Organisation, as_of: dt.date) -> list[dict[str, Any]]:
    """Every BLK in the office's area with its counts and its indicator set, side by side."""
    found = office_blks(office)
    rows = load_trainees(scope_batches([row["blk"] for row in found]), as_of)
    by_blk = indicators.split_rows(rows, lambda r: r.organisation, as_of)
    empty = indicators.BlkTally()
    for row in found:
        row["figures"] = indicators.blk_figures(by_blk.get(row["blk"].pk, empty))
    return found


def not_working_with_disability(batch: Batch, as_of: dt.date) -> list[Enrolment]:
    """The batch's graduates with a disability not known to work at `as_of`: candidates for
    a referral to the labour office's disability service unit (ULD)."""
    rows = load_trainees(scope_batches([batch.organisation], batch=batch.code), as_of)
    codes = [
        r.enrolment for r in rows
        if r.disability and r.graduated
        and not ((s := status_at(r.events, as_of)) and s.activity in JOB)
    ]  # fmt: skip
    return list(Enrolment.objects.filter(code__in=codes).select_related("alumnus"))


# --- Link and match (issue 13 item 6) -----------------------------------------------------


def programme_vacancies(blk: Organisation, programme: Programme) -> QuerySet[Any]:
    """Live vacancies the BLK's job exchange shows whose KBJI occupation falls under one of
    the programme's occupations (or names the group it belongs to): matched by code prefix."""
    from jejak.jobs.selectors import live, targeted_at_school

    codes = [o.code for o in programme.occupations.all()]
    if not codes:
        return live(targeted_at_school(blk)).none()
    return live(targeted_at_school(blk)).filter(asking_for(codes)).select_related("company")


def asking_for(codes: list[str]) -> Q:
    """Vacancies whose KBJI occupation falls under one of `codes` or names a group one of
    them belongs to (prefix match both ways, so each side may be coded at any depth); an
    empty list matches nothing. Link and match per programme and supply against demand per
    programme both read it."""
    if not codes:
        return Q(pk__in=[])
    match = Q()
    for code in codes:
        match |= Q(occupation__code__startswith=code)
        match |= Q(occupation_id__in=[code[:n] for n in range(1, len(code))])
    return match


def link_and_match(blk: Organisation, as_of: dt.date) -> list[dict[str, Any]]:
    """Per programme: the open vacancies asking for its occupations and how its past
    batches' graduates fared at 6 months, side by side."""
    placement = figures_by([blk], as_of, "program")
    return [
        {"programme": p, "vacancies": list(programme_vacancies(blk, p)[:50]),
         "figures": placement.get(p.own_code)}
        for p in programmes(blk).prefetch_related("occupations")
    ]  # fmt: skip
