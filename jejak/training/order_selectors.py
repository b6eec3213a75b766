"""Reads for company training orders: the company's and the BLK's access helpers and lists,
the graduates a company may see, and the orders per BLK for the province's planning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from jejak.alumni.models import Alumnus
from jejak.matching.selectors import NEVER
from jejak.organisations.models import Organisation
from jejak.profiles.selectors import SharedProfile, shared_profile
from jejak.training.models import Batch, Enrolment, OrderBatch, Programme, TrainingOrder

State = TrainingOrder.State
_RELATED = ("organisation__region", "company__region", "programme", "occupation", "submitted_by")


def get_order_for_company(company: Organisation, code: str) -> TrainingOrder:
    """The company's own order `code`; 404 for missing and another company's alike."""
    found = TrainingOrder.objects.filter(company=company, code=code).select_related(*_RELATED)
    order = found.first()
    if order is None:
        raise Http404
    return order


def get_order_for_blk(blk: Organisation, code: str) -> TrainingOrder:
    """An order made to this BLK; 404 for missing and another BLK's alike."""
    order = (
        TrainingOrder.objects.filter(organisation=blk, code=code).select_related(*_RELATED).first()
    )
    if order is None:
        raise Http404
    return order


def get_order_link(order: TrainingOrder, batch_code: str) -> OrderBatch:
    link = order.links.filter(batch__code=batch_code).select_related("batch__programme").first()
    if link is None:
        raise Http404
    return link


def company_orders(company: Organisation) -> QuerySet[TrainingOrder]:
    return TrainingOrder.objects.filter(company=company).select_related(*_RELATED)


def blk_orders(blk: Organisation, state: str = "") -> QuerySet[TrainingOrder]:
    found = TrainingOrder.objects.filter(organisation=blk).select_related(*_RELATED)
    return found.filter(state=state) if state else found


def state_counts(blk: Organisation) -> list[dict[str, Any]]:
    """Each state with its number of orders and people asked, in the order of the flow."""
    rows = dict(
        (state, (n, people))
        for state, n, people in TrainingOrder.objects.filter(organisation=blk)
        .values_list("state")
        .annotate(n=Count("id"), people=Sum("people"))
        .values_list("state", "n", "people")
    )
    return [{"state": value, "label": label, "orders": rows.get(value, (0, 0))[0],
             "people": rows.get(value, (0, 0))[1] or 0}
            for value, label in State.choices]  # fmt: skip


def order_blks(company: Organisation) -> list[tuple[str, list[tuple[str, str]]]]:
    """The BLKs a company may order from, those of its own province first: grouped choices
    (group label, [(code, "name · regency")])."""
    blks = Organisation.objects.filter(kind=Organisation.Kind.TRAINING_CENTRE).select_related(
        "region"
    )
    own: list[tuple[str, str]] = []
    other: list[tuple[str, str]] = []
    for blk in blks.order_by("name"):
        choice = (blk.code, f"{blk.name} · {blk.region.name}")
        (own if blk.province_code == company.province_code else other).append(choice)
    return [(group, choices) for group, choices in
            ((_("Provinsi Anda"), own), (_("Provinsi lain"), other)) if choices]  # fmt: skip


def open_programmes(blk: Organisation) -> list[Programme]:
    """The BLK's active programmes, each with `open_batches` (open for sign-up or planned)."""
    programmes = list(
        Programme.objects.filter(organisation=blk, active=True).prefetch_related("occupations")
    )
    upcoming = Batch.objects.filter(
        organisation=blk, state__in=[Batch.State.OPEN, Batch.State.PLANNED]
    ).order_by("start_date")
    by_programme: dict[int, list[Batch]] = {}
    for batch in upcoming:
        by_programme.setdefault(batch.programme_id, []).append(batch)
    for programme in programmes:
        programme.open_batches = by_programme.get(programme.pk, [])  # type: ignore[attr-defined]
    return programmes


