"""Hostile spreadsheets: each is refused before a parser can hurt the worker, with one line
naming the limit, on every path that reads an upload (web import, the three commands)."""

from __future__ import annotations

import dataclasses
import io
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from jejak.alumni.models import Alumnus, ImportJob
from jejak.demo.dapodik import person_row, write_dapodik_xlsx
from jejak.demo.people import make_person
from jejak.lib.sheet_guard import Limits, check_xlsx_extent
from jejak.lib.tabular import UnreadableFile, read_rows
from tests import hostile
from tests.conftest import Tenant

ROW_LIMIT = "Berkas ditolak: lebih dari 50.000 baris (batas impor)."


def _limits(**changes: Any) -> Limits:
    return dataclasses.replace(Limits.from_settings(), **changes)


def _refusal(data: bytes, name: str = "x.xlsx", limits: Limits | None = None) -> str:
    with pytest.raises(UnreadableFile) as problem:
        read_rows(data, name, limits)
    message = str(problem.value)
    assert "\n" not in message and message.endswith(")."), message
    return message


@pytest.mark.parametrize("dimension", ["A1:XFD1048576", "A1:A1", None])
def test_corner_cell_workbook_is_refused_whatever_its_dimension_says(
    dimension: str | None,
) -> None:
    data = hostile.corner_cell_xlsx(dimension)
    assert len(data) < 2000
    assert _refusal(data) == ROW_LIMIT


def test_a_cell_past_the_column_cap_is_refused() -> None:
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>nisn</t></is></c><c r="GS1"><v>1</v></c></row>'
    )
    message = _refusal(hostile.xlsx(hostile.sheet_xml(rows)))
    assert message == "Berkas ditolak: lebih dari 200 kolom (batas impor)."


def test_rows_without_references_are_counted_as_the_parser_counts_them() -> None:
    assert "100 baris" in _refusal(
        hostile.unreferenced_rows_xlsx(150), limits=_limits(max_rows=100)
    )
    rows = read_rows(hostile.unreferenced_rows_xlsx(50), "x.xlsx", _limits(max_rows=100))
    assert rows[0] == (1, ["nisn", "", ""]) and rows[-1] == (52, ["", "", "x"])
    # The reference scan (run when a parse runs out of memory) counts them the same way.
    archive = zipfile.ZipFile(io.BytesIO(hostile.unreferenced_rows_xlsx(150)))
    with pytest.raises(UnreadableFile, match="100 baris"):
        check_xlsx_extent(archive, _limits(max_rows=100))
    archive = zipfile.ZipFile(io.BytesIO(hostile.unreferenced_rows_xlsx(50)))
    check_xlsx_extent(archive, _limits(max_rows=100))


def test_deflate_bomb_is_refused_from_the_zip_directory() -> None:
    message = _refusal(hostile.zip_bomb_xlsx())
    assert "dimampatkan lebih dari 100 kali" in message


def test_unpacked_size_over_the_cap_is_refused() -> None:
    data = hostile.xlsx(hostile.sheet_xml(""), extra={"xl/media/big.bin": bytes(range(256)) * 8192})
    message = _refusal(data, limits=_limits(max_unpacked_bytes=1024 * 1024))
    assert "lebih dari 1 MB setelah dibuka" in message


def test_too_many_parts_are_refused_before_the_directory_is_read() -> None:
    extra = {f"xl/junk/{n}.xml": b"<a/>" for n in range(30)}
    message = _refusal(hostile.xlsx(hostile.sheet_xml(""), extra), limits=_limits(max_members=20))
    assert "lebih dari 20 bagian" in message


def test_a_directory_bigger_than_its_count_says_is_refused() -> None:
    extra = {f"xl/junk/{n}.xml": b"<a/>" for n in range(30)}
    data = bytearray(hostile.xlsx(hostile.sheet_xml(""), extra))
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = (1).to_bytes(2, "little") * 2  # "one entry", a lie
    message = _refusal(bytes(data), limits=_limits(max_members=2))
    assert "lebih dari 2 bagian" in message


def test_a_part_that_climbs_out_of_the_archive_is_refused() -> None:
    data = hostile.xlsx(hostile.sheet_xml(""), extra={"../../etc/cron.d/x": b"x"})
    assert "tidak wajar" in _refusal(data)


def test_two_parts_with_one_name_are_refused() -> None:
    buffer = io.BytesIO(hostile.xlsx(hostile.sheet_xml("")))
    with pytest.warns(UserWarning), zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", hostile.sheet_xml(""))
    assert "tidak wajar" in _refusal(buffer.getvalue())


