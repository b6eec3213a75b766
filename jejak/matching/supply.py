"""Supply against demand per major and region, for a year: what a school needs to decide
which majors to open or close and what a province needs for its planning.

Definitions (all for calendar year `year`, in region `region`, a province "35" or a regency
"35.09"):

- graduates: alumni of the region's schools and BLKs with that cohort (angkatan lulus);
- seekers: job-seeker registrations (AK/1) made that year at the region's BKKs, by the
  registration's major (else the alumnus's);
- vacancies, positions: vacancies registered that year that work in the region (or, with no
  work region given, posted by an organisation of the region), and their positions; a vacancy
  naming several majors counts once under each row it names;
- placements: placements of the region's schools starting that year, by the alumnus's major;
  aligned: those whose outcome says keselarasan 3-4 (as the indicators count it);
- ratio: seekers per position (None without positions).

A row is a major at the level asked (`by`); a major stored below it rolls up to it, a vacancy
that names a coarser major (a whole bidang when rows are konsentrasi) keeps its own row, so
nothing is guessed. Vacancies for any major are counted apart (`any_major`).

By BLK training programme (`by="pelatihan"`), a row is a programme of the region's BLKs (or
of one BLK), `major` its Jejak code, with the BLK named:

- graduates: trainees who passed (lulus) a batch of the programme ending in `year`;
- seekers: those graduates with an open job-seeker registration (the BLK's BKK registers them);
- vacancies, positions: vacancies registered that year in the region (as above) asking for
  one of the programme's KBJI occupations, matched by code prefix as the BLK's link and match
  does (`training.selectors.asking_for`); a programme without occupations has none;
- placements: placements starting that year of people who passed any batch of the programme;
  aligned as above.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from jejak.alumni.models import Alumnus
from jejak.jobs.models import Placement, Vacancy
from jejak.matching.majors import MajorTree
from jejak.reference.models import Major
from jejak.seekers.models import Registration

LEVELS = [level.value for level in Major.Level]
BY_PROGRAMME = "pelatihan"
BY_CHOICES = [*LEVELS, BY_PROGRAMME]
COUNTS = ("graduates", "seekers", "vacancies", "positions", "placements")


@dataclass
class Row:
    major: str
    name: str
    level: str
    graduates: int = 0
    seekers: int = 0
    vacancies: int = 0
    positions: int = 0
    placements: int = 0
    aligned: int = 0
    alignment_answered: int = 0
    blk: str = ""  # the BLK of a programme row

    @property
    def ratio(self) -> float | None:
        return round(self.seekers / self.positions, 2) if self.positions else None

    @property
    def keselarasan(self) -> float | None:
        if not self.alignment_answered:
            return None
        return round(100 * self.aligned / self.alignment_answered, 1)

    def contract(self) -> dict[str, Any]:
        named = {"major": self.major, "name": self.name}
        if self.level == BY_PROGRAMME:
            named["blk"] = self.blk
        return {**named, **{k: getattr(self, k) for k in COUNTS}}


@dataclass
class Table:
    region: str
    year: int
    by: str
    rows: list[Row]
    any_major: dict[str, int] = field(default_factory=dict)

    def totals(self) -> dict[str, int]:
        return {k: sum(getattr(r, k) for r in self.rows) for k in COUNTS}

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _in_region(region: str, prefix: str = "") -> Q:
    """Organisations (reached through `prefix`) located in the province or regency."""
    if "." in region:
        return Q(**{f"{prefix}region_id": region})
    return Q(**{f"{prefix}province_code": region})


def supply_demand(
    *, region: str, year: int, by: str = "konsentrasi", school_id: int | None = None
) -> Table:
    """The table for `region` and `year`, rows at level `by` (or per BLK programme). With
    `school_id`, the supply side (graduates, seekers, placements) is that school's (a BLK's:
    its programmes); demand stays the region's."""
    if by == BY_PROGRAMME:
        return _by_programme(region, year, school_id)
    if by not in LEVELS:
        raise ValueError(by)
    tree = MajorTree.load()
    codes = dict(Major.objects.values_list("pk", "code"))
    rows: dict[int, Row] = {}

    def row(major_id: int | None) -> Row | None:
        node = _roll_up(tree, major_id, by)
        if node is None:
            return None
        if node not in rows:
            level = tree.nodes[node].level
            rows[node] = Row(codes[node], tree.name(node), level)
        return rows[node]

    supply = Q(organisation_id=school_id) if school_id else _in_region(region, "organisation__")
    _supply(rows, row, supply, year)
    any_major = _demand(row, region, year)
    ordered = sorted(rows.values(), key=lambda r: [int(p) for p in r.major.split(".")])
    return Table(region, year, by, ordered, any_major)


def _roll_up(tree: MajorTree, major_id: int | None, by: str) -> int | None:
    """The row a major counts under: its ancestor at level `by`, or itself when coarser."""
    chain = tree.ancestors(major_id)
    for pk in chain:
        if tree.nodes[pk].level == by:
            return pk
    return chain[0] if chain else None


