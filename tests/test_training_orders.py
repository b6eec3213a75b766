"""Company training orders ("pesanan", issue 13 item 6): a vetted company orders a batch from
a BLK, the BLK answers and schedules it, and the company is told once, with the right counts,
when the trainees graduate; it then sees only the graduates who agreed to be found, as they
share themselves. Nobody sees another company's or another BLK's orders."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus, Consent
from jejak.audit.models import AuditEvent
from jejak.jobs.models import Notification
from jejak.matching.models import PoolOptIn
from jejak.organisations.models import Organisation
from jejak.profiles.models import Profile
from jejak.training import orders
from jejak.training.models import Batch, Enrolment, OrderBatch, TrainingOrder
from tests.conftest import Tenant
from tests.jobs_factories import vet
from tests.test_isolation import _enrolment, _order

pytestmark = pytest.mark.django_db

NEXT_YEAR = dt.date.today().year + 1


def _ordered(t: Tenant) -> TrainingOrder:
    """A fresh order of the tenant's company to its BLK, not answered yet."""
    _enrolment(t)
    return orders.order_submit(
        company=t.company, blk=t.blk, actor=t.recruiter, people=8,
        competencies="Servis sistem injeksi", wanted_by=dt.date(NEXT_YEAR, 3, 1),
    )  # fmt: skip


def _graduates(t: Tenant, batch: Batch) -> dict[str, Enrolment]:
    """Five trainees in the batch: three graduates (two competent), one not, and the BLK
    alumnus from the tenant (graduated, not competent)."""
    found = {"blk_alumnus": Enrolment.objects.get(batch=batch, alumnus=t.blk_alumnus)}
    for name, graduated, competent in [
        ("Ani", True, True),
        ("Bayu", True, True),
        ("Citra", False, None),
        ("Dedi", True, False),
    ]:
        person = Alumnus.objects.create(
            organisation=t.blk, nik="", name=f"{name} {t.region}", sex="L", cohort=2026,
            phone=f"+628123400{len(found):04d}", consent=Consent.GIVEN,
        )  # fmt: skip
        found[name] = Enrolment.objects.create(
            organisation=t.blk, batch=batch, alumnus=person, graduated=graduated,
            competent=competent,
        )  # fmt: skip
    Enrolment.objects.filter(pk=found["blk_alumnus"].pk).update(graduated=True, competent=False)
    return found


def test_a_vetted_company_orders_from_a_blk_and_the_blk_is_told(
    login: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    _enrolment(jember)
    vet(jember)
    client = login(jember.recruiter)
    url = reverse("training:order_new", args=[jember.company.code])
    page = client.get(url, {"blk": jember.blk.code}).content.decode()
    assert "Servis Motor" in page  # the BLK's programmes are listed
    programme = _enrolment(jember).batch.programme
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}?blk={jember.blk.code}", {
            "programme": programme.pk, "competencies": "Servis injeksi", "people": "10",
            "wanted_by": f"{NEXT_YEAR}-04", "location": "Jember",
        })  # fmt: skip
    order = TrainingOrder.objects.get()
    assert response.status_code == 302 and order.code in response["Location"]
    assert (order.organisation, order.company, order.programme) == (
        jember.blk, jember.company, programme)  # fmt: skip
    assert order.people == 10 and order.wanted_by == dt.date(NEXT_YEAR, 4, 1)
    assert order.state == TrainingOrder.State.SUBMITTED
    assert order.province_code == "35"
    assert AuditEvent.objects.filter(action="training_order.submitted").count() == 1
    assert Notification.objects.filter(user=jember.blk_admin).count() == 1
    assert [m.to for m in mail.outbox] == [[jember.blk_admin.email]]
    listing = client.get(reverse("training:company_orders", args=[jember.company.code]))
    assert jember.blk.name in listing.content.decode()


def test_an_unvetted_company_cannot_order(login: Any, jember: Tenant) -> None:
    client = login(jember.recruiter)
    listing = client.get(reverse("training:company_orders", args=[jember.company.code]))
    assert "sudah diverifikasi BKK" in listing.content.decode()
    assert client.get(reverse("training:order_new", args=[jember.company.code])).status_code == 404