def test_a_png_named_xlsx_is_not_a_workbook() -> None:
    with pytest.raises(UnreadableFile, match="tidak bisa dibaca sebagai Excel"):
        read_rows(hostile.PNG, "alumni.xlsx")


def _export(rows: int) -> bytes:
    rng = random.Random(5)
    return write_dapodik_xlsx(
        [person_row(n, make_person(rng, 2025, n), "XII TKJ 1") for n in range(1, rows + 1)]
    )


def test_parsing_over_the_memory_budget_is_refused_and_this_process_lives() -> None:
    message = _refusal(_export(3000), limits=_limits(max_memory_bytes=20 * 1024 * 1024))
    assert message == "Berkas ditolak: membacanya butuh lebih dari 20 MB memori (batas impor)."


def test_parsing_over_the_time_budget_is_refused() -> None:
    message = _refusal(_export(3000), limits=_limits(max_seconds=0))
    assert message == "Berkas ditolak: membacanya butuh lebih dari 0 detik (batas impor)."


def test_a_real_export_still_reads_with_the_spreadsheet_row_numbers() -> None:
    rows = read_rows(_export(30), "dapodik.xlsx")
    assert rows[0][0] == 1 and rows[-1][0] == len(rows) == 37


def test_leading_empty_rows_keep_their_numbers() -> None:
    sheet = '<row r="4"><c r="B4" t="inlineStr"><is><t>nisn</t></is></c></row>'
    assert read_rows(hostile.xlsx(hostile.sheet_xml(sheet)), "x.xlsx") == [(4, ["nisn"])]


def test_csv_over_the_row_or_column_cap_is_refused() -> None:
    rows = "nisn;nama\n" + "1;a\n" * 120
    assert "100 baris" in _refusal(rows.encode(), "x.csv", _limits(max_rows=100))
    wide = ";".join(["x"] * 250).encode()
    assert "200 kolom" in _refusal(wide, "x.csv")


def test_csv_with_a_giant_cell_is_refused_naming_the_limit() -> None:
    data = b'nisn;nama\n1;"' + b"a" * 200_000 + b'"\n'
    assert "karakter (batas impor)" in _refusal(data, "x.csv")


def test_a_file_over_the_upload_size_is_refused_before_parsing() -> None:
    message = _refusal(b"nisn;nama\n" * 200_000, "x.csv", _limits(max_bytes=1024 * 1024))
    assert message == "Berkas ditolak: lebih besar dari 1 MB (batas unggah)."


# --- Every path that reads an upload -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "command",
    [["import_alumni", "--cohort", "2025", "--school"], ["import_schools"],
     ["import_responses", "--campaign"]],
)  # fmt: skip
def test_every_import_command_refuses_the_corner_cell_workbook(
    command: list[str], jember: Tenant, campaign: Any, tmp_path: Path
) -> None:
    path = tmp_path / "sudut.xlsx"
    path.write_bytes(hostile.corner_cell_xlsx())
    argument = {"--school": jember.school.npsn, "--campaign": campaign.code}.get(command[-1])
    with pytest.raises(CommandError) as error:
        call_command(*command, *([argument] if argument else []), str(path))
    assert str(error.value) == ROW_LIMIT


@pytest.mark.django_db
def test_a_command_refuses_a_file_over_the_upload_size_without_reading_it(
    jember: Tenant, tmp_path: Path, settings: Any
) -> None:
    settings.MAX_UPLOAD_MB = 1
    path = tmp_path / "besar.csv"
    path.write_bytes(b"nisn;nama\n" * 200_000)
    with pytest.raises(CommandError, match="lebih besar dari 1 MB"):
        call_command("import_schools", str(path))


@pytest.mark.django_db
@pytest.mark.parametrize("builder", [hostile.corner_cell_xlsx, hostile.zip_bomb_xlsx])
def test_a_hostile_upload_fails_its_job_and_the_next_import_runs(
    builder: Any, login: Any, jember: Tenant
) -> None:
    client = login(jember.bkk)
    url = reverse("alumni:import", args=[jember.school.code])
    upload = io.BytesIO(builder())
    upload.name = "alumni.xlsx"
    response = client.post(url, {"file": upload, "cohort": 2025})
    job = ImportJob.objects.get()
    assert job.state == "failed" and job.message.startswith("Berkas ditolak:")
    assert job.message in client.get(response["Location"]).content.decode()
    good = io.BytesIO(_export(3))
    good.name = "dapodik.xlsx"
    client.post(url, {"file": good, "cohort": 2025})
    assert ImportJob.objects.filter(state="done").count() == 1
    assert Alumnus.objects.filter(organisation=jember.school).count() == 2


