"""The BKK's matching pages: fitting candidates of a vacancy, its shortlist and offers to the
company; the company's page of candidates offered to it (only what each shares)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jejak.accounts.access import Access, organisation_view
from jejak.audit.services import log_view
from jejak.confirm import ask, confirmed
from jejak.jobs import alerts
from jejak.jobs.models import Vacancy
from jejak.jobs.selectors import get_vacancy
from jejak.matching import services
from jejak.matching.models import Shortlisted
from jejak.matching.selectors import NEVER
from jejak.organisations.models import Organisation
from jejak.profiles.selectors import shared_profile


def _bkk(access: Access) -> Organisation:
    if not access.organisation.keeps_alumni:
        raise Http404
    return access.organisation


@organisation_view("seekers.view")
def candidates(request: HttpRequest, access: Access, vacancy: str) -> HttpResponse:
    """The BKK's own seekers the vacancy fits, best first, with the score's parts."""
    bkk = _bkk(access)
    found = get_vacancy(access, vacancy)
    if request.method == "POST":
        access.require("seekers.manage")
        added = services.shortlist_add(bkk=bkk, vacancy=found, actor=request.user,
                                       alumnus_codes=request.POST.getlist("alumnus"))  # fmt: skip
        messages.success(request, _("%(n)s kandidat masuk daftar pilihan.") % {"n": len(added)})
        return redirect("matching:shortlist", bkk.code, found.code)
    rows = services.own_candidates(bkk, found)
    chosen = set(
        Shortlisted.objects.filter(organisation=bkk, vacancy=found).values_list(
            "alumnus_id", flat=True
        )
    )
    log_view(request=request, action="candidates.viewed", obj=found, organisation=bkk,
             rows=len(rows))  # fmt: skip
    return render(request, "matching/candidates.html", {
        "access": access, "org": bkk, "vacancy": found, "rows": rows, "chosen": chosen,
    })  # fmt: skip


@organisation_view("seekers.view")
def shortlist(request: HttpRequest, access: Access, vacancy: str) -> HttpResponse:
    """The shortlist: WhatsApp messages to each, offer the chosen ones to the company."""
    bkk = _bkk(access)
    found = get_vacancy(access, vacancy)
    rows = list(
        Shortlisted.objects.filter(organisation=bkk, vacancy=found)
        .exclude(alumnus__consent__in=NEVER)
        .select_related("alumnus")
    )
    if request.method == "POST":
        access.require("seekers.manage")
        return _shortlist_post(request, access, found, rows)
    log_view(request=request, action="shortlist.viewed", obj=found, organisation=bkk,
             rows=len(rows))  # fmt: skip
    items = [
        {"row": row, "whatsapp": alerts.whatsapp_url(row.alumnus, found, bkk.name)
         if row.alumnus.whatsapp_number else ""}
        for row in rows
    ]  # fmt: skip
    return render(request, "matching/shortlist.html", {
        "access": access, "org": bkk, "vacancy": found, "items": items,
    })  # fmt: skip


def _shortlist_post(
    request: HttpRequest, access: Access, vacancy: Vacancy, rows: list[Shortlisted]
) -> HttpResponse:
    bkk = access.organisation
    back = request.get_full_path()
    chosen = set(request.POST.getlist("row"))
    picked = [row for row in rows if row.code in chosen]
    if request.POST.get("action") == "remove":
        for row in picked:
            services.shortlist_remove(bkk=bkk, row=row, actor=request.user)
        return redirect(back)
    if not picked:
        messages.error(request, _("Pilih kandidat yang akan ditawarkan."))
        return redirect(back)
    if not confirmed(request):
        return ask(
            request, access=access, back=back,
            title=_("Tawarkan %(n)s kandidat ke %(company)s?")
            % {"n": len(picked), "company": vacancy.company.name},
            consequence=_("Perusahaan akan dapat melihat profil setiap kandidat, sebatas bagian "
                          "yang dibagikan kandidat itu sendiri. Ini tidak bisa ditarik kembali."),
            button=_("Ya, tawarkan"),
        )  # fmt: skip
    count = services.shortlist_offer(bkk=bkk, vacancy=vacancy, rows=picked, actor=request.user)
    messages.success(request, _("%(n)s kandidat ditawarkan ke perusahaan.") % {"n": count})
    return redirect(back)


@organisation_view("profiles.view_shared")
def offers(request: HttpRequest, access: Access, vacancy: str) -> HttpResponse:
    """For the company: the candidates BKKs offered for its vacancy, only as each shares."""
    if access.organisation.kind != Organisation.Kind.COMPANY:
        raise Http404
    found = get_vacancy(access, vacancy)
    rows = (
        Shortlisted.objects.filter(vacancy=found, offered_at__isnull=False)
        .exclude(alumnus__consent__in=NEVER)
        .select_related(
            "organisation",
            "alumnus__organisation",
            "alumnus__major",
            "alumnus__school_class",
            "alumnus__region",
        )
        .order_by("-score", "offered_at")
    )
    people = [{"row": row, "shared": shared_profile(row.alumnus)} for row in rows]
    log_view(request=request, action="offers.viewed", obj=found,
             organisation=access.organisation, rows=len(people))  # fmt: skip
    return render(request, "matching/offers.html", {
        "access": access, "org": access.organisation, "vacancy": found, "people": people,
    })  # fmt: skip
