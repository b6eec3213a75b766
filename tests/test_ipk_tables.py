"""IPK III/1-III/8 from the job-seeker and vacancy register: a hand-computed month, the
balance of every table for months, quarters and years, the totals that must agree, the
convention for positions open to either sex, and the command-line contract."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jejak.bkkreports import figures, ipk, ipk_read
from jejak.bkkreports.periods import Period
from jejak.reference.models import Major
from tests.conftest import Tenant
from tests.ipk_support import D, person, place, random_history, register, remove, vacancy

MARCH = Period("month", D(2026, 3, 1))


def rows(tables: dict[str, list[dict]], number: str) -> dict[str, dict[str, Any]]:
    return {row["group"]: row for row in tables[number]}


def nonzero(row: dict[str, Any]) -> dict[str, int]:
    return {k: v for k, v in row.items() if k != "group" and v}


def _hand_made_month(t: Tenant) -> None:
    ani = person(t, "Ani", "P", D(2007, 8, 17))
    register(t, ani, D(2026, 2, 10), kbji=["7"])
    place(t, ani, D(2026, 3, 14), industry="C")
    budi = register(t, person(t, "Budi", "L", D(2000, 6, 1)), D(2026, 3, 5), education="SMA")
    remove(budi, D(2026, 3, 20))
    register(t, person(t, "Citra", "P", None), D(2026, 3, 31), education="D3", kbji=["4", "7"])
    register(t, person(t, "Dedi", "L", D(1985, 3, 3)), D(2026, 1, 1), kbji=["8"])
    register(t, person(t, "Eka", "L", D(2000, 1, 1)), D(2026, 4, 1))
    fajar = register(t, person(t, "Fajar", "L", D(2000, 6, 1)), D(2026, 2, 1))
    remove(fajar, D(2026, 3, 1))
    men = vacancy(t, D(2026, 2, 20), D(2026, 4, 10), male=3)
    place(t, person(t, "Gilang", "L"), D(2026, 3, 12), vacancy=men)
    either = vacancy(t, D(2026, 3, 5), D(2026, 3, 25), either=3, kbji=None, industry=None,
                     kbli="56101")  # fmt: skip
    place(t, person(t, "Hana", "P"), D(2026, 3, 10), vacancy=either)


def test_a_hand_computed_month(jember: Tenant) -> None:
    _hand_made_month(jember)
    tables = figures.live_tables(jember.school, MARCH)
    age = rows(tables, "III/1")
    assert nonzero(age["15-19"]) == {"sisa_awal_P": 1, "ditempatkan_P": 1}
    assert nonzero(age["20-29"]) == {"sisa_awal_L": 1, "terdaftar_L": 1, "dihapus_L": 2}
    assert nonzero(age["30-44"]) == {"sisa_awal_L": 1, "sisa_akhir_L": 1}
    assert nonzero(age["?"]) == {"terdaftar_P": 1, "sisa_akhir_P": 1}
    assert nonzero(age["JUMLAH"]) == {
        "sisa_awal_L": 2, "sisa_awal_P": 1, "terdaftar_L": 1, "terdaftar_P": 1,
        "ditempatkan_P": 1, "dihapus_L": 2, "sisa_akhir_L": 1, "sisa_akhir_P": 1,
    }  # fmt: skip
    assert nonzero(age["lowongan"]) == {
        "sisa_awal_L": 3, "terdaftar_L": 2, "terdaftar_P": 1, "dipenuhi_L": 1, "dipenuhi_P": 1,
        "dihapus_L": 2, "sisa_akhir_L": 2,
    }  # fmt: skip
    tkj = ipk_read.bidang_of_majors()[jember.alumnus.major_id]
    education = rows(tables, "III/2")
    assert nonzero(education[f"SMK:{tkj}"]) == nonzero(education["SMK"])
    assert nonzero(education["SMK"]) == {
        "sisa_awal_L": 2, "sisa_awal_P": 1, "ditempatkan_P": 1, "dihapus_L": 1, "sisa_akhir_L": 1,
    }  # fmt: skip
    assert nonzero(education["SMA"]) == {"terdaftar_L": 1, "dihapus_L": 1}
    assert nonzero(education["D3"]) == {"terdaftar_P": 1, "sisa_akhir_P": 1}
    jobs = rows(tables, "III/3")
    assert nonzero(jobs["4"]) == {"terdaftar_P": 1, "sisa_akhir_P": 1}  # the first sought
    assert nonzero(jobs["7"]) == {"sisa_awal_P": 1, "ditempatkan_P": 1}
    assert nonzero(jobs["?"]) == {"sisa_awal_L": 1, "terdaftar_L": 1, "dihapus_L": 2}
    assert nonzero(rows(tables, "III/5")["?"]) == {"terdaftar_L": 2, "terdaftar_P": 1,
                                                   "dipenuhi_P": 1, "dihapus_L": 2}  # fmt: skip
    assert nonzero(rows(tables, "III/6")["I"]) == nonzero(rows(tables, "III/5")["?"])
    assert nonzero(rows(tables, "III/7")["C"]) == {"sisa_awal_P": 1, "ditempatkan_P": 1}
    assert nonzero(rows(tables, "III/8")["SMK"]) == {"AKL_P": 1}
    assert nonzero(rows(tables, "III/8")["JUMLAH"]) == {"AKL_P": 1}


def test_positions_open_to_either_sex_split_in_two_odd_one_to_l() -> None:
    assert ipk_read.split_positions(1, 2, 5) == {"L": 4, "P": 4}
    assert ipk_read.split_positions(0, 0, 1) == {"L": 1, "P": 0}


def test_a_placement_fills_its_own_sex_first_then_the_other_column(jember: Tenant) -> None:
    found = vacancy(jember, D(2026, 3, 2), D(2026, 3, 30), female=1, male=1)
    for name in ("Ina", "Ira"):
        place(jember, person(jember, name, "P"), D(2026, 3, 9), vacancy=found)
    row = rows(figures.live_tables(jember.school, MARCH), "III/4")["SMK"]
    assert (row["dipenuhi_L"], row["dipenuhi_P"], row["dihapus_L"]) == (1, 1, 0)


def _agree(tables: dict[str, list[dict]]) -> None:
    assert ipk.balance_problems(tables) == []
    totals = [rows(tables, n)["JUMLAH"] for n in ("III/1", "III/2", "III/3", "III/7")]
    assert all(nonzero(t) == nonzero(totals[0]) for t in totals)
    placed = rows(tables, "III/7")["JUMLAH"]
    by_kind = rows(tables, "III/8")["JUMLAH"]
    for sex in ipk.SEXES:
        assert sum(by_kind[f"{k}_{sex}"] for k in ipk.KINDS) == placed[f"ditempatkan_{sex}"]
        assert by_kind[f"AKAN_{sex}"] == 0
    vacancies = [rows(tables, n)["JUMLAH"] for n in ("III/4", "III/5", "III/6")]
    assert all(nonzero(v) == nonzero(rows(tables, "III/1")["lowongan"]) for v in vacancies)


@pytest.mark.parametrize("seed", [3, 11])
def test_every_table_balances_and_the_totals_agree_for_months_quarters_years(
    jember: Tenant, seed: int
) -> None:
    random_history(jember, seed)
    periods = [Period("month", D(2026, m, 1)) for m in (1, 2, 3, 7)]
    periods += [Period("quarter", D(2026, 1, 1)), Period("quarter", D(2025, 10, 1)),
                Period("year", D(2026, 1, 1)), Period("year", D(2025, 1, 1))]  # fmt: skip
    for period in periods:
        _agree(figures.live_tables(jember.school, period))
    months = [figures.live_tables(jember.school, Period("month", D(2026, m, 1))) for m in (1, 2)]
    closing = rows(months[0], "III/2")["JUMLAH"]
    opening = rows(months[1], "III/2")["JUMLAH"]
    assert [closing[f"sisa_akhir_{s}"] for s in "LP"] == [opening[f"sisa_awal_{s}"] for s in "LP"]
    quarter = rows(figures.live_tables(jember.school, Period("quarter", D(2026, 1, 1))), "III/1")
    parts = [rows(figures.live_tables(jember.school, Period("month", D(2026, m, 1))), "III/1")
             for m in (1, 2, 3)]  # fmt: skip
    assert quarter["JUMLAH"]["terdaftar_L"] == sum(p["JUMLAH"]["terdaftar_L"] for p in parts)
    assert quarter["JUMLAH"]["sisa_awal_P"] == parts[0]["JUMLAH"]["sisa_awal_P"]


def test_smk_rows_split_by_bidang_with_the_smk_total(jember: Tenant) -> None:
    other = (
        Major.objects.filter(parent=None)
        .exclude(code=ipk_read.bidang_of_majors()[jember.alumnus.major_id])
        .first()
    )
    assert other is not None
    register(jember, person(jember, "Joko", "L"), D(2026, 3, 2), major=other)
    register(jember, person(jember, "Kiki", "P"), D(2026, 3, 3))
    register(jember, person(jember, "Lina", "P"), D(2026, 3, 4), education="SMP")
    education = rows(figures.live_tables(jember.school, MARCH), "III/2")
    assert education[f"SMK:{other.code}"]["terdaftar_L"] == 1
    assert education["SMK"]["terdaftar_L"] == 1 and education["SMK"]["terdaftar_P"] == 1
    assert education["JUMLAH"]["terdaftar_P"] == 2  # SMK counted once, not per bidang again


def test_the_command_prints_the_contract(jember: Tenant) -> None:
    _hand_made_month(jember)
    out = StringIO()
    call_command("ipk_report", "--bkk", jember.school.npsn, "--period", "2026-03", "--json",
                 stdout=out)  # fmt: skip
    printed = json.loads(out.getvalue())
    assert set(printed) == {"period", "tables"} and printed["period"] == "2026-03"
    assert list(printed["tables"]) == [f"III/{n}" for n in range(1, 9)]
    first = printed["tables"]["III/1"]
    assert [r["group"] for r in first][:5] == ["15-19", "20-29", "30-44", "45-54", "55+"]
    assert first[-1]["group"] == "lowongan" and "dipenuhi_L" in first[-1]
    assert set(first[0]) == {"group"} | {f"{m}_{s}" for m in ipk.SEEKER_MEASURES for s in "LP"}
    assert set(printed["tables"]["III/8"][0]) == {"group", "AKL_L", "AKL_P", "AKAD_L",
                                                   "AKAD_P", "AKAN_L", "AKAN_P"}  # fmt: skip
    assert [r["group"] for r in printed["tables"]["III/6"]][-2:] == ["?", "JUMLAH"]
    for key in ("2026-Q1", "2026"):
        out = StringIO()
        call_command("ipk_report", "--bkk", jember.school.npsn, "--period", key, stdout=out)
        assert json.loads(out.getvalue())["period"] == key


def test_the_command_names_bad_arguments(jember: Tenant) -> None:
    with pytest.raises(CommandError, match="--period"):
        call_command("ipk_report", "--bkk", jember.school.npsn, "--period", "2026-13")
    with pytest.raises(CommandError, match="--bkk"):
        call_command("ipk_report", "--bkk", "99999999", "--period", "2026-03")
    with pytest.raises(CommandError, match="--region"):
        call_command("ipk_report", "--region", "99.99", "--period", "2026-03")


def test_a_region_sum_reads_the_stored_figures(jember: Tenant) -> None:
    _hand_made_month(jember)
    out = StringIO()
    call_command("ipk_report", "--region", jember.region, "--period", "2026-03", stdout=out)
    summed = json.loads(out.getvalue())["tables"]
    assert summed == figures.contract(MARCH, figures.live_tables(jember.school, MARCH))["tables"]
    stored = figures.PeriodFigures.objects.get(organisation=jember.school)
    assert stored.tables["III/1"] == summed["III/1"]  # computed once and kept
    # Change the stored row: the sum follows it, so it reads what is stored.
    stored.tables["III/3"][0]["terdaftar_L"] += 5
    stored.save()
    again = figures.region_tables(jember.region, MARCH)
    assert rows(again, "III/3")["0"]["terdaftar_L"] == 5
    assert (
        rows(again, "III/3")["JUMLAH"]["terdaftar_L"]
        == rows(summed, "III/3")["JUMLAH"]["terdaftar_L"] + 5
    )


def test_unit_flow_treats_the_end_day_as_not_registered() -> None:
    unit = ipk.Unit("L", D(2026, 2, 1), D(2026, 3, 1), placed=False, keys={})
    assert ipk.unit_flow(unit, D(2026, 2, 1), D(2026, 2, 28)) == (0, 1, 0, 0, 1)
    assert ipk.unit_flow(unit, D(2026, 3, 1), D(2026, 3, 31)) == (1, 0, 0, 1, 0)
    same_day = ipk.Unit("P", D(2026, 3, 5), D(2026, 3, 5), placed=True, keys={})
    assert ipk.unit_flow(same_day, D(2026, 3, 1), D(2026, 3, 31)) == (0, 1, 1, 0, 0)


def test_a_vacancy_marked_filled_removes_what_no_placement_filled(jember: Tenant) -> None:
    vacancy(jember, D(2026, 3, 2), D(2026, 5, 30), either=4, filled_on=D(2026, 3, 20))
    row = rows(figures.live_tables(jember.school, MARCH), "III/1")["lowongan"]
    assert nonzero(row) == {"terdaftar_L": 2, "terdaftar_P": 2, "dihapus_L": 2, "dihapus_P": 2}


def test_a_vacancy_closing_on_the_last_day_is_not_carried_over(jember: Tenant) -> None:
    vacancy(jember, D(2026, 3, 2), D(2026, 3, 31), male=3)
    march = rows(figures.live_tables(jember.school, MARCH), "III/1")["lowongan"]
    april = rows(figures.live_tables(jember.school, MARCH.next()), "III/1")["lowongan"]
    assert nonzero(march) == {"terdaftar_L": 3, "dihapus_L": 3}
    assert nonzero(april) == {}


def test_a_code_outside_the_classification_counts_under_unknown() -> None:
    keys = {"III/1": "15-19", "III/2": "SMK:?", "III/3": "7", "III/7": "Z"}
    unit = ipk.Unit("L", D(2026, 3, 2), D(2026, 3, 9), placed=True, keys=keys, education="X")
    tables = ipk.tables_from_units([unit], [], D(2026, 3, 1), D(2026, 3, 31), ["1", "2"])
    assert rows(tables, "III/7")["?"]["ditempatkan_L"] == 1
    assert rows(tables, "III/8")["?"]["AKL_L"] == 1  # no placement record: AKL
    assert (
        rows(tables, "III/8")["JUMLAH"]["AKL_L"] == rows(tables, "III/7")["JUMLAH"]["ditempatkan_L"]
    )