def linkable_batches(order: TrainingOrder) -> list[Batch]:
    """The BLK's batches not linked to the order yet: the ordered programme's first, then the
    newest."""
    found = (
        Batch.objects.filter(organisation=order.organisation)
        .exclude(order_links__order=order)
        .select_related("programme")
        .order_by("-start_date")[:100]
    )
    return sorted(found, key=lambda b: b.programme_id != order.programme_id)


def order_links(order: TrainingOrder) -> list[OrderBatch]:
    return list(order.links.select_related("batch__programme").order_by("batch__start_date"))


# --- The graduates a company may see ---------------------------------------------------------


@dataclass(frozen=True)
class Graduate:
    batch: str
    profile: SharedProfile
    competent: bool | None  # shown only when the person shares certificates
    certificate_scheme: str


def graduates_for_company(order: TrainingOrder) -> list[Graduate]:
    """Graduates of the order's announced batches who agreed to be found: an opt-in to the
    talent pool on their BLK record or on another record of the same person, and consent not
    refused or withdrawn. Each shows only what the person shares (`shared_profile`): contact
    only with `share_contact`, the competency result only with `share_certificates`."""
    enrolments = list(
        Enrolment.objects.filter(
            batch__order_links__order=order, batch__order_links__notified_at__isnull=False,
            status=Enrolment.Status.ENROLLED, graduated=True,
        )
        .exclude(alumnus__consent__in=NEVER)
        .select_related("alumnus", "batch")
        .order_by("alumnus__name")
    )  # fmt: skip
    if not enrolments:
        return []
    ids = {e.alumnus_id for e in enrolments}
    keys = {e.alumnus.person_key for e in enrolments if e.alumnus.person_key}
    opted = list(
        Alumnus.objects.filter(Q(pk__in=ids) | Q(person_key__in=keys), pool_opt_in__isnull=False)
        .exclude(consent__in=NEVER)
        .select_related("organisation", "major", "school_class", "region")
    )
    by_pk = {a.pk: a for a in opted}
    by_key = {a.person_key: a for a in opted if a.person_key}
    found = []
    for enrolment in enrolments:
        person = by_pk.get(enrolment.alumnus_id) or by_key.get(enrolment.alumnus.person_key or "-")
        if person is None:
            continue
        profile = shared_profile(person)
        certificates = profile.sharing.get("share_certificates", False)
        found.append(Graduate(
            batch=enrolment.batch.own_code, profile=profile,
            competent=enrolment.competent if certificates else None,
            certificate_scheme=enrolment.certification_scheme if certificates else "",
        ))  # fmt: skip
    return found


# --- The province's planning view -----------------------------------------------------------


def orders_per_blk(blks: list[Organisation]) -> dict[int, dict[str, Any]]:
    """BLK pk -> its orders (cancelled ones left out): count, people asked, and per state."""
    rows = (
        TrainingOrder.objects.filter(organisation__in=blks)
        .exclude(state=State.CANCELLED)
        .values_list("organisation", "state")
        .annotate(n=Count("id"), people=Sum("people"))
        .values_list("organisation", "state", "n", "people")
    )
    labels = dict(State.choices)
    found: dict[int, dict[str, Any]] = {}
    for blk_id, state, n, people in rows:
        entry = found.setdefault(blk_id, {"orders": 0, "people": 0, "states": []})
        entry["orders"] += n
        entry["people"] += people or 0
        entry["states"].append({"state": state, "label": labels[state], "orders": n})
    order = [value for value, _ in State.choices]
    for entry in found.values():
        entry["states"].sort(key=lambda s: order.index(s["state"]))
    return found


# Orders still to be served: asked for, accepted or scheduled.
OPEN_STATES = (State.SUBMITTED, State.ACCEPTED, State.SCHEDULED)


def open_orders_per_programme(blk: Organisation) -> dict[int, dict[str, int]]:
    """Programme pk -> the BLK's open orders naming it: how many, and people asked for."""
    rows = (
        TrainingOrder.objects.filter(organisation=blk, state__in=OPEN_STATES)
        .exclude(programme=None)
        .values_list("programme")
        .annotate(n=Count("id"), people=Sum("people"))
        .values_list("programme", "n", "people")
    )
    return {programme: {"orders": n, "people": people or 0} for programme, n, people in rows}
