"""Company orders for a training batch ("pesanan", issue 13 item 6) and the notice at
graduation. Each function is one atomic change that writes its audit event; messages and
mail go out only after the commit.

The notice is an explicit step the BLK takes (`order_notify_graduates`), not a side effect
of recording a result: results come in one trainee at a time, so an automatic notice would
either fire on the first "lulus" with a wrong count or need a guess at when the last one
came in. The BLK may send it once the batch has ended and every trainee's graduation is
recorded (`notice_blocker` says what is missing), and only once per batch.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.accounts.models import Membership, Role
from jejak.audit.services import log_action
from jejak.jobs.models import Notification
from jejak.organisations.models import Organisation
from jejak.reference.models import Occupation
from jejak.training import services
from jejak.training.models import Batch, Enrolment, OrderBatch, Programme, TrainingOrder

State = TrainingOrder.State


class Refused(Exception):
    """The order is not in a state that allows the change; the message says why."""


def _require(order: TrainingOrder, *states: str) -> None:
    if order.state not in states:
        raise Refused(_("Pesanan berstatus %(state)s; perubahan ini tidak bisa dilakukan.")
                      % {"state": order.get_state_display()})  # fmt: skip


def _audit(order: TrainingOrder, actor: Any, action: str, **changes: Any) -> None:
    log_action(actor=actor, action=f"training_order.{action}", obj=order,
               organisation=order.organisation, changes=changes or None)  # fmt: skip


@transaction.atomic
def order_submit(
    *, company: Organisation, blk: Organisation, actor: Any, people: int, competencies: str,
    wanted_by: dt.date, programme: Programme | None = None,
    occupation: Occupation | None = None, location: str = "", notes: str = "",
) -> TrainingOrder:  # fmt: skip
    """A company asks a BLK for a batch. `programme`, when given, must be the BLK's."""
    if blk.kind != Organisation.Kind.TRAINING_CENTRE or company.kind != Organisation.Kind.COMPANY:
        raise ValueError("an order goes from a company to a BLK")
    if programme is not None and programme.organisation_id != blk.pk:
        raise ValueError("the programme is not the BLK's")
    order = TrainingOrder.objects.create(
        organisation=blk, company=company, programme=programme, occupation=occupation,
        people=people, competencies=competencies, wanted_by=wanted_by.replace(day=1),
        location=location, notes=notes, submitted_by=actor,
    )  # fmt: skip
    _audit(order, actor, "submitted", company=company.name, people=people,
           programme=programme.own_code if programme else "",
           wanted_by=f"{order.wanted_by:%Y-%m}")  # fmt: skip
    text = _("%(company)s memesan pelatihan untuk %(people)s orang") % {
        "company": company.name, "people": people}  # fmt: skip
    _tell(blk, (Role.BLK_ADMIN,), text, reverse("training:blk_order", args=[blk.code, order.code]))
    return order


@transaction.atomic
def order_cancel(*, order: TrainingOrder, actor: Any) -> TrainingOrder:
    """The company withdraws its order while the BLK has not answered yet."""
    _require(order, State.SUBMITTED)
    order.state, order.cancelled_at = State.CANCELLED, timezone.now()
    order.save(update_fields=["state", "cancelled_at"])
    _audit(order, actor, "cancelled", state=[State.SUBMITTED, State.CANCELLED])
    return order


@transaction.atomic
def order_decide(
    *, order: TrainingOrder, actor: Any, accept: bool, reason: str = ""
) -> TrainingOrder:
    """The BLK accepts the order or declines it with a reason (final)."""
    _require(order, State.SUBMITTED)
    if not accept and not reason.strip():
        raise Refused(_("Tuliskan alasan penolakan."))
    new = State.ACCEPTED if accept else State.DECLINED
    order.state, order.decided_at, order.decided_by = new, timezone.now(), actor
    order.decline_reason = "" if accept else reason.strip()
    order.save(update_fields=["state", "decided_at", "decided_by", "decline_reason"])
    _audit(order, actor, "accepted" if accept else "declined",
           state=[State.SUBMITTED, new], reason=order.decline_reason)  # fmt: skip
    if accept:
        text = _("%(blk)s menerima pesanan pelatihan Anda (%(people)s orang).")
    else:
        text = _("%(blk)s menolak pesanan pelatihan Anda (%(people)s orang).")
    _tell_company(order, text % {"blk": order.organisation.name, "people": order.people})
    return order


@transaction.atomic
def order_notes_save(*, order: TrainingOrder, actor: Any, notes: str) -> bool:
    """The BLK's note to the company (schedule, selection, what it needs). True if changed."""
    if notes == order.blk_notes:
        return False
    _audit(order, actor, "notes_updated", blk_notes=[order.blk_notes, notes])
    order.blk_notes = notes
    order.save(update_fields=["blk_notes"])
    return True


@transaction.atomic
def order_link_batch(*, order: TrainingOrder, batch: Batch, actor: Any) -> OrderBatch:
    """Run the order in one of the BLK's batches (an order may need more than one)."""
    _require(order, State.ACCEPTED, State.SCHEDULED)
    if batch.organisation_id != order.organisation_id:
        raise ValueError("the batch is not the BLK's")
    link, created = OrderBatch.objects.get_or_create(
        order=order, batch=batch,
        defaults={"organisation": order.organisation, "linked_by": actor},
    )  # fmt: skip
    if not created:
        return link
    old = order.state
    if old == State.ACCEPTED:
        order.state, order.scheduled_at = State.SCHEDULED, timezone.now()
        order.save(update_fields=["state", "scheduled_at"])
    _audit(order, actor, "batch_linked", batch=batch.own_code, state=[old, order.state])
    _tell_company(order, _("%(blk)s menjadwalkan pesanan Anda di gelombang %(batch)s "
                           "(%(start)s – %(end)s).") % {
        "blk": order.organisation.name, "batch": batch.own_code,
        "start": f"{batch.start_date:%d-%m-%Y}", "end": f"{batch.end_date:%d-%m-%Y}"})  # fmt: skip
    return link


