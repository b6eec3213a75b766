"""Issue 13 item 5: business start, mentoring and referrals; the alumni network on /me/."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from jejak.audit.models import AuditEvent
from jejak.outcomes.models import Activity, OutcomeEvent
from jejak.privacy.export import person_export
from jejak.training.models import Mentoring, NetworkMember, Referral
from tests.conftest import Tenant
from tests.test_isolation import _enrolment, _own_enrolment

pytestmark = pytest.mark.django_db


def test_officer_records_a_business_start_mentoring_and_a_referral(
    login: Any, jember: Tenant
) -> None:
    enrolment = _enrolment(jember)
    client = login(jember.blk_admin)
    url = reverse("training:support", args=[jember.blk.code, enrolment.code])
    client.post(url, {"form": "business", "b-start": "2026-04-01", "b-name": "Bengkel Jaya",
                      "b-has_workers": "0"})  # fmt: skip
    client.post(url, {"form": "mentoring", "m-topic": "capital", "m-date": "2026-04-10",
                      "m-mentor": "Pak Budi", "m-outcome": "Rencana usaha disusun"})  # fmt: skip
    client.post(url, {"form": "referral", "r-partner": "bank_kur", "r-partner_name": "BRI",
                      "r-date": "2026-04-20", "r-outcome": "accepted"})  # fmt: skip
    bad = client.post(url, {"form": "referral", "r-partner": "bank_kur", "r-date": ""})
    assert bad.status_code == 200 and Referral.objects.count() == 1

    event = OutcomeEvent.objects.get(alumnus=jember.blk_alumnus)
    assert (event.activity, event.employer, event.employment_status) == (
        Activity.SELF_EMPLOYED, "Bengkel Jaya", "berusaha_sendiri")  # fmt: skip
    assert Mentoring.objects.get().topic == "capital"
    assert Referral.objects.get().outcome == "accepted"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"training.business_started", "training.mentoring_recorded",
            "training.referral_recorded", "trainee.support_viewed"} <= actions  # fmt: skip
    page = client.get(url).content.decode()
    assert "Bengkel Jaya" in page and "Bank penyalur KUR" in page


def test_trainee_joins_the_network_and_lists_a_business_only_by_choice(
    login: Any, jember: Tenant
) -> None:
    enrolment = _own_enrolment(jember)
    client = login(jember.alumnus_user)
    join = reverse("training:me_network_join", args=[enrolment.code])
    client.post(join, {f"{enrolment.code}-business_name": "Bengkel Siti"})
    member = NetworkMember.objects.get()
    assert member.programme == enrolment.batch.programme and not member.list_business
    staff = login(jember.blk_admin)
    listing = staff.get(reverse("training:network", args=[jember.blk.code])).content.decode()
    assert "Bengkel Siti" not in listing and "tidak ditampilkan" in listing

    client = login(jember.alumnus_user)
    client.post(join, {f"{enrolment.code}-business_name": "Bengkel Siti",
                       f"{enrolment.code}-list_business": "on"})  # fmt: skip
    assert NetworkMember.objects.get().list_business
    assert "training.network_updated" in AuditEvent.objects.values_list("action", flat=True)
    assert person_export(jember.blk_alumnus)["training_support"]["networks"][0][
        "business_name"] == "Bengkel Siti"  # fmt: skip
    assert client.get(reverse("training:me_network")).status_code == 200
    client.post(reverse("training:me_network_leave", args=[enrolment.code]))
    assert not NetworkMember.objects.exists()
