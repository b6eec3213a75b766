"""The BKK register: the BKK keeps its entry, a new person in charge asks for a reissued
tanda daftar, and the labour office sees its area's BKKs with their reporting silence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from jejak.audit.models import AuditEvent
from jejak.bkkreports.models import PersonInCharge, PlacementPlan, PlacementReport
from jejak.bkkreports.periods import Period
from jejak.bkkreports.selectors import register_rows
from jejak.organisations.models import Bkk
from tests.bkk_support import labour_analyst, submitted
from tests.conftest import Tenant

D = dt.date


def _register(client: Any, t: Tenant, **values: Any) -> Any:
    data = {
        "name": "BKK Jember", "registration_number": "563/01/BKK/2024",
        "registration_date": "2024-02-01", "registration_office": t.labour_office.pk,
        "decree_number": "421/SK/2024", "decree_date": "2024-01-15", "active": "on",
    }  # fmt: skip
    data.update(values)
    return client.post(reverse("bkkreports:register", args=[t.school.code]), data)


def _person(client: Any, t: Tenant, name: str, start: str) -> Any:
    url = reverse("bkkreports:person_in_charge", args=[t.school.code])
    return client.post(url, {"name": name, "phone": "081234567890", "position": "Ketua BKK",
                             "start_date": start})  # fmt: skip


def test_bkk_officer_keeps_the_register_entry_and_it_is_audited(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    assert _register(client, jember).status_code == 302
    bkk = Bkk.objects.get(organisation=jember.school)
    assert bkk.registration_number == "563/01/BKK/2024" and bkk.registration_office_id == (
        jember.labour_office.pk
    )
    assert bkk.decree_date == D(2024, 1, 15)
    event = AuditEvent.objects.get(action="bkk.register_updated")
    assert event.changes["registration_number"] == ["", "563/01/BKK/2024"]


def test_the_head_reads_but_does_not_edit_the_register(login: Any, jember: Tenant) -> None:
    client = login(jember.head)
    assert client.get(reverse("bkkreports:register", args=[jember.school.code])).status_code == 200
    assert _register(client, jember).status_code == 404
    assert _person(client, jember, "Siapa", "2026-01-01").status_code == 404


def test_a_new_person_in_charge_needs_a_reissue_until_the_office_records_one(
    login: Any, jember: Tenant
) -> None:
    client = login(jember.bkk)
    _register(client, jember)
    _person(client, jember, "Sri Utami", "2024-01-15")
    bkk = Bkk.objects.get(organisation=jember.school)
    assert bkk.reissue_needed_since is None  # the first one is no change
    _person(client, jember, "Agus Priyono", "2026-09-01")
    bkk.refresh_from_db()
    assert bkk.reissue_needed_since == D(2026, 9, 1)
    history = list(PersonInCharge.objects.filter(organisation=jember.school))
    assert [(p.name, p.end_date) for p in history] == [
        ("Agus Priyono", None), ("Sri Utami", D(2026, 8, 31))
    ]  # fmt: skip
    client.force_login(labour_analyst(jember))
    listing = client.get(reverse("bkkreports:office_register", args=[jember.labour_office.code]))
    assert "Perlu terbit ulang" in listing.content.decode()
    url = reverse("bkkreports:office_reissue", args=[jember.labour_office.code, jember.school.code])
    assert client.post(url, {"number": "563/77/BKK/2026", "date": "2026-10-02"}).status_code == 302
    bkk.refresh_from_db()
    assert bkk.reissue_needed_since is None and bkk.registration_number == "563/77/BKK/2026"
    assert AuditEvent.objects.filter(action="bkk.registration_reissued").count() == 2


def test_person_in_charge_must_start_after_the_current_one(login: Any, jember: Tenant) -> None:
    client = login(jember.bkk)
    _person(client, jember, "Sri Utami", "2025-01-15")
    _person(client, jember, "Terlalu Awal", "2024-01-01")
    assert list(PersonInCharge.objects.values_list("name", flat=True)) == ["Sri Utami"]


def test_only_a_labour_office_covering_the_school_reissues(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    client = login(labour_analyst(bandung))
    url = reverse("bkkreports:office_reissue", args=[bandung.labour_office.code,
                                                     jember.school.code])  # fmt: skip
    assert client.post(url, {"number": "X", "date": "2026-10-02"}).status_code == 404
    client.force_login(jember.analyst)  # education office: reads only
    url = reverse("bkkreports:office_reissue", args=[jember.office.code, jember.school.code])
    assert client.get(url).status_code == 404
    listing = reverse("bkkreports:office_register", args=[jember.office.code])
    page = client.get(listing)
    assert page.status_code == 200 and jember.school.name in page.content.decode()
    assert "Terbitkan ulang" not in page.content.decode()


def test_office_list_flags_six_and_twelve_months_without_reports(jember: Tenant) -> None:
    second = Bkk.objects.create(organisation=_another_school(jember, "SMK Dua", "20523002"))
    third = Bkk.objects.create(organisation=_another_school(jember, "SMK Tiga", "20523003"))
    submitted(jember, Period("month", D(2026, 3, 1)))
    report = PlacementReport.objects.get(organisation=jember.school)
    today = D(2026, 11, 22)
    PlacementReport.objects.filter(pk=report.pk).update(
        submitted_at=timezone.make_aware(dt.datetime(2026, 4, 20, 9))
    )
    old = PlacementReport.objects.create(organisation=second.organisation, period_kind="month",
                                         period_start=D(2025, 9, 1), state="acknowledged",
                                         submitted_at=timezone.make_aware(
                                             dt.datetime(2025, 10, 5, 9)))  # fmt: skip
    assert old.pk
    rows = {r.bkk.organisation.name: r for r in register_rows(jember.labour_office, today)}
    assert rows[jember.school.name].silence == 6 and rows[jember.school.name].last_report == D(
        2026, 4, 20
    )
    assert rows["SMK Dua"].silence == 12
    assert rows["SMK Tiga"].silence == 12 and rows["SMK Tiga"].last_report is None
    assert third.active


def test_placement_plan_per_year_and_major(login: Any, jember: Tenant) -> None:
    jember.school.majors.add(jember.alumnus.major_id)
    client = login(jember.bkk)
    url = reverse("bkkreports:plan", args=[jember.school.code])
    client.post(url, {"year": 2026, "target": 120})
    client.post(url, {"year": 2026, "major": jember.alumnus.major_id, "target": 40})
    client.post(url, {"year": 2026, "target": 130})  # replaces the whole-BKK target
    plans = sorted(PlacementPlan.objects.values_list("major_id", "target"), key=str)
    assert plans == sorted([(None, 130), (jember.alumnus.major_id, 40)], key=str)
    page = client.get(reverse("bkkreports:register", args=[jember.school.code])).content.decode()
    assert "130" in page


def _another_school(t: Tenant, name: str, npsn: str) -> Any:
    from jejak.organisations.models import Organisation

    return Organisation.objects.create(kind=Organisation.Kind.SCHOOL, name=name,
                                       region_id=t.region, npsn=npsn)  # fmt: skip


def test_register_page_shows_placements_against_the_plan(login: Any, jember: Tenant) -> None:
    from jejak.bkkreports.models import PlacementPlan
    from tests.bkk_support import alumnus, placement

    year = timezone.localdate().year
    PlacementPlan.objects.create(organisation=jember.school, year=year, target=75)
    placement(alumnus(jember, "Ani"), D(year, 1, 2))
    page = login(jember.bkk).get(reverse("bkkreports:register", args=[jember.school.code]))
    assert f"Penempatan tercatat tahun {year}: 1 / target 75" in page.content.decode()


def test_office_filters_the_register_by_what_needs_attention(login: Any, jember: Tenant) -> None:
    other = Bkk.objects.create(organisation=_another_school(jember, "SMK Dua", "20523002"))
    Bkk.objects.filter(organisation=jember.school).update(reissue_needed_since=D(2026, 9, 1))
    client = login(labour_analyst(jember))
    url = reverse("bkkreports:office_register", args=[jember.labour_office.code])
    page = client.get(url, {"flag": "reissue"}).content.decode()
    assert jember.school.name in page and other.organisation.name not in page
    everything = client.get(url).content.decode()
    assert everything.index(jember.school.name) < everything.index("SMK Dua")
