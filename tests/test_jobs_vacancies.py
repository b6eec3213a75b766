"""Vacancies: validation with clear messages, all-or-nothing posting, public boards, posters,
the office's export with the Perpres 57/2023 fields."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from jejak.accounts.models import Membership, Role, User
from jejak.jobs.models import Vacancy, VacancyTarget
from jejak.jobs.services import Refused, VacancyProblems, vacancy_post
from jejak.lib.tabular import read_rows
from jejak.organisations.models import Bkk, Organisation
from jejak.reference.models import Region
from tests.conftest import Tenant
from tests.jobs_factories import post, vacancy_data, vet


def _form(t: Tenant, **more: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "title": "Operator Produksi", "openings_any": "5", "opens_on": today.isoformat(),
        "closes_on": (today + dt.timedelta(days=20)).isoformat(), "education": "SMK",
        "wage_min": "Rp3.000.000", "wage_max": "3.500.000", "work_region": t.region,
        "formal": "1", "schools": [t.school.code], **more,
    }  # fmt: skip


def _new(client: Any, t: Tenant, **more: Any) -> Any:
    return client.post(reverse("jobs:new", args=[t.company.code]), _form(t, **more))


def test_recruiter_posts_coded_positions_by_sex(login: Any, jember: Tenant) -> None:
    from jejak.companies.models import CompanyInfo

    CompanyInfo.objects.update_or_create(organisation=jember.company, defaults={"kbli": "47111"})
    response = _new(login(jember.recruiter), jember, openings_any="2", openings_female="3",
                    occupation="5")  # fmt: skip
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert (vacancy.openings, vacancy.openings_any, vacancy.openings_female, vacancy.sex) == (
        5, 2, 3, "")  # fmt: skip
    assert (vacancy.occupation_id, vacancy.kbli, vacancy.industry_id) == ("5", "47111", "G")


def test_recruiter_posts_and_rupiah_with_dots_is_understood(login: Any, jember: Tenant) -> None:
    response = _new(login(jember.recruiter), jember)
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert (vacancy.wage_min, vacancy.wage_max) == (3_000_000, 3_500_000)
    assert vacancy.company == jember.company and vacancy.province_code == "35"
    assert list(vacancy.targets.values_list("school", flat=True)) == [jember.school.pk]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("closes_on", "2020-01-01", "Batas akhir lamaran sudah lewat"),
        ("wage_min", "tiga juta", "Upah minimal per bulan “tiga juta” tidak terbaca"),
        ("wage_max", "1000000", "Upah maksimal tidak boleh lebih kecil dari upah minimal"),
        ("openings_any", "banyak", "Jumlah dibutuhkan harus berupa angka"),
        ("openings_any", "0", "Jumlah yang dibutuhkan minimal 1 orang"),
        ("kbli", "X9", "“X9” bukan kode KBLI"),
        ("schools", [], "Pilih minimal satu sekolah atau wilayah"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(
    login: Any, jember: Tenant, field: str, value: Any, message: str
) -> None:
    response = _new(login(jember.recruiter), jember, **{field: value})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Vacancy.objects.exists() and not VacancyTarget.objects.exists()


def test_service_refuses_a_past_deadline_without_half_saving(jember: Tenant) -> None:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(VacancyProblems) as raised:
        vacancy_post(company=jember.company, posted_by_org=jember.company, actor=jember.recruiter,
                     data=vacancy_data(closes_on=yesterday), schools=[jember.school],
                     regions=[])  # fmt: skip
    assert "closes_on" in raised.value.problems
    assert not Vacancy.objects.exists()


def test_bkk_posts_only_for_a_vetted_company(login: Any, jember: Tenant) -> None:
    with pytest.raises(Refused):
        vacancy_post(company=jember.company, posted_by_org=jember.school, actor=jember.bkk,
                     data=vacancy_data(), schools=[jember.school], regions=[])  # fmt: skip
    assert not Vacancy.objects.exists()
    vet(jember)
    client = login(jember.bkk)
    response = client.post(
        reverse("jobs:new", args=[jember.school.code]),
        _form(jember, company=jember.company.code),
    )
    assert response.status_code == 302
    assert Vacancy.objects.get().posted_by_org == jember.school


def test_unvetted_vacancy_is_not_on_boards_and_the_page_says_why(
    login: Any, jember: Tenant, client: Any
) -> None:
    vacancy = post(jember)
    board = client.get(reverse("jobs:board_school", args=[jember.school.code])).content.decode()
    assert vacancy.title not in board
    assert client.get(reverse("jobs:public_detail", args=[vacancy.code])).status_code == 404
    page = login(jember.recruiter).get(reverse("jobs:detail", args=[jember.company.code,
                                                                   vacancy.code]))  # fmt: skip
    assert "belum tampil di papan lowongan" in page.content.decode()


def _school(name: str, regency: str, npsn: str) -> Organisation:
    school = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name=name, region_id=regency, npsn=npsn
    )
    Bkk.objects.create(organisation=school)
    return school


def test_boards_show_only_live_vacancies_of_vetted_companies(client: Any, jember: Tenant) -> None:
    vet(jember)
    regency = Region.objects.get(code="35.09")
    to_regency = post(jember, regions=[regency], title="Kasir Regency")
    to_school = post(jember, title="Teknisi Sekolah")
    expired = post(jember, title="Lowongan Kedaluwarsa")
    Vacancy.objects.filter(pk=expired.pk).update(closes_on=timezone.localdate() - dt.timedelta(1))
    filled = post(jember, title="Lowongan Terisi")
    Vacancy.objects.filter(pk=filled.pk).update(state=Vacancy.State.FILLED)
    other_school = _school("SMK Tetangga", "35.09", "20599002")
    far_school = _school("SMK Jauh", "35.10", "20599003")

    def titles(url: str) -> str:
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    own = titles(reverse("jobs:board_school", args=[jember.school.code]))
    assert to_regency.title in own and to_school.title in own
    assert expired.title not in own and filled.title not in own
    neighbour = titles(reverse("jobs:board_school", args=[other_school.code]))
    assert to_regency.title in neighbour and to_school.title not in neighbour
    assert to_regency.title not in titles(reverse("jobs:board_school", args=[far_school.code]))
    region_board = titles(reverse("jobs:board_region", args=["35.09"]))
    assert to_regency.title in region_board and to_school.title in region_board
    assert to_regency.title in titles(reverse("jobs:board_region", args=["35"]))
    assert to_regency.title not in titles(reverse("jobs:board_region", args=["32.04"]))


def test_public_page_and_poster_with_qr(client: Any, jember: Tenant) -> None:
    vet(jember)
    vacancy = post(jember)
    page = client.get(reverse("jobs:public_detail", args=[vacancy.code])).content.decode()
    assert vacancy.title in page and "Rp2.800.000" in page
    poster = client.get(reverse("jobs:poster", args=[vacancy.code])).content.decode()
    assert "<svg" in poster and f"/lowongan/{vacancy.code}/" in poster


def test_labour_office_exports_its_area_with_perpres_fields(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    analyst = User.objects.create_user(email="disnaker@example.id", name="Disnaker", password="x")
    Membership.objects.create(user=analyst, organisation=jember.labour_office,
                              role=Role.OFFICE_ANALYST)  # fmt: skip
    ours, theirs = post(jember, title="Las Listrik"), post(bandung, title="Barista")
    client = login(analyst)
    listing = client.get(reverse("jobs:list", args=[jember.labour_office.code])).content.decode()
    assert ours.title in listing and theirs.title not in listing
    response = client.get(reverse("jobs:export", args=[jember.labour_office.code]))
    rows = [cells for _n, cells in read_rows(response.getvalue(), "x.xlsx")]
    header = next(r for r in rows if "jabatan" in r)
    assert {"jumlah_dibutuhkan", "usia_min", "pendidikan_min", "upah_min",
            "kode_wilayah_kerja", "ramah_disabilitas"} <= set(header)  # fmt: skip
    body = [dict(zip(header, r, strict=False)) for r in rows[rows.index(header) + 1 :]]
    assert [r["jabatan"] for r in body] == ["Las Listrik"]
    assert body[0]["kode_wilayah_kerja"] == "35.09"
    # Read-only: the office cannot post.
    assert client.get(reverse("jobs:new", args=[jember.labour_office.code])).status_code == 404


def test_filled_vacancy_report(login: Any, jember: Tenant) -> None:
    vacancy, _open = post(jember, title="Sudah Terisi"), post(jember, title="Masih Buka")
    client = login(jember.recruiter)
    client.post(reverse("jobs:fill", args=[jember.company.code, vacancy.code]), {"confirm": "1"})
    assert Vacancy.objects.get(pk=vacancy.pk).state == Vacancy.State.FILLED
    response = client.get(reverse("jobs:export", args=[jember.company.code]) + "?filled=1")
    text = str(read_rows(response.getvalue(), "x.xlsx"))
    assert "Sudah Terisi" in text and "Masih Buka" not in text


def test_company_posts_to_a_partner_school_in_another_province(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    from jejak.companies.models import Partnership

    form = _form(bandung, schools=[jember.school.code])
    client = login(bandung.recruiter)
    refused = client.post(reverse("jobs:new", args=[bandung.company.code]), form)
    assert refused.status_code == 422 and not Vacancy.objects.exists()
    Partnership.objects.create(organisation=jember.school, company=bandung.company,
                               starts_on="2026-01-01", scope="Rekrutmen")  # fmt: skip
    posted = client.post(reverse("jobs:new", args=[bandung.company.code]), form)
    assert posted.status_code == 302
    assert Vacancy.objects.get().targets.get().school == jember.school


def test_board_queries_do_not_grow_with_vacancies(
    client: Any, jember: Tenant, django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    vet(jember)
    post(jember, regions=[Region.objects.get(code="35.09")])
    url = reverse("jobs:board_region", args=["35.09"])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(6):
        post(jember, title=f"Lowongan {n}", majors=[])
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert "Lowongan 5" in page.content.decode()


def test_company_signup_is_rate_limited(client: Any, db: Any, settings: Any) -> None:
    from tests.conftest import ensure_reference_data

    ensure_reference_data()
    url = reverse("companies:signup")
    statuses = [client.post(url, {"name": ""}).status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[-1] == 429


def test_company_corrects_its_vacancy_and_the_change_is_audited(login: Any, jember: Tenant) -> None:
    from jejak.audit.models import AuditEvent

    vet(jember)
    vacancy = post(jember)
    url = reverse("jobs:edit", args=[jember.company.code, vacancy.code])
    client = login(jember.recruiter)
    form = client.get(url)
    assert form.status_code == 200 and vacancy.title in form.content.decode()
    data = {
        "title": "Teknisi Jaringan Senior", "openings_any": "2", "opens_on": vacancy.opens_on,
        "closes_on": vacancy.closes_on, "education": "SMK", "wage_min": "Rp3.000.000",
        "wage_max": "3.800.000", "work_region": jember.region, "formal": "1",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    vacancy.refresh_from_db()
    assert (vacancy.title, vacancy.openings, vacancy.wage_min) == (
        "Teknisi Jaringan Senior", 2, 3_000_000)  # fmt: skip
    event = AuditEvent.objects.get(action="vacancy.updated")
    assert event.changes["wage_min"] == ["2800000", "3000000"]
    refused = client.post(url, {**data, "wage_max": "tiga juta"})
    assert refused.status_code == 422 and "angka" in refused.content.decode()
    vacancy.refresh_from_db()
    assert vacancy.wage_max == 3_800_000  # nothing half-saved


def test_only_the_poster_may_edit_a_vacancy(login: Any, jember: Tenant) -> None:
    vet(jember)
    vacancy = post(jember)  # posted by the company to the school
    url = reverse("jobs:edit", args=[jember.school.code, vacancy.code])
    assert login(jember.bkk).get(url).status_code == 404


def test_the_job_title_suggests_its_kbji_group(login: Any, jember: Tenant) -> None:
    client = login(jember.recruiter)
    url = reverse("jobs:kbji_suggest", args=[jember.company.code])
    page = client.get(url, {"title": "Operator mesin jahit"}).content.decode()
    suggested = page.split("Semua golongan")[0]
    first = re.search(r'<option value="(\d+)" selected>', suggested)
    assert first is not None and first.group(1)[0] in {"7", "8"}, suggested
    chosen = client.get(url, {"title": "Operator mesin jahit", "occupation": "7"}).content.decode()
    assert 'value="7" selected' in chosen
    new = client.get(reverse("jobs:new", args=[jember.company.code])).content.decode()
    assert 'hx-get="' + url + '"' in new
