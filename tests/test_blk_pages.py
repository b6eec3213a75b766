"""BLK figures on the pages, tracer campaigns per batch, the provinces's BLKs side by side."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jejak.outcomes.models import Activity, OutcomeEvent, Source
from jejak.tracer.models import Campaign, SurveyLink
from jejak.training.models import Enrolment
from tests.conftest import Tenant
from tests.test_isolation import _enrolment

pytestmark = pytest.mark.django_db


def _graduate_placed(t: Tenant) -> Enrolment:
    """The tenant's trainee graduated from a batch that ended 27 Feb 2026 and works since May."""
    enrolment = _enrolment(t)
    Enrolment.objects.filter(pk=enrolment.pk).update(completed=True, graduated=True,
                                                     competent=True)  # fmt: skip
    OutcomeEvent.objects.create(
        organisation=t.blk, alumnus=t.blk_alumnus, activity=Activity.WORKING, formal=True,
        start_date=dt.date(2026, 5, 4), source=Source.IMPORT, employer="PT Maju",
    )  # fmt: skip
    return enrolment


def test_batch_page_shows_figures_with_numerator_and_definition(login: Any, jember: Tenant) -> None:
    enrolment = _graduate_placed(jember)
    client = login(jember.blk_admin)
    url = reverse("training:batch", args=[jember.blk.code, enrolment.batch.code])
    page = client.get(url, {"per": "2026-12-31"}).content.decode()
    assert 'id="f-placement_6m_rate"' in page and "1/1" in page
    assert "tidak pernah terlacak" in page
    early = client.get(url, {"per": "2026-04-01"}).content.decode()
    assert "0/0" in early  # not yet 3 months after the end: not counted


def test_blk_opens_a_tracer_campaign_for_a_batch(login: Any, jember: Tenant) -> None:
    enrolment = _enrolment(jember)
    client = login(jember.blk_admin)
    response = client.post(reverse("training:campaign", args=[jember.blk.code,
                                                               enrolment.batch.code]))  # fmt: skip
    campaign = Campaign.objects.get(batch=enrolment.batch)
    assert response.status_code == 302 and campaign.code in response["Location"]
    assert campaign.reference_date == dt.date(2026, 8, 27)  # 6 months after the end
    links = SurveyLink.objects.filter(campaign=campaign)
    assert list(links.values_list("alumnus", flat=True)) == [jember.blk_alumnus.pk]
    assert client.get(response["Location"]).status_code == 200


def test_blk_indicators_page_splits_by_programme_and_disability(login: Any, jember: Tenant) -> None:
    _graduate_placed(jember)
    client = login(jember.blk_admin)
    page = client.get(reverse("training:indicators", args=[jember.blk.code]),
                      {"per": "2026-12-31"}).content.decode()  # fmt: skip
    assert "OTO1" in page and "Tanpa disabilitas" in page and "100,0%" in page


def test_office_sees_blks_side_by_side(login: Any, jember: Tenant, bandung: Tenant) -> None:
    _graduate_placed(jember)
    _enrolment(bandung)
    client = login(jember.analyst)
    page = client.get(reverse("training:office_blks", args=[jember.office.code]),
                      {"per": "2026-12-31"}).content.decode()  # fmt: skip
    assert jember.blk.name in page and bandung.blk.name not in page
    assert "(1/1)" in page


