"""Province-scale costs: the refresh, a stale dashboard, exports at 200,000 rows, timings.

A generated province (Jawa Tengah, code 33, so it never mixes with the regencies of
indicators_bench): 2,000 schools over its regencies, 100 alumni per school and cohort over
5 cohorts (1,000,000 alumni), an outcome event for 80% of them and submitted survey answers
for 30% of the shown cohort. `BENCH_PROVINCE_SCALE` (default 0.1) scales schools and so
alumni; every figure is reported with the size it was measured at (details.province).
The generated rows are settled (VACUUM ANALYZE on PostgreSQL, ANALYZE on SQLite) before
anything is timed, as autovacuum leaves a database in service.

Metrics:
- province_refresh_ratio: refreshing every rollup of the province (all stale, the periodic
  pass) / computing the same figures in one pass (`indicators --region 33` per cohort),
  taken in turn twice, median of each. Goal <= 2.
- stale_dashboard_ratio: the province office page with 20 stale rollups / the same page
  fresh (median of runs). Goal <= 1.2: a page never recomputes.
- campaign_links_peak_mb, register_export_peak_mb: how far a fresh process's resident
  memory rises while it exports 200,000 x scale rows through the real command
  (campaign_links) and the real view (register export), after a ten-row warm-up; sampled
  from /proc/self/statm as the output streams (details.process_peak_mb: the whole
  process's peak, setup included). Goal <= 200 each.
- province_dashboard_s, regency_dashboard_s (a regency office: one regency of the
  province, about 57 schools at full size), province_indicators_s, province_export_s:
  median seconds.
- regency_ipk_sum_s: a regency's IPK III tables summed from its BKKs' stored period figures
  (every school of the regency keeps a BKK; one live register's tables stored for each),
  what `ipk_report --region` and the office's IPK page read; details.regency_ipk.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.timing import median_seconds

PROVINCE = "33"
COHORTS = [2020, 2021, 2022, 2023, 2024]
SHOWN = 2024
PER_SCHOOL_COHORT = 100
FULL_SCHOOLS = 2000
EXPORT_ROWS = 200_000
REPEATS = 5
ACTIVITIES = ["bekerja"] * 45 + ["melanjutkan"] * 15 + ["wirausaha"] * 9 + ["mencari_kerja"] * 22
ROOT = Path(__file__).resolve().parent.parent


def scale() -> float:
    return float(os.environ.get("BENCH_PROVINCE_SCALE", "0.1"))


def _schools(count: int) -> list[Any]:
    from jejak.organisations.models import Organisation
    from jejak.reference.models import Region

    regencies = list(
        Region.objects.filter(level=Region.Level.REGENCY, code__startswith=f"{PROVINCE}.")
        .order_by("code")
        .values_list("code", flat=True)
    )
    assert regencies, f"no regencies of province {PROVINCE} in the reference data"
    Organisation.objects.bulk_create(
        [Organisation(kind=Organisation.Kind.SCHOOL, name=f"SMK Prov {n:05d}",
                      region_id=regencies[n % len(regencies)], province_code=PROVINCE,
                      npsn=f"33{n:06d}", status="negeri" if n % 4 == 0 else "swasta")
         for n in range(count)],
        batch_size=2000,
    )  # fmt: skip
    return list(Organisation.objects.filter(npsn__startswith="33", name__startswith="SMK Prov"))


def _alumni(schools: list[Any], per_cohort: int, cohorts: list[int], prefix: str) -> int:
    from jejak.alumni.models import Alumnus

    serial, batch = 0, []
    for school in schools:
        for cohort in cohorts:
            for _ in range(per_cohort):
                serial += 1
                batch.append(Alumnus(
                    code=f"{prefix}{serial:09d}", organisation_id=school.pk,
                    province_code=PROVINCE, name=f"Alumni {prefix}{serial}",
                    sex="L" if serial % 2 else "P", cohort=cohort,
                    phone=f"+62812{serial:08d}", nisn=f"{1 if prefix == 'x' else 2}{serial:09d}",
                ))  # fmt: skip
                if len(batch) >= 5000:
                    Alumnus.objects.bulk_create(batch)
                    batch = []
    Alumnus.objects.bulk_create(batch)
    return serial


def _events(schools: list[Any]) -> int:
    from jejak.alumni.models import Alumnus
    from jejak.outcomes.models import OutcomeEvent

    rng = random.Random(33)
    alumni = Alumnus.objects.filter(organisation__in=schools, cohort__in=COHORTS).values_list(
        "id", "organisation_id", "cohort"
    )
    batch, count = [], 0
    for pk, org, cohort in alumni.iterator(chunk_size=20000):
        if rng.random() > 0.8:
            continue
        activity = rng.choice(ACTIVITIES)
        batch.append(OutcomeEvent(
            organisation_id=org, province_code=PROVINCE, alumnus_id=pk, activity=activity,
            source="self",
            start_date=dt.date(cohort, 5, 31) + dt.timedelta(days=rng.randint(-30, 330)),
            work_region_id=f"{PROVINCE}.01" if activity == "bekerja" else None,
            income=rng.choice([2_000_000, 3_000_000, None]) if activity == "bekerja" else None,
            alignment=rng.choice([None, 2, 3, 4]), formal=rng.random() < 0.6,
        ))  # fmt: skip
        if len(batch) >= 5000:
            count += len(OutcomeEvent.objects.bulk_create(batch))
            batch = []
    return count + len(OutcomeEvent.objects.bulk_create(batch))


def _campaign_and_answers(office: Any, user: Any) -> tuple[Any, int]:
    """A province campaign for the shown cohort (its links), and submitted answers."""
    from django.utils import timezone

    from jejak.reference.models import Region
    from jejak.tracer import services
    from jejak.tracer.models import Response, SurveyLink

    today = timezone.localdate()
    campaign = services.campaign_open(
        owner=office, region=Region.objects.get(code=PROVINCE), cohorts=[SHOWN],
        start=today - dt.timedelta(days=1), end=today + dt.timedelta(days=30), actor=user,
    )  # fmt: skip
    rng = random.Random(5)
    links = SurveyLink.objects.filter(campaign=campaign).values_list(
        "alumnus_id", "organisation_id"
    )
    batch, count = [], 0
    for alumnus, org in links.iterator(chunk_size=20000):
        if rng.random() < 0.3:
            batch.append(Response(
                campaign=campaign, alumnus_id=alumnus, organisation_id=org,
                province_code=PROVINCE, answers={"kegiatan": "bekerja"},
                state=Response.State.SUBMITTED, submitted_at=timezone.now(),
            ))  # fmt: skip
        if len(batch) >= 5000:
            count += len(Response.objects.bulk_create(batch))
            batch = []
    return campaign, count + len(Response.objects.bulk_create(batch))


def _office() -> tuple[Any, Any]:
    from jejak.accounts.models import Membership, Role, User
    from jejak.organisations.models import Organisation

    office = Organisation.objects.create(
        kind=Organisation.Kind.EDUCATION_OFFICE, name="Dinas Pendidikan Provinsi (bench)",
        region_id=PROVINCE,
    )  # fmt: skip
    office.area.set([PROVINCE])
    user = User.objects.create_user(email="provinsi@bench.id", name="Analis", password="x" * 12)
    Membership.objects.create(user=user, organisation=office, role=Role.OFFICE_ANALYST)
    return office, user


def _export_school(rows: int) -> tuple[Any, Any]:
    """One school whose register holds `rows` alumni (a cohort outside the five shown), and a
    small one (the warm-up export); one BKK officer of both."""
    from jejak.accounts.models import Membership, Role, User
    from jejak.organisations.models import Organisation

    big, small = (
        Organisation.objects.create(
            kind=Organisation.Kind.SCHOOL, name=name, region_id=f"{PROVINCE}.01", npsn=npsn
        )
        for name, npsn in (("SMK Register Besar", "39999999"), ("SMK Register Kecil", "39999998"))
    )
    _alumni([big], rows, [2018], "x")
    _alumni([small], 10, [2018], "y")
    user = User.objects.create_user(email="bkk@bench.id", name="BKK", password="x" * 12)
    for school in (big, small):
        Membership.objects.create(user=user, organisation=school, role=Role.BKK_OFFICER)
    return big, small


def _small_campaign(school: Any, user: Any) -> Any:
    """A ten-link campaign: the links export's warm-up (imports, first query), so the peak
    measured is the big campaign's own."""
    from django.utils import timezone

    from jejak.tracer import services

    today = timezone.localdate()
    return services.campaign_open(
        owner=school, school=school, cohorts=[2018], start=today,
        end=today + dt.timedelta(days=30), actor=user,
    )  # fmt: skip


