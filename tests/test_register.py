"""The register: search and filters, editing with history, adding, merging duplicates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jejak.alumni.duplicates import find_duplicates
from jejak.alumni.models import Alumnus
from jejak.alumni.services import alumni_merge
from jejak.audit.models import AuditEvent
from jejak.outcomes.models import OutcomeEvent
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


def _register(client: Any, tenant: Tenant, **params: Any) -> str:
    url = reverse("alumni:register", args=[tenant.school.code])
    return client.get(url, params).content.decode()


def test_search_by_name_nisn_or_phone(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    assert jember.alumnus.name in _register(client, jember, q="siti")
    assert jember.alumnus.name not in _register(client, jember, q="budi")
    assert jember.other_alumnus.name in _register(client, jember, q=jember.other_alumnus.nisn)
    both = _register(client, jember, q="0812-3456-7890")
    assert jember.alumnus.name in both and jember.other_alumnus.name in both


def test_filter_by_class_and_status(login: Any, jember: Tenant) -> None:
    OutcomeEvent.objects.create(
        organisation=jember.school, alumnus=jember.alumnus, activity="bekerja",
        start_date=dt.date(2025, 7, 1), source="teacher",
    )  # fmt: skip
    client = login(jember.bkk)
    page = _register(client, jember, school_class=jember.other_class.code)
    assert jember.other_alumnus.name in page and jember.alumnus.name not in page
    working = _register(client, jember, status="bekerja")
    assert jember.alumnus.name in working and jember.other_alumnus.name not in working
    unknown = _register(client, jember, status="none")
    assert jember.other_alumnus.name in unknown and jember.alumnus.name not in unknown


def test_edit_records_who_changed_what(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    url = reverse("alumni:edit", args=[jember.school.code, jember.alumnus.code])
    data = {
        "nisn": jember.alumnus.nisn, "nik": "", "name": "Siti Aminah", "sex": "P",
        "birth_place": "Jember", "birth_date": "2007-08-17", "cohort": 2025, "major": "",
        "school_class": jember.own_class.pk, "phone": "0857 1234 5678", "email": "",
        "address": "", "region": "", "disability": [],
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    jember.alumnus.refresh_from_db()
    assert jember.alumnus.phone == "+6285712345678" and jember.alumnus.name == "Siti Aminah"
    event = AuditEvent.objects.get(action="alumnus.updated", object_code=jember.alumnus.code)
    assert event.actor == jember.bkk
    assert event.changes["phone"] == ["+6281234567890", "+6285712345678"]
    detail = client.get(reverse("alumni:detail", args=[jember.school.code, jember.alumnus.code]))
    assert "+6285712345678" in detail.content.decode()
    assert AuditEvent.objects.filter(action="alumnus.viewed", actor=jember.bkk).exists()


def test_bad_edit_says_which_field_and_saves_nothing(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    url = reverse("alumni:edit", args=[jember.school.code, jember.alumnus.code])
    response = client.post(
        url, {"nisn": jember.other_alumnus.nisn, "name": "X", "sex": "P", "cohort": 2025,
              "phone": "12"},
    )  # fmt: skip
    errors = response.context["form"].errors
    assert "nisn" in errors and "phone" in errors
    jember.alumnus.refresh_from_db()
    assert jember.alumnus.name.startswith("Siti")


def test_add_a_graduate_by_hand(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    response = client.post(
        reverse("alumni:create", args=[jember.school.code]),
        {"nisn": "35123", "name": "Andi", "sex": "L", "cohort": 2025},
    )
    assert "nisn" in response.context["form"].errors
    response = client.post(
        reverse("alumni:create", args=[jember.school.code]),
        {"nisn": "3500000099", "name": "Andi", "sex": "L", "cohort": 2025},
    )
    assert response.status_code == 302
    assert Alumnus.objects.get(nisn="3500000099").organisation == jember.school


def test_duplicates_exact_first_then_fuzzy_name_with_same_birth_date(jember: Tenant) -> None:
    twin = Alumnus.objects.create(
        organisation=jember.school, name="Sity Jember", sex="P", cohort=2025,
        birth_date=jember.alumnus.birth_date,
    )  # fmt: skip
    same_nik = [
        Alumnus.objects.create(
            organisation=jember.school, name=n, sex="L", cohort=2024, nik="3509011708070001"
        )
        for n in ("Rizky A", "Rizky B")
    ]
    stranger = Alumnus.objects.create(
        organisation=jember.school, name="Sita Jember", sex="P", cohort=2025,
        birth_date=dt.date(2007, 1, 1),
    )  # fmt: skip
    pairs = find_duplicates(Alumnus.objects.filter(organisation=jember.school))
    found = [({p.first.pk, p.second.pk}, p.reason) for p in pairs]
    assert found[0] == ({same_nik[0].pk, same_nik[1].pk}, "nik")
    assert ({jember.alumnus.pk, twin.pk}, "name") in found
    assert not any(stranger.pk in ids for ids, _ in found)


def test_merge_fills_gaps_moves_history_and_is_confirmed(login: Any, jember: Tenant) -> None:
    twin = Alumnus.objects.create(
        organisation=jember.school, name="Sity Jember", sex="P", cohort=2025,
        email="siti@example.id", birth_date=jember.alumnus.birth_date,
    )  # fmt: skip
    OutcomeEvent.objects.create(
        organisation=jember.school, alumnus=twin, activity="melanjutkan",
        start_date=dt.date(2025, 9, 1), source="self",
    )  # fmt: skip
    client = login(jember.bkk)
    url = reverse("alumni:merge", args=[jember.school.code, jember.alumnus.code, twin.code])
    assert client.get(url).status_code == 200
    assert Alumnus.objects.filter(pk=twin.pk).exists()  # looking changes nothing
    client.post(url)
    jember.alumnus.refresh_from_db()
    assert not Alumnus.objects.filter(pk=twin.pk).exists()
    assert jember.alumnus.email == "siti@example.id"
    assert jember.alumnus.outcome_events.get().activity == "melanjutkan"
    assert AuditEvent.objects.filter(action="alumnus.merged").exists()


def test_merge_refuses_records_of_two_schools(jember: Tenant, bandung: Tenant) -> None:
    with pytest.raises(ValueError):
        alumni_merge(keep=jember.alumnus, duplicate=bandung.alumnus, actor=jember.bkk)


def test_export_follows_filters_masks_nik_and_is_audited(login: Any, jember: Tenant) -> None:
    from jejak.lib.tabular import read_rows

    Alumnus.objects.filter(pk=jember.alumnus.pk).update(nik="3509015708070001")
    client = login(jember.bkk)
    url = reverse("alumni:export", args=[jember.school.code])
    sheet = read_rows(client.get(url, {"school_class": jember.own_class.code}).getvalue(), "x.xlsx")
    header = [str(c) for c in sheet[0][1]]
    assert len(sheet) == 2
    values = dict(zip(header, sheet[1][1], strict=False))
    assert values["nama"] == jember.alumnus.name and values["nisn"] == jember.alumnus.nisn
    assert values["nik"] == "3509 •••• •••• ••01" and values["hp"] == "081234567890"
    assert AuditEvent.objects.filter(action="alumni.exported", actor=jember.bkk).exists()


def test_teacher_export_holds_only_own_class(login: Any, jember: Tenant) -> None:
    from jejak.lib.tabular import read_rows

    client = login(jember.teacher)
    sheet = read_rows(
        client.get(reverse("alumni:export", args=[jember.school.code])).getvalue(), "x"
    )
    names = [row[1][1] for row in sheet[1:]]
    assert names == [jember.alumnus.name]


def test_detail_shows_the_outcome_history_latest_first(login: Any, jember: Tenant) -> None:
    for activity, start, employer in [
        ("mencari_kerja", dt.date(2025, 6, 1), ""),
        ("bekerja", dt.date(2025, 9, 1), "PT Sinar Jaya"),
    ]:
        OutcomeEvent.objects.create(
            organisation=jember.school, alumnus=jember.alumnus, activity=activity,
            start_date=start, source="teacher", employer=employer, income=2_750_000,
            recorded_by=jember.teacher,
        )  # fmt: skip
    url = reverse("alumni:detail", args=[jember.school.code, jember.alumnus.code])
    page = login(jember.bkk).get(url).content.decode()
    current = page.index("Status sekarang")
    assert page.index("Bekerja", current) < page.index("Mencari kerja", current)
    assert "PT Sinar Jaya" in page and "2.750.000" in page and jember.teacher.name in page


def test_the_duplicates_page_ignores_a_cohort_in_superscript_digits(
    login: Any, jember: Tenant
) -> None:
    client = login(jember.bkk)
    url = reverse("alumni:duplicates", args=[jember.school.code])
    assert client.get(url, {"cohort": "²⁰²⁵"}).status_code == 200