def test_an_order_for_a_past_month_is_refused(login: Any, jember: Tenant) -> None:
    _enrolment(jember)
    vet(jember)
    url = reverse("training:order_new", args=[jember.company.code]) + f"?blk={jember.blk.code}"
    response = login(jember.recruiter).post(url, {
        "competencies": "Las", "people": "3", "wanted_by": "2020-01"})  # fmt: skip
    assert response.status_code == 422 and not TrainingOrder.objects.exists()


def test_a_company_sees_only_its_own_orders(login: Any, jember: Tenant) -> None:
    order = _order(jember)
    other = Organisation.objects.create(kind=Organisation.Kind.COMPANY, name="PT Lain",
                                        region_id=jember.region)  # fmt: skip
    recruiter = User.objects.create_user(email="lain@example.id", name="Lain", password="x-12345")
    Membership.objects.create(user=recruiter, organisation=other, role=Role.RECRUITER)
    client = login(recruiter)
    for name in ("training:company_order", "training:order_graduates"):
        foreign = client.get(reverse(name, args=[other.code, order.code]))
        missing = client.get(reverse(name, args=[other.code, "tdkada2345"]))
        assert foreign.status_code == missing.status_code == 404
    listing = client.get(reverse("training:company_orders", args=[other.code])).content.decode()
    assert jember.blk.name not in listing


def test_a_blk_sees_only_the_orders_made_to_it(login: Any, jember: Tenant, bandung: Tenant) -> None:
    order = _order(jember)
    client = login(bandung.blk_admin)
    assert client.get(reverse("training:blk_order", args=[bandung.blk.code, order.code])
                      ).status_code == 404  # fmt: skip
    listing = client.get(reverse("training:blk_orders", args=[bandung.blk.code])).content.decode()
    assert jember.company.name not in listing
    own = login(jember.blk_admin).get(reverse("training:blk_orders", args=[jember.blk.code]))
    assert jember.company.name in own.content.decode()


def test_the_company_cancels_only_while_the_order_waits(login: Any, jember: Tenant) -> None:
    order = _ordered(jember)
    client = login(jember.recruiter)
    url = reverse("training:order_cancel", args=[jember.company.code, order.code])
    page = client.post(url).content.decode()
    assert 'name="confirm" value="1"' in page and "tidak bisa diaktifkan kembali" in page
    order.refresh_from_db()
    assert order.state == TrainingOrder.State.SUBMITTED
    client.post(url, {"confirm": "1"})
    order.refresh_from_db()
    assert order.state == TrainingOrder.State.CANCELLED and order.cancelled_at is not None
    accepted = _order(jember)
    assert client.post(reverse("training:order_cancel", args=[jember.company.code, accepted.code]),
                       {"confirm": "1"}).status_code == 404  # fmt: skip


def test_declining_needs_a_reason_and_tells_the_company(
    login: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    order = _ordered(jember)
    client = login(jember.blk_admin)
    url = reverse("training:order_decide", args=[jember.blk.code, order.code])
    client.post(url, {"accept": "0", "reason": "", "confirm": "1"})
    order.refresh_from_db()
    assert order.state == TrainingOrder.State.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"accept": "0", "reason": "Kuota APBD tahun ini habis", "confirm": "1"})
    order.refresh_from_db()
    assert order.state == TrainingOrder.State.DECLINED and order.decided_at is not None
    assert order.decline_reason == "Kuota APBD tahun ini habis"
    told = Notification.objects.get(user=jember.recruiter)
    assert "menolak" in told.text
    page = login(jember.recruiter).get(told.url).content.decode()
    assert "Kuota APBD tahun ini habis" in page


