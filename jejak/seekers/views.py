"""The BKK's job-seeker register (AK/1): list, register, correct, remove, import history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.accounts.access import Access, organisation_view
from jejak.alumni import import_jobs
from jejak.alumni.models import Alumnus, ImportJob
from jejak.audit.services import log_action, log_view
from jejak.lib.formulas import SafeCsvWriter
from jejak.lib.xlsx import write_table, xlsx_response
from jejak.seekers import karirhub, selectors, services
from jejak.seekers.forms import EndForm, HistoryUploadForm, RegistrationForm
from jejak.seekers.models import EndReason, RegistrationSource

FORM_FIELDS = (
    "ak1_number", "education", "major", "occupations_sought", "regions_sought",
    "willing_to_relocate", "skills", "certificates", "disability_category",
    "disability_consent", "forwarding_consent",
)  # fmt: skip
PAGE = 200


def _context(access: Access, **extra: Any) -> dict[str, Any]:
    return {"access": access, "org": access.organisation, **extra}


@organisation_view("seekers.view")
def seeker_list(request: HttpRequest, access: Access) -> HttpResponse:
    rows = selectors.registrations(access.organisation).prefetch_related("occupations_sought")
    state = request.GET.get("status", "open")
    if state == "open":
        rows = rows.filter(ended_on=None)
    elif state == "ended":
        rows = rows.exclude(ended_on=None)
    if query := request.GET.get("q", "").strip():
        rows = rows.filter(alumnus__name__icontains=query) | rows.filter(alumnus__nisn=query)
    shown = list(rows[:PAGE])
    log_view(request=request, action="seekers.viewed", obj=access.organisation,
             organisation=access.organisation, rows=len(shown))  # fmt: skip
    today = timezone.localdate()
    return render(request, "seekers/list.html", _context(
        access, rows=shown, state=state, query=query, today=today,
        hires=[(h, h.overdue(today)) for h in selectors.known_hires(access.organisation)],
        open_count=selectors.registrations(access.organisation).filter(ended_on=None).count(),
    ))  # fmt: skip


@organisation_view("seekers.manage")
def seeker_new(request: HttpRequest, access: Access) -> HttpResponse:
    form = RegistrationForm(request.POST or None, initial={"nisn": request.GET.get("nisn", "")})
    if request.method == "POST" and form.is_valid():
        alumnus = Alumnus.objects.filter(
            organisation=access.organisation, nisn=form.cleaned_data["nisn"]
        ).first()
        if alumnus is None:
            form.add_error("nisn", _("Tidak ada alumni lembaga ini dengan NISN itu."))
        else:
            try:
                registration = services.registration_open(
                    organisation=access.organisation, alumnus=alumnus, actor=request.user,
                    source=RegistrationSource.BKK,
                    registered_on=form.cleaned_data["registered_on"],
                    **{name: form.cleaned_data[name] for name in FORM_FIELDS},
                )  # fmt: skip
            except services.RegistrationRefused as refused:
                form.add_error("nisn", str(refused))
            else:
                messages.success(request, _("%(name)s terdaftar sebagai pencari kerja.")
                                 % {"name": alumnus.name})  # fmt: skip
                return redirect("seekers:detail", org=access.organisation.code,
                                registration=registration.code)  # fmt: skip
    status = 422 if request.method == "POST" else 200
    return render(request, "seekers/new.html", _context(access, form=form), status=status)


@organisation_view("seekers.view")
def seeker_detail(request: HttpRequest, access: Access, registration: str) -> HttpResponse:
    found = selectors.get_registration(access, registration)
    log_view(request=request, action="seeker.viewed", obj=found,
             organisation=access.organisation)  # fmt: skip
    initial = {name: getattr(found, name) for name in FORM_FIELDS if "sought" not in name}
    initial["occupations_sought"] = list(found.occupations_sought.all())
    initial["regions_sought"] = list(found.regions_sought.all())
    form = RegistrationForm(request.POST or None, initial=initial, with_nisn=False)
    end_form = EndForm(None)
    if request.method == "POST" and access.can("seekers.manage") and form.is_valid():
        data = {name: form.cleaned_data[name] for name in FORM_FIELDS}
        changed = services.registration_update(registration=found, actor=request.user, data=data)
        messages.success(request, _("Perubahan tersimpan.") if changed
                         else _("Tidak ada yang berubah."))  # fmt: skip
        return redirect("seekers:detail", org=access.organisation.code, registration=found.code)
    status = 422 if request.method == "POST" else 200
    return render(request, "seekers/detail.html", _context(
        access, registration=found, form=form, end_form=end_form,
    ), status=status)  # fmt: skip


@organisation_view("seekers.manage")
def seeker_end(request: HttpRequest, access: Access, registration: str) -> HttpResponse:
    found = selectors.get_registration(access, registration)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_end(
                registration=found, actor=request.user, ended_on=form.cleaned_data["ended_on"],
                reason=EndReason(form.cleaned_data["reason"]), note=form.cleaned_data["note"],
            )  # fmt: skip
        except services.RegistrationRefused as refused:
            form.add_error("ended_on", str(refused))
        else:
            messages.success(request, _("Pendaftaran pencari kerja diakhiri."))
            return redirect("seekers:list", org=access.organisation.code)
    return render(request, "seekers/end.html", _context(access, registration=found, form=form),
                  status=422 if request.method == "POST" else 200)  # fmt: skip


@organisation_view("register.import")
def history_import(request: HttpRequest, access: Access) -> HttpResponse:
    """Years of a BKK's Excel books in: job seekers, vacancies, placements (dry run first)."""
    form = HistoryUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_jobs.import_job_create(
            organisation=access.organisation, kind=form.cleaned_data["kind"],
            filename=upload.name, data=upload.read(), actor=request.user,
        )  # fmt: skip
        return redirect("alumni:import_job", org=access.organisation.code, job=job.code)
    recent = ImportJob.objects.filter(
        organisation=access.organisation, kind__in=list(import_jobs.BKK_HISTORY)
    )[:10]
    return render(request, "seekers/import.html", _context(
        access, form=form, recent=recent, kinds=list(import_jobs.BKK_HISTORY),
    ))  # fmt: skip


