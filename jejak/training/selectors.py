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
from jejak.training.models import Batch, Enrolment, PersonLink, Programme


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
    birth date, not linked to the trainee and not answered "bukan orang yang sama" yet. Two
    queries whatever the number of trainees (one when nothing matches)."""
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
    answered = _answered_pairs(trainees, candidates)
    found: dict[int, list[PossibleMatch]] = {}
    for trainee in trainees:
        for record in candidates:
            if trainee.person_key and record.person_key == trainee.person_key:
                continue
            if frozenset((trainee.pk, record.pk)) in answered:
                continue  # an officer said "bukan orang yang sama" (or linked them)
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


def _answered_pairs(trainees: list[Alumnus], candidates: list[Alumnus]) -> set[frozenset[int]]:
    """Pairs an officer already answered, either way round; no query without candidates."""
    if not candidates:
        return set()
    mine, theirs = [t.pk for t in trainees], [c.pk for c in candidates]
    rows = PersonLink.objects.filter(
        Q(alumnus_id__in=mine, other_id__in=theirs) | Q(alumnus_id__in=theirs, other_id__in=mine)
    ).values_list("alumnus_id", "other_id")
    return {frozenset(row) for row in rows}


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


@dataclass(frozen=True)
class Answered:
    """A record elsewhere an officer answered about, as the trainee's BLK may see it: where
    it is, the answer, when and by whom, and whether this BLK may undo it here (a link
    that reaches the record only through a third record is undone where it was made)."""

    code: str
    organisation: str
    answer: str
    decided_at: dt.datetime | None
    decided_by: str
    direct: bool


def person_answers(trainee: Alumnus) -> tuple[list[Answered], list[Answered]]:
    """The trainee's linked records (direct links first) and the records answered "bukan
    orang yang sama", for the same-person page."""
    links = PersonLink.objects.filter(Q(alumnus=trainee) | Q(other=trainee)).select_related(
        "alumnus__organisation", "other__organisation", "decided_by"
    )
    direct: dict[int, PersonLink] = {}
    for link in links:
        direct[link.other_id if link.alumnus_id == trainee.pk else link.alumnus_id] = link
    linked, not_same = [], []
    for record in linked_records(trainee):
        found = direct.get(record.pk)
        same = found is not None and found.answer == PersonLink.Answer.SAME
        linked.append(_answered(trainee, record, found if same else None))
    for pk, link in direct.items():
        if link.answer == PersonLink.Answer.NOT_SAME:
            record = link.other if link.other_id == pk else link.alumnus
            not_same.append(_answered(trainee, record, link))
    return sorted(linked, key=lambda a: not a.direct), not_same


def _answered(trainee: Alumnus, record: Alumnus, link: PersonLink | None) -> Answered:
    # Staff names of another organisation stay there: its answers show only their date.
    ours = link is not None and link.organisation_id == trainee.organisation_id
    by = link.decided_by.name if ours and link is not None and link.decided_by else ""
    return Answered(
        code=record.code, organisation=record.organisation.name,
        answer=link.answer if link else PersonLink.Answer.SAME,
        decided_at=link.decided_at if link else None, decided_by=by, direct=link is not None,
    )  # fmt: skip


def answered_record(trainee: Alumnus, code: str, answer: str) -> Alumnus:
    """The other record of the trainee's pair with `answer`; 404 when there is none (so a
    BLK reaches only pairs its own record is part of)."""
    link = (
        PersonLink.objects.filter(answer=answer)
        .filter(Q(alumnus=trainee, other__code=code) | Q(other=trainee, alumnus__code=code))
        .select_related("alumnus__organisation", "other__organisation")
        .first()
    )
    if link is None:
        raise Http404
    return link.other if link.alumnus_id == trainee.pk else link.alumnus


def person_enrolments(records: list[Alumnus]) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(alumnus__in=records)
        .exclude(status=Enrolment.Status.DECLINED)
        .select_related("batch__programme", "organisation")
        .order_by("-batch__end_date")
    )


# --- Offices ------------------------------------------------------------------------------


