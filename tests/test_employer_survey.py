"""The employer (DUDI) satisfaction survey: invitations by the school, answers by link."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from jejak.outcomes.models import Activity, OutcomeEvent, Source
from jejak.tracer import employer, links, services
from jejak.tracer.models import Campaign, EmployerSurvey
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db

RATINGS = {key: "3" for key, _label in employer.ASPECTS}
ANSWER = {**RATINGS, "keahlian": "4", "jumlah_lulusan": "3", "bersedia_menerima": "ya",
          "nama_responden": "Hendra", "jabatan_responden": "HRD"}  # fmt: skip


def _page(jember: Tenant, campaign: Campaign) -> str:
    return reverse("tracer:employers", args=[jember.school.code, campaign.code])


def _survey_url(survey: EmployerSurvey) -> str:
    return reverse("tracer:employer_survey", args=[links.token_for(survey.seed)])


def test_bkk_invites_an_employer_by_email(
    login: Any, jember: Tenant, campaign: Campaign, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(jember.bkk)
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(_page(jember, campaign), {
            "employer_name": "PT  Sinar Jaya", "contact_name": "Hendra",
            "contact_email": "hrd@sinarjaya.id", "contact_phone": "0812-3456-7890",
        })  # fmt: skip
    assert posted.status_code == 302
    survey = EmployerSurvey.objects.get()
    assert survey.employer_name == "PT Sinar Jaya" and survey.contact_phone == "+6281234567890"
    assert len(mail.outbox) == 1 and links.token_for(survey.seed) in mail.outbox[0].body
    page = client.get(_page(jember, campaign)).content.decode()
    assert "wa.me/6281234567890" in page


def test_inviting_the_same_employer_twice_keeps_one_link(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    client = login(jember.bkk)
    for name in ("PT Sinar Jaya", "pt sinar jaya"):
        client.post(_page(jember, campaign), {"employer_name": name})
    assert EmployerSurvey.objects.count() == 1


def test_a_bad_phone_is_named_and_nothing_is_saved(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    page = login(jember.bkk).post(
        _page(jember, campaign), {"employer_name": "PT A", "contact_phone": "12ab"}
    )
    assert page.status_code == 422 and "tidak valid" in page.content.decode()
    assert not EmployerSurvey.objects.exists()


def test_employers_alumni_named_are_suggested(
    login: Any, jember: Tenant, campaign: Campaign
) -> None:
    OutcomeEvent.objects.create(
        organisation=jember.school, alumnus=jember.alumnus, activity=Activity.WORKING,
        start_date=dt.date(2025, 8, 1), source=Source.SELF_REPORTED, employer="CV Maju Motor",
    )  # fmt: skip
    page = login(jember.bkk).get(_page(jember, campaign)).content.decode()
    assert "CV Maju Motor" in page


def test_employer_answers_and_the_school_sees_the_summary(
    client: Any, login: Any, jember: Tenant, campaign: Campaign
) -> None:
    survey = services.employer_survey_add(
        campaign=campaign, school=jember.school, employer_name="PT Sinar Jaya", actor=jember.bkk
    )
    opened = client.get(_survey_url(survey))
    assert opened.status_code == 200 and "PT Sinar Jaya" in opened.content.decode()
    survey.refresh_from_db()
    assert survey.submitted_at is None  # opening changes nothing
    incomplete = client.post(_survey_url(survey), {**ANSWER, "etika": ""})
    assert incomplete.status_code == 422 and "1 sampai 4" in incomplete.content.decode()
    survey.refresh_from_db()
    assert survey.answers == {}
    sent = client.post(_survey_url(survey), ANSWER)
    assert sent.status_code == 302
    survey.refresh_from_db()
    assert survey.answers["keahlian"] == 4 and survey.submitted_at is not None
    summary = {a.key: a for a in employer.summarise([survey.answers])}
    assert summary["keahlian"].average == 4 and summary["etika"].good_or_better == 1
    page = login(jember.bkk).get(_page(jember, campaign)).content.decode()
    assert "1 dari 1 perusahaan" in page


def test_a_closed_campaign_refuses_employer_answers(
    client: Any, jember: Tenant, campaign: Campaign
) -> None:
    survey = services.employer_survey_add(
        campaign=campaign, school=jember.school, employer_name="PT A", actor=jember.bkk
    )
    services.campaign_close(campaign=campaign, actor=jember.bkk)
    assert client.post(_survey_url(survey), ANSWER).status_code == 404
    assert client.get(reverse("tracer:employer_survey", args=["salah"])).status_code == 404


def test_teacher_and_other_schools_do_not_see_employer_answers(
    login: Any, jember: Tenant, bandung: Tenant, campaign: Campaign
) -> None:
    assert login(jember.teacher).get(_page(jember, campaign)).status_code == 404
    assert (
        login(jember.head).post(_page(jember, campaign), {"employer_name": "X"}).status_code == 404
    )
    assert not EmployerSurvey.objects.exists()
