"""The placement register: AKL/AKAD from region codes, AKAN refused, the outcome event made
in the same transaction, accepting an applicant leading to a prefilled placement."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jejak.jobs.models import Placement
from jejak.jobs.services import (
    Refused,
    add_months,
    application_submit,
    placement_kind,
    placement_record,
)
from jejak.lib.tabular import read_rows
from jejak.outcomes.models import OutcomeEvent, Source
from jejak.reference.models import Industry, Region
from tests.conftest import Tenant
from tests.jobs_factories import post, vet


def test_kind_is_derived_from_the_school_and_workplace_region_codes(jember: Tenant) -> None:
    assert placement_kind(jember.school, "35.78", "") == Placement.Kind.AKL  # Surabaya
    assert placement_kind(jember.school, "32.04", "") == Placement.Kind.AKAD  # Bandung
    assert placement_kind(jember.school, None, "Jepang") == Placement.Kind.AKAN


def test_follow_up_is_three_months_on_even_at_a_month_end() -> None:
    assert add_months(dt.date(2026, 1, 15), 3) == dt.date(2026, 4, 15)
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 10, 31), 3) == dt.date(2027, 1, 31)


def _record(t: Tenant, **more: Any) -> Placement:
    values: dict[str, Any] = {
        "employer": "PT Sinar", "start_date": dt.date(2026, 7, 1),
        "work_region": Region.objects.get(code="35.78"), "wage": 3_200_000,
    }  # fmt: skip
    values.update(more)
    return placement_record(school=t.school, alumnus=t.alumnus, actor=t.bkk,
                            recorded_by_org=t.school, **values)  # fmt: skip


def test_placement_makes_its_outcome_event_with_the_same_details(jember: Tenant) -> None:
    industry = Industry.objects.first()
    placement = _record(jember, industry=industry, formal=False)
    event = placement.outcome_event
    assert event is not None and event.source == Source.PLACEMENT
    assert (event.activity, event.employer, event.work_region_id, event.income) == (
        "bekerja", "PT Sinar", "35.78", 3_200_000)  # fmt: skip
    assert event.formal is False and event.industry == industry
    assert event.start_date == dt.date(2026, 7, 1) and event.alumnus == jember.alumnus
    assert placement.kind == Placement.Kind.AKL
    assert placement.follow_up_on == dt.date(2026, 10, 1)


def test_a_job_title_as_long_as_a_placement_allows_reaches_its_outcome_event(
    jember: Tenant,
) -> None:
    """A placement (and a vacancy or a fair hire) takes 150 characters of job title; its
    outcome event held 100, which PostgreSQL refused: the placement was a 500."""
    title = "Teknisi " + "jaringan dan perawatan mesin " * 5  # 153 characters
    placement = _record(jember, job_title=title[:150])
    assert placement.outcome_event is not None
    placement.outcome_event.refresh_from_db()
    assert placement.outcome_event.job_title == title[:150]


def test_akan_is_refused_and_nothing_is_saved(login: Any, jember: Tenant) -> None:
    with pytest.raises(Refused, match="AKAN"):
        _record(jember, work_region=None, work_country="Malaysia")
    response = login(jember.bkk).post(
        reverse("jobs:placement_new", args=[jember.school.code]),
        {"nisn": jember.alumnus.nisn, "employer": "Kilang Sawit", "work_country": "Malaysia",
         "start_date": "2026-07-01", "formal": "1"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "BKK tidak boleh menempatkan ke luar negeri" in response.content.decode()
    assert not Placement.objects.exists() and not OutcomeEvent.objects.exists()


def test_wage_of_text_on_a_placement_is_refused(login: Any, jember: Tenant) -> None:
    response = login(jember.bkk).post(
        reverse("jobs:placement_new", args=[jember.school.code]),
        {"nisn": jember.alumnus.nisn, "employer": "PT A", "work_region": "35.09",
         "start_date": "2026-07-01", "wage": "lumayan", "formal": "1"},
    )  # fmt: skip
    assert "Upah per bulan “lumayan” tidak terbaca sebagai rupiah" in response.content.decode()
    assert not Placement.objects.exists()


def test_bkk_records_a_job_found_elsewhere_and_the_register_shows_it(
    login: Any, jember: Tenant
) -> None:
    client = login(jember.bkk)
    response = client.post(
        reverse("jobs:placement_new", args=[jember.school.code]),
        {"nisn": jember.alumnus.nisn, "employer": "Bengkel Pak Slamet", "work_region": "32.04",
         "start_date": "2026-08-03", "wage": "2.500.000", "formal": "0"},
    )  # fmt: skip
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert placement.kind == Placement.Kind.AKAD and placement.wage == 2_500_000
    detail = client.get(reverse("alumni:detail", args=[jember.school.code, jember.alumnus.code]))
    assert "Bengkel Pak Slamet" in detail.content.decode()
    assert "Penempatan BKK" in detail.content.decode()  # in the outcome history too


def test_register_filters_and_exports(login: Any, jember: Tenant) -> None:
    _record(jember, employer="Dekat", start_date=dt.date(2026, 7, 1))
    placement_record(school=jember.school, alumnus=jember.other_alumnus, actor=jember.bkk,
                     recorded_by_org=jember.school, employer="Jauh",
                     start_date=dt.date(2026, 9, 1),
                     work_region=Region.objects.get(code="32.04"))  # fmt: skip
    client = login(jember.head)
    url = reverse("jobs:placements", args=[jember.school.code])
    akad = client.get(url, {"kind": "AKAD"}).content.decode()
    assert "Jauh" in akad and "Dekat" not in akad
    july = client.get(url, {"year": "2026", "month": "7"}).content.decode()
    assert "Dekat" in july and "Jauh" not in july
    export = client.get(reverse("jobs:placements_export", args=[jember.school.code]),
                        {"kind": "AKL"})  # fmt: skip
    rows = [cells for _n, cells in read_rows(export.getvalue(), "x.xlsx")]
    header = next(r for r in rows if "nisn" in r)
    body = rows[rows.index(header) + 1 :]
    assert len(body) == 1 and body[0][header.index("pemberi_kerja")] == "Dekat"
    assert body[0][header.index("jenis_penempatan")] == "AKL"


def test_accepting_leads_to_a_prefilled_placement(login: Any, jember: Tenant) -> None:
    vet(jember)
    vacancy = post(jember, work_region=Region.objects.get(code="32.04"))
    application, _ = application_submit(vacancy=vacancy, alumnus=jember.alumnus,
                                        actor=jember.alumnus_user)  # fmt: skip
    client = login(jember.recruiter)
    moved = client.post(reverse("jobs:move", args=[jember.company.code, application.code]),
                        {f"{application.code}-stage": "accepted", "confirm": "1"})  # fmt: skip
    form_url = reverse("jobs:placement_from_application",
                       args=[jember.company.code, application.code])  # fmt: skip
    assert moved["Location"] == form_url
    page = client.get(form_url).content.decode()
    assert jember.company.name in page and "2800000" in page
    data = {"employer": jember.company.name, "work_region": "32.04", "start_date": "2026-08-01",
            "wage": "2800000", "formal": "1"}  # fmt: skip
    client.post(form_url, data)
    placement = Placement.objects.get()
    assert placement.application == application and placement.vacancy == vacancy
    assert placement.kind == Placement.Kind.AKAD and placement.organisation == jember.school
    assert placement.recorded_by_org == jember.company


def test_audit_labels_of_applications_and_placements_carry_no_name(jember: Tenant) -> None:
    from jejak.audit.models import AuditEvent

    vet(jember)
    application_submit(vacancy=post(jember), alumnus=jember.alumnus, actor=jember.alumnus_user)
    _record(jember)
    labels = AuditEvent.objects.filter(object_type__in=["application", "placement"]).values_list(
        "object_label", flat=True
    )
    assert len(labels) == 2 and not any(jember.alumnus.name in label for label in labels)