def test_the_blk_accepts_and_opens_a_batch_prefilled_from_the_order(
    login: Any, jember: Tenant
) -> None:
    order = _ordered(jember)
    programme = _enrolment(jember).batch.programme
    TrainingOrder.objects.filter(pk=order.pk).update(programme=programme)
    client = login(jember.blk_admin)
    client.post(reverse("training:order_decide", args=[jember.blk.code, order.code]),
                {"accept": "1"})  # fmt: skip
    order.refresh_from_db()
    assert order.state == TrainingOrder.State.ACCEPTED
    url = reverse("training:order_batch_new", args=[jember.blk.code, order.code])
    form = client.get(url).context["form"]
    assert form["quota"].value() == 8 and form["programme"].value() == programme.pk
    client.post(url, {"programme": programme.pk, "start_date": f"{NEXT_YEAR}-01-05",
                      "end_date": f"{NEXT_YEAR}-02-27", "funding": "APBD", "quota": "8",
                      "mode": "institutional"})  # fmt: skip
    order.refresh_from_db()
    assert order.state == TrainingOrder.State.SCHEDULED and order.scheduled_at is not None
    batch = order.batches.get()
    assert batch.quota == 8 and batch.funding == "APBD"
    actions = set(
        AuditEvent.objects.filter(object_code=order.code).values_list("action", flat=True)
    )
    assert {"training_order.accepted", "training_order.batch_linked"} <= actions


def test_linking_an_existing_batch_schedules_the_order(login: Any, jember: Tenant) -> None:
    order = _ordered(jember)
    orders.order_decide(order=order, actor=jember.blk_admin, accept=True)
    client = login(jember.blk_admin)
    batch = _enrolment(jember).batch
    client.post(reverse("training:order_link", args=[jember.blk.code, order.code]),
                {"batch": batch.code})  # fmt: skip
    order.refresh_from_db()
    assert order.state == TrainingOrder.State.SCHEDULED
    assert list(order.batches.all()) == [batch]


def test_the_notice_waits_for_every_result_then_goes_once_with_the_right_counts(
    login: Any, jember: Tenant, django_capture_on_commit_callbacks: Any
) -> None:
    order = _order(jember)  # scheduled in a batch that ended 27 Feb 2026
    batch = _enrolment(jember).batch
    link = OrderBatch.objects.get(order=order, batch=batch)
    _graduates(jember, batch)
    Enrolment.objects.filter(batch=batch, alumnus__name__startswith="Citra").update(graduated=None)
    client = login(jember.blk_admin)
    url = reverse("training:order_notify", args=[jember.blk.code, order.code, batch.code])
    client.post(url, {"confirm": "1"})
    link.refresh_from_db()
    assert link.notified_at is None  # one graduation not recorded yet: no partial count
    assert (
        not Notification.objects.filter(user=jember.recruiter)
        .exclude(text__contains="menerima")
        .exclude(text__contains="menjadwalkan")
        .exists()
    )
    Enrolment.objects.filter(batch=batch, alumnus__name__startswith="Citra").update(
        graduated=False)  # fmt: skip
    asked = client.post(url).content.decode()
    assert 'name="confirm" value="1"' in asked and "4 peserta" in asked
    link.refresh_from_db()
    assert link.notified_at is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirm": "1"})
    link.refresh_from_db()
    assert link.notified_at is not None and (link.graduates, link.competent) == (4, 2)
    notice = Notification.objects.get(user=jember.recruiter, text__contains="lulus")
    assert "4 peserta" in notice.text and "2 dinyatakan kompeten" in notice.text
    assert notice.url == reverse("training:order_graduates", args=[jember.company.code,
                                                                   order.code])  # fmt: skip
    assert len(mail.outbox) == 1 and "4 peserta" in mail.outbox[0].body
    order.refresh_from_db()
    assert order.state == TrainingOrder.State.DONE and order.done_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirm": "1"})
    with pytest.raises(orders.Refused):
        orders.order_notify_graduates(link=link, actor=jember.blk_admin)
    assert Notification.objects.filter(user=jember.recruiter, text__contains="lulus").count() == 1
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action="training_order.graduates_notified").count() == 1


def test_no_notice_before_the_batch_ends(jember: Tenant) -> None:
    order = _order(jember)
    link = OrderBatch.objects.get(order=order)
    Enrolment.objects.filter(batch=link.batch).update(graduated=True)
    assert orders.notice_blocker(link, today=dt.date(2026, 2, 1)) == "Gelombang belum selesai."
    assert orders.notice_blocker(link, today=dt.date(2026, 3, 1)) == ""


