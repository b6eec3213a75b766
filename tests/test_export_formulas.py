"""Exports neutralise exactly the cells Excel would run as formulas, and an export re-imported
gives back the values it was made from (CSV: one apostrophe added and dropped; XLSX: text
cells, nothing added)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from jejak.alumni.exports import register_workbook
from jejak.alumni.importing import import_alumni
from jejak.alumni.models import Alumnus
from jejak.lib.formulas import is_formula, neutralise, restore
from jejak.lib.tabular import read_rows
from jejak.tracer import services
from jejak.tracer.models import Campaign
from tests.conftest import Tenant

TRICKY = ['=HYPERLINK("http://x.id","klik")', "- RT 3", "+62 812-3456-7890", "@SUM(1)"]


@pytest.mark.parametrize(
    ("value", "runs"),
    [
        ('=HYPERLINK("x")', True), ("- RT 3", True), ("+62 812-3456-7890", True),
        ("@SUM(1)", True), ("\t=1+1", True), ("\r\n-cmd|' /C calc'!A0", True), (" =1", True),
        ("-5", False), ("+62812345678", False), ("-1.234,5", False), ("-10%", False),
        ("-", False), ("Siti Aminah", False), ("Jl. Mawar 3", False), ("a=b", False), ("", False),
    ],
)  # fmt: skip
def test_the_formula_rule(value: str, runs: bool) -> None:
    assert is_formula(value) is runs
    assert neutralise(value) == ("'" + value if runs else value)


@pytest.mark.parametrize("value", [*TRICKY, "-5", "'=x", "''@y", "'biasa", "'", "Siti", "'-5", "'"])
def test_restore_gives_back_exactly_what_was_neutralised(value: str) -> None:
    assert restore(neutralise(value)) == value


def test_links_csv_neutralises_formulas_and_reads_back_the_names(
    login: Any, jember: Tenant
) -> None:
    for index, name in enumerate(TRICKY):
        Alumnus.objects.create(
            organisation=jember.school, nisn=f"00900000{index:02}", name=name, sex="L",
            cohort=2025, school_class=jember.own_class, phone="+6281234567890",
        )  # fmt: skip
    campaign = _open_campaign(jember)
    url = reverse("tracer:links_csv", args=[jember.school.code, campaign.code])
    body = login(jember.bkk).get(url).getvalue()
    as_excel_sees_it = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert {"'" + name for name in TRICKY} <= {row[1] for row in as_excel_sees_it[1:]}
    assert not [cell for row in as_excel_sees_it for cell in row if is_formula(cell)]
    reimported = {cells[1] for _number, cells in read_rows(body, "tautan.csv")[1:]}
    assert set(TRICKY) <= reimported


def _open_campaign(tenant: Tenant) -> Campaign:
    today = timezone.localdate()
    return services.campaign_open(
        owner=tenant.school, school=tenant.school, cohorts=[2025],
        start=today - dt.timedelta(days=1), end=today + dt.timedelta(days=30), actor=tenant.bkk,
    )  # fmt: skip


def test_register_export_keeps_text_as_is_and_reimports_to_the_same_values(
    jember: Tenant,
) -> None:
    for index, (value, name) in enumerate(
        zip(TRICKY, ["Ani", "Budi", "Citra", "Dewi"], strict=True)
    ):
        Alumnus.objects.create(
            organisation=jember.school, nisn=f"00900000{index:02}", name=name,
            sex="P", cohort=2025, school_class=jember.own_class, address=value,
        )  # fmt: skip
    data = register_workbook(Alumnus.objects.filter(organisation=jember.school))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    rows = read_rows(data, "alumni.xlsx")
    address_col = rows[0][1].index("alamat")
    exported = {row[address_col] for _n, row in rows[1:]}
    assert set(TRICKY) <= exported  # no apostrophe added: `- RT 3` stays `- RT 3`

    Alumnus.objects.filter(nisn__startswith="009").update(address="lama")
    result = import_alumni(organisation=jember.school, cohort=2025, data=data,
                           filename="alumni.xlsx", actor=jember.bkk)  # fmt: skip
    assert not result.errors
    addresses = set(
        Alumnus.objects.filter(nisn__startswith="009").values_list("address", flat=True)
    )
    assert addresses == set(TRICKY)
