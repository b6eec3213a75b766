"""Tanda daftar pages: the BKK's (under its school) and the labour office's (under the
office), each through an access helper answering 404 when not theirs; and the public
verification page, which names only the BKK, its school and the certificate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts.access import Access, organisation_view
from jejak.audit.services import log_view
from jejak.bkkreports.selectors import get_area_bkk, person_history
from jejak.confirm import ask, confirmed
from jejak.lib.formulas import SafeCsvWriter
from jejak.organisations.models import Bkk, Organisation
from jejak.tandadaftar import selectors, services
from jejak.tandadaftar.certificate import certificate_pdf
from jejak.tandadaftar.expiry import REMIND_BEFORE_DAYS
from jejak.tandadaftar.forms import AttachmentForm, IssueForm, ReasonForm, StartForm, SubmitForm
from jejak.tandadaftar.models import Application, Attachment


def _ctx(access: Access, **extra: Any) -> dict[str, Any]:
    return {"access": access, "org": access.organisation, **extra}


def _school(access: Access) -> Organisation:
    if not access.organisation.keeps_alumni:
        raise Http404
    return access.organisation


def _labour_office(access: Access) -> Organisation:
    if access.organisation.kind != Organisation.Kind.LABOUR_OFFICE:
        raise Http404
    return access.organisation


def _serve(found: Attachment) -> FileResponse:
    if not default_storage.exists(found.stored_name):
        raise Http404
    extension = found.stored_name.rsplit(".", 1)[-1]
    response = FileResponse(
        default_storage.open(found.stored_name, "rb"), as_attachment=True,
        filename=f"{found.kind}.{extension}", content_type=found.content_type,
    )  # fmt: skip
    # Never rendered as a page of this site, whatever the bytes hold (as for CV documents).
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# ---- the BKK's pages ----------------------------------------------------------------------


@organisation_view("tandadaftar.view")
def home(request: HttpRequest, access: Access) -> HttpResponse:
    school = _school(access)
    open_one = selectors.open_application(school)
    offices = selectors.labour_offices_for(school)
    can_apply = access.can("tandadaftar.apply")
    bkk, today = Bkk.objects.filter(organisation=school).first(), timezone.localdate()
    end = bkk.registration_valid_until if bkk else None
    days_left = (end - today).days if end else None
    return render(request, "tandadaftar/home.html", _ctx(
        access, bkk=bkk,
        certificate=selectors.current_certificate(school), open_application=open_one,
        applications=selectors.applications_of(school),
        start_form=StartForm(offices=offices) if can_apply and not open_one else None,
        problem=selectors.registration_problem(bkk, today),
        ending_in=days_left if days_left is not None and 0 <= days_left <= REMIND_BEFORE_DAYS[0]
        else None,
    ))  # fmt: skip


@organisation_view("tandadaftar.apply")
@require_POST
def start(request: HttpRequest, access: Access) -> HttpResponse:
    school = _school(access)
    form = StartForm(request.POST, offices=selectors.labour_offices_for(school))
    if not form.is_valid():
        messages.error(request, _("Pilih dinas tenaga kerja tujuan."))
        return redirect("tandadaftar:home", org=school.code)
    try:
        found = services.application_start(
            school=school, office=form.cleaned_data["office"], actor=request.user
        )
    except services.TandaDaftarError as problem:
        messages.error(request, str(problem))
        return redirect("tandadaftar:home", org=school.code)
    return redirect("tandadaftar:application", org=school.code, application=found.code)


def _application_page(
    request: HttpRequest, access: Access, found: Application, **forms: Any
) -> HttpResponse:
    can_apply = access.can("tandadaftar.apply") and found.editable
    initial = {"plan_year": found.plan_year, "note": found.note}
    context = _ctx(
        access, application=found, checklist=selectors.checklist(found),
        upload_form=forms.get("upload_form") or AttachmentForm() if can_apply else None,
        submit_form=SubmitForm(initial=initial) if can_apply else None,
    )  # fmt: skip
    return render(request, "tandadaftar/application.html", context,
                  status=422 if forms.get("upload_form") else 200)  # fmt: skip


@organisation_view("tandadaftar.view")
def application(request: HttpRequest, access: Access, application: str) -> HttpResponse:
    found = selectors.get_own_application(_school(access), application)
    return _application_page(request, access, found)


@organisation_view("tandadaftar.apply")
@require_POST
def upload(request: HttpRequest, access: Access, application: str) -> HttpResponse:
    found = selectors.get_own_application(_school(access), application)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _application_page(request, access, found, upload_form=form)
    assert form.file_type is not None  # set by a valid form
    try:
        services.attachment_add(
            application=found, actor=request.user, kind=form.cleaned_data["kind"],
            data=form.data_bytes, file_type=form.file_type,
            original_name=form.cleaned_data["file"].name,
        )  # fmt: skip
        messages.success(request, _("Lampiran tersimpan."))
    except services.TandaDaftarError as problem:
        messages.error(request, str(problem))
    return redirect("tandadaftar:application", org=access.organisation.code,
                    application=found.code)  # fmt: skip


@organisation_view("tandadaftar.apply")
@require_POST
def submit(request: HttpRequest, access: Access, application: str) -> HttpResponse:
    found = selectors.get_own_application(_school(access), application)
    back = reverse("tandadaftar:application", args=[access.organisation.code, found.code])
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tahun rencana penempatan harus berupa tahun, mis. 2026."))
        return redirect(back)
    if not confirmed(request):
        return ask(
            request, access=access,
            title=_("Ajukan permohonan tanda daftar ke %(office)s?") % {"office": found.office},
            consequence=_("Permohonan dan lampirannya dikirim ke dinas tenaga kerja. Selama "
                          "diperiksa, lampiran tidak bisa diubah; bila dinas mengembalikannya, "
                          "Anda bisa memperbaiki dan mengajukan lagi."),
            button=_("Ya, ajukan"), back=back,
        )  # fmt: skip
    try:
        services.application_submit(
            application=found, actor=request.user, plan_year=form.cleaned_data["plan_year"],
            note=form.cleaned_data["note"],
        )  # fmt: skip
        messages.success(request, _("Permohonan diajukan ke dinas tenaga kerja."))
    except services.TandaDaftarError as problem:
        messages.error(request, str(problem))
    return redirect(back)


@organisation_view("tandadaftar.view")
def attachment(request: HttpRequest, access: Access, application: str,
               attachment: str) -> Any:  # a FileResponse  # fmt: skip
    found = selectors.get_own_application(_school(access), application)
    return _serve(selectors.get_attachment(found, attachment))


@organisation_view("tandadaftar.view")
def certificate(request: HttpRequest, access: Access, application: str) -> HttpResponse:
    return _certificate_response(selectors.get_own_application(_school(access), application))


def _certificate_response(found: Application) -> HttpResponse:
    if found.state != Application.State.ISSUED:
        raise Http404
    response = HttpResponse(certificate_pdf(found), content_type="application/pdf")
    name = f"tanda-daftar-bkk-{found.organisation.npsn or found.organisation.code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ---- the labour office's pages ------------------------------------------------------------


@organisation_view("bkkreports.office")
def office_queue(request: HttpRequest, access: Access) -> HttpResponse:
    office = _labour_office(access)
    state = request.GET.get("state", Application.State.SUBMITTED)
    return render(request, "tandadaftar/office_queue.html", _ctx(
        access, rows=selectors.office_queue(office, state), state=state,
        states=[(v, label) for v, label in Application.State.choices
                if v != Application.State.DRAFT],
    ))  # fmt: skip


@organisation_view("bkkreports.office")
def office_review(request: HttpRequest, access: Access, application: str) -> HttpResponse:
    office = _labour_office(access)
    found = selectors.get_area_application(office, application)
    issue_form = IssueForm(request.POST if request.POST.get("action") == "issue" else None,
                           initial={"issued_on": timezone.localdate()})  # fmt: skip
    return_form = ReasonForm(request.POST if request.POST.get("action") == "return" else None)
    if request.method == "POST":
        done = _decide(request, office, found, issue_form, return_form)
        if done:
            return redirect("tandadaftar:office_review", org=office.code, application=found.code)
    return render(request, "tandadaftar/office_review.html", _ctx(
        access, application=found, checklist=selectors.checklist(found),
        people=person_history(found.organisation)[:5],
        issue_form=issue_form, return_form=return_form,
        waiting=found.state == Application.State.SUBMITTED,
    ), status=422 if request.method == "POST" else 200)  # fmt: skip


def _decide(request: HttpRequest, office: Organisation, found: Application,
            issue_form: IssueForm, return_form: ReasonForm) -> bool:  # fmt: skip
    """Issue or return, from whichever form was posted; True when it was done."""
    try:
        if request.POST.get("action") == "issue" and issue_form.is_valid():
            data = issue_form.cleaned_data
            services.application_issue(
                application=found, office=office, actor=request.user, number=data["number"],
                issued_on=data["issued_on"], valid_until=data["valid_until"],
            )  # fmt: skip
            messages.success(request, _("Tanda daftar diterbitkan."))
            return True
        if request.POST.get("action") == "return" and return_form.is_valid():
            services.application_return(application=found, office=office, actor=request.user,
                                        reason=return_form.cleaned_data["reason"])  # fmt: skip
            messages.success(request, _("Permohonan dikembalikan ke BKK."))
            return True
    except services.TandaDaftarError as problem:
        messages.error(request, str(problem))
    return False


@organisation_view("bkkreports.office")
def office_attachment(request: HttpRequest, access: Access, application: str,
                      attachment: str) -> Any:  # a FileResponse  # fmt: skip
    found = selectors.get_area_application(_labour_office(access), application)
    document = selectors.get_attachment(found, attachment)
    # The BKK's decree may name its staff: the school's trail shows who opened it.
    log_view(request=request, action="tanda_daftar.attachment_viewed", obj=found,
             organisation=found.organisation, kind=document.kind)  # fmt: skip
    return _serve(document)


@organisation_view("bkkreports.office")
def office_certificate(request: HttpRequest, access: Access, application: str) -> HttpResponse:
    """The certificate the office issued, as the BKK downloads it (for the office's file)."""
    return _certificate_response(
        selectors.get_area_application(_labour_office(access), application)
    )


@organisation_view("bkkreports.office")
def office_deactivate(request: HttpRequest, access: Access, school: str) -> HttpResponse:
    office = _labour_office(access)
    bkk = get_area_bkk(office, school)
    form = ReasonForm(request.POST or None)
    back = reverse("tandadaftar:office_missing", args=[office.code])
    if request.method == "POST" and form.is_valid():
        if not confirmed(request):
            return ask(
                request, access=access,
                title=_("Nonaktifkan BKK %(school)s?") % {"school": bkk.organisation.name},
                consequence=_("BKK ini tidak bisa memasang lowongan atau mengirim laporan, dan "
                              "tanda daftarnya dinyatakan tidak berlaku, sampai dinas "
                              "menerbitkan tanda daftar baru."),
                button=_("Ya, nonaktifkan"), back=back,
            )  # fmt: skip
        try:
            services.bkk_deactivate(bkk=bkk, office=office, actor=request.user,
                                    reason=form.cleaned_data["reason"])  # fmt: skip
            messages.success(request, _("BKK dinonaktifkan."))
            return redirect(back)
        except services.TandaDaftarError as problem:
            messages.error(request, str(problem))
    return render(request, "tandadaftar/office_deactivate.html",
                  _ctx(access, bkk=bkk, form=form))  # fmt: skip


@organisation_view("bkkreports.office")
def office_missing(request: HttpRequest, access: Access) -> HttpResponse:
    office = _labour_office(access)
    rows = selectors.schools_without_registration(office, timezone.localdate())
    return render(request, "tandadaftar/office_missing.html", _ctx(access, rows=rows))


MISSING_COLUMNS = ["npsn", "sekolah", "kabupaten_kota", "masalah", "nomor_tanda_daftar",
                   "berlaku_sampai", "dinonaktifkan_sejak", "alasan_dinonaktifkan"]  # fmt: skip


@organisation_view("bkkreports.office")
def office_missing_csv(request: HttpRequest, access: Access) -> HttpResponse:
    office = _labour_office(access)
    today = timezone.localdate()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="smk-tanpa-tanda-daftar-{office.code}-{today}.csv"'
    )
    writer = SafeCsvWriter(response)
    writer.writerow(MISSING_COLUMNS)
    for row in selectors.schools_without_registration(office, today):
        bkk = row.bkk
        writer.writerow([
            row.school.npsn, row.school.name, row.school.region.name, row.problem,
            bkk.registration_number if bkk else "", _iso(bkk.registration_valid_until if bkk
                                                         else None),
            _iso(bkk.deactivated_on if bkk else None), bkk.deactivation_reason if bkk else "",
        ])  # fmt: skip
    return response


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


# ---- public ---------------------------------------------------------------------------------


def verify(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone holding the certificate's QR code: valid or not, and which BKK. No person."""
    result = selectors.verify(token, timezone.localdate())
    response = render(request, "tandadaftar/verify.html", {"result": result})
    response["X-Robots-Tag"] = "noindex"
    return response