def test_the_graduate_list_shows_only_who_agreed_to_be_found_as_they_share(
    login: Any, jember: Tenant
) -> None:
    order = _order(jember)
    batch = _enrolment(jember).batch
    people = _graduates(jember, batch)
    ani, bayu, citra = (people[n].alumnus for n in ("Ani", "Bayu", "Citra"))
    dedi = people["Dedi"].alumnus
    for person in (ani, bayu, citra, dedi):
        PoolOptIn.objects.create(alumnus=person, organisation=jember.blk)
    Profile.objects.create(alumnus=bayu, organisation=jember.blk, share_contact=True,
                           share_certificates=False)  # fmt: skip
    Alumnus.objects.filter(pk=dedi.pk).update(consent=Consent.WITHDRAWN)
    # The SMK alumnus is the BLK trainee too, and opted in on the SMK record.
    Alumnus.objects.filter(pk__in=[jember.alumnus.pk, jember.blk_alumnus.pk]).update(
        person_key="orang-sama")  # fmt: skip
    PoolOptIn.objects.create(alumnus=jember.alumnus, organisation=jember.school)
    client = login(jember.recruiter)
    url = reverse("training:order_graduates", args=[jember.company.code, order.code])
    assert client.get(url).context["graduates"] == []  # nothing before the notice
    orders.order_notify_graduates(link=OrderBatch.objects.get(order=order),
                                  actor=jember.blk_admin)  # fmt: skip
    page = client.get(url)
    names = [g.profile.name for g in page.context["graduates"]]
    assert sorted(names) == sorted([ani.name, bayu.name, jember.alumnus.name])
    text = page.content.decode()
    assert citra.name not in text  # not lulus
    assert dedi.name not in text  # withdrew consent
    assert ani.phone not in text  # Ani does not share her contact
    assert bayu.phone in text  # Bayu does
    shown = {g.profile.name: g for g in page.context["graduates"]}
    assert shown[ani.name].competent is True and shown[bayu.name].competent is None
    assert AuditEvent.objects.filter(action="training_order.graduates_viewed").exists()


def test_the_province_sees_orders_per_blk(login: Any, jember: Tenant, bandung: Tenant) -> None:
    _order(jember)
    _ordered(jember)
    _order(bandung)
    page = login(jember.analyst).get(reverse("training:office_blks", args=[jember.office.code]))
    row = next(r for r in page.context["rows"] if r["blk"] == jember.blk)
    assert (row["orders"]["orders"], row["orders"]["people"]) == (2, 20)
    assert [(s["state"], s["orders"]) for s in row["orders"]["states"]] == [
        ("diajukan", 1), ("dijadwalkan", 1)]  # fmt: skip
    assert "1 diajukan · 1 dijadwalkan" in page.content.decode()


def test_the_blk_note_is_audited_and_shown_to_the_company(login: Any, jember: Tenant) -> None:
    order = _ordered(jember)
    client = login(jember.blk_admin)
    client.post(reverse("training:order_notes", args=[jember.blk.code, order.code]),
                {"blk_notes": "Seleksi peserta 3 Maret"})  # fmt: skip
    order.refresh_from_db()
    assert order.blk_notes == "Seleksi peserta 3 Maret"
    assert AuditEvent.objects.filter(action="training_order.notes_updated").count() == 1
    page = login(jember.recruiter).get(
        reverse("training:company_order", args=[jember.company.code, order.code])
    )
    assert "Seleksi peserta 3 Maret" in page.content.decode()


def test_link_and_match_counts_open_orders_per_programme(login: Any, jember: Tenant) -> None:
    from jejak.training.selectors import link_and_match

    programme = _enrolment(jember).batch.programme
    for people in (8, 4):
        order = _ordered(jember)
        TrainingOrder.objects.filter(pk=order.pk).update(programme=programme, people=people)
    cancelled = _ordered(jember)
    TrainingOrder.objects.filter(pk=cancelled.pk).update(programme=programme)
    orders.order_cancel(order=cancelled, actor=jember.recruiter)
    row = link_and_match(jember.blk, dt.date(2026, 12, 31))[0]
    assert row["orders"] == {"orders": 2, "people": 12}
