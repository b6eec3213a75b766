"""Company training orders ("pesanan") on the web: the company orders from a BLK and follows
its orders (vetted companies only), the BLK answers, schedules them in batches and tells the
company when trainees graduate; the company then sees the graduates who agreed to be found."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts.access import Access, organisation_view
from jejak.audit.services import log_view
from jejak.confirm import ask, confirmed
from jejak.matching.pool import company_provinces
from jejak.organisations.models import Organisation
from jejak.training import order_selectors as selectors
from jejak.training import orders
from jejak.training.forms import DeclineForm, OrderBatchForm, OrderForm, OrderNotesForm
from jejak.training.models import TrainingOrder


def _context(access: Access, **extra: Any) -> dict[str, Any]:
    return {"access": access, "org": access.organisation, **extra}


def _company(access: Access) -> Organisation:
    if access.organisation.kind != Organisation.Kind.COMPANY:
        raise Http404
    return access.organisation


def _blk(access: Access) -> Organisation:
    if access.organisation.kind != Organisation.Kind.TRAINING_CENTRE:
        raise Http404
    return access.organisation


# --- The company's side ---------------------------------------------------------------------


@organisation_view("training_orders.place")
def company_orders(request: HttpRequest, access: Access) -> HttpResponse:
    company = _company(access)
    return render(request, "training/orders_company.html", _context(
        access, orders=selectors.company_orders(company),
        vetted=bool(company_provinces(company)),
    ))  # fmt: skip


@organisation_view("training_orders.place")
def order_new(request: HttpRequest, access: Access) -> HttpResponse:
    """Choose a BLK (GET ?blk=), then the order form with that BLK's open programmes."""
    company = _company(access)
    if not company_provinces(company):
        raise Http404  # only a company a BKK vetted (and nobody flagged) may order
    choices = selectors.order_blks(company)
    blk = Organisation.objects.filter(
        kind=Organisation.Kind.TRAINING_CENTRE, code=request.GET.get("blk", "")
    ).first()
    context = _context(access, choices=choices, blk=blk)
    if blk is None:
        return render(request, "training/order_new.html", context)
    form = OrderForm(request.POST or None, blk=blk)
    if request.method == "POST" and form.is_valid():
        order = orders.order_submit(company=company, blk=blk, actor=request.user,
                                    **form.cleaned_data)  # fmt: skip
        messages.success(request, _("Pesanan dikirim ke %(blk)s.") % {"blk": blk.name})
        return redirect("training:company_order", org=company.code, order=order.code)
    context |= {"form": form, "programmes": selectors.open_programmes(blk)}
    return render(request, "training/order_new.html", context, status=422 if form.errors else 200)


@organisation_view("training_orders.place")
def company_order(request: HttpRequest, access: Access, order: str) -> HttpResponse:
    found = selectors.get_order_for_company(_company(access), order)
    links = selectors.order_links(found)
    return render(request, "training/order_company.html", _context(
        access, order=found, links=links, announced=any(link.notified_at for link in links),
    ))  # fmt: skip


@organisation_view("training_orders.place")
@require_POST
def order_cancel(request: HttpRequest, access: Access, order: str) -> HttpResponse:
    company = _company(access)
    found = selectors.get_order_for_company(company, order)
    back = reverse("training:company_order", args=[company.code, found.code])
    if found.state != TrainingOrder.State.SUBMITTED:
        raise Http404
    if not confirmed(request):
        return ask(
            request, access=access, title=_("Batalkan pesanan ke %(blk)s?")
            % {"blk": found.organisation.name},
            consequence=_("BLK tidak akan menanggapi pesanan ini lagi. Pesanan yang dibatalkan "
                          "tidak bisa diaktifkan kembali; buat pesanan baru bila perlu."),
            button=_("Ya, batalkan pesanan"), back=back,
        )  # fmt: skip
    orders.order_cancel(order=found, actor=request.user)
    messages.success(request, _("Pesanan dibatalkan."))
    return redirect(back)


@organisation_view("training_orders.place")
def order_graduates(request: HttpRequest, access: Access, order: str) -> HttpResponse:
    """The graduates of the order's announced batches who agreed to be found (audited)."""
    found = selectors.get_order_for_company(_company(access), order)
    graduates = selectors.graduates_for_company(found)
    log_view(request=request, action="training_order.graduates_viewed", obj=found,
             organisation=found.organisation, by=access.organisation.name,
             rows=len(graduates))  # fmt: skip
    return render(request, "training/order_graduates.html", _context(
        access, order=found, graduates=graduates, links=selectors.order_links(found),
    ))  # fmt: skip


# --- The BLK's side -------------------------------------------------------------------------


@organisation_view("training.view")
def blk_orders(request: HttpRequest, access: Access) -> HttpResponse:
    blk = _blk(access)
    state = request.GET.get("status", "")
    if state not in TrainingOrder.State.values:
        state = ""
    return render(request, "training/orders_blk.html", _context(
        access, orders=selectors.blk_orders(blk, state), counts=selectors.state_counts(blk),
        state=state,
    ))  # fmt: skip


@organisation_view("training.view")
def blk_order(request: HttpRequest, access: Access, order: str) -> HttpResponse:
    found = selectors.get_order_for_blk(_blk(access), order)
    links = selectors.order_links(found)
    for link in links:
        link.results = orders.batch_results(link.batch)  # type: ignore[attr-defined]
        link.blocker = orders.notice_blocker(link, counts=link.results)  # type: ignore[attr-defined]
    return render(request, "training/order_blk.html", _context(
        access, order=found, links=links, decline_form=DeclineForm(),
        notes_form=OrderNotesForm(initial={"blk_notes": found.blk_notes}),
        batches=selectors.linkable_batches(found) if found.open_for_batches else [],
    ))  # fmt: skip


