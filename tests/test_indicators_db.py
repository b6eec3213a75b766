"""Indicators read from the database: the CLI contract, and rollups equal to recomputation."""

from __future__ import annotations

import datetime as dt
import json
import random
from io import StringIO
from typing import Any

from django.core.management import call_command

from jejak.alumni.models import Alumnus, SchoolClass
from jejak.indicators.compute import figures, split_rows, tally_rows
from jejak.indicators.models import RollupState
from jejak.indicators.reading import load_rows, umk_lookup
from jejak.indicators.rollups import SPLIT_KEYS, detect_changes, mark_stale, refresh_stale
from jejak.indicators.selectors import (
    area_by_regency,
    area_split_figures,
    area_total,
    school_figures,
    split_figures,
    total_figures,
)
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent
from jejak.tracer.models import Campaign, GraduationDate, Response
from tests.conftest import Tenant, numbers, running_campaign, without_definition


def _event(alumnus: Alumnus, activity: str, start: dt.date, **more: Any) -> OutcomeEvent:
    return OutcomeEvent.objects.create(
        organisation=alumnus.organisation, alumnus=alumnus, activity=activity, start_date=start,
        source=more.pop("source", "self"), **more,
    )  # fmt: skip


def _campaign(school: Organisation, cohorts: list[int]) -> Campaign:
    return Campaign.objects.create(
        owner=school, school=school, cohorts=cohorts, start_date=dt.date(2026, 5, 1),
        end_date=dt.date(2026, 7, 1), name="uji",
    )  # fmt: skip


def _submitted(campaign: Campaign, alumnus: Alumnus, state: str = "submitted") -> None:
    Response.objects.create(
        campaign=campaign, alumnus=alumnus, organisation=alumnus.organisation,
        province_code=alumnus.province_code, answers={}, state=state,
    )  # fmt: skip


