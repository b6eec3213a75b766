"""Demo details for the indicators: what the outcome events say about work and study, a
closed tracer campaign per school with its submitted answers, and the rollups computed."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from jejak.indicators.rollups import refresh_areas, refresh_batch
from jejak.organisations.models import Organisation
from jejak.outcomes.models import Activity, OutcomeEvent
from jejak.tracer.models import Campaign, Response

EMPLOYERS = [
    "PT Sinar Jaya Abadi", "PT Kopi Ijen Nusantara", "CV Mitra Tani Jember",
    "PT Astra Daihatsu Motor", "Koperasi Karya Mandiri", "RSUD dr. Soebandi", "Toko Berkah",
    "PT Indofood CBP", "Hotel Aston Jember", "Bengkel Maju Motor",
]  # fmt: skip
# Most work in Jember; some in Surabaya (same province), a few in Bandung and Jakarta
# (another province) and a few abroad.
PLACES = (
    [("35.09", "")] * 14
    + [("35.78", "")] * 4
    + [("32.73", ""), ("31.71", "")]
    + [
        (None, "Malaysia"),
        (None, "Jepang"),
    ]
)
SECTIONS = ["C", "G", "I", "Q", "A", "S", "H", "J"]
GROUPS = ["3", "4", "5", "7", "8", "9"]


def _details(rng: random.Random, event: OutcomeEvent) -> None:
    if event.activity == Activity.STUDYING:
        event.employer = rng.choice(["Universitas Jember", "Politeknik Negeri Jember"])
        event.alignment = rng.choice([2, 3, 3, 4])
        return
    if event.activity not in {Activity.WORKING, Activity.SELF_EMPLOYED}:
        return
    region, country = rng.choice(PLACES)
    event.work_region_id, event.work_country = region, country
    event.employer = (
        rng.choice(EMPLOYERS) if event.activity == Activity.WORKING else "Usaha sendiri"
    )
    event.industry_id = rng.choice(SECTIONS)
    event.occupation_id = rng.choice(GROUPS)
    event.formal = rng.random() < 0.6 if event.activity == Activity.WORKING else False
    event.income = rng.choice([1_500_000, 2_200_000, 2_838_642, 3_000_000, 3_500_000, 4_800_000])
    event.alignment = rng.choice([1, 2, 3, 3, 4, 4, None])
    if rng.random() < 0.1:
        event.source = "placement"


def seed_indicators(rng: random.Random, schools: list[Organisation], years: list[int]) -> None:
    events = list(OutcomeEvent.objects.filter(organisation__in=schools).select_related("alumnus"))
    for event in events:
        _details(rng, event)
    OutcomeEvent.objects.bulk_update(
        events,
        ["employer", "industry", "occupation", "work_region", "work_country", "formal",
         "income", "alignment", "source", "activity"],
        batch_size=1000,
    )  # fmt: skip
    traced_year = years[-2] if len(years) > 1 else years[-1]
    today = timezone.localdate()  # a closed round has ended: never dated in the future
    responses = []
    for school in schools:
        campaign = Campaign.objects.create(
            owner=school, school=school, cohorts=[traced_year], name=f"Penelusuran {traced_year}",
            start_date=min(dt.date(traced_year + 1, 5, 1), today - dt.timedelta(days=60)),
            end_date=min(dt.date(traced_year + 1, 6, 30), today - dt.timedelta(days=1)),
            state=Campaign.State.CLOSED,
        )  # fmt: skip
        answered = {e.alumnus_id for e in events if e.organisation_id == school.pk
                    and e.alumnus.cohort == traced_year and e.source != "placement"
                    and rng.random() < 0.85}  # fmt: skip
        responses += [
            Response(campaign=campaign, alumnus_id=pk, organisation=school,
                     province_code=school.province_code, state=Response.State.SUBMITTED)
            for pk in sorted(answered)
        ]  # fmt: skip
    Response.objects.bulk_create(responses, batch_size=1000)
    refresh_areas([pair for year in years for pair in refresh_batch(schools, year)])