def _supply(rows: dict[int, Row], row: Any, supply: Q, year: int) -> None:
    graduates = Alumnus.objects.filter(supply, cohort=year).values("major_id")
    for found in graduates.annotate(n=Count("pk")):
        if (target := row(found["major_id"])) is not None:
            target.graduates += found["n"]
    seekers = (
        Registration.objects.filter(supply, registered_on__year=year)
        .annotate(major_or_own=Coalesce(F("major_id"), F("alumnus__major_id")))
        .values("major_or_own")
        .annotate(n=Count("pk"))
    )
    for counted in seekers:
        if (target := row(counted["major_or_own"])) is not None:
            target.seekers += counted["n"]
    placements = (
        Placement.objects.filter(supply, start_date__year=year)
        .values("alumnus__major_id")
        .annotate(
            n=Count("pk"),
            answered=Count("pk", filter=Q(outcome_event__alignment__isnull=False)),
            aligned=Count("pk", filter=Q(outcome_event__alignment__gte=3)),
        )
    )
    for placed in placements:
        if (target := row(placed["alumnus__major_id"])) is not None:
            target.placements += placed["n"]
            target.alignment_answered += placed["answered"]
            target.aligned += placed["aligned"]


def _registered_demand(region: str, year: int) -> QuerySet[Vacancy]:
    """Vacancies registered in `year` that work in the region (or, with no work region given,
    posted by an organisation of the region)."""
    where = Q(work_region__code__startswith=region) | (
        Q(work_region=None, work_country="") & _in_region(region, "posted_by_org__")
    )
    return Vacancy.objects.filter(where, registered_on__year=year)


def _demand(row: Any, region: str, year: int) -> dict[str, int]:
    vacancies = list(_registered_demand(region, year).values_list("pk", "openings"))
    majors: dict[int, set[int]] = defaultdict(set)
    through = Vacancy.majors.through.objects.filter(vacancy_id__in=[pk for pk, _ in vacancies])
    for vacancy_id, major_id in through.values_list("vacancy_id", "major_id"):
        majors[vacancy_id].add(major_id)
    any_major = {"vacancies": 0, "positions": 0}
    for pk, openings in vacancies:
        targets = {id(r): r for r in (row(m) for m in majors[pk]) if r is not None}
        if not targets:
            any_major["vacancies"] += 1
            any_major["positions"] += openings
        for target in targets.values():
            target.vacancies += 1
            target.positions += openings
    return any_major


def _by_programme(region: str, year: int, blk_id: int | None) -> Table:
    from jejak.training.models import Enrolment, Programme
    from jejak.training.selectors import asking_for

    where = Q(organisation_id=blk_id) if blk_id else _in_region(region, "organisation__")
    programmes = list(
        Programme.objects.filter(where).select_related("organisation")
        .prefetch_related("occupations").order_by("organisation__name", "name", "pk")
    )  # fmt: skip
    rows = {p.pk: Row(p.code, p.name, BY_PROGRAMME, blk=p.organisation.name) for p in programmes}
    passed = Enrolment.objects.filter(
        batch__programme_id__in=list(rows), status=Enrolment.Status.ENROLLED, graduated=True
    )
    graduates = passed.filter(batch__end_date__year=year).values("batch__programme_id")
    looking = Registration.objects.filter(alumnus_id=OuterRef("alumnus_id"), ended_on=None)
    counted = graduates.annotate(
        n=Count("alumnus_id", distinct=True),
        seeking=Count("alumnus_id", distinct=True, filter=Q(Exists(looking))),
    )
    for found in counted.order_by():
        rows[found["batch__programme_id"]].graduates = found["n"]
        rows[found["batch__programme_id"]].seekers = found["seeking"]
    # One filter() call: the programme, the status and the pass are the same enrolment's.
    of_graduates = Q(
        alumnus__enrolments__batch__programme_id__in=list(rows),
        alumnus__enrolments__status=Enrolment.Status.ENROLLED,
        alumnus__enrolments__graduated=True,
    )
    placed = (
        Placement.objects.filter(of_graduates, start_date__year=year)
        .values("alumnus__enrolments__batch__programme_id")
        .annotate(
            n=Count("pk", distinct=True),
            answered=Count("pk", distinct=True, filter=Q(outcome_event__alignment__isnull=False)),
            aligned=Count("pk", distinct=True, filter=Q(outcome_event__alignment__gte=3)),
        )
        .order_by()
    )
    for counts in placed:
        row = rows[counts["alumnus__enrolments__batch__programme_id"]]
        row.placements, row.alignment_answered = counts["n"], counts["answered"]
        row.aligned = counts["aligned"]
    wanted: dict[str, Any] = {}
    for p in programmes:
        codes = [o.code for o in p.occupations.all()]
        if not codes:
            continue  # no occupation named: no vacancy can be said to ask for it
        asked = asking_for(codes)
        wanted[f"v{p.pk}"] = Count("pk", filter=asked)
        wanted[f"p{p.pk}"] = Sum("openings", filter=asked)
    demand = _registered_demand(region, year).aggregate(**wanted) if wanted else {}
    for p in programmes:
        rows[p.pk].vacancies = demand.get(f"v{p.pk}") or 0
        rows[p.pk].positions = demand.get(f"p{p.pk}") or 0
    return Table(region, year, BY_PROGRAMME, list(rows.values()))
