"""The score: a documented weighted sum of soft factors, 0-100, with its parts shown.

Only people who pass every hard condition (`rules`) are scored. Each factor gives a fraction
between 0 and 1; the score is the sum of WEIGHTS[factor] * fraction, rounded. The weights sum
to 100, so a factor's weight is the most it can add.

- major: exact major 1, the vacancy named the person's program 2/3, their bidang 1/3, no major
  named 1/3 (open to all, so no one is favoured);
- skills: the share of the skills and certificates the vacancy lists that the person's text
  covers (see `skills`); a vacancy that lists none gives everyone 1/2;
- occupation: a KBJI code the person seeks and the vacancy's code agree by prefix (any depth)
  1; either side uncoded 1/2; coded and different 0;
- location: same regency 1, the work region among those the person seeks 0.8, same province
  2/3, another province but willing to move 0.4, else 0 (a gap); work region unknown 1/2;
- recency: graduated this or last year 1, then a quarter less each year, 0 from five years;
- disability: a disability-friendly vacancy for a person with a disability recorded with their
  consent 1, else 0 (never a penalty, never read otherwise);
- history: the track record of the person's school in a similar occupation: its placements
  (jobs.Placement) into the vacancy's KBJI major group. volume = placements / 5, at most 1;
  keselarasan = the share of those placements whose outcome answered keselarasan 3-4 (of
  those answered; as supply against demand and the indicators count it); retention = the
  share still working 6 months on, of those begun at least 182 days ago (a placement counts
  as left when the outcome history has a report of anything but work or business beginning
  within 182 days after its start). history = volume * (1 + keselarasan + retention) / 3,
  an unknown share counting 1/2: a school that placed five or more whose placements all
  stayed aligned and working gives 1, placements alone 2/3, none 0. Vacancies without a KBJI
  code give 0. Loaded once per match, aggregated per school and group in the database
  (`selectors.track_records`).

Nothing else is read: not religion, ethnicity, sex or age (those are conditions only when the
vacancy asks them, in `rules`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from jejak.matching import skills
from jejak.matching.facts import Job, Seeker
from jejak.matching.majors import MajorTree
from jejak.matching.reasons import Item, item

WEIGHTS = {
    "major": 30,
    "skills": 20,
    "occupation": 15,
    "location": 15,
    "recency": 5,
    "disability": 5,
    "history": 10,
}
MAJOR_PARTS = {"exact": 1.0, "program": 2 / 3, "field": 1 / 3, "any": 1 / 3}
_YEARS = re.compile(r"(\d+)\s*(?:tahun|thn|th|year)")


@dataclass(frozen=True)
class Record:
    """A school's placements into one KBJI major group, as `history` reads them."""

    placed: int = 0
    answered: int = 0  # with a keselarasan answer
    aligned: int = 0  # answered 3-4
    due: int = 0  # begun at least RETENTION_DAYS ago
    left: int = 0  # of those due, not working within RETENTION_DAYS of the start

    @property
    def keselarasan(self) -> float | None:
        return self.aligned / self.answered if self.answered else None

    @property
    def retention(self) -> float | None:
        return (self.due - self.left) / self.due if self.due else None


# Six average months (182.625 days), as the indicators' "within 6 months" counts them.
RETENTION_DAYS = 182


@dataclass
class Context:
    """What scoring one side against many needs, loaded once."""

    tree: MajorTree
    today: dt.date
    occupation_names: dict[str, str] = field(default_factory=dict)
    # (school id, KBJI major group) -> the school's placements into that group.
    history: dict[tuple[int, str], Record] = field(default_factory=dict)


@dataclass
class Scored:
    score: int
    parts: dict[str, float]
    reasons: list[Item]
    gaps: list[Item]


def score(seeker: Seeker, job: Job, ctx: Context) -> Scored:
    """Score a pair that passed the hard conditions, with its reasons and gaps."""
    reasons: list[Item] = []
    gaps: list[Item] = []
    fractions = {
        "major": _major(seeker, job, ctx, reasons),
        "skills": _skills(seeker, job, reasons, gaps),
        "occupation": _occupation(seeker, job, ctx, reasons),
        "location": _location(seeker, job, reasons, gaps),
        "recency": _recency(seeker, ctx, reasons),
        "disability": _disability(seeker, job, reasons),
        "history": _history(seeker, job, ctx, reasons),
    }
    _experience(seeker, job, ctx, gaps)
    parts = {name: round(WEIGHTS[name] * value, 1) for name, value in fractions.items()}
    total = round(sum(WEIGHTS[name] * value for name, value in fractions.items()))
    return Scored(max(0, min(100, total)), parts, reasons, gaps)


