"""UU PDP: refusing or withdrawing consent takes back the answers and outcomes resting on it,
from every figure, with an audit row, and tells the person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from jejak.alumni.models import Alumnus
from jejak.audit.models import AuditEvent
from jejak.indicators.rollups import refresh_stale
from jejak.indicators.selectors import total_figures
from jejak.outcomes.models import OutcomeEvent
from jejak.privacy.consent import consent_end
from jejak.tracer import links, services
from jejak.tracer.importing import import_responses
from jejak.tracer.models import Campaign, Response, SurveyLink
from tests.conftest import Tenant
from tests.test_survey import WORKING

pytestmark = pytest.mark.django_db


def _url(campaign: Campaign, alumnus: Alumnus) -> str:
    link = SurveyLink.objects.get(campaign=campaign, alumnus=alumnus)
    return reverse("tracer:survey", args=[links.token_for(link.seed)])


def _answered(campaign: Campaign, tenant: Tenant) -> dict[str, Any]:
    services.consent_give(alumnus=tenant.alumnus)
    checked = services.response_save(
        campaign=campaign, alumnus=tenant.alumnus, raw=WORKING, submit=True
    )
    assert checked.ok, checked.errors
    # A placement by the BKK rests on its register, not on the survey consent.
    OutcomeEvent.objects.create(
        organisation=tenant.school, alumnus=tenant.alumnus, activity="bekerja",
        start_date=dt.date(2025, 9, 1), source="placement",
    )  # fmt: skip
    refresh_stale()
    return total_figures([tenant.school.pk], 2025)


def test_refusing_on_the_survey_after_answering_removes_the_answers_from_the_figures(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    before = _answered(campaign, jember)
    assert before["participation_rate"]["numerator"] == 1
    page = client.post(_url(campaign, jember.alumnus), {"aksi": "tolak"})
    assert "telah dihapus" in page.content.decode()
    assert not Response.objects.filter(alumnus=jember.alumnus).exists()
    assert list(OutcomeEvent.objects.filter(alumnus=jember.alumnus).values_list(
        "source", flat=True)) == ["placement"]  # fmt: skip
    refresh_stale()
    after = total_figures([jember.school.pk], 2025)
    assert after["participation_rate"]["numerator"] == 0
    event = AuditEvent.objects.get(action="alumnus.consent_refused")
    assert event.changes["responses_removed"] == 1 and event.changes["outcomes_removed"] == 1


def test_withdrawing_on_me_removes_the_answers_and_says_so(
    login: Any, campaign: Campaign, jember: Tenant
) -> None:
    _answered(campaign, jember)
    client = login(jember.alumnus_user)
    assert "Tarik persetujuan" in client.get(reverse("alumni:me")).content.decode()
    page = client.post(reverse("alumni:me_consent_withdraw"), follow=True).content.decode()
    assert "1 jawaban survei dan 1 catatan kegiatan" in page
    jember.alumnus.refresh_from_db()
    assert jember.alumnus.consent == "withdrawn"
    assert not Response.objects.filter(alumnus=jember.alumnus).exists()
    event = AuditEvent.objects.get(action="alumnus.consent_withdrawn")
    assert event.actor == jember.alumnus_user and event.changes["responses_removed"] == 1


def test_staff_recording_a_refusal_removes_the_answers(
    login: Any, campaign: Campaign, jember: Tenant
) -> None:
    _answered(campaign, jember)
    client = login(jember.bkk)
    url = reverse("alumni:consent", args=[jember.school.code, jember.alumnus.code])
    client.post(url, {"state": "refused", "note": "telepon 3 Agustus"})
    assert not Response.objects.filter(alumnus=jember.alumnus).exists()
    event = AuditEvent.objects.get(action="alumnus.consent_recorded")
    assert event.changes["consent"] == ["given", "refused"]
    assert event.changes["outcomes_removed"] == 1


def test_answers_staff_took_down_go_too_but_placements_and_imports_stay(jember: Tenant) -> None:
    # Events without a response row, as older paper entries and the demo have them.
    for source in ("bkk", "staff", "teacher", "self", "placement", "import"):
        OutcomeEvent.objects.create(
            organisation=jember.school, alumnus=jember.alumnus, activity="bekerja",
            start_date=dt.date(2025, 9, 1), source=source,
        )  # fmt: skip
    removed = consent_end(alumnus=jember.alumnus, actor=jember.bkk, state="withdrawn",
                          action="alumnus.consent_recorded")  # fmt: skip
    assert removed.outcomes == 4
    left = OutcomeEvent.objects.filter(alumnus=jember.alumnus).values_list("source", flat=True)
    assert sorted(left) == ["import", "placement"]


def test_no_answer_is_taken_for_someone_who_refused(
    login: Any, campaign: Campaign, jember: Tenant
) -> None:
    services.consent_refuse(alumnus=jember.alumnus)
    client = login(jember.teacher)
    url = reverse("tracer:staff_entry", args=[jember.school.code, campaign.code,
                                              jember.alumnus.code])  # fmt: skip
    page = client.post(url, {**WORKING, "source": "telepon"})
    assert page.status_code == 422 and "menolak atau menarik" in page.content.decode()
    data = f"nisn;kegiatan;sumber\n{jember.alumnus.nisn};bekerja;kertas\n".encode()
    result = import_responses(campaign=campaign, data=data, filename="j.csv", actor=jember.bkk)
    assert result.rejected == 1 and "menolak" in result.errors[0].message
    assert not Response.objects.filter(alumnus=jember.alumnus).exists()


def test_consent_given_again_on_the_survey_takes_answers_again(
    client: Any, campaign: Campaign, jember: Tenant
) -> None:
    services.consent_refuse(alumnus=jember.alumnus)
    url = _url(campaign, jember.alumnus)
    client.post(url, {"persetujuan": "setuju", "kegiatan": "bekerja", "aksi": "simpan"})
    assert Response.objects.filter(alumnus=jember.alumnus).exists()


def test_someone_who_refused_gets_no_more_reminders(campaign: Campaign, jember: Tenant) -> None:
    from jejak.tracer.models import Dispatch
    from jejak.tracer.tasks import send_due_dispatches

    Alumnus.objects.filter(organisation=jember.school).update(email="a@example.id")
    assert services.reminder_round(campaign=campaign, actor=jember.bkk) == 2
    services.consent_refuse(alumnus=jember.alumnus)  # after the round was queued
    Dispatch.objects.update(due_at=timezone.now())
    send_due_dispatches.call()
    skipped = Dispatch.objects.get(link__alumnus=jember.alumnus)
    assert skipped.state == Dispatch.State.SKIPPED
    assert services.reminder_round(campaign=campaign, actor=jember.bkk) == 1
