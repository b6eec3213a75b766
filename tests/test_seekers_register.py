"""The job-seeker register (AK/1): opening, ending by placement or removal, the age bands of
IPK III/1, and vacancies' positions split by the sex they are open to."""

from __future__ import annotations

import datetime as dt

import pytest

from jejak.jobs.services import placement_record
from jejak.reference.models import Region
from jejak.seekers.models import EndReason, Registration, RegistrationSource, age_band
from jejak.seekers.services import RegistrationRefused, registration_end, registration_open
from tests.conftest import Tenant
from tests.jobs_factories import post, vet


def _register(t: Tenant, day: dt.date = dt.date(2026, 7, 1)) -> Registration:
    return registration_open(
        organisation=t.school, alumnus=t.alumnus, actor=t.bkk, source=RegistrationSource.BKK,
        registered_on=day,
    )  # fmt: skip


@pytest.mark.django_db
def test_one_open_registration_per_person_and_bkk(jember: Tenant) -> None:
    _register(jember)
    with pytest.raises(RegistrationRefused):
        _register(jember, dt.date(2026, 8, 1))


@pytest.mark.django_db
def test_another_schools_alumnus_cannot_be_registered(jember: Tenant, bandung: Tenant) -> None:
    with pytest.raises(RegistrationRefused):
        registration_open(
            organisation=jember.school, alumnus=bandung.alumnus, actor=jember.bkk,
            source=RegistrationSource.BKK, registered_on=dt.date(2026, 7, 1),
        )  # fmt: skip


@pytest.mark.django_db
def test_a_placement_ends_the_open_registration_on_its_start_date(jember: Tenant) -> None:
    registration = _register(jember)
    placement = placement_record(
        school=jember.school, alumnus=jember.alumnus, actor=jember.bkk,
        recorded_by_org=jember.school, employer="PT Sinar", start_date=dt.date(2026, 9, 14),
        work_region=Region.objects.get(code=jember.region),
    )  # fmt: skip
    registration.refresh_from_db()
    assert (registration.ended_on, registration.end_reason, registration.placement) == (
        dt.date(2026, 9, 14), EndReason.PLACED, placement)  # fmt: skip
    assert not registration.is_open_on(dt.date(2026, 9, 14))
    assert registration.is_open_on(dt.date(2026, 9, 13))


@pytest.mark.django_db
def test_a_placement_before_the_registration_leaves_it_open(jember: Tenant) -> None:
    registration = _register(jember, dt.date(2026, 10, 1))
    placement_record(
        school=jember.school, alumnus=jember.alumnus, actor=jember.bkk,
        recorded_by_org=jember.school, employer="PT Lama", start_date=dt.date(2026, 3, 1),
        work_region=Region.objects.get(code=jember.region),
    )  # fmt: skip
    registration.refresh_from_db()
    assert registration.is_open


@pytest.mark.django_db
def test_removal_needs_a_date_not_before_registration(jember: Tenant) -> None:
    registration = _register(jember)
    with pytest.raises(RegistrationRefused):
        registration_end(registration=registration, actor=jember.bkk,
                         ended_on=dt.date(2026, 6, 30), reason=EndReason.MOVED)  # fmt: skip
    registration_end(registration=registration, actor=jember.bkk, ended_on=dt.date(2026, 12, 1),
                     reason=EndReason.STUDYING)  # fmt: skip
    with pytest.raises(RegistrationRefused):
        registration_end(registration=registration, actor=jember.bkk,
                         ended_on=dt.date(2026, 12, 2), reason=EndReason.MOVED)  # fmt: skip


@pytest.mark.parametrize(
    ("born", "band"),
    [(dt.date(2011, 7, 2), "?"), (dt.date(2011, 7, 1), "15-19"), (dt.date(2006, 7, 2), "15-19"),
     (dt.date(2006, 7, 1), "20-29"), (dt.date(1981, 7, 1), "45-54"), (dt.date(1960, 1, 1), "55+"),
     (None, "?")],
)  # fmt: skip
def test_age_band_is_the_age_on_the_registration_date(born: dt.date | None, band: str) -> None:
    assert age_band(born, dt.date(2026, 7, 1)) == band


@pytest.mark.django_db
def test_positions_follow_the_sex_they_are_open_to(jember: Tenant) -> None:
    vet(jember)
    only_total = post(jember, openings=4, sex="P")
    assert (only_total.openings_male, only_total.openings_female, only_total.openings_any) == (
        0, 4, 0)  # fmt: skip
    split = post(jember, openings=0, openings_male=2, openings_female=0, openings_any=3)
    assert (split.openings, split.sex) == (5, "")
    men_only = post(jember, openings=0, openings_male=2)
    assert (men_only.openings, men_only.sex) == (2, "L")
    assert only_total.registered_on == only_total.opens_on