EXAMPLES = {
    ImportJob.Kind.JOBSEEKERS: [
        "0061234567", "Siti Aminah", "P", "17-08-2006", "SMK", "TKJ", "05-01-2026", "", "3512",
        "", "", "",
    ],
    ImportJob.Kind.VACANCIES: [
        "LOW-001", "Operator Produksi", "8", "PT Sinar Jaya", "10792", "SMK", "TKJ", "3", "2", "0",
        "01-02-2026", "28-02-2026", "35.09",
    ],
    ImportJob.Kind.PLACEMENTS: [
        "0061234567", "15-02-2026", "PT Sinar Jaya", "10792", "8", "35.09", "Indonesia", "ya",
        "LOW-001",
    ],
}  # fmt: skip


@organisation_view("register.import")
def history_template(request: HttpRequest, access: Access, kind: str) -> HttpResponse:
    """An empty template in the contract's columns, with one example row."""
    chosen = ImportJob.Kind(kind) if kind in import_jobs.BKK_HISTORY else None
    if chosen is None:
        raise Http404
    columns = import_jobs.bkk_history_columns(chosen)
    example = EXAMPLES[chosen] + [""] * (len(columns) - len(EXAMPLES[chosen]))
    codes = ("nisn", "kbli", "kbji", "kbji_dicari", "kode", "kode_lowongan", "kode_wilayah_kerja",
             "nomor_ak1")  # fmt: skip
    data = write_table(columns, [example], sheet=chosen.value, text_columns=codes)
    return xlsx_response(data, f"templat-{chosen.value}.xlsx")


EXPORTS = {"pencaker": "seekers", "lowongan": "vacancies"}


@organisation_view("seekers.manage")
def karirhub_export(request: HttpRequest, access: Access, what: str, fmt: str) -> HttpResponse:
    """The registered job seekers or the vacancies, ready for Karirhub; audited with the
    lawful basis each forwarding relied on."""
    if what not in EXPORTS or fmt not in {"xlsx", "csv"}:
        raise Http404
    org = access.organisation
    if what == "pencaker":
        columns, rows = karirhub.SEEKER_COLUMNS, karirhub.seeker_rows(org)
        niks = karirhub.forwarded_niks(org)
        basis = [karirhub.BASIS_DUTY, *([karirhub.BASIS_CONSENT] if niks else [])]
    else:
        columns, rows, niks = karirhub.VACANCY_COLUMNS, karirhub.vacancy_rows(org), 0
        basis = [karirhub.BASIS_DUTY]
    changes = {"what": EXPORTS[what], "format": fmt, "basis": basis, "niks": niks}
    log_action(actor=request.user, action="karirhub.exported", obj=org, organisation=org,
               changes=changes)  # fmt: skip
    name = f"karirhub-{what}-{org.npsn or org.code}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response.write("\ufeff")
        writer = SafeCsvWriter(response, delimiter=";")
        writer.writerow(columns)
        writer.writerows(rows)
        return response
    data = write_table(columns, list(rows), sheet=what, text_columns=karirhub.TEXT_COLUMNS)
    return xlsx_response(data, name)
