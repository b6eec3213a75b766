"""Tenant-owned rows carry their organisation's province code, however they are written."""

from __future__ import annotations

import pytest

from jejak.alumni.models import Alumnus
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


def test_bulk_created_rows_take_the_province_code_from_their_organisation(
    jember: Tenant, bandung: Tenant
) -> None:
    rows = [
        Alumnus(organisation=jember.school, name="Ani", nisn="0012345671", cohort=2025),
        Alumnus(
            organisation=bandung.school,
            name="Ujang",
            nisn="0012345672",
            cohort=2025,
            province_code="35",
        ),  # a wrong shard key given by hand is corrected
    ]
    Alumnus.bulk_create_derived(rows)
    found = Alumnus.objects.filter(nisn__startswith="001234567")
    stored = dict(found.values_list("name", "province_code"))
    assert stored == {"Ani": "35", "Ujang": "32"}


def test_save_and_bulk_create_derive_alike(jember: Tenant) -> None:
    saved = Alumnus(organisation=jember.school, name="Sari", cohort=2025, province_code="99")
    saved.save()
    [bulk] = Alumnus.bulk_create_derived(
        [Alumnus(organisation=jember.school, name="Dewi", cohort=2025, province_code="99")]
    )
    assert saved.province_code == bulk.province_code == jember.school.province_code