def _regency_office(regency: str) -> Any:
    from jejak.accounts.models import Membership, Role, User
    from jejak.organisations.models import Organisation

    office = Organisation.objects.create(
        kind=Organisation.Kind.EDUCATION_OFFICE, name="Cabang Dinas (bench)", region_id=regency
    )
    office.area.set([regency])
    user = User.objects.create_user(email="cabdin@bench.id", name="Cabdin", password="x" * 12)
    Membership.objects.create(user=user, organisation=office, role=Role.OFFICE_ANALYST)
    return office, user


def _regency_ipk(regency: str) -> dict[str, Any]:
    """Every school of the regency keeps a BKK; one of them a live register (ipk_bench's);
    its month's tables are stored for all, then the regency sum is timed from them."""
    from django.db import connection
    from django.utils import timezone

    from bench.ipk_bench import MONTH, _register
    from jejak.bkkreports import figures
    from jejak.bkkreports.models import PeriodFigures
    from jejak.bkkreports.periods import Period
    from jejak.organisations.models import Bkk, Organisation

    schools = list(Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, region_id=regency,
                                               name__startswith="SMK Prov"))  # fmt: skip
    Bkk.objects.bulk_create([Bkk(organisation=s, province_code=s.province_code) for s in schools])
    _register(schools[0], random.Random(2026))
    period = Period("month", MONTH)
    tables = figures.live_tables(schools[0], period)
    now = timezone.now()
    PeriodFigures.objects.bulk_create([
        PeriodFigures(organisation=s, province_code=s.province_code, period_kind=period.kind,
                      period_start=period.start, tables=tables, computed_at=now, frozen_at=now)
        for s in schools
    ])  # fmt: skip
    seconds = median_seconds(lambda: figures.region_tables(regency, period), REPEATS)
    queries: list[str] = []
    with connection.execute_wrapper(lambda run, sql, *rest: queries.append(sql) or run(sql, *rest)):
        summed = figures.region_tables(regency, period)
    jumlah = next(r for r in summed["III/1"] if r["group"] == "JUMLAH")
    one = next(r for r in tables["III/1"] if r["group"] == "JUMLAH")
    assert jumlah["sisa_akhir_L"] == len(schools) * one["sisa_akhir_L"]
    return {"regency": regency, "bkks": len(schools), "seconds": round(seconds, 4),
            "queries": len(queries), "sisa_akhir_L": jumlah["sisa_akhir_L"]}  # fmt: skip


