"""IPK III reports: they list the placed by name, freeze on submission, and only the labour
office covering the school reviews them (the tables themselves: tests/test_ipk_tables.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jejak.audit.models import AuditEvent
from jejak.bkkreports import services
from jejak.bkkreports.generate import build_report
from jejak.bkkreports.models import PlacementReport
from jejak.bkkreports.periods import Period
from jejak.outcomes.models import Activity, Source
from tests.bkk_support import (
    alumnus,
    event,
    generated,
    labour_analyst,
    placement,
    submitted,
)
from tests.conftest import Tenant

D = dt.date
MONTHS = [Period("month", D(2026, m, 1)) for m in (3, 4, 5, 6)]


def test_the_by_name_list_holds_the_placements_of_the_period(jember: Tenant) -> None:
    ani = alumnus(jember, "Ani", sex="P", nisn="0012345678", disability="D")
    budi = alumnus(jember, "Budi", sex="L", nisn="0099999999")
    cici = alumnus(jember, "Cici", sex="P")
    placement(ani, D(2026, 3, 2), work_region_id="35.09", occupation_id="4", industry_id="G")
    placement(budi, D(2026, 3, 15), work_region_id="32.04", formal=False, income=1_900_000)
    placement(cici, D(2026, 4, 1))  # next month: not in March's list
    event(budi, Activity.STUDYING, D(2026, 3, 20))  # not a placement
    data = build_report(jember.school, MONTHS[0])
    assert [p["nama"] for p in data["placed"]] == ["Ani", "Budi"]
    assert data["placed"][0]["nisn"] == "0012345678"
    assert [p["akl_akad_akan"] for p in data["placed"]] == ["AKL", "AKAD"]
    assert [t["number"] for t in data["tables"]] == [f"III/{n}" for n in range(1, 9)]
    assert list(data["figures"]) == [f"III/{n}" for n in range(1, 9)]


def test_submission_freezes_the_figures(jember: Tenant) -> None:
    ani = alumnus(jember, "Ani")
    placement(ani, D(2026, 3, 2))
    report = submitted(jember, MONTHS[0])
    frozen = PlacementReport.objects.get(pk=report.pk).data
    placement(alumnus(jember, "Budi", sex="L"), D(2026, 3, 5))  # recorded after submission
    again = PlacementReport.objects.get(pk=report.pk)
    assert again.data == frozen and len(again.data["placed"]) == 1
    with pytest.raises(services.ReportError):
        services.report_generate(organisation=jember.school, period=MONTHS[0], actor=jember.bkk)
    assert len(build_report(jember.school, MONTHS[0])["placed"]) == 2


def test_a_returned_report_is_resubmitted_as_a_new_version(login: Any, jember: Tenant) -> None:
    report = submitted(jember, MONTHS[0])
    analyst = labour_analyst(jember)
    client = login(analyst)
    url = reverse("bkkreports:office_report", args=[jember.labour_office.code, report.code])
    response = client.post(url, {"decision": "return", "comment": "Daftar nama belum lengkap"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "returned" and report.review_office == jember.labour_office
    client.force_login(jember.bkk)
    page = client.get(reverse("bkkreports:reports", args=[jember.school.code])).content.decode()
    assert "Daftar nama belum lengkap" in page
    second = submitted(jember, MONTHS[0])
    assert second.version == 2 and second.pk != report.pk
    client.force_login(analyst)
    url = reverse("bkkreports:office_report", args=[jember.labour_office.code, second.code])
    client.post(url, {"decision": "acknowledge", "comment": ""})
    second.refresh_from_db()
    assert second.state == "acknowledged" and second.reviewed_by == analyst
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"bkk_report.submitted", "bkk_report.returned", "bkk_report.acknowledged"} <= actions


def test_returning_needs_a_comment(login: Any, jember: Tenant) -> None:
    report = submitted(jember, MONTHS[0])
    client = login(labour_analyst(jember))
    url = reverse("bkkreports:office_report", args=[jember.labour_office.code, report.code])
    page = client.post(url, {"decision": "return", "comment": " "})
    assert page.status_code == 200 and "Catatan wajib diisi" in page.content.decode()
    report.refresh_from_db()
    assert report.state == "submitted"


def test_only_the_labour_office_covering_the_school_reviews(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    report = submitted(jember, MONTHS[0])
    review = {"decision": "acknowledge", "comment": ""}
    # Bandung's labour office, with its own analyst: Jember's report is not there.
    client = login(labour_analyst(bandung))
    foreign = reverse("bkkreports:office_report", args=[bandung.labour_office.code, report.code])
    assert client.get(foreign).status_code == 404
    assert client.post(foreign, review).status_code == 404
    # Jember's education office reads it but may not acknowledge it.
    client.force_login(jember.analyst)
    edu = reverse("bkkreports:office_report", args=[jember.office.code, report.code])
    page = client.get(edu)
    assert page.status_code == 200 and "Simpan keputusan" not in page.content.decode()
    assert client.post(edu, review).status_code == 404
    # The school itself cannot acknowledge its own report.
    client.force_login(jember.bkk)
    own = reverse("bkkreports:office_report", args=[jember.labour_office.code, report.code])
    assert client.post(own, review).status_code == 404
    report.refresh_from_db()
    assert report.state == "submitted"


def test_drafts_stay_with_the_school(login: Any, jember: Tenant) -> None:
    draft = generated(jember, MONTHS[0])
    client = login(labour_analyst(jember))
    url = reverse("bkkreports:office_report", args=[jember.labour_office.code, draft.code])
    assert client.get(url).status_code == 404
    school_url = reverse("bkkreports:report", args=[jember.school.code, draft.code])
    assert client.get(school_url).status_code == 404  # reads the school only as an office


def test_bkk_officer_submits_through_the_pages(login: Any, jember: Tenant) -> None:
    placement(alumnus(jember, "Ani", nisn="0011111111"), D(2026, 3, 2))
    client = login(jember.bkk)
    response = client.post(
        reverse("bkkreports:generate", args=[jember.school.code]),
        {"kind": "month", "key": "2026-03"},
    )
    report = PlacementReport.objects.get(organisation=jember.school)
    assert response["Location"].endswith(f"/bkk/reports/{report.code}/")
    page = client.get(response["Location"]).content.decode()
    assert "Ani" in page and "III/8" in page
    client.post(
        reverse("bkkreports:submit", args=[jember.school.code, report.code]), {"confirm": "1"}
    )
    report.refresh_from_db()
    assert report.state == "submitted" and report.submitted_by == jember.bkk
    printed = client.get(reverse("bkkreports:report_print", args=[jember.school.code,
                                                                  report.code]))  # fmt: skip
    assert "0011111111" in printed.content.decode()
    # The head may read but not submit or generate.
    client.force_login(jember.head)
    assert client.get(response["Location"]).status_code == 200
    generate = reverse("bkkreports:generate", args=[jember.school.code])
    assert client.post(generate, {"kind": "month", "key": "2026-04"}).status_code == 404


def test_office_sees_overdue_and_submitted_reports(login: Any, jember: Tenant) -> None:
    report = submitted(jember, MONTHS[0])
    client = login(labour_analyst(jember))
    base = reverse("bkkreports:office_reports", args=[jember.labour_office.code])
    march = client.get(base, {"kind": "month", "key": "2026-03"}).content.decode()
    assert jember.school.name in march and report.get_state_display() in march
    assert "Terlambat" not in march
    april = client.get(base, {"kind": "month", "key": "2026-04"}).content.decode()
    assert "Terlambat" in april  # due 10 May 2026, long past, nothing sent


def test_generation_reports_progress_and_reuses_the_draft(jember: Tenant) -> None:
    for index in range(3):
        event(alumnus(jember, f"A{index}"), Activity.LOOKING, D(2026, 3, 1))
    first = generated(jember, MONTHS[0])
    assert first.total_steps >= 2 and first.done_steps == first.total_steps
    again = generated(jember, MONTHS[0])
    assert again.pk == first.pk and again.version == 1
    assert PlacementReport.objects.count() == 1
    assert Source.PLACEMENT == "placement"


def test_progress_poll_shows_progress_then_asks_for_the_finished_page(
    login: Any, jember: Tenant
) -> None:
    report = PlacementReport.objects.create(
        organisation=jember.school, period_kind="month", period_start=D(2026, 3, 1),
        state="running", done_steps=40, total_steps=160,
    )  # fmt: skip
    client = login(jember.bkk)
    url = reverse("bkkreports:report", args=[jember.school.code, report.code])
    poll = client.get(url, HTTP_HX_REQUEST="true")
    assert 'value="25"' in poll.content.decode() and "hx-trigger" in poll.content.decode()
    PlacementReport.objects.filter(pk=report.pk).update(state="ready", data={"tables": []})
    assert client.get(url, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"


def test_office_lists_do_not_query_per_bkk(
    jember: Tenant, django_assert_max_num_queries: Any
) -> None:
    from jejak.bkkreports.selectors import area_submissions, register_rows
    from jejak.organisations.models import Bkk, Organisation

    for index in range(6):
        school = Organisation.objects.create(kind=Organisation.Kind.SCHOOL, name=f"SMK {index}",
                                             region_id=jember.region)  # fmt: skip
        Bkk.objects.create(organisation=school)
    submitted(jember, MONTHS[0])
    with django_assert_max_num_queries(4):
        assert len(register_rows(jember.labour_office, D(2026, 11, 1))) == 7
    with django_assert_max_num_queries(5):
        rows = area_submissions(jember.labour_office, MONTHS[0], D(2026, 11, 1))
        assert sum(r.report is not None for r in rows) == 1 and sum(r.overdue for r in rows) == 6


def test_a_placement_abroad_is_flagged(login: Any, jember: Tenant) -> None:
    placement(alumnus(jember, "Eka"), D(2026, 3, 9), work_region_id=None, work_country="Jepang")
    data = build_report(jember.school, MONTHS[0])
    assert data["warnings"] and "Eka" in data["warnings"][0]
