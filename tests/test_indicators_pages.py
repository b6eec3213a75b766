"""Indicator pages: dashboards render from rollups, offices see only their area, a school's
peer view names no other school, the UMK table is edited by analysts only, reports download."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import python_calamine
from django.urls import reverse

from jejak.alumni.models import Alumnus
from jejak.indicators.models import ReportJob, Rollup, RollupState, Umk
from jejak.indicators.rollups import detect_changes, mark_stale, refresh_stale
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent
from tests.conftest import Tenant


def _school(name: str, npsn: str, regency: str, status: str = "negeri") -> Organisation:
    return Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name=name, region_id=regency, npsn=npsn, status=status
    )


def _alumni(school: Organisation, working: int, looking: int, cohort: int = 2025) -> None:
    for n in range(working + looking):
        a = Alumnus.objects.create(organisation=school, name=f"{school.name} {n}", sex="L",
                                   cohort=cohort)  # fmt: skip
        OutcomeEvent.objects.create(
            organisation=school, alumnus=a, start_date=dt.date(cohort, 9, 1), source="self",
            activity="bekerja" if n < working else "mencari_kerja",
        )  # fmt: skip


def _scheduled_passes() -> None:
    """What the scheduler's periodic jobs do: find unmarked changes, refresh stale rollups."""
    detect_changes()
    refresh_stale()


