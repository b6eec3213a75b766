from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts.access import Access, organisation_view
from jejak.accounts.models import Role, User
from jejak.alumni import import_jobs, services
from jejak.alumni.duplicates import find_duplicates
from jejak.alumni.exports import register_download
from jejak.alumni.forms import (
    AlumnusForm,
    ConsentForm,
    DeletionForm,
    RegisterFilterForm,
    TeacherForm,
    UploadForm,
)
from jejak.alumni.history import readable_history
from jejak.alumni.importing import TEMPLATE_COLUMNS
from jejak.alumni.models import Alumnus, ImportJob, SchoolClass
from jejak.alumni.selectors import (
    current_event,
    get_alumnus,
    own_record,
    search_register,
    visible_alumni,
    visible_classes,
)
from jejak.audit.services import log_action, log_view, object_history
from jejak.confirm import ask, confirmed
from jejak.lib.formulas import SafeCsvWriter
from jejak.lib.values import is_digits
from jejak.lib.xlsx import write_table, xlsx_response
from jejak.reference.models import Major

PAGE_SIZE = 50


@organisation_view("register.view")
def register(request: HttpRequest, access: Access) -> HttpResponse:
    alumni = visible_alumni(access)
    cohorts = sorted(set(alumni.values_list("cohort", flat=True)), reverse=True)
    form = RegisterFilterForm(
        request.GET or None,
        classes=visible_classes(access),
        majors=Major.objects.filter(pk__in=alumni.values("major")),
        cohorts=cohorts,
    )
    filters = form.cleaned_data if form.is_valid() else {}
    results = search_register(alumni, filters).select_related("major", "school_class")
    page = Paginator(results.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    log_view(
        request=request, action="alumni.listed", obj=access.organisation,
        organisation=access.organisation, page=page.number, rows=len(page.object_list),
        filters={k: str(v) for k, v in filters.items() if v},
    )  # fmt: skip
    template = (
        "alumni/register_rows.html" if getattr(request, "htmx", False) else "alumni/register.html"
    )
    return render(
        request,
        template,
        {"access": access, "org": access.organisation, "form": form, "page": page},
    )


@organisation_view("register.view")
def export(request: HttpRequest, access: Access) -> HttpResponse:
    """The register as the person sees it (same filters) in Excel, for the spreadsheet habit."""
    alumni = visible_alumni(access)
    form = RegisterFilterForm(
        request.GET or None,
        classes=visible_classes(access),
        majors=Major.objects.filter(pk__in=alumni.values("major")),
        cohorts=sorted(set(alumni.values_list("cohort", flat=True))),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    rows = search_register(alumni, filters).order_by("cohort", "school_class__name", "name")
    log_action(
        actor=request.user,
        action="alumni.exported",
        obj=access.organisation,
        changes={"filters": {k: str(v) for k, v in filters.items() if v}},
    )
    return register_download(
        rows, f"alumni-{access.organisation.npsn or access.organisation.code}.xlsx"
    )


@organisation_view("register.view")
def detail(request: HttpRequest, access: Access, code: str) -> HttpResponse:
    alumnus = get_alumnus(access, code)
    # UU PDP: who looked at a person's record is part of the trail.
    log_action(actor=request.user, action="alumnus.viewed", obj=alumnus)
    history = [
        e for e in object_history(access.organisation, alumnus) if e.action != "alumnus.viewed"
    ]
    events = list(
        alumnus.outcome_events.select_related("work_region", "campaign", "recorded_by").order_by(
            "-start_date", "-recorded_at"
        )
    )
    return render(
        request,
        "alumni/detail.html",
        {
            "access": access,
            "org": access.organisation,
            "alumnus": alumnus,
            "history": readable_history(history),
            "events": events,
            "current": current_event(events),
            "consent_form": ConsentForm(initial={"state": alumnus.consent}),
            "deletion_requested": any(e.action == "alumnus.deletion_requested" for e in history),
        },
    )


@organisation_view("register.edit")
@require_POST
def consent(request: HttpRequest, access: Access, code: str) -> HttpResponse:
    alumnus = get_alumnus(access, code)
    form = ConsentForm(request.POST)
    if form.is_valid():
        removed = services.consent_record(
            alumnus=alumnus,
            actor=request.user,
            state=form.cleaned_data["state"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Persetujuan data dicatat."))
        if removed is not None and removed.any:
            messages.info(request, _removed_message(removed))
    else:
        messages.error(request, _("Pilih status persetujuan yang benar."))
    return redirect("alumni:detail", org=access.organisation.code, code=code)


def _removed_message(removed: Any) -> str:
    return _(
        "%(responses)s jawaban survei dan %(outcomes)s catatan kegiatan yang bergantung pada "
        "persetujuan dihapus; angka indikator dihitung ulang."
    ) % {"responses": removed.responses, "outcomes": removed.outcomes}


@organisation_view("register.edit")
def delete(request: HttpRequest, access: Access, code: str) -> HttpResponse:
    """UU PDP: erase a person's record on their request, leaving only a note that it was."""
    alumnus = get_alumnus(access, code)
    form = DeletionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.alumnus_delete_on_request(
            alumnus=alumnus, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Data alumni dihapus."))
        return redirect("alumni:register", org=access.organisation.code)
    return render(
        request,
        "alumni/delete.html",
        {"access": access, "org": access.organisation, "alumnus": alumnus, "form": form},
    )


@organisation_view("register.view")
def classes(request: HttpRequest, access: Access) -> HttpResponse:
    rows = (
        visible_classes(access)
        .select_related("major", "homeroom_teacher")
        .annotate(alumni_count=Count("alumni"))
        .order_by("-cohort", "name")
    )
    teachers = User.objects.filter(
        memberships__organisation=access.organisation,
        memberships__role=Role.HOMEROOM_TEACHER,
    ).order_by("name")
    can_assign = access.can("register.edit")
    return render(
        request,
        "alumni/classes.html",
        {
            "access": access,
            "org": access.organisation,
            "rows": [
                (
                    c,
                    TeacherForm(
                        teachers=teachers, initial={"teacher": c.homeroom_teacher_id}, prefix=c.code
                    )
                    if can_assign
                    else None,
                )
                for c in rows
            ],
        },
    )


@organisation_view("register.edit")
@require_POST
def class_teacher(request: HttpRequest, access: Access, school_class: str) -> HttpResponse:
    found = get_object_or_404(SchoolClass, organisation=access.organisation, code=school_class)
    teachers = User.objects.filter(
        memberships__organisation=access.organisation,
        memberships__role=Role.HOMEROOM_TEACHER,
    )
    form = TeacherForm(request.POST, teachers=teachers, prefix=found.code)
    if form.is_valid():
        services.class_assign_teacher(
            school_class=found, teacher=form.cleaned_data["teacher"], actor=request.user
        )
        messages.success(request, _("Wali kelas %(name)s disimpan.") % {"name": found.name})
    return redirect("alumni:classes", org=access.organisation.code)


@organisation_view("register.edit")
def create(request: HttpRequest, access: Access) -> HttpResponse:
    form = AlumnusForm(request.POST or None, instance=Alumnus(organisation=access.organisation))
    if request.method == "POST" and form.is_valid():
        alumnus = services.alumnus_create(
            organisation=access.organisation, actor=request.user, data=form.cleaned_data
        )
        messages.success(request, _("Alumni ditambahkan."))
        return redirect("alumni:detail", org=access.organisation.code, code=alumnus.code)
    return render(
        request,
        "alumni/edit.html",
        {"access": access, "org": access.organisation, "alumnus": None, "form": form},
    )


@organisation_view("register.edit")
def edit(request: HttpRequest, access: Access, code: str) -> HttpResponse:
    alumnus = get_alumnus(access, code)
    form = AlumnusForm(request.POST or None, instance=alumnus)
    if request.method == "POST" and form.is_valid():
        # The form has set the fields on the instance; the service logs what changed.
        fresh = get_alumnus(access, code)
        changes = services.alumnus_update(alumnus=fresh, actor=request.user, data=form.cleaned_data)
        messages.success(
            request,
            _("Perubahan tersimpan.") if changes else _("Tidak ada yang berubah."),
        )
        return redirect("alumni:detail", org=access.organisation.code, code=code)
    return render(
        request,
        "alumni/edit.html",
        {"access": access, "org": access.organisation, "alumnus": alumnus, "form": form},
    )


@organisation_view("register.import")
def import_upload(request: HttpRequest, access: Access) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_jobs.import_job_create(
            organisation=access.organisation,
            kind=ImportJob.Kind.ALUMNI,
            filename=upload.name,
            data=upload.read(),
            actor=request.user,
            cohort=form.cleaned_data["cohort"],
        )
        return redirect("alumni:import_job", org=access.organisation.code, job=job.code)
    recent = ImportJob.objects.filter(organisation=access.organisation)[:10]
    return render(
        request,
        "alumni/import.html",
        {"access": access, "org": access.organisation, "form": form, "recent": recent},
    )


def _job(access: Access, code: str) -> ImportJob:
    return get_object_or_404(ImportJob, organisation=access.organisation, code=code)


@organisation_view("imports.use")
def import_job(request: HttpRequest, access: Access, job: str) -> HttpResponse:
    found = _job(access, job)
    errors = found.summary.get("errors", [])
    context = {"access": access, "org": access.organisation, "job": found, "errors": errors[:500]}
    if getattr(request, "htmx", False):
        return render(request, "alumni/import_job_status.html", context)
    return render(request, "alumni/import_job.html", context)


@organisation_view("imports.use")
@require_POST
def import_confirm(request: HttpRequest, access: Access, job: str) -> HttpResponse:
    found = _job(access, job)
    if not found.dry_run or found.state != ImportJob.State.DONE or found.files_deleted_at:
        raise Http404
    real = import_jobs.import_job_confirm(job=found, actor=request.user)
    return redirect("alumni:import_job", org=access.organisation.code, job=real.code)


@organisation_view("imports.use")
def import_rejects(request: HttpRequest, access: Access, job: str) -> HttpResponse:
    found = _job(access, job)
    if found.files_deleted_at:
        raise Http404
    return xlsx_response(import_jobs.rejects_workbook(found), f"perbaiki-{found.code}.xlsx")


@organisation_view("register.import")
def import_template(request: HttpRequest, access: Access, fmt: str) -> HttpResponse:
    example = [
        "0061234567", "Siti Aminah", "P", "Jember", "17-08-2006", "", "XII TKJ 1", "TKJ",
        "0812-3456-7890", "siti@example.com", "Jl. Mawar 3, Kaliwates", "35.09", "",
    ]  # fmt: skip
    if fmt == "csv":
        # Indonesian-locale Excel reads `;`-separated CSV with a BOM as UTF-8 columns.
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="templat-alumni.csv"'
        response.write("\ufeff")
        SafeCsvWriter(response, delimiter=";").writerows([TEMPLATE_COLUMNS, example])
        return response
    data = write_table(
        TEMPLATE_COLUMNS,
        [example],
        sheet="Alumni",
        text_columns=("nisn", "nik", "hp", "kode_wilayah"),
    )
    return xlsx_response(data, "templat-alumni.xlsx")


@organisation_view("register.edit")
def duplicates(request: HttpRequest, access: Access) -> HttpResponse:
    alumni = visible_alumni(access).select_related("school_class", "major")
    cohort = request.GET.get("cohort")
    if cohort and is_digits(cohort):
        alumni = alumni.filter(cohort=int(cohort))
    pairs = find_duplicates(alumni)
    log_view(request=request, action="duplicates.viewed", obj=access.organisation,
             organisation=access.organisation, pairs=len(pairs[:200]))  # fmt: skip
    return render(
        request,
        "alumni/duplicates.html",
        {"access": access, "org": access.organisation, "pairs": pairs[:200]},
    )


@organisation_view("register.edit")
def merge(request: HttpRequest, access: Access, keep: str, other: str) -> HttpResponse:
    """A person compares the two records and confirms which one to keep."""
    first, second = get_alumnus(access, keep), get_alumnus(access, other)
    if first.pk == second.pk:
        raise Http404
    if request.method == "POST":
        services.alumni_merge(keep=first, duplicate=second, actor=request.user)
        messages.success(request, _("Data digabungkan."))
        return redirect("alumni:detail", org=access.organisation.code, code=first.code)
    return render(
        request,
        "alumni/merge.html",
        {"access": access, "org": access.organisation, "keep": first, "other": second},
    )


@login_required
def me(request: HttpRequest) -> HttpResponse:
    from jejak.training.selectors import linked_records, person_enrolments

    alumnus = own_record(request.user)
    # The person's other registers (an SMK, a BLK), once staff confirmed they are one person.
    others = linked_records(alumnus)
    context = {
        "alumnus": alumnus, "others": others,
        "enrolments": person_enrolments([alumnus, *others]),
    }  # fmt: skip
    return render(request, "alumni/me.html", context)


@login_required
@require_POST
def me_deletion_request(request: HttpRequest) -> HttpResponse:
    """The alumnus asks the school to erase their data; the BKK sees it on the record."""
    alumnus = own_record(request.user)
    if not confirmed(request):
        return ask(
            request, title=_("Minta sekolah menghapus data Anda?"),
            consequence=_("Permintaan ini langsung tampil bagi BKK %(school)s, yang akan "
                          "menghubungi Anda lalu menghapus data Anda dari register. Setelah "
                          "dihapus, data tidak bisa dikembalikan.")
            % {"school": alumnus.organisation.name},
            button=_("Ya, kirim permintaan"), back=reverse("alumni:me"),
        )  # fmt: skip
    log_action(actor=request.user, action="alumnus.deletion_requested", obj=alumnus)
    messages.success(
        request,
        _("Permintaan penghapusan dikirim ke BKK sekolah Anda. Mereka akan menghubungi Anda."),
    )
    return redirect("alumni:me")


@login_required
@require_POST
def me_consent_withdraw(request: HttpRequest) -> HttpResponse:
    """UU PDP: the alumnus takes back consent for the tracer study; what rested on it goes."""
    from jejak.alumni.models import Consent
    from jejak.privacy.consent import consent_end

    alumnus = own_record(request.user)
    removed = consent_end(
        alumnus=alumnus, actor=request.user, state=Consent.WITHDRAWN,
        action="alumnus.consent_withdrawn",
    )  # fmt: skip
    messages.success(request, _("Persetujuan Anda ditarik. Sekolah tidak lagi memakai jawaban "
                                "survei Anda."))  # fmt: skip
    if removed.any:
        messages.info(request, _removed_message(removed))
    return redirect("alumni:me")


@login_required
def me_export(request: HttpRequest) -> HttpResponse:
    """UU PDP: a person can take a copy of everything Jejak holds about them
    (`privacy.inventory` lists it)."""
    from jejak.privacy.export import person_export  # privacy builds on every app

    alumnus = own_record(request.user)
    data = person_export(alumnus, request.user)
    log_action(actor=request.user, action="alumnus.exported", obj=alumnus)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="data-saya-jejak.json"'
    return response
