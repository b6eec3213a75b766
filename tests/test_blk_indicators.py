"""blk_indicators: the BLK indicator set, hand-computed on one batch (ended 31 March 2026).

A placed before the batch ended (formal from 15 March), B never traced, C started a
business on 1 May (with a disability), D had a formal job from 10 April that ended on
1 June (looking from then on), E completed but did not graduate, F informal work from
1 August, G dropped out. R3 = 30 June 2026, R6 = 30 September 2026.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError

from jejak.organisations.models import Organisation
from tests.test_training_cli import HEADER, _batch, blk, run  # noqa: F401

pytestmark = pytest.mark.django_db

TRAINEES = [
    "3509015203010011;Ani;P;12/03/2001;SMK;;;;;;Ya;BNSP 1;Kompeten;Ya",
    "3509011708990012;Budi;L;17/08/1999;SMA;;;;;;Ya;;;Ya",
    "3509010101050013;Candra;L;01/01/2005;SMA;;;;tuna daksa;;Ya;;BK;Ya",
    "3509014506000014;Dina;P;05/06/2000;SMK;;;;;;Ya;BNSP 2;Kompeten;Ya",
    "3509011010020015;Eko;L;10/10/2002;SMP;;;;;;Tidak;;;Ya",
    "3509016002030016;Fitri;P;20/02/2003;SMK;;;;;;Ya;;;Ya",
    "3509010303040017;Gilang;L;03/03/2004;SMP;;;;;;Tidak;;;Tidak",
]
OUTCOMES = [
    "nik;kegiatan;tanggal_mulai;nama_instansi;kbli;kbji;kode_wilayah_kerja;penghasilan;sumber",
    "3509015203010011;formal;2026-03-15;PT Maju;;;;;",
    "3509010101050013;wirausaha;2026-05-01;Bengkel Candra;;;;;",
    "3509014506000014;formal;2026-04-10;PT Kontrak;;;;;",
    "3509014506000014;mencari_kerja;2026-06-01;;;;;;",
    "3509016002030016;informal;2026-08-01;Warung Bu Sri;;;;;",
]


@pytest.fixture
def batch_code(blk: Organisation, tmp_path: Path) -> str:  # noqa: F811
    code = _batch(blk)
    trainees = tmp_path / "peserta.csv"
    trainees.write_text("\n".join([HEADER + ";selesai", *TRAINEES]), encoding="utf-8")
    run("import_trainees", "--blk", "UPT-JBR", "--batch", code, str(trainees))
    outcomes = tmp_path / "hasil.csv"
    outcomes.write_text("\n".join(OUTCOMES), encoding="utf-8")
    run("import_training_outcomes", "--batch", code, str(outcomes))
    return code


def figures(*args: str) -> dict:
    return dict(json.loads(run("blk_indicators", *args, "--json")))


def pair(figure: dict) -> tuple[int, int]:
    return figure["numerator"], figure["denominator"]


def test_hand_computed_batch_figures(batch_code: str) -> None:
    result = figures("--blk", "UPT-JBR", "--as-of", "2026-12-31")
    assert (result["trainees"], result["graduates"]) == (7, 5)
    assert pair(result["completion_rate"]) == (6, 7)
    assert pair(result["graduation_rate"]) == (5, 7)
    assert pair(result["certification_rate"]) == (2, 5)
    # R3: A (placed before the end), C (business) working; D's job ended on 1 June.
    assert pair(result["placement_3m_rate"]) == (2, 5)
    assert result["placement_3m_rate"]["value"] == 0.4
    # R6: A, C, F working; B never traced stays in the denominator.
    assert pair(result["placement_6m_rate"]) == (3, 5)
    assert pair(result["traced_6m_rate"]) == (4, 5)
    assert pair(result["formal_6m_rate"]) == (1, 5)
    assert pair(result["informal_6m_rate"]) == (1, 5)
    assert pair(result["selfemployed_6m_rate"]) == (1, 5)
    # Days to work: A 0 (before the end), D 10, C 31, F 123 -> median 20.5 days.
    assert result["median_months_to_work"] == round(20.5 / 30.4375, 2) == 0.67
    assert "never traced" in result["placement_6m_rate"]["definition"]


def test_batches_not_yet_due_are_left_out_of_the_later_figures(batch_code: str) -> None:
    result = figures("--blk", "UPT-JBR", "--batch", batch_code, "--as-of", "2026-08-15")
    assert pair(result["placement_3m_rate"]) == (2, 5)
    assert result["placement_6m_rate"] == {**result["placement_6m_rate"], "value": None}
    assert pair(result["placement_6m_rate"]) == (0, 0)
    assert result["graduates_not_due_6m"] == 5 and result["median_months_to_work"] is None
    before_end = figures("--blk", "UPT-JBR", "--as-of", "2026-03-30")
    assert before_end["trainees"] == 0


def test_split_by_sex_and_disability(batch_code: str) -> None:
    by_sex = figures("--blk", "UPT-JBR", "--as-of", "2026-12-31", "--by", "sex")
    assert set(by_sex) == {"L", "P"}
    assert pair(by_sex["P"]["placement_6m_rate"]) == (2, 3)
    assert pair(by_sex["L"]["placement_6m_rate"]) == (1, 2)
    by_disability = figures("--region", "35", "--as-of", "2026-12-31", "--by", "disability")
    assert pair(by_disability["yes"]["selfemployed_6m_rate"]) == (1, 1)
    assert by_disability["no"]["trainees"] == 6


def test_unknown_scope_is_refused(batch_code: str) -> None:
    with pytest.raises(CommandError, match="NOPE"):
        run("blk_indicators", "--blk", "NOPE", "--as-of", "2026-12-31")
    with pytest.raises(CommandError):
        run("blk_indicators", "--blk", "UPT-JBR", "--program", "NOPE", "--as-of", "2026-12-31")


def test_split_by_age_band_at_the_batch_start(batch_code: str) -> None:
    """Ages on 2 February 2026 (the start): Ani 24 (25 by the end, still 15-24), Budi 26,
    Candra 21, Dina 25, Eko 23, Fitri 22, Gilang 21."""
    by_age = figures("--blk", "UPT-JBR", "--as-of", "2026-12-31", "--by", "age")
    assert list(by_age) == ["15-24", "25-34"]
    young, older = by_age["15-24"], by_age["25-34"]
    assert (young["trainees"], young["graduates"]) == (5, 3)  # Ani, Candra, Fitri graduated
    assert pair(young["placement_6m_rate"]) == (3, 3)
    assert (older["trainees"], older["graduates"]) == (2, 2)  # Budi (never traced), Dina
    assert pair(older["placement_6m_rate"]) == (0, 2) and pair(older["traced_6m_rate"]) == (1, 2)
    # Median time to work split too: 15-24 waits 0, 31, 123 days; 25-34 Dina's 10 days.
    assert young["median_months_to_work"] == round(31 / 30.4375, 2) == 1.02
    assert older["median_months_to_work"] == round(10 / 30.4375, 2) == 0.33
    assert young["worked_within_6m"] == 3 and older["worked_within_6m"] == 1


def test_unknown_birth_date_has_its_own_age_group(batch_code: str) -> None:
    from jejak.alumni.models import Alumnus

    Alumnus.objects.filter(nik="3509011708990012").update(birth_date=None)  # Budi
    by_age = figures("--blk", "UPT-JBR", "--as-of", "2026-12-31", "--by", "age")
    assert set(by_age) == {"15-24", "25-34", "unknown"}
    assert by_age["unknown"]["trainees"] == 1 and by_age["25-34"]["trainees"] == 1
    assert sum(group["trainees"] for group in by_age.values()) == 7


def test_age_bands_at_their_edges() -> None:
    import datetime as dt

    from jejak.training.indicators import TraineeRow, age_band

    start = dt.date(2026, 3, 1)

    def band(birth: dt.date | None) -> str:
        row = TraineeRow(batch_end=start, birth_date=birth, batch_start=start)
        return age_band(row)

    assert band(dt.date(2011, 3, 2)) == "<15"  # 14 the day before the 15th birthday
    assert band(dt.date(2011, 3, 1)) == "15-24"
    assert band(dt.date(2001, 3, 2)) == "15-24" and band(dt.date(2001, 3, 1)) == "25-34"
    assert band(dt.date(1982, 3, 1)) == "35-44" and band(dt.date(1981, 3, 1)) == "45+"
    assert band(dt.date(1950, 1, 1)) == "45+"
    assert band(dt.date(2000, 2, 29)) == "25-34"  # a leap-day birthday has come by 1 March
    assert band(None) == "unknown"
