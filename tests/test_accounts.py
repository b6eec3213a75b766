"""Accounts come by invitation; people log in with an email or a phone number."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jejak.accounts.models import Invitation, Membership, Role, User
from jejak.accounts.services import invitation_accept, invitation_create
from jejak.audit.models import AuditEvent
from jejak.lib.codes import hash_token
from tests.conftest import PASSWORD, Tenant, main_text

pytestmark = pytest.mark.django_db


def test_school_invites_a_teacher_for_a_class(
    login: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    client = login(jember.bkk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:members", args=[jember.school.code]),
            {"name": "Bu Endang", "role": Role.HOMEROOM_TEACHER, "email": "endang@example.id",
             "phone": "", "classes": [jember.other_class.code]},
        )  # fmt: skip
    assert response.status_code == 200
    # The link goes to the person's email only; the inviter never holds it.
    assert response.context["link"] is None and "/accounts/invitation/" not in str(response.content)
    assert mail.outbox[0].to == ["endang@example.id"]
    link = next(w for w in mail.outbox[0].body.split() if "/accounts/invitation/" in w)
    link = "/" + link.split("://", 1)[1].split("/", 1)[1]
    token = link.rstrip("/").rsplit("/", 1)[-1]
    invitation = Invitation.objects.get(email="endang@example.id")
    assert invitation.token_hash == hash_token(token) and token not in invitation.token_hash
    anonymous = client.__class__()
    page = anonymous.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert page.status_code == 302
    teacher = User.objects.get(email="endang@example.id")
    assert Membership.objects.filter(user=teacher, role=Role.HOMEROOM_TEACHER).exists()
    jember.other_class.refresh_from_db()
    assert jember.other_class.homeroom_teacher == teacher
    assert AuditEvent.objects.filter(action="invitation.accepted").exists()
    assert anonymous.get(link).status_code == 404  # used once


def test_a_phone_only_invitation_is_shown_only_without_a_text_channel(
    login: Any, jember: Tenant, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from jejak import messaging

    client = login(jember.bkk)
    url = reverse("organisations:members", args=[jember.school.code])
    data = {"name": "Pak Joko", "role": Role.SCHOOL_HEAD, "email": "", "phone": "0812-5555-1111"}
    shown = client.post(url, data)
    assert "/accounts/invitation/" in shown.context["link"]
    settings.SMS_BACKEND = "jejak.messaging.LocmemBackend"
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {**data, "name": "Pak Joko Dua", "phone": "0812-5555-2222"})
    assert sent.context["link"] is None
    assert messaging.outbox[0].to == "+6281255552222"
    assert "/accounts/invitation/" in messaging.outbox[0].body


def test_bad_passwords_are_explained_and_nothing_is_created(client: Any, jember: Tenant) -> None:
    _, token = invitation_create(
        organisation=jember.school, role=Role.SCHOOL_HEAD, name="Pak Kepala",
        email="kepala@example.id", invited_by=jember.bkk,
    )  # fmt: skip
    url = reverse("accounts:accept", args=[token])
    page = client.post(url, {"password1": "12345678", "password2": "12345678"})
    assert page.status_code == 200 and page.context["form"].errors
    page = client.post(url, {"password1": "Abc-12345-xyz", "password2": "Abc-12345-xyy"})
    assert "tidak sama" in page.content.decode()
    assert not User.objects.filter(email="kepala@example.id").exists()


def test_expired_revoked_and_wrong_links_look_the_same(client: Any, jember: Tenant) -> None:
    invitation, expired = invitation_create(
        organisation=jember.school, role=Role.SCHOOL_HEAD, name="A", email="a@example.id",
        invited_by=jember.bkk,
    )  # fmt: skip
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    invitation, revoked = invitation_create(
        organisation=jember.school, role=Role.SCHOOL_HEAD, name="B", email="b@example.id",
        invited_by=jember.bkk,
    )  # fmt: skip
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    pages = [client.get(reverse("accounts:accept", args=[t])) for t in (expired, revoked, "x" * 43)]
    assert {p.status_code for p in pages} == {404}
    assert len({main_text(p.content.decode()) for p in pages}) == 1


def test_link_never_resets_an_existing_account(client: Any, jember: Tenant) -> None:
    """Whoever holds the link must not be able to take over an account that exists."""
    invitation, token = invitation_create(
        organisation=jember.school, role=Role.SCHOOL_HEAD, name="Existing",
        email=jember.teacher.email, invited_by=jember.bkk,
    )  # fmt: skip
    page = client.post(
        reverse("accounts:accept", args=[token]), {"password1": "x", "password2": "x"}
    )
    assert "sudah punya akun" in page.content.decode()
    jember.teacher.refresh_from_db()
    assert jember.teacher.check_password(PASSWORD)
    with pytest.raises(ValueError):
        invitation_accept(invitation=invitation, password="Another-pass-123")
    client.force_login(jember.teacher)
    client.post(reverse("accounts:accept", args=[token]))
    assert Membership.objects.filter(user=jember.teacher, role=Role.SCHOOL_HEAD).exists()


@pytest.mark.parametrize(
    "identifier",
    ["0812-3456-7000", "+62 812 3456 7000", "6281234567000", "bkk.phone@Example.id"],
)
def test_login_by_email_or_phone_in_any_form(client: Any, db: Any, identifier: str) -> None:
    User.objects.create_user(
        email="bkk.phone@example.id", phone="+6281234567000", name="Operator", password=PASSWORD
    )
    response = client.post(
        reverse("accounts:login"), {"identifier": identifier, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_wrong_password_gives_one_plain_message(client: Any, jember: Tenant) -> None:
    response = client.post(
        reverse("accounts:login"), {"identifier": jember.bkk.email, "password": "salah"}
    )
    assert response.status_code == 200
    assert "kata sandi salah" in response.content.decode()


def test_login_refuses_to_redirect_off_site(client: Any, jember: Tenant) -> None:
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"identifier": jember.bkk.email, "password": PASSWORD},
    )
    assert response["Location"] == reverse("home")


def test_person_with_one_place_lands_there(login: Any, jember: Tenant) -> None:
    assert login(jember.bkk).get(reverse("home"))["Location"] == reverse(
        "organisations:home", args=[jember.school.code]
    )
    assert login(jember.alumnus_user).get(reverse("home"))["Location"] == reverse("alumni:me")


def test_english_is_one_switch_away(client: Any, db: Any) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    page = client.get("/accounts/login/").content.decode()
    assert 'lang="en"' in page


def test_password_reset_by_email(
    client: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"),
                               {"identifier": jember.bkk.email})  # fmt: skip
    assert response.status_code == 302
    body = mail.outbox[-1].body
    link = next(line for line in body.splitlines() if "/accounts/reset/" in line)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.context["validlink"]
    client.post(form_page.redirect_chain[-1][0], {"password1": "Baru-Sekali-2026",
                                                   "password2": "Baru-Sekali-2026"})  # fmt: skip
    jember.bkk.refresh_from_db()
    assert jember.bkk.check_password("Baru-Sekali-2026")
    assert AuditEvent.objects.filter(action="account.password_reset").exists()


def test_unknown_email_gets_the_same_answer(
    client: Any, db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"),
                               {"identifier": "siapa@example.id"})  # fmt: skip
    assert response.status_code == 302 and mail.outbox == []
    assert response["Location"] == reverse("accounts:password_reset_sent")


def test_recruiter_invites_a_colleague_to_their_company_only(
    login: Any, jember: Any, bandung: Any
) -> None:
    from jejak.accounts.models import Invitation

    client = login(jember.recruiter)
    url = reverse("organisations:members", args=[jember.company.code])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="recruiter"' in page.content.decode()
    assert 'value="bkk_officer"' not in page.content.decode()
    posted = client.post(url, {"role": "recruiter", "name": "Rina HRD", "email": "rina@pt.id"})
    assert posted.status_code == 200
    invitation = Invitation.objects.get(email="rina@pt.id")
    assert invitation.organisation == jember.company and invitation.role == "recruiter"
    refused = client.post(url, {"role": "bkk_officer", "name": "X", "email": "x@pt.id"})
    assert refused.status_code == 200 and not Invitation.objects.filter(email="x@pt.id").exists()
    other = reverse("organisations:members", args=[bandung.company.code])
    assert client.get(other).status_code == 404