def _back(access: Access, order: TrainingOrder) -> HttpResponse:
    return redirect("training:blk_order", org=access.organisation.code, order=order.code)


@organisation_view("training.manage")
@require_POST
def order_decide(request: HttpRequest, access: Access, order: str) -> HttpResponse:
    """Accept, or decline with a reason: declining is final, so it asks first."""
    found = selectors.get_order_for_blk(_blk(access), order)
    if found.state != TrainingOrder.State.SUBMITTED:
        raise Http404
    if request.POST.get("accept") == "1":
        orders.order_decide(order=found, actor=request.user, accept=True)
        messages.success(request, _("Pesanan diterima; perusahaan diberi tahu."))
        return _back(access, found)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan penolakan."))
        return _back(access, found)
    if not confirmed(request):
        return ask(
            request, access=access, title=_("Tolak pesanan %(company)s?")
            % {"company": found.company.name},
            consequence=_("Penolakan bersifat final: perusahaan diberi tahu beserta alasannya "
                          "dan pesanan tidak bisa diterima lagi. Alasan: %(reason)s")
            % {"reason": form.cleaned_data["reason"]},
            button=_("Ya, tolak pesanan"),
            back=reverse("training:blk_order", args=[access.organisation.code, found.code]),
        )  # fmt: skip
    orders.order_decide(order=found, actor=request.user, accept=False,
                        reason=form.cleaned_data["reason"])  # fmt: skip
    messages.success(request, _("Pesanan ditolak; perusahaan diberi tahu."))
    return _back(access, found)


@organisation_view("training.manage")
@require_POST
def order_notes(request: HttpRequest, access: Access, order: str) -> HttpResponse:
    found = selectors.get_order_for_blk(_blk(access), order)
    form = OrderNotesForm(request.POST)
    if form.is_valid():
        orders.order_notes_save(order=found, actor=request.user,
                                notes=form.cleaned_data["blk_notes"])  # fmt: skip
        messages.success(request, _("Catatan disimpan."))
    return _back(access, found)


@organisation_view("training.manage")
@require_POST
def order_link(request: HttpRequest, access: Access, order: str) -> HttpResponse:
    found = selectors.get_order_for_blk(_blk(access), order)
    if not found.open_for_batches:
        raise Http404
    batch = next((b for b in selectors.linkable_batches(found)
                  if b.code == request.POST.get("batch")), None)  # fmt: skip
    if batch is None:
        messages.error(request, _("Pilih gelombang."))
        return _back(access, found)
    orders.order_link_batch(order=found, batch=batch, actor=request.user)
    messages.success(request, _("Gelombang %(batch)s ditautkan.") % {"batch": batch.own_code})
    return _back(access, found)


@organisation_view("training.manage")
def order_batch_new(request: HttpRequest, access: Access, order: str) -> HttpResponse:
    """Open a batch for the order, with its programme and the people asked for prefilled."""
    blk = _blk(access)
    found = selectors.get_order_for_blk(blk, order)
    if not found.open_for_batches:
        raise Http404
    form = OrderBatchForm(request.POST or None, blk=blk, initial=OrderBatchForm.initial_for(found))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        batch = orders.order_batch_open(
            order=found, programme=data.pop("programme"), start_date=data.pop("start_date"),
            end_date=data.pop("end_date"), funding=data.pop("funding"),
            own_code=(data.pop("own_code") or "").strip(), actor=request.user, data=data,
        )  # fmt: skip
        messages.success(request, _("Gelombang %(code)s dibuka untuk pesanan ini.")
                         % {"code": batch.own_code})  # fmt: skip
        return _back(access, found)
    return render(request, "training/order_batch_new.html",
                  _context(access, order=found, form=form))  # fmt: skip


@organisation_view("training.manage")
@require_POST
def order_notify(request: HttpRequest, access: Access, order: str, batch: str) -> HttpResponse:
    """Tell the company how many graduated: once per batch, and it cannot be recalled."""
    found = selectors.get_order_for_blk(_blk(access), order)
    link = selectors.get_order_link(found, batch)
    blocker = orders.notice_blocker(link)
    if blocker:
        messages.error(request, blocker)
        return _back(access, found)
    if not confirmed(request):
        counts = orders.batch_results(link.batch)
        return ask(
            request, access=access, title=_("Beri tahu %(company)s?")
            % {"company": found.company.name},
            consequence=_("Perusahaan menerima pemberitahuan (di aplikasi dan email) bahwa "
                          "%(graduates)s peserta gelombang %(batch)s lulus dan %(competent)s "
                          "dinyatakan kompeten, dengan tautan ke lulusan yang bersedia "
                          "ditemukan. Pemberitahuan hanya dikirim sekali dan tidak bisa "
                          "ditarik kembali.")
            % {"graduates": counts["graduates"], "competent": counts["competent"],
               "batch": link.batch.own_code},
            button=_("Ya, beri tahu pemesan"),
            back=reverse("training:blk_order", args=[access.organisation.code, found.code]),
        )  # fmt: skip
    try:
        orders.order_notify_graduates(link=link, actor=request.user)
        messages.success(request, _("Pemesan sudah diberi tahu."))
    except orders.Refused as refused:
        messages.error(request, str(refused))
    return _back(access, found)