def _settle() -> None:
    """Statistics and hint bits for the freshly generated rows, as a database in service has
    them (autovacuum): otherwise whichever timed pass reads them first pays for it."""
    from django.db import connection

    tables = ["alumni_alumnus", "outcomes_outcomeevent", "tracer_response", "tracer_surveylink",
              "indicators_rollupstate", "organisations_organisation"]  # fmt: skip
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"VACUUM ANALYZE {table}"
                if connection.vendor == "postgresql"
                else f"ANALYZE {table}"
            )


def _page(user: Any, url: str) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user)

    def get() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    get()  # warm-up
    return get


def _refresh_ratio(repeats: int = 2) -> tuple[float, float, float]:
    """The first refresh of every rollup / the one pass, each the median of `repeats` runs
    taken in turn (one pass, refresh, one pass, refresh, ...), so that neither pays alone
    for a cold cache or a busy neighbour. Every refresh finds the province as generated:
    no rollup yet, every state stale."""
    import statistics

    from django.core.management import call_command

    from jejak.indicators.models import AreaRollup, Rollup, RollupState
    from jejak.indicators.rollups import mark_all_stale, refresh_stale

    def one_pass() -> None:
        for cohort in COHORTS:
            call_command("indicators", "--region", PROVINCE, "--cohort", str(cohort), "--json",
                         stdout=io.StringIO())  # fmt: skip

    refreshes, passes = [], []
    for _ in range(repeats):
        passes.append(median_seconds(one_pass, repeats=1))
        Rollup.objects.all().delete()
        AreaRollup.objects.all().delete()
        RollupState.objects.update(fingerprint="")
        mark_all_stale()
        refreshes.append(median_seconds(refresh_stale, repeats=1))
    refresh, one = statistics.median(refreshes), statistics.median(passes)
    return refresh / one, refresh, one


def _stale_ratio(get: Any, schools: list[Any]) -> tuple[float, float, float]:
    from jejak.indicators.rollups import mark_stale

    fresh = median_seconds(get, REPEATS)
    for school in schools[:20]:
        mark_stale(school.pk, SHOWN)
    stale = median_seconds(get, REPEATS)
    return stale / fresh, fresh, stale


_PEAK = """
import os, resource, sys, django
django.setup()
from io import StringIO
kind, arg = sys.argv[1], sys.argv[2]
PAGE_KB = resource.getpagesize() // 1024
def rss_kb():  # resident now (ru_maxrss is a high-water mark that setup may already hold)
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_KB
top = 0
def sample():
    global top
    top = max(top, rss_kb())
class Sampled:
    def __init__(self, out): self.out, self.writes = out, 0
    def write(self, text):
        self.writes += 1
        if self.writes % 500 == 0: sample()
        return self.out.write(text)
    def flush(self): self.out.flush()
if kind == "links":
    from django.core.management import call_command
    out = Sampled(open(os.devnull, "w"))
    big, small = arg.split(",")
    call_command("campaign_links", "--campaign", small, stdout=StringIO())  # warm-up: ten links
    before = rss_kb()
    call_command("campaign_links", "--campaign", big, stdout=out)
else:
    from django.test import Client
    from django.urls import reverse
    from jejak.accounts.models import User
    client = Client()
    client.force_login(User.objects.get(email="bkk@bench.id"))
    big, small = arg.split(",")
    warm = client.get(reverse("alumni:export", args=[small]))  # warm-up: ten rows
    sum(len(c) for c in warm.streaming_content)
    before = rss_kb()
    response = client.get(reverse("alumni:export", args=[big]))
    size = 0
    for number, chunk in enumerate(response.streaming_content):
        size += len(chunk)
        if number % 100 == 0:
            sample()
    assert size > 0
sample()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print((top - before) / 1024)
"""