def _cli(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("indicators", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_cli_prints_the_indicator_set_as_json(jember: Tenant, bandung: Tenant) -> None:
    a1, a2 = jember.alumnus, jember.other_alumnus
    _event(a1, "mencari_kerja", dt.date(2025, 6, 1))
    _event(a1, "bekerja", dt.date(2025, 9, 1), work_region_id="35.09", income=3_000_000)
    _event(a2, "bekerja", dt.date(2026, 7, 1))  # after the default reference date
    _submitted(_campaign(jember.school, [2025]), a1)
    _submitted(_campaign(jember.school, [2024]), a2)  # a campaign for another cohort
    result = _cli("--school", jember.school.npsn, "--cohort", "2025")
    assert result["cohort_size"] == 2
    assert numbers(result["participation_rate"]) == {"value": 0.5, "numerator": 1, "denominator": 2}
    assert numbers(result["knowledge_rate"]) == {"value": 0.5, "numerator": 1, "denominator": 2}
    assert numbers(result["working_rate"]) == {"value": 1.0, "numerator": 1, "denominator": 1}
    # R is 31 May 2026: the 2026 UMK of Jember (Rp3.012.197, seeded) is above Rp3.000.000.
    assert without_definition(result["income_at_or_above_umk_rate"]) == {
        "value": 0.0, "numerator": 0, "denominator": 1,
        "minimum_wage": {"kind": "UMK", "year": 2026},
        "minimum_wages": [{"kind": "UMK", "year": 2026, "count": 1}]}  # fmt: skip
    assert isinstance(result["median_wait_months"], float)
    assert isinstance(result["cohort_size"], int)
    later = _cli("--school", jember.school.npsn, "--cohort", "2025", "--as-of", "2026-08-01")
    assert later["knowledge_rate"]["numerator"] == 2
    region = _cli("--region", "35", "--cohort", "2025")
    assert region["cohort_size"] == 2  # Bandung's alumni are in province 32
    assert _cli("--region", "32.04", "--cohort", "2025")["knowledge_rate"]["numerator"] == 0
    by_school = _cli("--region", "35", "--cohort", "2025", "--by", "school")
    assert list(by_school) == [jember.school.npsn]
    assert by_school[jember.school.npsn]["participation_rate"]["numerator"] == 1
    by_class = _cli("--school", jember.school.npsn, "--cohort", "2025", "--by", "class")
    assert by_class[str(jember.own_class.pk)]["working_rate"]["numerator"] == 1
    assert by_class[str(jember.other_class.pk)]["knowledge_rate"]["numerator"] == 0


def _recomputed(schools: list[Organisation], cohort: int) -> tuple[dict, dict[str, dict]]:
    rows = load_rows(schools, cohort)
    umk = umk_lookup()
    splits = {
        split: {str(k): figures(t) for k, t in sorted(split_rows(rows, key, umk).items())}
        for split, key in SPLIT_KEYS.items()
    }
    return figures(tally_rows(rows, umk)), splits


def _random_change(rng: random.Random, schools: list[Organisation], campaign: Campaign) -> None:
    """One change, as a writer would make it: some call mark_stale, some (bulk writers of
    other apps) do not and are found by detect_changes."""
    school = rng.choice(schools)
    alumni = list(Alumnus.objects.filter(organisation=school))
    kind = rng.choice(["alumnus", "event", "event", "event", "delete", "edit", "response"])
    if kind == "alumnus" or not alumni:
        klass = SchoolClass.objects.filter(organisation=school).order_by("?").first()
        a = Alumnus.objects.create(
            organisation=school, name=f"A{rng.random()}", sex=rng.choice("LP"),
            cohort=rng.choice([2024, 2025]), school_class=klass,
            disability=rng.choice(["", "", "D"]),
        )  # fmt: skip
        mark_stale(school.pk, a.cohort)
        return
    a = rng.choice(alumni)
    if kind == "event":
        start = dt.date(a.cohort, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
        abroad = rng.random() < 0.1
        # Reports made in any order (a late answer about an early start), concurrent
        # activities, courses and job changes: the rollups must follow all of them.
        reported = dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=rng.randint(0, 900))
        changes = rng.choice([None, 0, 1, 2])
        main = _event(
            a, rng.choice(["bekerja", "bekerja", "wirausaha", "melanjutkan", "mencari_kerja",
                           "kursus"]),
            start, source=rng.choice(["self", "placement", "teacher"]), reported_at=reported,
            job_changes=changes, employment_status=rng.choice(["", "buruh", "berusaha_sendiri"]),
            first_job_start=start - dt.timedelta(days=200) if changes and rng.random() < 0.5
            else None,
            work_region_id=None if abroad else rng.choice(["35.09", "35.78", "32.04", None]),
            work_country="Malaysia" if abroad else "", formal=rng.choice([True, False, None]),
            income=rng.choice([None, 2_838_642, 3_012_197, 2_000_000, 6_000_000]),
            alignment=rng.choice([None, 1, 2, 3, 4]), industry_id=rng.choice([None, "C", "G"]),
            occupation_id=rng.choice([None, "7", "5"]),
        )  # fmt: skip
        if rng.random() < 0.2:
            _event(a, rng.choice(["melanjutkan", "kursus", "bekerja"]), start,
                   reported_at=reported, alongside=main)  # fmt: skip
        if rng.random() < 0.5:
            mark_stale(school.pk, a.cohort)  # else a bulk writer that does not call it
    elif kind == "delete":
        event = OutcomeEvent.objects.filter(alumnus=a).first()
        if event:
            event.delete()
    elif kind == "edit":
        a.sex = "L" if a.sex == "P" else "P"
        a.save()
        mark_stale(school.pk, a.cohort)
    elif (
        kind == "response"
        and a.cohort in campaign.cohorts
        and a.organisation == campaign.school
        and not Response.objects.filter(campaign=campaign, alumnus=a).exists()
    ):
        _submitted(campaign, a, rng.choice(["submitted", "partial"]))
        mark_stale(school.pk, a.cohort)


def test_rollups_equal_full_recomputation_after_random_changes(jember: Tenant) -> None:
    rng = random.Random(20261122)
    second = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name="SMK Dua", region_id="35.09", npsn="20523002",
        status="swasta",
    )  # fmt: skip
    SchoolClass.objects.create(organisation=second, cohort=2024, name="XII AKL 1")
    GraduationDate.objects.create(organisation=second, cohort=2024, date=dt.date(2024, 6, 20))
    schools = [jember.school, second]
    campaign = _campaign(jember.school, [2025])
    for round_number in range(6):
        for _ in range(25):
            _random_change(rng, schools, campaign)
        detect_changes(schools)
        refresh_stale()
        assert not RollupState.objects.filter(stale=True).exists()
        ids = [s.pk for s in schools]
        for cohort in (2024, 2025):
            whole, splits = _recomputed(schools, cohort)
            assert total_figures(ids, cohort) == whole, f"round {round_number} cohort {cohort}"
            for split, expected in splits.items():
                assert split_figures(ids, cohort, split) == expected, f"{split} {cohort}"
            # What offices read: the regency's area rollup (both schools are in 35.09).
            assert area_total(["35.09"], cohort) == whole
            assert area_by_regency(["35.09", "35.10"], cohort) == {"35.09": whole}
            for split, expected in splits.items():
                assert area_split_figures(["35.09"], cohort, split) == expected
            for school in schools:
                alone, _ = _recomputed([school], cohort)
                assert total_figures([school.pk], cohort) == alone
                stored = school_figures([school.pk], cohort)
                assert stored[school.pk] == alone if stored else alone["cohort_size"] == 0
    assert total_figures([s.pk for s in schools], 2024)["knowledge_rate"]["numerator"] > 0


def test_register_changes_mark_the_cohort_stale(jember: Tenant) -> None:
    from jejak.alumni.services import alumnus_create, alumnus_update
    from jejak.indicators.rollups import refresh

    refresh(jember.school, 2025)
    state = RollupState.objects.get(organisation=jember.school, cohort=2025)
    assert not state.stale
    alumnus_update(alumnus=jember.alumnus, actor=jember.bkk, data={"sex": "L"})
    state.refresh_from_db()
    assert state.stale and state.version == 1
    refresh_stale()
    alumnus_create(organisation=jember.school, actor=jember.bkk,
                   data={"name": "Baru", "sex": "P", "cohort": 2025})  # fmt: skip
    assert RollupState.objects.get(organisation=jember.school, cohort=2025).stale


def test_a_refresh_that_raced_a_change_stays_stale(jember: Tenant, monkeypatch: Any) -> None:
    from jejak.indicators import rollups

    original = rollups.load_rows

    def load_then_change(*args: Any, **kwargs: Any) -> Any:
        rows = original(*args, **kwargs)
        mark_stale(jember.school.pk, 2025)  # an answer arrives while we compute
        return rows

    monkeypatch.setattr(rollups, "load_rows", load_then_change)
    rollups.refresh(jember.school, 2025)
    assert RollupState.objects.get(organisation=jember.school, cohort=2025).stale


def test_a_submitted_survey_answer_moves_the_rollup(jember: Tenant) -> None:

    from jejak.tracer import services as tracer_services

    campaign = running_campaign(jember)
    refresh_stale()
    detect_changes([jember.school])
    refresh_stale()
    assert total_figures([jember.school.pk], 2025)["participation_rate"]["numerator"] == 0
    answer = {
        "kegiatan": "bekerja", "tanggal_mulai": "2025-08", "nama_instansi": "PT Sinar Jaya",
        "status_pekerjaan": "buruh", "jabatan": "operator produksi", "kbli": "C",
        "wilayah_kerja": "Kabupaten Jember", "penghasilan": "3.100.000", "jam_per_minggu": "40",
        "keselarasan": "4", "cara_dapat_kerja": "bkk",
    }  # fmt: skip
    checked = tracer_services.response_save(
        campaign=campaign, alumnus=jember.alumnus, raw=answer, submit=True
    )
    assert checked.ok, checked.errors
    assert RollupState.objects.get(organisation=jember.school, cohort=2025).stale
    refresh_stale()
    result = total_figures([jember.school.pk], 2025)
    assert numbers(result["participation_rate"]) == {"value": 0.5, "numerator": 1, "denominator": 2}
    assert result["working_rate"]["numerator"] == 1
    assert numbers(result["keselarasan_rate"]) == {"value": 1.0, "numerator": 1, "denominator": 1}
    # Rp3.100.000 in Jember at R = 31 May 2026 (UMK 2026: Rp3.012.197).
    assert result["income_at_or_above_umk_rate"]["numerator"] == 1


def test_a_cohort_emptied_by_deletion_is_recomputed(jember: Tenant) -> None:
    from jejak.indicators.rollups import refresh

    refresh(jember.school, 2025)
    assert total_figures([jember.school.pk], 2025)["cohort_size"] == 2
    Alumnus.objects.filter(organisation=jember.school, cohort=2025).delete()
    detect_changes([jember.school])
    refresh_stale()
    assert total_figures([jember.school.pk], 2025)["cohort_size"] == 0