def test_school_dashboard_shows_figures_with_definitions(login: Any, jember: Tenant) -> None:
    _alumni(jember.school, working=3, looking=1)
    _scheduled_passes()
    page = login(jember.head).get(
        reverse("indicators:school", args=[jember.school.code]) + "?cohort=2025"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "6/6" not in html and "3/4" in html  # working 3 of 4 known (6 alumni, 2 unknown)
    assert "dibagi alumni yang statusnya diketahui" in html  # the BMW definition
    assert "<svg" in html and "<title>" in html
    assert Rollup.objects.filter(organisation=jember.school, cohort=2025).exists()


def test_school_dashboard_as_of_date_is_computed_live(login: Any, jember: Tenant) -> None:
    _alumni(jember.school, working=2, looking=0)
    url = reverse("indicators:school", args=[jember.school.code])
    before = login(jember.bkk).get(url + "?cohort=2025&as_of=2025-08-01").content.decode()
    assert "0/4" in before  # nobody had started by 1 August 2025


def test_office_sees_only_schools_of_its_area_sorted(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    weak = _school("SMK Lemah", "20523010", "35.09", "swasta")
    _alumni(weak, working=1, looking=3)
    _alumni(jember.school, working=4, looking=0)
    _alumni(bandung.school, working=4, looking=0)
    client = login(jember.analyst)
    client.get(reverse("indicators:office", args=[jember.office.code]) + "?cohort=2025")
    refresh_stale()  # the first view asked for them; the next pass computed them
    url = reverse("indicators:office", args=[jember.office.code])
    html = client.get(url + "?cohort=2025&sort=bmw_rate&dir=desc").content.decode()
    assert jember.school.name in html and weak.name in html
    assert bandung.school.name not in html
    assert html.index(jember.school.name) < html.index(weak.name)
    ascending = client.get(url + "?cohort=2025&sort=bmw_rate&dir=asc").content.decode()
    assert ascending.index(weak.name) < ascending.index(jember.school.name)
    assert 'aria-sort="ascending"' in ascending


def test_school_peer_view_names_no_other_school(login: Any, jember: Tenant) -> None:
    peer = _school("SMK Negeri Tetangga", "20523011", "35.09", "negeri")
    _alumni(peer, working=1, looking=1)
    _alumni(jember.school, working=2, looking=0)
    html = (
        login(jember.bkk)
        .get(reverse("indicators:school", args=[jember.school.code]) + "?cohort=2025")
        .content.decode()
    )
    assert "Posisi di antara sekolah sejenis" in html
    assert peer.name not in html and peer.npsn not in html
    assert f"{peer.name} 0" not in html  # nor its alumni


def test_school_dashboard_is_not_an_office_page(login: Any, jember: Tenant) -> None:
    client = login(jember.analyst)
    assert client.get(reverse("indicators:school", args=[jember.office.code])).status_code == 404
    client = login(jember.bkk)
    assert client.get(reverse("indicators:office", args=[jember.school.code])).status_code == 404


def test_only_an_analyst_edits_the_umk(login: Any, jember: Tenant) -> None:
    url = reverse("indicators:umk", args=[jember.office.code])
    client = login(jember.analyst)
    page = client.get(url).content.decode()
    assert "Rp2.838.642" in page  # Jember 2025, seeded from the governor's decree
    response = client.post(url, {"region": "35.09", "year": "2027", "amount": "3200000",
                                 "source": "Kepgub uji"})  # fmt: skip
    assert response.status_code == 302
    assert Umk.objects.get(region_id="35.09", year=2027).amount == 3_200_000
    bad = client.post(url, {"region": "35.09", "year": "2027", "amount": "12", "source": "x"})
    assert "terlalu kecil" in bad.content.decode()


def test_report_is_generated_in_background_and_downloaded(login: Any, jember: Tenant) -> None:
    _alumni(jember.school, working=2, looking=1)
    client = login(jember.head)
    response = client.post(
        reverse("indicators:report_new", args=[jember.school.code]), {"cohort": "2025"}
    )
    job = ReportJob.objects.get(organisation=jember.school)
    assert response["Location"] == reverse(
        "indicators:report_status", args=[jember.school.code, job.code]
    )
    assert job.state == ReportJob.State.DONE and job.percent == 100
    pdf = client.get(reverse("indicators:report_file", args=[jember.school.code, job.code, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(
        reverse("indicators:report_file", args=[jember.school.code, job.code, "xlsx"])
    )
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    assert {"Indikator", "Per jurusan", "Per rombel", "Tren", "Penempatan"} <= set(book.sheet_names)
    figures = book.get_sheet_by_name("Indikator").to_python()
    working = next(row for row in figures if row[0] == "Bekerja")
    assert working[2:4] == [2, 3]  # numerator, denominator
    status = client.get(reverse("indicators:report_status", args=[jember.school.code, job.code]))
    assert "Unduh PDF" in status.content.decode()


def test_a_placement_written_without_marking_shows_on_the_school_page(
    login: Any, jember: Tenant
) -> None:
    client = login(jember.bkk)
    url = reverse("indicators:school", args=[jember.school.code]) + "?cohort=2025"
    assert "Angka belum dihitung" in client.get(url).content.decode()
    refresh_stale()  # the scheduler's pass
    assert "0/2" in client.get(url).content.decode()  # knowledge: nobody known yet
    OutcomeEvent.objects.bulk_create([OutcomeEvent(
        organisation=jember.school, province_code="35", alumnus=jember.alumnus,
        activity="bekerja", start_date=dt.date(2025, 8, 1), source="placement",
    )])  # fmt: skip  # a bulk writer of another app: no mark_stale
    waiting = client.get(url).content.decode()
    assert "0/2" in waiting and "sedang dihitung di latar belakang" in waiting
    refresh_stale()
    assert "1/2" in client.get(url).content.decode()


def test_the_umk_page_shows_and_records_the_provinces_ump(login: Any, jember: Tenant) -> None:
    url = reverse("indicators:umk", args=[jember.office.code])
    client = login(jember.analyst)
    page = client.get(url).content.decode()
    assert "Rp2.305.984" in page and "UMP" in page  # Jawa Timur 2025, from ump.csv
    response = client.post(url, {"region": "35", "year": "2027", "amount": "2,6 juta",
                                 "source": "Kepgub uji"})  # fmt: skip
    assert response.status_code == 302
    ump = Umk.objects.get(region_id="35", year=2027)
    assert (ump.kind, ump.amount) == ("UMP", 2_600_000)


def test_income_figure_names_the_minimum_wage_used_on_school_and_office_pages(
    login: Any, jember: Tenant
) -> None:
    """Jember's 2026 UMK is seeded; R is 31 May 2026 for the 2025 cohort."""
    a = Alumnus.objects.create(organisation=jember.school, name="X", sex="L", cohort=2025)
    OutcomeEvent.objects.create(
        organisation=jember.school, alumnus=a, start_date=dt.date(2025, 9, 1), source="self",
        activity="bekerja", work_region_id="35.09", income=3_500_000,
    )  # fmt: skip
    RollupState.objects.create(organisation=jember.school, cohort=2025, province_code="35")
    refresh_stale()
    school = login(jember.head).get(
        reverse("indicators:school", args=[jember.school.code]) + "?cohort=2025"
    )
    assert "Dibandingkan dengan UMK 2026 yang berlaku." in school.content.decode()
    office = login(jember.analyst).get(
        reverse("indicators:office", args=[jember.office.code]) + "?cohort=2025"
    )
    assert "Dibandingkan dengan UMK 2026 yang berlaku." in office.content.decode()


def test_peer_position_of_a_lower_is_better_figure_says_worse(login: Any, jember: Tenant) -> None:
    """Three schools; this one has the most still looking: worst quarter, worse than peers."""
    _alumni(jember.school, working=1, looking=3)
    for n, looking in enumerate((0, 1)):
        _alumni(_school(f"Peer {n}", f"2052990{n}", jember.region, jember.school.status),
                working=3, looking=looking)  # fmt: skip
    _scheduled_passes()
    html = (
        login(jember.head)
        .get(reverse("indicators:school", args=[jember.school.code]) + "?cohort=2025")
        .content.decode()
    )
    peers = html.split("Posisi di antara sekolah sejenis", 1)[1]
    looking_row = peers.split('<th scope="row">Mencari kerja</th>', 1)[1].split("</tr>", 1)[0]
    assert "seperempat terburuk" in looking_row and "lebih buruk dari rekan" in looking_row
    assert "di atas median" in looking_row and "makin rendah makin baik" in looking_row


def test_a_stale_page_shows_the_figures_it_has_with_their_age_and_never_recomputes(
    login: Any, jember: Tenant, django_assert_max_num_queries: Any
) -> None:
    _alumni(jember.school, working=2, looking=0)
    RollupState.objects.create(organisation=jember.school, cohort=2025, province_code="35")
    refresh_stale()
    RollupState.objects.filter(organisation=jember.school).update(
        computed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) - dt.timedelta(minutes=3)
    )
    _alumni(jember.school, working=0, looking=2)
    mark_stale(jember.school.pk, 2025)
    before = list(Rollup.objects.filter(organisation=jember.school).values_list("id", flat=True))
    client = login(jember.analyst)
    office = client.get(reverse("indicators:office", args=[jember.office.code]) + "?cohort=2025")
    html = office.content.decode()
    assert "Angka dihitung" in html and "lalu" in html  # the age of the figures shown
    assert "Angka 1 sekolah sedang dihitung ulang di latar belakang" in html
    assert list(Rollup.objects.filter(organisation=jember.school).values_list("id", flat=True)) == (
        before
    )  # the page recomputed nothing
    assert RollupState.objects.get(organisation=jember.school, cohort=2025).stale
