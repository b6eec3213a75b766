"""import_training_outcomes: a batch's outcomes into the dated outcome history."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import CommandError

from jejak.organisations.models import Organisation
from jejak.outcomes.models import Activity, OutcomeEvent
from tests.test_training_cli import GOOD, _batch, _file, blk, run  # noqa: F401

pytestmark = pytest.mark.django_db

HEADER = "nik;kegiatan;tanggal_mulai;nama_instansi;kbli;kbji;kode_wilayah_kerja;penghasilan;sumber"
OUTCOMES = [
    "3509015203010001;formal;15/04/2026;PT Astra Honda Motor;45;7231;35.09;3.200.000;telepon",
    "3509011708990002;wirausaha;2026-05-01;Bengkel Agus;;;3509;;",
    "3509010101050003;mencari_kerja;2026-04-01;;;;;;survei",
    "3509010101050003;informal;2026-06-01;;;;;1,5 juta;",  # no workplace: still an outcome
]
BAD = [
    "3509015203010001;kerja;2026-04-15;PT X;;;;;",  # unknown kegiatan
    "3509011708990009;formal;2026-04-15;PT X;;;;;",  # not a trainee of the batch
    "3509011708990002;formal;;;;;;;",  # no date
]


def _outcomes(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "hasil.csv"
    path.write_text("\n".join([HEADER, *lines]), encoding="utf-8")
    return str(path)


@pytest.fixture
def batch_code(blk: Organisation, tmp_path: Path) -> str:  # noqa: F811
    code = _batch(blk)
    run("import_trainees", "--blk", "UPT-JBR", "--batch", code, _file(tmp_path, GOOD))
    return code


def test_outcomes_go_into_the_history_with_formal_and_informal_apart(
    batch_code: str, tmp_path: Path
) -> None:
    path = _outcomes(tmp_path, OUTCOMES + BAD)
    dry = json.loads(run("import_training_outcomes", "--batch", batch_code, "--dry-run",
                         "--json", path))  # fmt: skip
    assert not OutcomeEvent.objects.exists()
    summary = json.loads(run("import_training_outcomes", "--batch", batch_code, "--json", path))
    assert dry == summary
    assert {k: summary[k] for k in ("rows", "created", "unchanged", "rejected")} == {
        "rows": 7, "created": 4, "unchanged": 0, "rejected": 3}  # fmt: skip
    errors = {(e["row"], e["field"]): e["message"] for e in summary["errors"]}
    assert "kerja" in errors[(6, "kegiatan")] and "pelatihan_lanjut" in errors[(6, "kegiatan")]
    assert "bukan peserta gelombang" in errors[(7, "nik")]
    assert (8, "tanggal_mulai") in errors

    dewi = OutcomeEvent.objects.get(alumnus__nik="3509015203010001")
    assert (dewi.activity, dewi.formal, dewi.employment_status) == (Activity.WORKING, True, "buruh")
    assert (dewi.income, dewi.occupation_id, dewi.work_region_id) == (3_200_000, "7231", "35.09")
    assert dewi.start_date == dt.date(2026, 4, 15) and dewi.source == "bkk"
    agus = OutcomeEvent.objects.get(alumnus__nik="3509011708990002")
    assert agus.activity == Activity.SELF_EMPLOYED and agus.employer == "Bengkel Agus"
    rudi = OutcomeEvent.objects.filter(alumnus__nik="3509010101050003").order_by("start_date")
    assert [(e.activity, e.formal) for e in rudi] == [
        (Activity.LOOKING, None), (Activity.WORKING, False)]  # fmt: skip

    again = json.loads(run("import_training_outcomes", "--batch", batch_code, "--json", path))
    assert (again["created"], again["unchanged"]) == (0, 4)
    assert OutcomeEvent.objects.count() == 4


def test_unknown_batch_or_unreadable_file_stops_with_one_line(
    batch_code: str, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="NOPE"):
        run("import_training_outcomes", "--batch", "NOPE", _outcomes(tmp_path, OUTCOMES))
    bad = tmp_path / "x.csv"
    bad.write_text("a;b\n1;2\n")
    with pytest.raises(CommandError):
        run("import_training_outcomes", "--batch", batch_code, str(bad))
