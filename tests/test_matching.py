"""Matching both ways: hard conditions, the 2018->2022 conversion, AKAD, reasons and gaps,
consent, and the command-line contract of issue 14."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from jejak.alumni.models import Alumnus, Consent
from jejak.matching import engine, scoring, selectors
from jejak.matching.facts import Job, Seeker
from jejak.matching.majors import MajorTree
from jejak.matching.reasons import TEXTS
from jejak.reference.models import Region
from tests.conftest import Tenant
from tests.jobs_factories import vet
from tests.matching_factories import major, major_by_code, outcome, person, register, seeker
from tests.matching_factories import vacancy as make_vacancy

pytestmark = pytest.mark.django_db


def eligible(found: engine.Matches) -> set[str]:
    return {c.seeker.nisn for c in found.results}


def codes(items: list) -> list[str]:
    return [i.code for i in items]


def run(*args: str) -> dict:
    out = StringIO()
    call_command("match", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_each_hard_condition_excludes_exactly_its_people(jember: Tenant) -> None:
    school = jember.school
    this_year = timezone.localdate().year
    seeker(school, "1000000001")  # fits
    seeker(school, "1000000002", registration={"education": "SMA"})  # SMA for an SMK vacancy
    seeker(school, "1000000003", registration={"education": "D3"})  # more than asked: fits
    seeker(school, "1000000004", major_id=major("RPL"))  # another konsentrasi
    seeker(school, "1000000005", sex="L")  # the positions are for women only
    seeker(school, "1000000006", born=dt.date(this_year - 40, 1, 1))  # over the age asked
    seeker(school, "1000000007", born=None)  # age asked, birth date unknown
    seeker(school, "1000000008", consent=Consent.WITHDRAWN)  # withdrew consent
    ended = person(school, "1000000009")
    register(ended, ended_on=timezone.localdate(), end_reason="melanjutkan")  # no longer looking
    person(school, "1000000010")  # never registered, no outcome
    looking = person(school, "1000000011", consent=Consent.GIVEN)
    outcome(looking, "mencari_kerja", 30)  # looking and agreed: fits
    unknown = person(school, "1000000012")
    outcome(unknown, "mencari_kerja", 30)  # looking, consent never asked
    found_work = person(school, "1000000013", consent=Consent.GIVEN)
    outcome(found_work, "mencari_kerja", 60)
    outcome(found_work, "bekerja", 10)  # the latest report says working full time
    part_time = person(school, "1000000014", consent=Consent.GIVEN)
    outcome(part_time, "bekerja", 10, hours_per_week=20)  # part-time counts as looking
    seeker(school, "1000000015", registration={"major": None}, major_id=major("TKJ"))
    vacancy = make_vacancy(jember, openings_any=0, openings_female=2, age_min=17, age_max=25)
    assert vacancy.sex == "P"

    found = engine.match_vacancy(vacancy)

    assert eligible(found) == {"1000000001", "1000000003", "1000000011", "1000000014",
                               "1000000015"}  # fmt: skip
    assert found.eligible == 5


def test_sex_and_age_are_not_conditions_when_the_vacancy_does_not_ask(jember: Tenant) -> None:
    seeker(jember.school, "1000000005", sex="L")
    seeker(jember.school, "1000000007", born=None)
    assert eligible(engine.match_vacancy(make_vacancy(jember))) == {"1000000005", "1000000007"}


def test_an_old_2018_major_name_matches_a_2022_program_vacancy(jember: Tenant) -> None:
    old = major("Teknik Kendaraan Ringan Otomotif")  # the 2018 Kompetensi Keahlian
    seeker(jember.school, "1000000021", major_id=old)
    seeker(jember.school, "1000000022", major_id=major("TKJ"))
    vacancy = make_vacancy(jember, majors=[major_by_code("2.2")])  # program Teknik Otomotif

    found = engine.match_vacancy(vacancy)

    assert eligible(found) == {"1000000021"}
    assert found.results[0].result.reasons[0].text == "Program keahlian sesuai: Teknik Otomotif"


def test_exact_major_ranks_over_program_over_bidang(jember: Tenant) -> None:
    tree = MajorTree.load()
    tkj = major("TKJ")
    exact = tree.relation(tkj, {tkj})
    program = tree.relation(tkj, {major_by_code("4.2")})
    field = tree.relation(tkj, {major_by_code("4")})
    assert [exact, program, field] == [("exact", tkj), ("program", major_by_code("4.2")),
                                       ("field", major_by_code("4"))]  # fmt: skip
    parts = [scoring.MAJOR_PARTS[kind] for kind in ("exact", "program", "field")]
    assert parts == sorted(parts, reverse=True) and len(set(parts)) == 3


def test_weights_are_one_documented_sum_of_100() -> None:
    assert sum(scoring.WEIGHTS.values()) == 100
    for name in scoring.WEIGHTS:
        assert f"- {name}:" in (scoring.__doc__ or "")


def test_an_akad_vacancy_reaches_seekers_in_another_province(jember: Tenant) -> None:
    seeker(jember.school, "1000000031")
    seeker(jember.school, "1000000032", registration={"willing_to_relocate": True})
    vacancy = make_vacancy(jember, work_region_id="32.04")  # work in Bandung, Jawa Barat

    found = engine.match_vacancy(vacancy)

    assert eligible(found) == {"1000000031", "1000000032"}
    by_nisn = {c.seeker.nisn: c.result for c in found.results}
    assert "other_province" in codes(by_nisn["1000000031"].gaps)
    assert "willing_to_move" in codes(by_nisn["1000000032"].reasons)
    assert found.results[0].seeker.nisn == "1000000032"


def test_work_abroad_is_never_matched(jember: Tenant) -> None:
    seeker(jember.school, "1000000041")
    vacancy = make_vacancy(jember, work_region_id=None, work_country="Jepang")
    assert engine.match_vacancy(vacancy).eligible == 0


def test_reasons_and_gaps_name_the_facts(jember: Tenant) -> None:
    this_year = timezone.localdate().year
    seeker(jember.school, "1000000051", cohort=this_year,
           region_id=jember.region, disability="D",
           registration={"certificates": "Sertifikat BNSP Juru Las SMAW",
                         "skills": "Microsoft Excel, jaringan komputer",
                         "disability_category": "fisik", "disability_consent": True})  # fmt: skip
    vacancy = make_vacancy(
        jember, skills="Pengelasan SMAW; SIM B1, Excel", experience="Pengalaman 1 tahun",
        disability_friendly=True,
    )  # fmt: skip

    (candidate,) = engine.match_vacancy(vacancy).results
    reasons = [r.text for r in candidate.result.reasons]
    gaps = [g.text for g in candidate.result.gaps]

    assert "Konsentrasi sama: Teknik Komputer dan Jaringan" in reasons
    assert "Sertifikat kompetensi BNSP sesuai: Pengelasan SMAW" in reasons
    assert "Keterampilan sesuai: Excel" in reasons
    assert "Tinggal di kabupaten yang sama" in reasons
    assert "Lowongan ramah disabilitas" in reasons
    assert f"Lulus tahun {this_year}" in reasons
    assert gaps == ["Belum punya SIM B1", "Pengalaman 1 tahun diminta"]


def test_disability_counts_only_with_consent(jember: Tenant) -> None:
    seeker(jember.school, "1000000061",
           registration={"disability_category": "fisik", "disability_consent": False})  # fmt: skip
    vacancy = make_vacancy(jember, disability_friendly=True)
    (candidate,) = engine.match_vacancy(vacancy).results
    assert "disability_friendly" not in codes(candidate.result.reasons)
    assert candidate.result.parts["disability"] == 0


def test_a_withdrawn_consent_removes_the_person_from_every_result(jember: Tenant) -> None:
    alumnus = seeker(jember.school, "1000000071")
    vacancy = make_vacancy(jember, external_code="LOW-071")
    assert run("--vacancy", "LOW-071")["eligible"] == 1
    assert run("--nisn", "1000000071")["vacancies"][0]["kode"] == "LOW-071"

    Alumnus.objects.filter(pk=alumnus.pk).update(consent=Consent.WITHDRAWN)

    assert run("--vacancy", "LOW-071") == {"vacancy": "LOW-071", "eligible": 0, "candidates": []}
    assert run("--nisn", "1000000071")["vacancies"] == []
    assert codes(engine.why_not(alumnus, vacancy))[0] == "not_consent"


def test_the_cli_contract_for_a_vacancy(jember: Tenant) -> None:
    seeker(jember.school, "1000000081", region_id=jember.region)
    seeker(jember.school, "1000000082", region_id="35.10")
    seeker(jember.school, "1000000083", region_id="32.04")
    make_vacancy(jember, external_code="BKK-7")

    full = run("--vacancy", "BKK-7")
    limited = run("--vacancy", "BKK-7", "--limit", "2")

    assert full["vacancy"] == "BKK-7" and full["eligible"] == 3
    assert [c["nisn"] for c in full["candidates"]] == ["1000000081", "1000000082", "1000000083"]
    assert [c["score"] for c in full["candidates"]] == sorted(
        (c["score"] for c in full["candidates"]), reverse=True
    )
    first = full["candidates"][0]
    assert set(first) == {"nisn", "score", "reasons", "gaps"}
    assert {"code": "same_regency", "text": "Tinggal di kabupaten yang sama"} in first["reasons"]
    assert 0 <= first["score"] <= 100
    assert limited["eligible"] == 3 and len(limited["candidates"]) == 2


def test_the_cli_contract_for_a_seeker_uses_jejak_code_without_a_bkk_code(
    jember: Tenant,
) -> None:
    seeker(jember.school, "1000000091", region_id=jember.region)
    near = make_vacancy(jember)
    far = make_vacancy(jember, work_region_id="32.04")
    make_vacancy(jember, majors=[major("RPL")])  # does not fit
    make_vacancy(jember, closes_on=timezone.localdate() - dt.timedelta(days=1))  # closed

    result = run("--nisn", "1000000091")

    assert result["eligible"] == 2
    assert [v["kode"] for v in result["vacancies"]] == [near.code, far.code]
    assert set(result["vacancies"][0]) == {"kode", "score", "reasons", "gaps"}


def test_a_vacancy_shared_by_a_trusted_company_reaches_the_school(jember: Tenant) -> None:
    from tests.jobs_factories import post

    seeker(jember.school, "1000000101")
    vacancy = post(jember, majors=[major("TKJ")])  # the company posts it to the school
    assert engine.match_vacancy(vacancy).eligible == 0  # not vetted: not shown, not matched
    vet(jember)
    assert eligible(engine.match_vacancy(vacancy)) == {"1000000101"}


def test_another_bkks_seekers_are_not_reached(jember: Tenant, bandung: Tenant) -> None:
    seeker(bandung.school, "2000000111")
    assert engine.match_vacancy(make_vacancy(jember)).eligible == 0


def test_why_not_names_each_failed_condition(jember: Tenant) -> None:
    alumnus = seeker(jember.school, "1000000121", sex="L", major_id=major("RPL"))
    vacancy = make_vacancy(jember, openings_any=0, openings_male=0, openings_female=1)
    texts = [i.text for i in engine.why_not(alumnus, vacancy)]
    assert texts == ["Jurusan yang diterima: Teknik Komputer dan Jaringan",
                     "Hanya untuk Perempuan"]  # fmt: skip
    fitting = make_vacancy(jember, majors=[])
    assert engine.why_not(alumnus, fitting) == []


def test_kbji_codes_agree_by_prefix_at_any_depth() -> None:
    assert scoring.kbji_agree("7", "7212") and scoring.kbji_agree("7212", "72")
    assert not scoring.kbji_agree("7", "3") and not scoring.kbji_agree("", "7")


def test_sql_conditions_and_python_checks_agree(jember: Tenant) -> None:
    """Whatever the database lets through, the named checks pass, and vice versa."""
    for n, (sex, edu, code) in enumerate([("P", "SMK", "TKJ"), ("L", "SMA", "TKJ"),
                                          ("P", "D3", "RPL"), ("L", "SMK", "TKJ")]):  # fmt: skip
        seeker(jember.school, f"10000002{n:02d}", sex=sex, major_id=major(code),
               registration={"education": edu})  # fmt: skip
    vacancy = make_vacancy(jember, openings_any=0, openings_male=1, majors=[major_by_code("4")])
    tree, today = MajorTree.load(), timezone.localdate()
    (job,) = selectors.jobs(type(vacancy).objects.filter(pk=vacancy.pk))
    everyone = selectors.registrations_as_seekers(
        __import__("jejak.seekers.models", fromlist=["Registration"]).Registration.objects.all()
    )
    passing = {s.nisn for s in everyone if not engine.rules.failures(s, job, tree, today)}
    assert eligible(engine.match_vacancy(vacancy)) == passing == {"1000000203"}


def test_every_reason_text_is_translatable() -> None:
    assert all(hasattr(text, "_proxy____args") or str(text) for text in TEXTS.values())
    _ = (Job, Seeker, Region)


def _placed(school_of: Tenant, nisn: str, kbji: str, days_ago: int, alignment: int | None = None):
    """A placement from the tenant's school into occupation `kbji`, begun `days_ago`."""
    from jejak.jobs.services import placement_record
    from jejak.reference.models import Occupation

    alumnus = person(school_of.school, nisn)
    placement = placement_record(
        school=school_of.school, alumnus=alumnus, actor=school_of.bkk,
        recorded_by_org=school_of.school, employer="PT Sinar",
        start_date=timezone.localdate() - dt.timedelta(days=days_ago),
        work_region=Region.objects.get(code=school_of.region),
        occupation=Occupation.objects.get(code=kbji),
    )  # fmt: skip
    if alignment is not None:
        placement.outcome_event.alignment = alignment
        placement.outcome_event.save()
    return placement