def _major(seeker: Seeker, job: Job, ctx: Context, reasons: list[Item]) -> float:
    relation = ctx.tree.relation(seeker.major_id, job.majors)
    if relation is None:
        return 0.0
    kind, node = relation
    if kind == "any":
        reasons.append(item("major_any"))
    elif kind == "exact":
        level = ctx.tree.nodes[node].level
        code = "major_exact" if level == "konsentrasi" else "major_same"
        reasons.append(item(code, major=ctx.tree.name(node)))
    else:
        reasons.append(item(f"major_{kind}", major=ctx.tree.name(node)))
    return MAJOR_PARTS[kind]


def _skills(seeker: Seeker, job: Job, reasons: list[Item], gaps: list[Item]) -> float:
    wanted = skills.items(job.skills)
    if not wanted:
        return 0.5
    certificates = skills.Vocabulary.of(
        f"sertifikat {seeker.certificates}" if seeker.certificates else ""
    )
    own = skills.Vocabulary.of(seeker.skills)
    bnsp = bool(re.search(r"\b(bnsp|lsp)\b", seeker.certificates, re.IGNORECASE))
    covered = 0
    for thing in wanted:
        if certificates.covers(thing):
            reasons.append(item("certificate_bnsp" if bnsp else "certificate", item=thing))
        elif own.covers(thing):
            reasons.append(item("skill", item=thing))
        else:
            gaps.append(item("skill_missing", item=thing))
            continue
        covered += 1
    return covered / len(wanted)


def kbji_agree(a: str, b: str) -> bool:
    """Two KBJI codes agree when one is a prefix of the other (a major group and a unit
    group within it), so matching works at whatever depth each side is coded."""
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


def _occupation(seeker: Seeker, job: Job, ctx: Context, reasons: list[Item]) -> float:
    if not job.occupation or not seeker.occupations:
        return 0.5
    if any(kbji_agree(code, job.occupation) for code in seeker.occupations):
        name = ctx.occupation_names.get(job.occupation, job.occupation)
        reasons.append(item("occupation", occupation=name))
        return 1.0
    return 0.0


def _location(seeker: Seeker, job: Job, reasons: list[Item], gaps: list[Item]) -> float:
    if not job.work_region:
        return 0.5
    if seeker.region == job.work_region:
        reasons.append(item("same_regency"))
        return 1.0
    if any(job.work_region.startswith(code) for code in seeker.regions_sought):
        reasons.append(item("region_sought"))
        return 0.8
    if seeker.region[:2] == job.work_region[:2]:
        reasons.append(item("same_province"))
        return 2 / 3
    if seeker.willing_to_relocate:
        reasons.append(item("willing_to_move"))
        return 0.4
    gaps.append(item("other_province"))
    return 0.0


def years_since_graduation(seeker: Seeker, today: dt.date) -> int | None:
    return None if seeker.cohort is None else max(0, today.year - seeker.cohort)


def _recency(seeker: Seeker, ctx: Context, reasons: list[Item]) -> float:
    years = years_since_graduation(seeker, ctx.today)
    if years is None:
        return 0.0
    if years <= 1:
        reasons.append(item("recent_graduate", year=seeker.cohort))
    return max(0.0, 1.0 - max(0, years - 1) * 0.25)


def _disability(seeker: Seeker, job: Job, reasons: list[Item]) -> float:
    if job.disability_friendly and seeker.disability:
        reasons.append(item("disability_friendly"))
        return 1.0
    return 0.0


def _history(seeker: Seeker, job: Job, ctx: Context, reasons: list[Item]) -> float:
    record = ctx.history.get((seeker.school_id, job.occupation[:1])) if job.occupation else None
    if record is None or not record.placed:
        return 0.0
    reasons.append(item("school_history", count=record.placed))
    aligned, retained = record.keselarasan, record.retention
    if aligned is not None and aligned >= 0.5:
        reasons.append(item("school_aligned", share=round(100 * aligned)))
    if retained is not None and retained >= 0.5:
        reasons.append(item("school_retention", share=round(100 * retained)))
    quality = 1 + (0.5 if aligned is None else aligned) + (0.5 if retained is None else retained)
    return min(1.0, record.placed / 5) * quality / 3


def _experience(seeker: Seeker, job: Job, ctx: Context, gaps: list[Item]) -> None:
    """Years of experience asked, against the years since graduation (all a register knows)."""
    found = _YEARS.search(job.experience.lower())
    if not found or int(found.group(1)) == 0:
        return
    years = int(found.group(1))
    since = years_since_graduation(seeker, ctx.today)
    if since is None or since < years:
        gaps.append(item("experience", years=years))
