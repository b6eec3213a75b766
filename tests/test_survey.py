"""The alumni survey from a personal link: consent first, partial saves, one response."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from jejak.alumni.models import Alumnus
from jejak.audit.models import AuditEvent
from jejak.outcomes.models import OutcomeEvent
from jejak.tracer import links, services
from jejak.tracer.models import Campaign, Response, SurveyLink
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db

WORKING = {
    "kegiatan": "bekerja", "tanggal_mulai": "2025-08", "nama_instansi": "PT Sinar Jaya",
    "status_pekerjaan": "buruh", "jabatan": "operator produksi", "kbli": "C",
    "wilayah_kerja": "Kabupaten Jember", "penghasilan": "2.800.000", "jam_per_minggu": "40",
    "keselarasan": "3", "cara_dapat_kerja": "bkk",
}  # fmt: skip


def _url(campaign: Campaign, alumnus: Alumnus) -> str:
    link = SurveyLink.objects.get(campaign=campaign, alumnus=alumnus)
    return reverse("tracer:survey", args=[links.token_for(link.seed)])


def test_every_alumnus_of_the_cohort_gets_a_link(campaign: Campaign, jember: Tenant) -> None:
    assert SurveyLink.objects.filter(campaign=campaign).count() == 2
    link = SurveyLink.objects.first()
    assert link is not None and len(links.token_for(link.seed)) >= 43  # 256-bit HMAC
    assert links.token_for(link.seed) not in link.token_hash


def test_opening_the_link_changes_nothing(client: Any, campaign: Campaign, jember: Tenant) -> None:
    page = client.get(_url(campaign, jember.alumnus))
    assert page.status_code == 200 and "Persetujuan" in page.content.decode()
    assert not Response.objects.exists()
    jember.alumnus.refresh_from_db()
    assert jember.alumnus.consent == "unknown"


def test_consent_comes_first(client: Any, campaign: Campaign, jember: Tenant) -> None:
    url = _url(campaign, jember.alumnus)
    refused = client.post(url, {"kegiatan": "bekerja", "aksi": "simpan"})
    assert refused.status_code == 422 and not Response.objects.exists()
    client.post(url, {"persetujuan": "setuju", "kegiatan": "bekerja", "aksi": "simpan"})
    jember.alumnus.refresh_from_db()
    assert jember.alumnus.consent == "given"
    assert Response.objects.get().answers == {"kegiatan": "bekerja"}


def test_a_minor_needs_a_parents_name(client: Any, campaign: Campaign, jember: Tenant) -> None:
    Alumnus.objects.filter(pk=jember.alumnus.pk).update(
        birth_date=timezone.localdate() - dt.timedelta(days=17 * 365)
    )
    url = _url(campaign, jember.alumnus)
    page = client.post(url, {"persetujuan": "setuju", "kegiatan": "bekerja", "aksi": "simpan"})
    assert page.status_code == 422 and "orang tua/wali" in page.content.decode()
    client.post(url, {"persetujuan": "setuju", "nama_wali": "Ibu Aminah", "kegiatan": "bekerja",
                      "aksi": "simpan"})  # fmt: skip
    jember.alumnus.refresh_from_db()
    assert jember.alumnus.consent == "parent_given"


def test_save_halfway_resume_and_finish(client: Any, campaign: Campaign, jember: Tenant) -> None:
    url = _url(campaign, jember.alumnus)
    client.post(url, {"persetujuan": "setuju", "kegiatan": "bekerja", "aksi": "simpan"})
    client.post(url, {"kegiatan": "bekerja", "nama_instansi": "PT Sinar Jaya", "aksi": "simpan"})
    resumed = client.get(url).content.decode()
    assert 'value="PT Sinar Jaya"' in resumed
    response = Response.objects.get()
    assert response.state == "partial" and not OutcomeEvent.objects.exists()
    done = client.post(url, {**WORKING, "aksi": "kirim"})
    assert done.status_code == 302
    response.refresh_from_db()
    assert response.state == "submitted"
    event = OutcomeEvent.objects.get(response=response)
    assert (event.activity, event.start_date, event.income) == ("bekerja", dt.date(2025, 8, 1),
                                                                 2_800_000)  # fmt: skip
    assert (event.work_region_id, event.formal, event.occupation_id) == ("35.09", True, "8")
    assert "Terima kasih" in client.get(url).content.decode()


def test_bad_answers_are_named_and_nothing_is_half_saved(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    url = _url(campaign, jember.alumnus)
    client.post(url, {"persetujuan": "setuju", "kegiatan": "bekerja", "aksi": "simpan"})
    page = client.post(url, {**WORKING, "penghasilan": "banyak", "wilayah_kerja": "Atlantis",
                             "aksi": "kirim"})  # fmt: skip
    text = page.content.decode()
    assert page.status_code == 422 and "banyak" in text and "Atlantis" in text
    assert Response.objects.get().state == "partial"


def test_editing_updates_the_one_outcome_event(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    url = _url(campaign, jember.alumnus)
    client.post(url, {"persetujuan": "setuju", **WORKING, "aksi": "kirim"})
    client.post(url, {**WORKING, "kegiatan": "wirausaha", "skala_usaha": "mikro",
                      "aksi": "kirim"})  # fmt: skip
    event = OutcomeEvent.objects.get()
    assert event.activity == "wirausaha" and Response.objects.count() == 1


def test_wrong_revoked_and_closed_links_look_the_same(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    open_url = _url(campaign, jember.alumnus)
    link = SurveyLink.objects.get(alumnus=jember.other_alumnus)
    revoked_url = reverse("tracer:survey", args=[links.token_for(link.seed)])
    services.link_revoke(link=link, actor=jember.bkk)
    wrong = client.get(reverse("tracer:survey", args=["A" * 43]))
    revoked = client.get(revoked_url)
    services.campaign_close(campaign=campaign, actor=jember.bkk)
    closed = client.get(open_url)
    assert {wrong.status_code, revoked.status_code, closed.status_code} == {404}
    assert wrong.content == revoked.content == closed.content


def test_reissued_link_replaces_the_old_one(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    old = _url(campaign, jember.alumnus)
    link = SurveyLink.objects.get(alumnus=jember.alumnus)
    services.link_reissue(link=link, actor=jember.bkk)
    assert client.get(old).status_code == 404
    assert client.get(_url(campaign, jember.alumnus)).status_code == 200


def test_lookups_are_rate_limited(client: Any, settings: Any, db: Any) -> None:
    settings.SURVEY_LOOKUPS_PER_MINUTE = 3
    statuses = [client.get(reverse("tracer:survey", args=[f"x{i}"])).status_code for i in range(5)]
    assert statuses[:3] == [404, 404, 404] and statuses[3:] == [429, 429]


def test_whatsapp_link_carries_the_personal_link(campaign: Campaign, jember: Tenant) -> None:
    link = SurveyLink.objects.get(alumnus=jember.alumnus)
    url = links.survey_url(link.seed)
    wa = links.whatsapp_url(jember.alumnus.phone, jember.alumnus.name, jember.school.name, url)
    assert wa.startswith("https://wa.me/6281234567890?text=")
    assert links.token_for(link.seed) in wa


def test_consent_given_with_the_answers_is_recorded_and_audited(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    url = _url(campaign, jember.alumnus)
    client.post(url, {"persetujuan": "setuju", **WORKING, "aksi": "kirim"})
    jember.alumnus.refresh_from_db()
    assert jember.alumnus.consent == "given" and jember.alumnus.consent_at is not None
    audit = AuditEvent.objects.get(action="alumnus.consent_given")
    assert audit.object_code == jember.alumnus.code and audit.changes["purpose"] == "tracer"
    assert Response.objects.get().state == "submitted"


def test_consent_is_kept_when_the_answers_are_not(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    url = _url(campaign, jember.alumnus)
    page = client.post(url, {"persetujuan": "setuju", **WORKING, "penghasilan": "banyak",
                             "aksi": "kirim"})  # fmt: skip
    assert page.status_code == 422 and not Response.objects.exists()
    jember.alumnus.refresh_from_db()
    assert jember.alumnus.consent == "given"
    assert AuditEvent.objects.filter(action="alumnus.consent_given").count() == 1


def test_a_campaign_outside_its_dates_takes_no_answers(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    url = _url(campaign, jember.alumnus)
    today = timezone.localdate()
    Campaign.objects.filter(pk=campaign.pk).update(end_date=today - dt.timedelta(days=1))
    assert client.get(url).status_code == 404
    Campaign.objects.filter(pk=campaign.pk).update(
        start_date=today + dt.timedelta(days=1), end_date=today + dt.timedelta(days=9)
    )
    posted = client.post(url, {"persetujuan": "setuju", **WORKING, "aksi": "kirim"})
    assert posted.status_code == 404
    assert not Response.objects.exists()


def test_what_a_link_opens_reads_as_the_orm_would(campaign: Campaign, jember: Tenant) -> None:
    """The prepared lookup (jejak.lib.prepared) converts dates and JSON as the ORM does, on
    both databases, and joins the response once there is one."""
    Campaign.objects.filter(pk=campaign.pk).update(extra_questions=[{"key": "x", "label": "X"}])
    link = SurveyLink.objects.get(campaign=campaign, alumnus=jember.alumnus)
    token = links.token_for(link.seed)
    first = links.open_link(token)
    assert first is not None and first.response is None
    assert first.link.campaign == Campaign.objects.get(pk=campaign.pk)
    assert isinstance(first.link.campaign.end_date, dt.date)
    assert first.link.campaign.extra_questions == [{"key": "x", "label": "X"}]
    assert first.link.alumnus.organisation.name == jember.school.name
    services.response_save(campaign=campaign, alumnus=jember.alumnus, raw=WORKING, submit=True)
    again = links.open_link(token)
    assert again is not None and again.response is not None
    stored = Response.objects.get()
    assert again.response.answers == stored.answers and again.response.answers["kbli"] == "C"
    assert again.response.submitted_at == stored.submitted_at


def test_an_activity_without_a_start_month_starts_on_the_local_day_of_answering(
    campaign: Campaign, jember: Tenant
) -> None:
    # 20:00 UTC on 1 June is 03:00 on 2 June in Jakarta, where the alumnus answered.
    late = dt.datetime(2026, 6, 1, 20, 0, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=late):
        checked = services.response_save(
            campaign=campaign, alumnus=jember.alumnus, submit=True,
            raw={"kegiatan": "belum_memungkinkan", "alasan_belum": "keluarga"},
        )  # fmt: skip
    assert checked.ok, checked.errors
    assert OutcomeEvent.objects.get().start_date == dt.date(2026, 6, 2)


@pytest.mark.parametrize(("typed", "income"), [("1,5 juta", 1_500_000), ("1500rb", 1_500_000),
                                               ("Rp 1.500.000,-", 1_500_000)])  # fmt: skip
def test_income_typed_in_words_is_stored_as_typed(
    client: Any, campaign: Campaign, jember: Tenant, typed: str, income: int
) -> None:
    url = _url(campaign, jember.alumnus)
    client.post(url, {"persetujuan": "setuju", "kegiatan": "bekerja", "aksi": "simpan"})
    done = client.post(url, {**WORKING, "penghasilan": typed, "aksi": "kirim"})
    assert done.status_code == 302
    assert OutcomeEvent.objects.get().income == income


def test_an_income_that_cannot_be_read_is_refused_not_truncated(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    url = _url(campaign, jember.alumnus)
    client.post(url, {"persetujuan": "setuju", "kegiatan": "bekerja", "aksi": "simpan"})
    page = client.post(url, {**WORKING, "penghasilan": "1,5", "aksi": "kirim"})
    assert page.status_code == 422
    assert "tidak terbaca sebagai rupiah" in page.content.decode()
    assert not OutcomeEvent.objects.exists()


def test_lanjut_with_nothing_chosen_says_what_to_do(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    url = _url(campaign, jember.alumnus)
    page = client.post(url, {"langkah": "1", "aksi": "simpan"})
    text = page.content.decode()
    assert page.status_code == 422
    assert "Centang persetujuan untuk melanjutkan" in text
    assert "Pilih salah satu kegiatan utama Anda" in text
    assert not Response.objects.exists()


def test_lanjut_with_consent_but_no_activity_keeps_the_consent_and_asks_for_one(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    url = _url(campaign, jember.alumnus)
    page = client.post(url, {"langkah": "1", "persetujuan": "setuju", "aksi": "simpan"})
    assert page.status_code == 422
    assert "Pilih salah satu kegiatan utama Anda" in page.content.decode()
    jember.alumnus.refresh_from_db()
    assert jember.alumnus.consent == "given" and not Response.objects.exists()