def office_blks(office: Organisation) -> list[dict[str, Any]]:
    """The BLKs in an office's area with their batch and trainee counts and the companies'
    orders to them (the demand signal for planning)."""
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
    from jejak.training.order_selectors import orders_per_blk

    orders = orders_per_blk(list(blks))
    return [{"blk": blk, "batches": blk.batch_count, "running": blk.running,
             "trainees": trainees.get(blk.pk, 0), "orders": orders.get(blk.pk)}
            for blk in blks]  # fmt: skip


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
    """One indicator set per value of `split` (sex, age, disability, funding, program), in
    the split's order (age bands youngest first)."""
    return figures_by_many(blks, as_of, (split,), programme=programme, batch=batch)[split]


def figures_by_many(
    blks: list[Organisation],
    as_of: dt.date,
    splits: tuple[str, ...],
    *,
    programme: str = "",
    batch: str = "",
) -> dict[str, dict[str, dict[str, Any]]]:
    """`figures_by` for several splits, the trainees read once: split -> value -> figures."""
    rows = load_trainees(scope_batches(blks, programme=programme, batch=batch), as_of)
    result = {}
    for split in splits:
        groups = indicators.split_rows(rows, indicators.SPLITS[split], as_of)
        ordered = sorted(groups.items(), key=lambda item: indicators.split_order(split, item[0]))
        result[split] = {str(key): indicators.blk_figures(tally) for key, tally in ordered}
    return result


def office_blk_figures(office: Organisation, as_of: dt.date) -> list[dict[str, Any]]:
    """Every BLK in the office's area with its counts and its indicator set, side by side."""
    found = office_blks(office)
    rows = load_trainees(scope_batches([row["blk"] for row in found]), as_of)
    by_blk = indicators.split_rows(rows, lambda r: r.organisation, as_of)
    empty = indicators.BlkTally()
    for row in found:
        row["figures"] = indicators.blk_figures(by_blk.get(row["blk"].pk, empty))
    return found


# Figures the office dashboards show for each BLK (stored, see training/rollups.py).
SUMMARY_COLUMNS = ("graduation_rate", "certification_rate", "placement_3m_rate",
                   "placement_6m_rate")  # fmt: skip


def office_blk_summary(office: Organisation) -> dict[str, Any]:
    """The office dashboards' BLK section: each BLK of the area with its stored figures and
    the area's sum, read from the rollups (nothing is computed from trainee rows here)."""
    from jejak.training import rollups
    from jejak.training.definitions import LABELS, definition

    rows = rollups.area_rollups(office)
    stored = [row["rollup"] for row in rows if row["rollup"] is not None]
    by_regency: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_regency.setdefault(row["blk"].region_id or "", []).append(row)
    # A province office also sees each regency's sum (where it has more than one regency).
    regencies = [
        {"region": members[0]["blk"].region, "figures": rollups.summed(members)}
        for _code, members in sorted(by_regency.items())
    ] if len(by_regency) > 1 else []  # fmt: skip
    return {
        "rows": rows, "total": rollups.summed(rows), "columns": SUMMARY_COLUMNS,
        "regencies": regencies,
        "labels": LABELS, "definitions": {name: definition(name) for name in SUMMARY_COLUMNS},
        "waiting": len(rows) - len(stored),
        "as_of": min((r.as_of for r in stored), default=None),
        "computed_at": min((r.computed_at for r in stored), default=None),
    }  # fmt: skip


def office_blk_split_summary(
    rows: list[dict[str, Any]], names: tuple[str, ...]
) -> dict[str, dict[str, dict[str, Any]]]:
    """The area's splits summed from the BLKs' stored tallies (rows of office_blk_summary)."""
    from jejak.training import rollups

    return {name: rollups.summed_split(rows, name) for name in names}


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
    """Per programme: the open vacancies asking for its occupations, companies' open orders
    naming it, and how its past batches' graduates fared at 6 months, side by side."""
    from jejak.training.order_selectors import open_orders_per_programme

    placement = figures_by([blk], as_of, "program")
    ordered = open_orders_per_programme(blk)
    return [
        {"programme": p, "vacancies": list(programme_vacancies(blk, p)[:50]),
         "figures": placement.get(p.own_code), "orders": ordered.get(p.pk)}
        for p in programmes(blk).prefetch_related("occupations")
    ]  # fmt: skip
