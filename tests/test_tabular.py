"""Reading spreadsheets as schools send them."""

import pytest

from jejak.demo.dapodik import person_row, write_dapodik_xlsx
from jejak.demo.people import make_person
from jejak.lib.tabular import UnreadableFile, find_header, read_rows

NEEDED = [{"nisn"}, {"nama"}]


def test_indonesian_excel_csv_with_semicolons_and_bom() -> None:
    data = "\ufeffnisn;nama;tanggal_lahir\r\n0061234567;Siti;17/08/2006\r\n".encode()
    rows = read_rows(data, "alumni.csv")
    assert rows[0] == (1, ["nisn", "nama", "tanggal_lahir"])
    assert rows[1] == (2, ["0061234567", "Siti", "17/08/2006"])


def test_comma_csv_in_windows_code_page() -> None:
    data = "nisn,nama\n0061234567,Siti Nur'aini Ma\xf1a\n".encode("cp1252")
    rows = read_rows(data, "alumni.csv")
    assert rows[1][1][1] == "Siti Nur'aini Ma\xf1a"


def test_dapodik_two_row_header_with_merged_cells() -> None:
    import random

    person = make_person(random.Random(1), 2025, 1)
    data = write_dapodik_xlsx([person_row(1, person, "XII TKJ 1")])
    rows = read_rows(data, "dapodik.xlsx")
    header = find_header(rows, NEEDED)
    assert header.row_number == 6 and header.last_row_number == 7
    assert "nama" in header.labels and "data ayah / nama" in header.labels
    assert header.labels.index("nama") < header.labels.index("data ayah / nama")
    assert "rombel saat ini" in header.labels


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"PK\x03\x04 this is not really a zip", "x.xlsx"), (b"", "x.csv"),
     (b"\x00\x01\x02binary", "x.csv"), (b"hello", "x.pdf")],
)  # fmt: skip
def test_unusable_file_gives_one_sentence(data: bytes, name: str) -> None:
    with pytest.raises(UnreadableFile) as problem:
        read_rows(data, name)
    message = str(problem.value)
    assert message.endswith(".") and "\n" not in message


def test_missing_header_names_the_columns_it_needs() -> None:
    rows = read_rows(b"a;b\n1;2\n", "x.csv")
    with pytest.raises(UnreadableFile, match="NISN"):
        find_header(rows, NEEDED)