def test_batch_report_as_pdf_and_xlsx(login: Any, jember: Tenant) -> None:
    import io

    import python_calamine

    enrolment = _graduate_placed(jember)
    client = login(jember.blk_admin)
    args = [jember.blk.code, enrolment.batch.code]
    pdf = client.get(reverse("training:report", args=[*args, "pdf"]), {"per": "2026-12-31"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("training:report", args=[*args, "xlsx"]), {"per": "2026-12-31"})
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    rows = book.get_sheet_by_index(0).to_python()
    placed = next(r for r in rows if r[1] == "Bekerja 6 bulan setelah pelatihan")
    assert placed[2:5] == [100.0, 1, 1]
    assert client.get(reverse("training:report", args=[*args, "doc"])).status_code == 404


def test_office_dashboard_shows_its_blks(login: Any, jember: Tenant) -> None:
    _graduate_placed(jember)
    page = login(jember.analyst).get(reverse("indicators:office", args=[jember.office.code]))
    text = page.content.decode()
    assert page.status_code == 200 and 'id="h-blk"' in text and jember.blk.name in text


def test_batch_page_shows_disability_inclusion_and_uld_candidates(
    login: Any, jember: Tenant
) -> None:
    enrolment = _enrolment(jember)
    Enrolment.objects.filter(pk=enrolment.pk).update(graduated=True, disability="fisik")
    client = login(jember.blk_admin)
    url = reverse("training:batch", args=[jember.blk.code, enrolment.batch.code])
    page = client.get(url, {"per": "2026-12-31"}).content.decode()
    assert "1 dari 1 peserta dengan disabilitas" in page and "Dengan disabilitas" in page
    assert reverse("training:support", args=[jember.blk.code, enrolment.code]) in page
    OutcomeEvent.objects.create(
        organisation=jember.blk, alumnus=jember.blk_alumnus, activity=Activity.WORKING,
        start_date=dt.date(2026, 5, 4), source=Source.IMPORT, employer="PT Maju",
    )  # fmt: skip
    page = client.get(url, {"per": "2026-12-31"}).content.decode()
    assert "rujuk ke Unit Layanan Disabilitas" not in page


def test_link_and_match_puts_matching_vacancies_beside_past_placement(
    login: Any, jember: Tenant
) -> None:
    from jejak.reference.models import Occupation, Region
    from jejak.training.selectors import link_and_match
    from tests.jobs_factories import post, vet

    enrolment = _graduate_placed(jember)
    programme = enrolment.batch.programme
    programme.occupations.set(["72"])
    vet(jember)
    region = [Region.objects.get(code=jember.region)]
    post(
        jember, regions=region, title="Mekanik motor", occupation=Occupation.objects.get(pk="7231")
    )
    post(jember, regions=region, title="Kasir", occupation=Occupation.objects.get(pk="5230"))
    rows = link_and_match(jember.blk, dt.date(2026, 12, 31))
    assert [v.title for v in rows[0]["vacancies"]] == ["Mekanik motor"]
    assert rows[0]["figures"]["placement_6m_rate"]["numerator"] == 1
    page = login(jember.blk_admin).get(
        reverse("training:link_and_match", args=[jember.blk.code]), {"per": "2026-12-31"}
    )
    assert "Mekanik motor" in page.content.decode() and "Kasir" not in page.content.decode()


def test_pages_split_by_age_band_and_name_the_bands_source(login: Any, jember: Tenant) -> None:
    """The trainee, born 17 Aug 2007, is 18 when the batch starts on 5 Jan 2026."""
    enrolment = _graduate_placed(jember)
    client = login(jember.blk_admin)
    per = {"per": "2026-12-31"}
    for url in (
        reverse("training:indicators", args=[jember.blk.code]),
        reverse("training:batch", args=[jember.blk.code, enrolment.batch.code]),
    ):
        page = client.get(url, per).content.decode()
        assert "Kelompok umur" in page and "Sakernas" in page
        assert "15–24" in page and "25–34" not in page
    office = (
        login(jember.analyst)
        .get(reverse("training:office_blks", args=[jember.office.code]), per)
        .content.decode()
    )
    assert "Kelompok umur" in office and "15–24" in office


def test_batch_report_xlsx_splits_by_age_band(login: Any, jember: Tenant) -> None:
    import io

    import python_calamine

    enrolment = _graduate_placed(jember)
    args = [jember.blk.code, enrolment.batch.code]
    xlsx = login(jember.blk_admin).get(reverse("training:report", args=[*args, "xlsx"]),
                                       {"per": "2026-12-31"})  # fmt: skip
    rows = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    table = rows.get_sheet_by_index(0).to_python()
    placed = [
        r for r in table if r[0] == "age: 15-24" and r[1] == "Bekerja 6 bulan setelah pelatihan"
    ]
    assert [r[2:5] for r in placed] == [[100.0, 1, 1]]


def test_a_blk_speaks_to_trainees_not_alumni(login: Any, jember: Tenant) -> None:
    """The BLK's menu leaves out what only a school has (classes, cohort indicators, the NISN
    import), and its tracer invitations address trainees of the BLK, not a school's alumni."""
    from urllib.parse import unquote

    from jejak.tracer import links
    from jejak.tracer.tasks import _invitation

    client = login(jember.blk_admin)
    home = client.get(reverse("organisations:home", args=[jember.blk.code])).content.decode()
    assert reverse("alumni:classes", args=[jember.blk.code]) not in home
    assert reverse("indicators:school", args=[jember.blk.code]) not in home
    assert reverse("alumni:import", args=[jember.blk.code]) not in home
    assert reverse("training:indicators", args=[jember.blk.code]) in home
    school = login(jember.bkk).get(reverse("organisations:home", args=[jember.school.code]))
    assert reverse("alumni:classes", args=[jember.school.code]) in school.content.decode()

    text = unquote(links.whatsapp_url("+6281234567890", "Dewi Lestari", jember.blk.name,
                                      "https://x/s/1", training=True))  # fmt: skip
    assert "peserta pelatihan" in text and "Sekolah" not in text
    subject, body = _invitation(jember.blk, "Dewi Lestari", "https://x/s/1")
    assert jember.blk.name in subject and "lulusan pelatihan" in body
    assert "Sekolah" not in body and "adik kelas" not in body
    subject, body = _invitation(jember.school, "Ani", "https://x/s/2")
    assert "Sekolah Anda" in body