@pytest.mark.django_db
def test_an_upload_announced_far_past_the_limit_is_answered_before_it_is_read(
    login: Any, jember: Tenant, settings: Any
) -> None:
    settings.MAX_UPLOAD_MB = 1
    client = login(jember.bkk)
    upload = io.BytesIO(b"nisn;nama\n" * 400_000)  # 4 MB: over twice the limit
    upload.name = "besar.csv"
    response = client.post(
        reverse("alumni:import", args=[jember.school.code]), {"file": upload, "cohort": 2025}
    )
    assert response.status_code == 413
    assert response.content.decode() == "Berkas terlalu besar (maksimal 1 MB)."
    assert not ImportJob.objects.exists()


def test_an_upload_that_hides_its_size_stops_being_read_past_the_limit(settings: Any) -> None:
    from django.core.files.uploadhandler import StopUpload

    from jejak.upload_handlers import CappedUploadHandler

    settings.MAX_UPLOAD_MB = 1
    handler = CappedUploadHandler()
    handler.handle_raw_input(None, {}, 0, b"boundary")  # chunked: no length announced
    assert handler.receive_data_chunk(b"x" * 1024, 0) == b"x" * 1024
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"x" * 1024, 3 * 1024 * 1024)


def test_the_parse_budget_alone_survives_the_corner_cell_workbook(monkeypatch: Any) -> None:
    """Second line of defence: with the extent checks switched off, calamine meets the
    17-billion-cell sheet in its child process, which dies alone at its memory ceiling."""
    from jejak.lib import tabular

    monkeypatch.setattr(tabular, "check_declared_dimension", lambda *args: None)
    monkeypatch.setattr(tabular, "check_xlsx_extent", lambda *args, **kwargs: None)
    message = _refusal(hostile.corner_cell_xlsx(), limits=_limits(max_memory_bytes=512 << 20))
    assert message == "Berkas ditolak: membacanya butuh lebih dari 512 MB memori (batas impor)."


def test_a_nul_inside_a_cell_is_dropped_from_every_format() -> None:
    """XML cannot hold a NUL but XLSX's `_x0000_` escape can, and a CSV can past the
    first 4 KB that decide whether it is text; PostgreSQL refuses text with one."""
    escaped = '<row r="1"><c r="A1" t="inlineStr"><is><t>Bu_x0000_di</t></is></c></row>'
    assert read_rows(hostile.xlsx(hostile.sheet_xml(escaped)), "x.xlsx") == [(1, ["Budi"])]
    csv_data = b"nama\n" + b"Siti\n" * 1000 + b"Bu\x00di\n"
    assert read_rows(csv_data, "x.csv")[-1] == (1002, ["Budi"])


@pytest.mark.django_db
def test_a_nul_inside_a_csv_cell_does_not_fail_the_real_import(login: Any, jember: Tenant) -> None:
    names = [f"Siswa {chr(65 + i % 26)}{chr(65 + i // 26)}" for i in range(300)]
    lines = [f"00{i:08d};{name};L;01-01-2005" for i, name in enumerate(names)]
    lines[-1] = lines[-1].replace("Siswa", "Sis\x00wa")
    data = ("nisn;nama;jenis kelamin;tanggal lahir\n" + "\n".join(lines) + "\n").encode()
    client = login(jember.bkk)
    upload = io.BytesIO(data)
    upload.name = "alumni.csv"
    client.post(reverse("alumni:import", args=[jember.school.code]), {"file": upload,
                "cohort": 2025})  # fmt: skip
    dry = ImportJob.objects.get()
    client.post(reverse("alumni:import_confirm", args=[jember.school.code, dry.code]))
    real = ImportJob.objects.get(dry_run=False)
    assert real.state == "done", real.message
    assert Alumnus.objects.filter(name=names[-1]).exists()


@pytest.mark.parametrize(("rows", "columns"), [(1_048_576, 1024), (60_000, 16_384)])
def test_an_ods_whose_repeated_cells_ask_for_billions_is_refused_naming_the_caps(
    rows: int, columns: int
) -> None:
    """calamine refuses these itself, but read from memory it only said it could not tell
    the format: the refusal did not name the limit."""
    data = hostile.repeated_rows_ods(rows, columns)
    assert len(data) < 1500
    message = _refusal(data, "alumni.ods")
    assert message == "Berkas ditolak: lebih dari 50.000 baris atau 200 kolom (batas impor)."


def test_an_ods_within_the_caps_still_reads() -> None:
    assert read_rows(hostile.repeated_rows_ods(3, 2), "alumni.ods") == [
        (1, ["nisn", ""]), (2, ["x", "x"]), (3, ["x", "x"]), (4, ["x", "x"])]  # fmt: skip
