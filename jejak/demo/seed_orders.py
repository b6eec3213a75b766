"""Demo company orders to the BLKs (issue 13 item 6): one finished, its graduates announced
to the company (some of them in the talent pool), one scheduled in a running batch, and one
waiting for the BLK's answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jejak.accounts.models import Membership, Role
from jejak.matching.models import PoolOptIn
from jejak.organisations.models import Organisation
from jejak.profiles.models import Profile
from jejak.reference.models import Occupation
from jejak.training import orders
from jejak.training.models import Batch, Enrolment, OrderBatch, Programme, TrainingOrder


def _user(organisation: Organisation, role: str) -> Any:
    found = Membership.objects.filter(organisation=organisation, role=role).first()
    return found.user if found else None


def seed_orders(*, companies: list[Organisation]) -> None:
    """Orders from the demo companies (the first has the recruiter login) to both BLKs."""
    today = timezone.localdate()
    jember = Organisation.objects.get(institution_code="UPTBLK-JBR")
    banyuwangi = Organisation.objects.get(institution_code="UPTBLK-BWI")
    recruiter, admin = _user(companies[0], Role.RECRUITER), _user(jember, Role.BLK_ADMIN)
    motor = Programme.objects.get(organisation=jember, own_code="OTO-01")
    finished = Batch.objects.filter(programme=motor, state=Batch.State.DONE).first()
    assert finished is not None
    done = orders.order_submit(
        company=companies[0], blk=jember, actor=recruiter, programme=motor,
        occupation=Occupation.objects.filter(code="7231").first(), people=12,
        competencies="Servis sepeda motor injeksi, kelistrikan dan diagnosis dengan scanner.",
        wanted_by=finished.end_date + dt.timedelta(days=40), location="Bengkel Jember Kota",
    )  # fmt: skip
    orders.order_decide(order=done, actor=admin, accept=True)
    orders.order_link_batch(order=done, batch=finished, actor=admin)
    orders.order_notes_save(
        order=done, actor=admin, notes="Seleksi bersama HR PT Sinar Jaya pada minggu pertama."
    )
    graduates = Enrolment.objects.filter(batch=finished, graduated=True).select_related("alumnus")
    for number, enrolment in enumerate(graduates[:5]):
        PoolOptIn.objects.get_or_create(alumnus=enrolment.alumnus,
                                        defaults={"organisation": jember})  # fmt: skip
        Profile.objects.get_or_create(
            alumnus=enrolment.alumnus, organisation=jember,
            defaults={"share_contact": number % 2 == 0, "sharing_consent_at": timezone.now(),
                      "skills": ["Servis injeksi", "Kelistrikan sepeda motor"]},
        )  # fmt: skip
    orders.order_notify_graduates(link=OrderBatch.objects.get(order=done), actor=admin,
                                  today=today)  # fmt: skip
    _backdate(done, finished.start_date)

    design = Programme.objects.get(organisation=jember, own_code="TIK-02")
    running = Batch.objects.filter(programme=design, state=Batch.State.RUNNING).first()
    assert running is not None
    scheduled = orders.order_submit(
        company=companies[0], blk=jember, actor=recruiter, programme=design, people=6,
        competencies="Desain kemasan dan materi promosi digital.",
        wanted_by=running.end_date + dt.timedelta(days=30),
    )  # fmt: skip
    orders.order_decide(order=scheduled, actor=admin, accept=True)
    orders.order_link_batch(order=scheduled, batch=running, actor=admin)
    _backdate(scheduled, running.start_date)

    orders.order_submit(
        company=companies[1], blk=banyuwangi, actor=None,
        programme=Programme.objects.get(organisation=banyuwangi, own_code="LAS-01"), people=10,
        competencies="Pengelasan SMAW posisi 3G untuk rangka mesin pengolah kopi.",
        wanted_by=(today + dt.timedelta(days=150)).replace(day=1), location="Kabupaten Bondowoso",
    )  # fmt: skip


def _backdate(order: TrainingOrder, start: dt.date) -> None:
    """The order was made and answered before its batch started, as it would have been."""
    at = timezone.make_aware(dt.datetime.combine(start, dt.time(9)))
    TrainingOrder.objects.filter(pk=order.pk).update(
        submitted_at=at - dt.timedelta(days=30), decided_at=at - dt.timedelta(days=27),
        scheduled_at=at - dt.timedelta(days=20),
    )  # fmt: skip
    OrderBatch.objects.filter(order=order).update(linked_at=at - dt.timedelta(days=20))
