"""Job fairs: scheduling, who may register, capacity, attendance, and hires (each a placement)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from jejak.audit.models import AuditEvent
from jejak.fairs import services
from jejak.fairs.models import Fair, FairCompany, FairHire, FairRegistration
from jejak.fairs.services import FairRefused
from jejak.jobs.models import Placement
from jejak.jobs.services import Refused
from jejak.organisations.models import Organisation
from tests.conftest import Tenant


def make_fair(
    organiser: Organisation, *, days: float = 7, audience: str = "region",
    capacity: int | None = None, actor: Any = None,
) -> Fair:  # fmt: skip
    starts = timezone.now() + dt.timedelta(days=days)
    return services.fair_schedule(
        organiser=organiser, actor=actor,
        data={"kind": "job_fair", "title": "Bursa Kerja Jember 2026", "starts_at": starts,
              "ends_at": starts + dt.timedelta(hours=6), "venue": "GOR Kaliwates",
              "region": organiser.region, "description": "", "audience": audience,
              "capacity": capacity},
    )  # fmt: skip


def started(fair: Fair) -> Fair:
    """Move the fair to today, so attendance can be taken."""
    fair.starts_at = timezone.now() - dt.timedelta(hours=1)
    fair.ends_at = timezone.now() + dt.timedelta(hours=5)
    fair.save()
    return fair


def test_bkk_schedules_a_fair_from_the_form(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    starts = timezone.localtime() + dt.timedelta(days=10)
    response = client.post(
        reverse("fairs:new", args=[jember.school.code]),
        {"kind": "meeting", "title": "Temu PT Sinar Jaya", "venue": "Aula SMK",
         "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
         "ends_at": (starts + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
         "region": "35.09", "audience": "school", "capacity": "40"},
    )  # fmt: skip
    fair = Fair.objects.get()
    assert response.status_code == 302
    assert fair.organiser == jember.school and fair.province_code == "35"
    assert fair.audience == "school" and fair.capacity == 40
    assert AuditEvent.objects.filter(action="fair.scheduled").exists()


@pytest.mark.parametrize(
    ("start_days", "hours", "message"),
    [(-2, 3, "Waktu mulai tidak boleh di masa lalu"),
     (5, -1, "Waktu selesai harus setelah waktu mulai")],
)  # fmt: skip
def test_fair_in_the_past_or_ending_before_it_starts_is_refused(
    login: Any, jember: Tenant, start_days: int, hours: int, message: str
) -> None:
    client = login(jember.bkk)
    starts = timezone.localtime() + dt.timedelta(days=start_days)
    response = client.post(
        reverse("fairs:new", args=[jember.school.code]),
        {"kind": "job_fair", "title": "X", "venue": "Aula", "region": "35.09",
         "audience": "region", "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
         "ends_at": (starts + dt.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")},
    )  # fmt: skip
    assert message in response.content.decode()
    assert not Fair.objects.exists()


def test_office_fair_is_always_open_to_the_region(jember: Tenant) -> None:
    fair = make_fair(jember.labour_office, audience="school")
    assert fair.audience == Fair.Audience.REGION


def test_school_only_fair_refuses_alumni_of_other_schools(jember: Tenant, bandung: Tenant) -> None:
    fair = make_fair(jember.school, audience="school")
    services.fair_alumnus_register(fair=fair, alumnus=jember.alumnus, actor=None)
    with pytest.raises(FairRefused, match="hanya untuk alumni SMK Jember"):
        services.fair_alumnus_register(fair=fair, alumnus=bandung.alumnus, actor=None)
    with pytest.raises(FairRefused):  # same region, but a BLK, not the organiser's school
        services.fair_alumnus_register(fair=fair, alumnus=jember.blk_alumnus, actor=None)
    assert list(FairRegistration.objects.values_list("alumnus", flat=True)) == [jember.alumnus.pk]


def test_region_fair_takes_every_school_of_the_region_only(jember: Tenant, bandung: Tenant) -> None:
    fair = make_fair(jember.labour_office)
    services.fair_alumnus_register(fair=fair, alumnus=jember.alumnus, actor=None)
    services.fair_alumnus_register(fair=fair, alumnus=jember.blk_alumnus, actor=None)
    with pytest.raises(FairRefused, match="sekolah di"):
        services.fair_alumnus_register(fair=fair, alumnus=bandung.alumnus, actor=None)
    assert fair.registrations.count() == 2


def test_capacity_is_kept(jember: Tenant) -> None:
    fair = make_fair(jember.school, capacity=1)
    services.fair_alumnus_register(fair=fair, alumnus=jember.alumnus, actor=None)
    with pytest.raises(FairRefused, match="penuh"):
        services.fair_alumnus_register(fair=fair, alumnus=jember.other_alumnus, actor=None)
    assert fair.registrations.count() == 1


def test_registering_twice_is_refused(jember: Tenant) -> None:
    fair = make_fair(jember.school)
    services.fair_alumnus_register(fair=fair, alumnus=jember.alumnus, actor=None)
    with pytest.raises(FairRefused, match="sudah terdaftar"):
        services.fair_alumnus_register(fair=fair, alumnus=jember.alumnus, actor=None)


def test_fair_that_is_over_takes_no_registrations(jember: Tenant) -> None:
    fair = make_fair(jember.school, days=-2)
    with pytest.raises(FairRefused, match="sudah selesai"):
        services.fair_alumnus_register(fair=fair, alumnus=jember.alumnus, actor=None)


def test_alumnus_registers_in_two_taps(login: Any, jember: Tenant, bandung: Tenant) -> None:
    fair = make_fair(jember.school)
    client = login(jember.alumnus_user)
    page = client.get(reverse("fairs:me")).content.decode()  # tap one: the list
    assert fair.title in page
    client.post(reverse("fairs:me_register", args=[fair.code]))  # tap two: register
    assert FairRegistration.objects.filter(fair=fair, alumnus=jember.alumnus).exists()
    assert "Anda terdaftar" in client.get(reverse("fairs:me")).content.decode()
    client.post(reverse("fairs:me_cancel", args=[fair.code]))
    assert not FairRegistration.objects.exists()


def test_alumnus_of_another_region_does_not_see_a_school_only_fair(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    fair = make_fair(jember.school, audience="school")
    client = login(bandung.alumnus_user)
    assert fair.title not in client.get(reverse("fairs:me")).content.decode()
    assert client.post(reverse("fairs:me_register", args=[fair.code])).status_code == 404
    assert not FairRegistration.objects.exists()


def test_full_fair_shows_the_reason_on_the_phone(login: Any, jember: Tenant) -> None:
    fair = make_fair(jember.school, capacity=1)
    services.fair_alumnus_register(fair=fair, alumnus=jember.other_alumnus, actor=None)
    client = login(jember.alumnus_user)
    response = client.post(reverse("fairs:me_register", args=[fair.code]), follow=True)
    assert "Kuota peserta acara ini sudah penuh" in response.content.decode()


def test_recruiter_registers_the_company_and_it_shows_on_the_public_page(
    login: Any, client: Any, jember: Tenant
) -> None:
    fair = make_fair(jember.labour_office)
    recruiter = login(jember.recruiter)
    listing = recruiter.get(reverse("fairs:list", args=[jember.company.code])).content.decode()
    assert fair.title in listing
    recruiter.post(reverse("fairs:join", args=[jember.company.code, fair.code]))
    assert FairCompany.objects.filter(fair=fair, company=jember.company).exists()
    recruiter.logout()
    public = client.get(reverse("fairs:public", args=[fair.code]))
    assert public.status_code == 200
    text = public.content.decode()
    assert jember.company.name in text and "GOR Kaliwates" in text
    assert jember.alumnus.name not in text


def test_organiser_adds_a_company(login: Any, jember: Tenant) -> None:
    fair = make_fair(jember.school)
    client = login(jember.bkk)
    client.post(
        reverse("fairs:company_add", args=[jember.school.code, fair.code]),
        {"company": jember.company.code},
    )
    assert FairCompany.objects.filter(fair=fair, company=jember.company).exists()


def test_organiser_cannot_add_a_school_as_a_company(jember: Tenant) -> None:
    fair = make_fair(jember.school)
    with pytest.raises(FairRefused):
        services.fair_company_register(fair=fair, company=jember.blk, actor=None)


def test_attendance_waits_for_the_day_of_the_fair(jember: Tenant) -> None:
    fair = make_fair(jember.school)
    registration = services.fair_alumnus_register(fair=fair, alumnus=jember.alumnus, actor=None)
    with pytest.raises(FairRefused, match="hari acara"):
        services.attendance_set(fair=fair, actor=None, present=True, registration=registration)


def test_check_in_page_toggles_attendance_without_javascript(login: Any, jember: Tenant) -> None:
    fair = make_fair(jember.school)
    registration = services.fair_alumnus_register(fair=fair, alumnus=jember.alumnus, actor=None)
    services.fair_company_register(fair=fair, company=jember.company, actor=None)
    started(fair)
    client = login(jember.bkk)
    page = client.get(reverse("fairs:attendance", args=[jember.school.code, fair.code]))
    assert jember.alumnus.name in page.content.decode()
    toggle = reverse(
        "fairs:attendance_toggle",
        args=[jember.school.code, fair.code, "alumnus", registration.code],
    )
    assert client.post(toggle, {"present": "1"}).status_code == 302
    registration.refresh_from_db()
    assert registration.attended_at is not None
    company = reverse(
        "fairs:attendance_toggle",
        args=[jember.school.code, fair.code, "company", jember.company.code],
    )
    client.post(company, {"present": "1"})
    assert FairCompany.objects.get(fair=fair).attended_at is not None
    client.post(toggle, {"present": "0"})
    registration.refresh_from_db()
    assert registration.attended_at is None


def test_htmx_check_in_returns_just_the_row(login: Any, jember: Tenant) -> None:
    fair = started(make_fair(jember.school))
    registration = services.fair_alumnus_register(fair=fair, alumnus=jember.alumnus, actor=None)
    toggle = reverse(
        "fairs:attendance_toggle",
        args=[jember.school.code, fair.code, "alumnus", registration.code],
    )
    response = login(jember.bkk).post(toggle, {"present": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.startswith("<li") and "Hadir" in html


def _attended(t: Tenant) -> Fair:
    fair = make_fair(t.school)
    registration = services.fair_alumnus_register(fair=fair, alumnus=t.alumnus, actor=None)
    services.fair_company_register(fair=fair, company=t.company, actor=None)
    started(fair)
    services.attendance_set(fair=fair, actor=None, present=True, registration=registration)
    return fair


def test_hire_is_recorded_as_a_placement(login: Any, jember: Tenant) -> None:
    fair = _attended(jember)
    client = login(jember.bkk)
    response = client.post(
        reverse("fairs:hire_new", args=[jember.school.code, fair.code]),
        {"alumnus": jember.alumnus.code, "company": jember.company.code,
         "job_title": "Teknisi jaringan", "start_date": timezone.localdate().isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    hire = FairHire.objects.get()
    assert (hire.alumnus, hire.company, hire.fair) == (jember.alumnus, jember.company, fair)
    placement = Placement.objects.get()
    assert (placement.alumnus, placement.employer) == (jember.alumnus, jember.company.name)
    detail = client.get(reverse("fairs:detail", args=[jember.school.code, fair.code]))
    assert detail.context["fair"].n_hired == 1 and detail.context["fair"].n_attended == 1


def test_a_placement_the_register_refuses_undoes_the_hire(jember: Tenant) -> None:
    fair = _attended(jember)
    refused = Refused("placement refused")
    with (
        mock.patch("jejak.fairs.services.placement_record", side_effect=refused),
        pytest.raises(Refused),
    ):
        services.fair_hire_record(
            fair=fair, alumnus=jember.alumnus, company=jember.company, job_title="Teknisi",
            start_date=timezone.localdate(), actor=None,
        )  # fmt: skip
    assert not FairHire.objects.exists() and not Placement.objects.exists()


def test_hire_needs_an_attending_alumnus(jember: Tenant) -> None:
    fair = _attended(jember)
    services.fair_alumnus_register(fair=fair, alumnus=jember.other_alumnus, actor=None)
    with pytest.raises(FairRefused, match="tidak tercatat hadir"):
        services.fair_hire_record(
            fair=fair, alumnus=jember.other_alumnus, company=jember.company,
            job_title="Teknisi", start_date=timezone.localdate(), actor=None,
        )  # fmt: skip
    assert not FairHire.objects.exists() and not Placement.objects.exists()


def test_recruiter_records_a_hire_for_their_own_company_only(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    fair = _attended(jember)
    client = login(jember.recruiter)
    url = reverse("fairs:hire_new", args=[jember.company.code, fair.code])
    form = client.get(url)
    assert jember.alumnus.name in form.content.decode()
    other_company = Organisation.objects.create(
        kind=Organisation.Kind.COMPANY, name="PT Lain", region_id="35.09"
    )
    services.fair_company_register(fair=fair, company=other_company, actor=None)
    hire = {"alumnus": jember.alumnus.code, "job_title": "Admin",
            "start_date": timezone.localdate().isoformat()}  # fmt: skip
    client.post(url, hire | {"company": other_company.code})
    assert not FairHire.objects.exists()
    client.post(url, hire | {"company": jember.company.code})
    assert FairHire.objects.get().company == jember.company and Placement.objects.count() == 1


def test_recruiter_not_taking_part_cannot_record_hires(login: Any, jember: Tenant) -> None:
    fair = make_fair(jember.school)
    client = login(jember.recruiter)
    url = reverse("fairs:hire_new", args=[jember.company.code, fair.code])
    assert client.get(url).status_code == 404


def test_organiser_list_counts_each_fair(login: Any, jember: Tenant) -> None:
    fair = _attended(jember)
    services.fair_alumnus_register(fair=fair, alumnus=jember.other_alumnus, actor=None)
    make_fair(jember.school, days=20)
    page = login(jember.bkk).get(reverse("fairs:list", args=[jember.school.code]))
    counted = {f.code: f for f in page.context["fairs"]}
    assert (counted[fair.code].n_companies, counted[fair.code].n_registered,
            counted[fair.code].n_attended, counted[fair.code].n_hired) == (1, 2, 1, 0)  # fmt: skip
    assert len(counted) == 2


def test_organiser_list_query_count_does_not_grow_with_fairs(
    login: Any, jember: Tenant, django_assert_max_num_queries: Any
) -> None:
    for days in range(1, 6):
        make_fair(jember.school, days=days)
    client = login(jember.bkk)
    with django_assert_max_num_queries(12):
        client.get(reverse("fairs:list", args=[jember.school.code]))


def test_teacher_and_head_do_not_manage_fairs(login: Any, jember: Tenant) -> None:
    for person in (jember.teacher, jember.head, jember.alumnus_user):
        client = login(person)
        assert client.get(reverse("fairs:list", args=[jember.school.code])).status_code == 404


def test_company_of_another_province_cannot_join_through_its_own_page(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    fair = make_fair(jember.school)
    client = login(bandung.recruiter)
    listing = client.get(reverse("fairs:list", args=[bandung.company.code])).content.decode()
    assert fair.title not in listing
    response = client.post(reverse("fairs:join", args=[bandung.company.code, fair.code]))
    assert response.status_code == 404 and not FairCompany.objects.exists()


def test_another_organiser_cannot_open_the_fair(login: Any, jember: Tenant) -> None:
    fair = make_fair(jember.school)
    client = login(jember.analyst)  # the office covering the school, but not the organiser
    url = reverse("fairs:detail", args=[jember.office.code, fair.code])
    assert client.get(url).status_code == 404


def test_check_in_page_finds_a_person_by_name(login: Any, jember: Tenant) -> None:
    fair = started(make_fair(jember.school))
    services.fair_alumnus_register(fair=fair, alumnus=jember.alumnus, actor=None)
    services.fair_alumnus_register(fair=fair, alumnus=jember.other_alumnus, actor=None)
    url = reverse("fairs:attendance", args=[jember.school.code, fair.code])
    page = login(jember.bkk).get(url, {"q": "budi"}).content.decode()
    assert jember.other_alumnus.name in page and jember.alumnus.name not in page
    assert "0 dari 2 hadir" in page