def _peak_mb(kind: str, arg: str) -> tuple[float, float]:
    """How far the resident memory rose above its level before the export (sampled while
    it streams: the metric), and the process's whole peak (setup included)."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, kind, arg], cwd=ROOT, env=os.environ.copy(),
        capture_output=True, text=True, timeout=3600, check=True,
    )  # fmt: skip
    whole, growth = done.stdout.strip().splitlines()[-2:]
    return round(float(growth), 1), round(float(whole), 1)


def run(work: Path) -> tuple[dict[str, float], dict[str, Any]]:
    from django.core.management import call_command
    from django.db import transaction
    from django.urls import reverse

    from jejak.indicators.models import RollupState

    factor = scale()
    count = max(int(FULL_SCHOOLS * factor), 20)
    export_rows = max(int(EXPORT_ROWS * factor), 1000)
    started = time.perf_counter()
    with transaction.atomic():
        schools = _schools(count)
        alumni = _alumni(schools, PER_SCHOOL_COHORT, COHORTS, "p")
        events = _events(schools)
        office, user = _office()
        campaign, answers = _campaign_and_answers(office, user)
        export_school, warm_school = _export_school(export_rows)
        warm_campaign = _small_campaign(warm_school, user)
        regency = schools[0].region_id
        regency_office, regency_user = _regency_office(regency)
        RollupState.objects.bulk_create(
            [RollupState(organisation_id=s.pk, cohort=c, province_code=PROVINCE)
             for s in schools for c in COHORTS]
        )  # fmt: skip
    generated = time.perf_counter() - started
    _settle()
    ratio, refresh_s, one_pass_s = _refresh_ratio()
    office_url = reverse("indicators:office", args=[office.code]) + f"?cohort={SHOWN}"
    get = _page(user, office_url)
    stale_ratio, fresh_s, stale_s = _stale_ratio(get, schools)
    args = ["indicators", "--region", PROVINCE, "--cohort", str(SHOWN), "--json"]
    indicators_s = median_seconds(lambda: call_command(*args, stdout=io.StringIO()), repeats=3)
    regency_url = reverse("indicators:office", args=[regency_office.code]) + f"?cohort={SHOWN}"
    regency_s = median_seconds(_page(regency_user, regency_url), REPEATS)
    links_mb, links_whole_mb = _peak_mb("links", f"{campaign.code},{warm_campaign.code}")
    start = time.perf_counter()
    register_mb, register_whole_mb = _peak_mb(
        "register", f"{export_school.code},{warm_school.code}"
    )
    export_s = time.perf_counter() - start
    with transaction.atomic():
        ipk = _regency_ipk(regency)
    size = {
        "schools": count, "cohorts": COHORTS, "alumni": alumni, "outcome_events": events,
        "survey_answers": answers, "campaign_links": campaign.links.count(),
        "register_export_rows": export_rows, "scale": factor,
    }  # fmt: skip
    details = {
        "province": size, "generate_seconds": round(generated, 1),
        "refresh_all_seconds": round(refresh_s, 2), "one_pass_seconds": round(one_pass_s, 2),
        "dashboard_fresh_s": round(fresh_s, 4), "dashboard_stale20_s": round(stale_s, 4),
        "export_process_seconds": round(export_s, 2),
        "regency": regency, "regency_schools": sum(1 for s in schools if s.region_id == regency),
        "process_peak_mb": {"campaign_links": links_whole_mb, "register_export": register_whole_mb},
        "regency_ipk": ipk,
        "goal": "province_refresh_ratio <= 2, stale_dashboard_ratio <= 1.2, peaks <= 200 MB",
        "database": os.environ.get("DATABASE_URL", "").split(":", 1)[0],
    }  # fmt: skip
    print(json.dumps(details))
    return {
        "province_refresh_ratio": round(ratio, 2),
        "stale_dashboard_ratio": round(stale_ratio, 2),
        "campaign_links_peak_mb": links_mb,
        "register_export_peak_mb": register_mb,
        "province_dashboard_s": round(fresh_s, 3),
        "regency_dashboard_s": round(regency_s, 3),
        "regency_ipk_sum_s": round(ipk["seconds"], 3),
        "province_indicators_s": round(indicators_s, 2),
        "province_export_s": round(export_s, 2),
    }, details
