"""The BLK figures in the office dashboards: stored per BLK by the periodic refresh, read
(never computed) by the regency and province offices' pages, each seeing its area only.

The tenant's trainee graduated from a batch that ended 27 Feb 2026 and works since 4 May
(formal): on 31 Dec 2026 the BLK has 1 trainee, 1 graduate, certified 1/1, working at 3
months (27 May) 1/1 and at 6 months (27 Aug) 1/1. The second BLK's trainee, in Banyuwangi,
graduated without a certificate and was never traced: certified 0/1, working 0/1.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jejak.accounts.models import Membership, Role
from jejak.alumni.models import Alumnus
from jejak.organisations.models import Organisation
from jejak.outcomes.models import Activity, OutcomeEvent, Source
from jejak.training.models import BlkRollup, Enrolment
from jejak.training.rollups import refresh_blk_rollups
from jejak.training.services import batch_open, programme_save
from tests.conftest import Tenant
from tests.test_blk_pages import _graduate_placed

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 31)


def _banyuwangi_blk(t: Tenant) -> Organisation:
    blk = Organisation.objects.create(
        kind=Organisation.Kind.TRAINING_CENTRE, name="BLK Banyuwangi", region_id="35.10"
    )
    programme, _ = programme_save(blk=blk, own_code="LAS1", actor=t.blk_admin,
                                  data={"name": "Las Listrik"})  # fmt: skip
    batch = batch_open(programme=programme, start_date=dt.date(2026, 1, 5),
                       end_date=dt.date(2026, 2, 27), actor=t.blk_admin,
                       funding="APBD")  # fmt: skip
    trainee = Alumnus.objects.create(organisation=blk, name="Rudi", sex="L", cohort=2026,
                                     birth_date=dt.date(1995, 5, 1))  # fmt: skip
    Enrolment.objects.create(organisation=blk, batch=batch, alumnus=trainee, graduated=True,
                             completed=True, competent=False)  # fmt: skip
    return blk


def _province_analyst(t: Tenant) -> Any:
    office = Organisation.objects.create(
        kind=Organisation.Kind.LABOUR_OFFICE, name="Disnakertrans Jatim", region_id="35"
    )
    office.area.set(["35"])
    Membership.objects.create(user=t.bkk, organisation=office, role=Role.OFFICE_ANALYST)
    return office


def _cell(page: str, cell_id: str) -> str:
    start = page.index(f'id="{cell_id}"')
    return page[start : page.index("</td>", start)]


def test_refresh_stores_the_hand_computed_figures(jember: Tenant) -> None:
    _graduate_placed(jember)
    assert refresh_blk_rollups(DAY) >= 1
    from jejak.training.indicators import BlkTally, blk_figures

    stored = BlkRollup.objects.get(organisation=jember.blk)
    figures = blk_figures(BlkTally.from_json(stored.tallies["all"]))
    assert (figures["trainees"], figures["graduates"]) == (1, 1)
    for name in ("certification_rate", "placement_3m_rate", "placement_6m_rate"):
        assert (figures[name]["numerator"], figures[name]["denominator"]) == (1, 1), name
    assert stored.as_of == DAY and stored.regency_code == "35.09"
    assert set(stored.tallies["age"]) == {"15-24"} and set(stored.tallies["sex"]) == {"P"}


def test_refresh_recomputes_only_when_a_day_or_a_row_changed(jember: Tenant) -> None:
    enrolment = _graduate_placed(jember)
    refresh_blk_rollups(DAY)
    assert refresh_blk_rollups(DAY) == 0  # nothing moved
    OutcomeEvent.objects.create(
        organisation=jember.blk, alumnus=jember.blk_alumnus, activity=Activity.LOOKING,
        start_date=dt.date(2026, 6, 1), source=Source.IMPORT,
    )  # fmt: skip
    assert refresh_blk_rollups(DAY) == 1
    stored = BlkRollup.objects.get(organisation=jember.blk).tallies["all"]["counts"]
    assert stored.get("working_6m", 0) == 0  # the later outcome supersedes the job
    Enrolment.objects.filter(pk=enrolment.pk).update(competent=False)  # bulk: no save()
    assert refresh_blk_rollups(DAY) == 0  # updated_at did not move: caught the next day
    assert refresh_blk_rollups(DAY + dt.timedelta(days=1)) == 1
    stored = BlkRollup.objects.get(organisation=jember.blk).tallies["all"]["counts"]
    assert stored.get("certified", 0) == 0


def test_office_dashboards_read_stored_figures_and_never_compute(
    login: Any, jember: Tenant
) -> None:
    _graduate_placed(jember)
    client = login(jember.analyst)
    urls = [reverse("indicators:office", args=[jember.office.code]),
            reverse("organisations:home", args=[jember.office.code])]  # fmt: skip
    for url in urls:  # before the refresh: the BLK waits, nothing is computed in the page
        page = client.get(url).content.decode()
        assert 'id="h-blk"' in page and "Menunggu penghitungan" in page
        assert f'id="blk-{jember.blk.code}-placement_6m_rate"' not in page
    refresh_blk_rollups(DAY)
    for url in urls:
        page = client.get(url).content.decode()
        assert "(1/1)" in _cell(page, f"blk-{jember.blk.code}-placement_6m_rate")
        assert "(1/1)" in _cell(page, f"blk-{jember.blk.code}-placement_3m_rate")
        assert "(1/1)" in _cell(page, "blk-total-certification_rate")
        assert reverse("training:office_blks", args=[jember.office.code]) in page


def test_regency_office_sees_its_blks_and_the_province_sees_all_side_by_side(
    login: Any, jember: Tenant
) -> None:
    _graduate_placed(jember)
    other = _banyuwangi_blk(jember)
    province = _province_analyst(jember)
    refresh_blk_rollups(DAY)
    regency = login(jember.analyst).get(reverse("indicators:office", args=[jember.office.code]))
    text = regency.content.decode()
    assert jember.blk.name in text and other.name not in text
    assert "(1/1)" in _cell(text, "blk-total-placement_6m_rate")
    client = login(jember.bkk)
    page = client.get(reverse("organisations:home", args=[province.code])).content.decode()
    assert jember.blk.name in page and other.name in page
    assert "(0/1)" in _cell(page, f"blk-{other.code}-placement_6m_rate")
    assert "(1/2)" in _cell(page, "blk-total-placement_6m_rate")
    assert "(1/2)" in _cell(page, "blk-total-certification_rate")
    assert "(1/1)" in _cell(page, "blk-regency-35.09-placement_6m_rate")  # each regency's sum
    assert "(0/1)" in _cell(page, "blk-regency-35.10-placement_6m_rate")
    assert 'id="blk-regency-' not in text  # a regency office has one regency: no subtotals
    side = client.get(reverse("training:office_blks", args=[province.code])).content.decode()
    assert "Angka tersimpan" in side and "25–34" in side and "15–24" in side
    assert "APBD" in side and "(1/2)" in side


def test_a_chosen_reference_date_is_computed_for_that_date(login: Any, jember: Tenant) -> None:
    _graduate_placed(jember)
    refresh_blk_rollups(DAY)
    url = reverse("training:office_blks", args=[jember.office.code])
    page = login(jember.analyst).get(url, {"per": "2026-04-01"}).content.decode()
    assert "Angka tersimpan" not in page and "(0/0)" in page  # not yet 3 months after the end


def test_the_office_section_reads_in_a_fixed_number_of_queries(jember: Tenant) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jejak.training.selectors import office_blk_summary

    _graduate_placed(jember)
    province = _province_analyst(jember)
    refresh_blk_rollups(DAY)
    with CaptureQueriesContext(connection) as one:
        office_blk_summary(province)
    _banyuwangi_blk(jember)
    refresh_blk_rollups(DAY)
    with CaptureQueriesContext(connection) as two:
        summary = office_blk_summary(province)
    assert len(summary["rows"]) == 2 and len(two) == len(one)