def test_history_weighs_the_schools_keselarasan_and_retention_in_the_occupation(
    jember: Tenant, bandung: Tenant
) -> None:
    """Four placements of the school into KBJI group 3 (one too recent to judge retention),
    three with a keselarasan answer (4, 2, 3: two aligned), three begun over 182 days ago of
    which one left for "mencari kerja" within 182 days: volume 4/5, keselarasan 2/3,
    retention 2/3, history 4/5 * (1 + 2/3 + 2/3) / 3 = 28/45 of its weight."""
    _placed(jember, "4000000001", "3513", 400, alignment=4)
    left = _placed(jember, "4000000002", "3512", 300, alignment=2)
    outcome(left.alumnus, "mencari_kerja", 300 - 100)  # left 100 days after starting
    stayed = _placed(jember, "4000000003", "35", 250, alignment=3)
    outcome(stayed.alumnus, "bekerja", 250 - 120)  # changed jobs: still working
    _placed(jember, "4000000004", "3511", 30)  # too recent to judge
    _placed(jember, "4000000005", "7421", 400, alignment=4)  # another group
    _placed(bandung, "4000000006", "3513", 400, alignment=4)  # another school
    seeker(jember.school, "1000000001")
    vacancy = make_vacancy(jember, occupation_id="3513")

    (candidate,) = engine.match_vacancy(vacancy).results

    record = selectors.track_records({jember.school.pk}, {"3"}, timezone.localdate())
    assert record == {(jember.school.pk, "3"): scoring.Record(4, 3, 2, 3, 1)}
    expected = scoring.WEIGHTS["history"] * 28 / 45
    assert candidate.result.parts["history"] == round(expected, 1)
    texts = [r.text for r in candidate.result.reasons]
    assert "4 alumni sekolah yang sama pernah ditempatkan di jabatan serupa" in texts
    assert "67% penempatan serupa dari sekolah ini selaras dengan jurusan" in texts
    assert (
        "Lulusan sekolah ini bertahan di pekerjaan serupa: 67% masih bekerja setelah 6 bulan"
        in texts
    )


def test_history_is_loaded_in_one_query_whatever_the_pool(jember: Tenant) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _placed(jember, "4000000001", "3513", 400, alignment=4)
    vacancy = make_vacancy(jember, occupation_id="3513")
    seeker(jember.school, "1000000001")
    with CaptureQueriesContext(connection) as few:
        engine.match_vacancy(vacancy)
    for n in range(2, 8):
        seeker(jember.school, f"100000000{n}")
    with CaptureQueriesContext(connection) as many:
        assert engine.match_vacancy(vacancy).eligible == 7
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_school_without_placements_in_the_group_adds_no_history(jember: Tenant) -> None:
    _placed(jember, "4000000005", "7421", 400, alignment=4)
    seeker(jember.school, "1000000001")
    (candidate,) = engine.match_vacancy(make_vacancy(jember, occupation_id="3513")).results
    assert candidate.result.parts["history"] == 0
    assert "school_history" not in codes(candidate.result.reasons)