@transaction.atomic
def order_batch_open(
    *, order: TrainingOrder, programme: Programme, start_date: dt.date, end_date: dt.date,
    actor: Any, own_code: str = "", funding: str = Batch.Funding.APBN,
    data: dict[str, Any] | None = None,
) -> Batch:  # fmt: skip
    """Open a new batch for the order and link it, in one step."""
    _require(order, State.ACCEPTED, State.SCHEDULED)
    batch = services.batch_open(
        programme=programme, start_date=start_date, end_date=end_date, actor=actor,
        own_code=own_code, funding=funding, data=data,
    )  # fmt: skip
    order_link_batch(order=order, batch=batch, actor=actor)
    return batch


# --- The notice at graduation ------------------------------------------------------------


def batch_results(batch: Batch) -> dict[str, int]:
    """The batch's trainees, graduates, those certified competent, and trainees whose
    graduation is not recorded yet."""
    rows = list(
        Enrolment.objects.filter(batch=batch, status=Enrolment.Status.ENROLLED).values_list(
            "graduated", "competent"
        )
    )
    return {
        "trainees": len(rows),
        "graduates": sum(1 for graduated, _ in rows if graduated),
        "competent": sum(1 for graduated, competent in rows if graduated and competent),
        "pending": sum(1 for graduated, _ in rows if graduated is None),
    }


def notice_blocker(
    link: OrderBatch, today: dt.date | None = None, counts: dict[str, int] | None = None
) -> str:
    """Why the notice for this batch cannot go yet ("" when it can). `counts` are the batch's
    `batch_results` when the caller has them already."""
    if link.notified_at is not None:
        return _("Pemesan sudah diberi tahu.")
    if link.batch.end_date > (today or timezone.localdate()):
        return _("Gelombang belum selesai.")
    counts = counts or batch_results(link.batch)
    if not counts["trainees"]:
        return _("Gelombang belum punya peserta.")
    if counts["pending"]:
        return _("Kelulusan %(n)s peserta belum dicatat.") % {"n": counts["pending"]}
    return ""


@transaction.atomic
def order_notify_graduates(
    *, link: OrderBatch, actor: Any, today: dt.date | None = None
) -> OrderBatch:
    """Tell the ordering company how many of the batch graduated and how many were certified
    competent, with a link to the graduates who agreed to be found. Once per batch: the row
    is locked and a second call refuses. The order is done when every batch is announced."""
    link = OrderBatch.objects.select_for_update().select_related("batch", "order").get(pk=link.pk)
    blocker = notice_blocker(link, today)
    if blocker:
        raise Refused(blocker)
    order = TrainingOrder.objects.select_for_update().get(pk=link.order_id)
    counts = batch_results(link.batch)
    link.notified_at, link.notified_by = timezone.now(), actor
    link.graduates, link.competent = counts["graduates"], counts["competent"]
    link.save(update_fields=["notified_at", "notified_by", "graduates", "competent"])
    _audit(order, actor, "graduates_notified", batch=link.batch.own_code,
           graduates=link.graduates, competent=link.competent)  # fmt: skip
    text = _("%(blk)s: %(graduates)s peserta gelombang %(batch)s lulus, %(competent)s "
             "dinyatakan kompeten.") % {
        "blk": order.organisation.name, "graduates": link.graduates,
        "batch": link.batch.own_code, "competent": link.competent}  # fmt: skip
    path = reverse("training:order_graduates", args=[order.company.code, order.code])
    _tell_company(order, text, path)
    if not order.links.filter(notified_at=None).exists() and order.state == State.SCHEDULED:
        order.state, order.done_at = State.DONE, timezone.now()
        order.save(update_fields=["state", "done_at"])
        _audit(order, actor, "completed", state=[State.SCHEDULED, State.DONE])
    return link


# --- Telling people -----------------------------------------------------------------------


def _tell_company(order: TrainingOrder, text: str, path: str = "") -> None:
    company = order.company
    path = path or reverse("training:company_order", args=[company.code, order.code])
    _tell(company, (Role.RECRUITER,), text, path)


def _tell(organisation: Organisation, roles: tuple[str, ...], text: str, path: str) -> None:
    """An in-app message for each member holding `roles`, and one mail each after the commit
    (a rolled-back change tells nobody; no one sees another's address)."""
    members = Membership.objects.filter(organisation=organisation, role__in=roles)
    users = {m.user_id: m.user for m in members.select_related("user")}
    Notification.objects.bulk_create(
        Notification(user=user, province_code=organisation.province_code, text=text[:300],
                     url=path)
        for user in users.values()
    )  # fmt: skip
    addresses = sorted({user.email for user in users.values() if user.email})
    if not addresses:
        return
    subject = _("Pesanan pelatihan: %(text)s") % {"text": text[:80]}
    body = f"{text}\n\n{settings.SITE_URL}{path}\n"
    transaction.on_commit(
        lambda: [send_mail(subject, body, None, [a], fail_silently=True) for a in addresses]
    )
