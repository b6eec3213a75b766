"""Reset links go only to the person's own email or phone, a few per hour; staff never see
one; public forms never tell whether an account exists."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from jejak import messaging
from jejak.accounts.models import Membership, Role, User
from jejak.audit.models import AuditEvent
from tests.conftest import PASSWORD, Tenant, main_text

pytestmark = pytest.mark.django_db
RESET = "/accounts/password-reset/"


@pytest.fixture
def oncommit(django_capture_on_commit_callbacks: Any) -> Any:
    return lambda: django_capture_on_commit_callbacks(execute=True)


def ask(client: Any, identifier: str, address: str = "203.0.113.7") -> Any:
    return client.post(RESET, {"identifier": identifier}, REMOTE_ADDR=address)


def test_reset_emails_per_account_are_limited_and_the_answer_never_changes(
    client: Any, jember: Tenant, oncommit: Any, settings: Any
) -> None:
    settings.PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR = 3
    with oncommit():
        answers = [ask(client, jember.bkk.email or "", f"198.51.100.{n}") for n in range(20)]
    assert len(mail.outbox) == 3
    assert {a["Location"] for a in answers} == {reverse("accounts:password_reset_sent")}


def test_reset_requests_per_address_are_limited(
    client: Any, jember: Tenant, oncommit: Any, settings: Any
) -> None:
    settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = 2
    with oncommit():
        for person in (jember.bkk, jember.head, jember.teacher):
            assert ask(client, person.email or "").status_code == 302
    assert [m.to[0] for m in mail.outbox] == [jember.bkk.email, jember.head.email]


def test_phone_only_people_get_their_link_by_text_message(
    client: Any, db: Any, oncommit: Any, settings: Any
) -> None:
    settings.SMS_BACKEND = "jejak.messaging.LocmemBackend"
    User.objects.create_user(phone="+6281277770000", name="Rudi", password=PASSWORD)
    with oncommit():
        ask(client, "0812-7777-0000")
    assert [m.to for m in messaging.outbox] == ["+6281277770000"]
    assert "/accounts/reset/" in messaging.outbox[0].body and mail.outbox == []


def test_without_a_text_channel_phone_only_people_get_nothing_and_the_same_page(
    client: Any, db: Any, oncommit: Any
) -> None:
    User.objects.create_user(phone="+6281277770000", name="Rudi", password=PASSWORD)
    with oncommit():
        known = ask(client, "081277770000")
        unknown = ask(client, "081299990000")
    assert known["Location"] == unknown["Location"] and messaging.outbox == []


# --- staff send a link to the person, never see it -----------------------------------------


def test_school_sends_a_member_a_reset_link_to_their_own_email(
    login: Any, jember: Tenant, oncommit: Any
) -> None:
    client = login(jember.bkk)
    url = reverse("organisations:member_reset_send", args=[jember.school.code, jember.head.code])
    with oncommit():
        response = client.post(url, follow=True)
    page = response.content.decode()
    assert "/accounts/reset/" not in page
    assert [m.to for m in mail.outbox] == [[jember.head.email]]
    assert "/accounts/reset/" in mail.outbox[0].body
    assert jember.bkk.name in mail.outbox[0].body and jember.school.name in mail.outbox[0].body
    event = AuditEvent.objects.get(action="member.password_reset_sent")
    assert event.actor_id == jember.bkk.pk and event.changes == {"channel": "email"}


def test_a_bkk_officer_cannot_obtain_an_alumnus_login(
    login: Any, jember: Tenant, oncommit: Any
) -> None:
    client = login(jember.bkk)
    url = reverse("organisations:member_reset_send",
                  args=[jember.school.code, jember.alumnus_user.code])  # fmt: skip
    with oncommit():
        response = client.post(url)
    assert response.status_code == 302 and "/accounts/reset/" not in str(response.content)
    assert mail.outbox[0].to == [jember.alumnus_user.email]
    # The old URL that showed staff the link is gone.
    assert client.post(f"/o/{jember.school.code}/members/{jember.alumnus_user.code}/reset-link/"
                       ).status_code == 404  # fmt: skip


def test_phone_only_member_without_a_text_channel_is_explained(
    login: Any, jember: Tenant, oncommit: Any
) -> None:
    jember.teacher.email = None
    jember.teacher.phone = "+6281233334444"
    jember.teacher.save()
    client = login(jember.bkk)
    members = client.get(reverse("organisations:members", args=[jember.school.code]))
    assert "belum ada layanan SMS" in members.content.decode()
    url = reverse("organisations:member_reset_send", args=[jember.school.code, jember.teacher.code])
    with oncommit():
        page = client.post(url, follow=True).content.decode()
    assert "belum tersambung ke layanan SMS/WhatsApp" in page
    assert mail.outbox == [] and messaging.outbox == []
    assert not AuditEvent.objects.filter(action="member.password_reset_sent").exists()


def test_phone_only_member_gets_a_text_when_a_gateway_is_configured(
    login: Any, jember: Tenant, oncommit: Any, settings: Any
) -> None:
    settings.SMS_BACKEND = "jejak.messaging.LocmemBackend"
    jember.teacher.email = None
    jember.teacher.phone = "+6281233334444"
    jember.teacher.save()
    url = reverse("organisations:member_reset_send", args=[jember.school.code, jember.teacher.code])
    with oncommit():
        login(jember.bkk).post(url)
    assert messaging.outbox[0].to == "+6281233334444"
    assert jember.bkk.name in messaging.outbox[0].body


def test_no_reset_for_someone_with_roles_elsewhere(
    login: Any, jember: Tenant, bandung: Tenant, oncommit: Any
) -> None:
    Membership.objects.create(user=jember.teacher, organisation=bandung.school,
                              role=Role.SCHOOL_HEAD)  # fmt: skip
    url = reverse("organisations:member_reset_send", args=[jember.school.code, jember.teacher.code])
    with oncommit():
        assert login(jember.bkk).post(url).status_code == 302
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="member.password_reset_sent").exists()


def test_staff_cannot_flood_a_person_with_reset_links(
    login: Any, jember: Tenant, oncommit: Any, settings: Any
) -> None:
    settings.PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR = 2
    client = login(jember.bkk)
    url = reverse("organisations:member_reset_send", args=[jember.school.code, jember.head.code])
    with oncommit():
        for _ in range(4):
            client.post(url)
    assert len(mail.outbox) == 2


# --- company sign-up does not tell who has an account ----------------------------------------


def _signup(client: Any, email: str, name: str) -> Any:
    from tests.conftest import ensure_reference_data

    ensure_reference_data()
    return client.post(reverse("companies:signup"), {
        "name": name, "region": "35.09", "address": "", "nib": "", "website": "",
        "contact_name": "Rina", "contact_email": email, "contact_phone": "",
    }, follow=True)  # fmt: skip


def test_company_signup_answers_the_same_for_a_known_email(
    client: Any, jember: Tenant, oncommit: Any
) -> None:
    with oncommit():
        known = _signup(client, jember.recruiter.email or "", "PT Satu")
        new = _signup(client, "baru@ptdua.co.id", "PT Dua")
    assert known.redirect_chain == [(reverse("companies:signup_sent"), 302)]
    assert new.redirect_chain == known.redirect_chain
    assert main_text(known.content.decode()) == main_text(new.content.decode())
    to_known, to_new = mail.outbox
    assert "sudah punya akun" in to_known.body and "/accounts/invitation/" in to_known.body
    assert "sudah punya akun" not in to_new.body and "/accounts/invitation/" in to_new.body
