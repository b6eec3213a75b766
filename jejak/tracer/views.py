"""Tracer pages for schools, teachers and offices."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import segno
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts.access import Access, organisation_view
from jejak.alumni.forms import UploadForm
from jejak.alumni.import_jobs import import_job_create
from jejak.alumni.models import ImportJob, SchoolClass, whatsapp_number_of
from jejak.alumni.selectors import get_alumnus
from jejak.audit.services import log_view
from jejak.confirm import ask, confirmed
from jejak.lib.formulas import csv_lines
from jejak.lib.xlsx import write_table, xlsx_response
from jejak.organisations.models import Organisation
from jejak.reference.models import Industry
from jejak.tracer import employer, links, services
from jejak.tracer.forms import CampaignForm, EmployerInviteForm, GraduationForm, StaffEntryForm
from jejak.tracer.importing import RESPONSE_COLUMNS
from jejak.tracer.instrument import ACTIVITY, questions_for
from jejak.tracer.models import Campaign, EmployerSurvey, GraduationDate, Response, SurveyLink
from jejak.tracer.national_export import national_export
from jejak.tracer.selectors import (
    employer_suggestions,
    get_campaign,
    progress,
    totals,
    visible_campaigns,
    visible_employer_surveys,
    visible_links,
    with_status,
)


def _context(access: Access, **extra: Any) -> dict[str, Any]:
    return {"access": access, "org": access.organisation, **extra}


@organisation_view("tracer.view")
def campaigns(request: HttpRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "tracer/campaigns.html",
        _context(access, campaigns=visible_campaigns(access).select_related("school", "region")),
    )


@organisation_view("tracer.manage")
def campaign_new(request: HttpRequest, access: Access) -> HttpResponse:
    org = access.organisation
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scope = {"region": org.region} if org.is_office else {"school": org}
        campaign = services.campaign_open(
            owner=org, cohorts=data["cohorts"], start=data["start"], end=data["end"],
            reference_date=data["reference_date"], name=data["name"],
            extra_questions=data["extra"], actor=request.user, **scope,
        )  # fmt: skip
        messages.success(request, _("Kampanye dibuka; tautan pribadi sudah dibuat."))
        return redirect("tracer:campaign", org=org.code, campaign=campaign.code)
    return render(request, "tracer/campaign_new.html", _context(access, form=form))


@organisation_view("tracer.view")
def campaign(request: HttpRequest, access: Access, campaign: str) -> HttpResponse:
    found = get_campaign(access, campaign)
    links_qs = visible_links(access, found)
    by = request.GET.get("per") or ("school" if access.organisation.is_office else "class")
    if by not in {"school", "major", "class", "cohort"}:
        by = "class"
    rows = progress(links_qs, by)
    context = _context(
        access, campaign=found, rows=rows, total=totals(rows), per=by, paused=_paused(request)
    )
    if getattr(request, "htmx", False):
        return render(request, "tracer/progress_table.html", context)
    return render(request, "tracer/campaign.html", context)


@organisation_view("tracer.people")
def follow_up(
    request: HttpRequest, access: Access, campaign: str, school_class: str
) -> HttpResponse:
    """A homeroom teacher's class: who answered, who started, who is silent, with WhatsApp."""
    found = get_campaign(access, campaign)
    klass = get_object_or_404(SchoolClass, organisation=access.organisation, code=school_class)
    rows = (
        with_status(visible_links(access, found).filter(alumnus__school_class=klass))
        .select_related("alumnus")
        .order_by("alumnus__name")
    )
    if access.teacher_only and klass.homeroom_teacher_id != access.user.pk:
        raise Http404
    log_view(request=request, action="follow_up.viewed", obj=klass,
             organisation=access.organisation, campaign=found.code)  # fmt: skip
    people = []
    for link in rows:
        url = links.survey_url(link.seed)
        alumnus = link.alumnus
        people.append({
            "link": link, "alumnus": alumnus, "url": url,
            "whatsapp": links.whatsapp_url(
                alumnus.phone, alumnus.name, access.organisation.name, url,
                training=access.organisation.kind == Organisation.Kind.TRAINING_CENTRE,
            ) if alumnus.whatsapp_number else "",
        })  # fmt: skip
    return render(
        request,
        "tracer/follow_up.html",
        _context(
            access,
            campaign=found,
            klass=klass,
            people=people,
            can_enter=access.can("tracer.enter"),
            paused=_paused(request),
        ),
    )


def _paused(request: HttpRequest) -> bool:
    """The person asked the page to stop refreshing itself (WCAG 2.2.2), by a plain link."""
    return request.GET.get("segar") == "0"


@organisation_view("tracer.enter")
def staff_entry(request: HttpRequest, access: Access, campaign: str, code: str) -> HttpResponse:
    """A teacher types in an answer taken by phone or on paper, marked as such."""
    found = get_campaign(access, campaign)
    alumnus = get_alumnus(access, code)
    if not SurveyLink.objects.filter(campaign=found, alumnus=alumnus).exists():
        raise Http404
    response = Response.objects.filter(campaign=found, alumnus=alumnus).first()
    answers: dict[str, Any] = dict(response.answers) if response else {}
    if request.method == "GET":
        log_view(request=request, action="response.viewed", obj=alumnus,
                 organisation=access.organisation, campaign=found.code,
                 answered=response is not None)  # fmt: skip
    source_form = StaffEntryForm(request.POST or None)
    errors: dict[str, str] = {}
    if request.method == "POST":
        answers = request.POST.dict()
        if source_form.is_valid():
            checked = services.response_save(
                campaign=found, alumnus=alumnus, raw=answers, submit=True,
                source=source_form.cleaned_data["source"], entered_by=request.user,
            )  # fmt: skip
            if checked.ok:
                messages.success(request, _("Jawaban %(name)s tersimpan.") % {"name": alumnus.name})
                target = alumnus.school_class.code if alumnus.school_class else None
                if target:
                    return redirect("tracer:follow_up", org=access.organisation.code,
                                    campaign=found.code, school_class=target)  # fmt: skip
                return redirect("tracer:campaign", org=access.organisation.code,
                                campaign=found.code)  # fmt: skip
            errors = checked.errors
    activity = request.GET.get(ACTIVITY.key) or answers.get(ACTIVITY.key, "")
    if activity not in dict(ACTIVITY.options):
        activity = ""
    answers[ACTIVITY.key] = activity

    return render(
        request,
        "tracer/staff_entry.html",
        _context(
            access, campaign=found, alumnus=alumnus, answers=answers, errors=errors,
            source_form=source_form, activities=ACTIVITY.options, activity=activity,
            questions=questions_for(activity, found.extra_questions) if activity else [],
            industries=Industry.objects.all(),
        ),
        status=422 if errors else 200,
    )  # fmt: skip


@organisation_view("tracer.manage")
def links_csv(request: HttpRequest, access: Access, campaign: str) -> HttpResponse:
    """Every visible link of the campaign, streamed row by row (a province campaign has
    200,000 of them: nothing is held in memory)."""
    found = get_campaign(access, campaign)
    chosen = visible_links(access, found)
    log_view(request=request, action="survey_links.exported", obj=found,
             organisation=access.organisation, rows=chosen.count())  # fmt: skip
    lines = itertools.chain(["\ufeff"], csv_lines(link_rows(chosen), delimiter=";"))  # BOM: Excel
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tautan-{found.code}.csv"'
    return response  # type: ignore[return-value]  # organisation_view passes any response on


LINK_HEADERS = ["nisn", "nama", "rombel", "hp", "tautan", "whatsapp"]


def link_rows(links_qs: Any) -> Iterator[list[str]]:
    """The header, then one row per link, read in chunks of plain values (no model objects
    kept), in class then name order."""
    yield LINK_HEADERS
    values = links_qs.order_by("alumnus__school_class__name", "alumnus__name").values_list(
        "seed", "alumnus__nisn", "alumnus__name", "alumnus__school_class__name",
        "alumnus__phone", "alumnus__organisation__name", "alumnus__organisation__kind",
    )  # fmt: skip
    for seed, nisn, name, klass, phone, school, kind in values.iterator(chunk_size=2000):
        url = links.survey_url(seed)
        training = kind == Organisation.Kind.TRAINING_CENTRE
        whatsapp = (
            links.whatsapp_url(phone, name, school, url, training=training)
            if whatsapp_number_of(phone) else ""
        )  # fmt: skip
        yield [nisn, name, klass or "", phone, url, whatsapp]


def write_links_csv(out: Any, links_qs: Any, delimiter: str = ",") -> None:
    """The links CSV into a file-like `out`, row by row (the `campaign_links` command)."""
    for line in csv_lines(link_rows(links_qs), delimiter=delimiter):
        out.write(line)


@organisation_view("tracer.people")
def qr_cards(
    request: HttpRequest, access: Access, campaign: str, school_class: str
) -> HttpResponse:
    """Printable cards, one per alumnus, each with the personal link as a QR code."""
    found = get_campaign(access, campaign)
    klass = get_object_or_404(SchoolClass, organisation=access.organisation, code=school_class)
    cards = []
    for link in (
        visible_links(access, found)
        .filter(alumnus__school_class=klass)
        .select_related("alumnus")
        .order_by("alumnus__name")
    ):
        url = links.survey_url(link.seed)
        svg = segno.make(url, error="m").svg_inline(scale=3, border=2)
        cards.append({"alumnus": link.alumnus, "url": url, "qr": mark_safe(svg)})
    log_view(request=request, action="qr_cards.viewed", obj=klass,
             organisation=access.organisation, campaign=found.code, cards=len(cards))  # fmt: skip
    return render(
        request, "tracer/qr_cards.html", _context(access, campaign=found, klass=klass, cards=cards)
    )


@organisation_view("tracer.manage")
@require_POST
def remind(request: HttpRequest, access: Access, campaign: str) -> HttpResponse:
    found = get_campaign(access, campaign)
    if not confirmed(request):  # mail that has left cannot be called back
        return ask(
            request, access=access, title=_("Kirim putaran pengingat?"),
            consequence=_("Email pengingat akan dikirim ke setiap alumni %(name)s yang belum "
                          "menjawab atau belum selesai dan punya alamat email. Email yang "
                          "sudah terkirim tidak bisa ditarik kembali.") % {"name": found.name},
            button=_("Ya, kirim pengingat"), back=_campaign_url(access, found),
        )  # fmt: skip
    count = services.reminder_round(
        campaign=found, actor=request.user, links_qs=visible_links(access, found)
    )
    messages.success(request, _("%(n)s email pengingat dijadwalkan, bertahap.") % {"n": count})
    return redirect("tracer:campaign", org=access.organisation.code, campaign=found.code)


@organisation_view("tracer.manage")
@require_POST
def close(request: HttpRequest, access: Access, campaign: str) -> HttpResponse:
    found = get_campaign(access, campaign)
    if found.owner_id != access.organisation.pk:
        raise Http404
    services.campaign_close(campaign=found, actor=request.user)
    # Closing is cheap to undo, so it asks nothing and offers "Buka lagi" on the page instead.
    messages.success(
        request,
        _(
            "Kampanye ditutup; jawaban tidak bisa diubah lagi. Tertutup "
            "tidak sengaja? Pakai tombol “Buka lagi kampanye”."
        ),
    )
    return redirect(_campaign_url(access, found))


@organisation_view("tracer.manage")
@require_POST
def reopen(request: HttpRequest, access: Access, campaign: str) -> HttpResponse:
    """The undo of `close`."""
    found = get_campaign(access, campaign)
    if found.owner_id != access.organisation.pk or found.state != Campaign.State.CLOSED:
        raise Http404
    services.campaign_reopen(campaign=found, actor=request.user)
    messages.success(request, _("Kampanye dibuka lagi; tautan alumni berlaku kembali."))
    return redirect(_campaign_url(access, found))


def _campaign_url(access: Access, campaign: Campaign) -> str:
    return reverse("tracer:campaign", kwargs={"org": access.organisation.code,
                                              "campaign": campaign.code})  # fmt: skip


@organisation_view("tracer.enter")
@require_POST
def reissue(request: HttpRequest, access: Access, campaign: str, code: str) -> HttpResponse:
    found = get_campaign(access, campaign)
    alumnus = get_alumnus(access, code)
    link = get_object_or_404(SurveyLink, campaign=found, alumnus=alumnus)
    if not confirmed(request):
        return ask(
            request, access=access,
            title=_("Ganti tautan survei %(name)s?") % {"name": alumnus.name},
            consequence=_("Tautan lama berhenti berlaku; alumni yang sudah menerimanya tidak "
                          "bisa membukanya lagi. Kirim tautan baru kepadanya setelah ini. "
                          "Jawaban yang sudah masuk tetap tersimpan."),
            button=_("Ya, ganti dengan tautan baru"), back=_follow_up_url(access, found, alumnus),
        )  # fmt: skip
    services.link_reissue(link=link, actor=request.user)
    messages.success(request, _("Tautan baru untuk %(name)s dibuat; yang lama tidak berlaku.")
                     % {"name": alumnus.name})  # fmt: skip
    return redirect(_follow_up_url(access, found, alumnus))


@organisation_view("tracer.people")
@require_POST
def national_mark(request: HttpRequest, access: Access, campaign: str, code: str) -> HttpResponse:
    """Tick (or untick) "filled in the national form" for one alumnus the person follows up."""
    found = get_campaign(access, campaign)
    alumnus = get_alumnus(access, code)
    link = get_object_or_404(visible_links(access, found), alumnus=alumnus)
    filled = request.POST.get("filled") == "1"
    services.link_national_mark(link=link, filled=filled, actor=request.user, via="tick")
    return redirect(_follow_up_url(access, found, alumnus))


@organisation_view("tracer.manage")
def national_download(
    request: HttpRequest, access: Access, campaign: str, fmt: str
) -> HttpResponse:
    """The campaign's answers in the national form's terms, one row per alumnus (a school's:
    it names its alumni)."""
    found = _school_campaign(access, campaign)
    data, count = national_export(visible_links(access, found), fmt)
    log_view(request=request, action="national_export.downloaded", obj=found,
             organisation=access.organisation, rows=count, format=fmt)  # fmt: skip
    if fmt == "csv":
        response = HttpResponse(data, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="nasional-{found.code}.csv"'
        return response
    return xlsx_response(data, f"nasional-{found.code}.xlsx")


def _follow_up_url(access: Access, campaign: Campaign, alumnus: Any) -> str:
    """The alumnus's class page in the campaign, or the campaign when they have no class."""
    if alumnus.school_class is None:
        return _campaign_url(access, campaign)
    return reverse("tracer:follow_up", kwargs={
        "org": access.organisation.code, "campaign": campaign.code,
        "school_class": alumnus.school_class.code})  # fmt: skip


@organisation_view("register.edit")
def graduation(request: HttpRequest, access: Access) -> HttpResponse:
    form = GraduationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        GraduationDate.objects.update_or_create(
            organisation=access.organisation, cohort=form.cleaned_data["cohort"],
            defaults={"date": form.cleaned_data["date"]},
        )  # fmt: skip
        messages.success(request, _("Tanggal kelulusan disimpan."))
        return redirect("tracer:graduation", org=access.organisation.code)
    dates = GraduationDate.objects.filter(organisation=access.organisation).order_by("-cohort")
    return render(request, "tracer/graduation.html", _context(access, form=form, dates=dates))


@organisation_view("tracer.people")
def employers(request: HttpRequest, access: Access, campaign: str) -> HttpResponse:
    """The employer satisfaction survey of a campaign: invitations, links and the results."""
    found = get_campaign(access, campaign)
    surveys = visible_employer_surveys(access, found)
    school = None if access.organisation.is_office else access.organisation
    may_invite = school is not None and access.can("tracer.manage")
    form = EmployerInviteForm(
        request.POST or None, initial={"employer_name": request.GET.get("nama")}
    )
    if request.method == "POST":
        if not may_invite or school is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            services.employer_survey_add(campaign=found, school=school, actor=request.user, **data)
            messages.success(request, _("Undangan untuk %(name)s dibuat.")
                             % {"name": data["employer_name"]})  # fmt: skip
            return redirect("tracer:employers", org=access.organisation.code, campaign=found.code)
    rows = [_employer_row(survey) for survey in surveys]
    context = _context(
        access, campaign=found, rows=rows, form=form, may_invite=may_invite,
        summary=employer.summarise(s.answers for s in surveys if s.submitted_at),
        answered=sum(1 for row in rows if row["survey"].submitted_at),
        suggestions=employer_suggestions(school, found) if may_invite else [],
    )  # fmt: skip
    return render(request, "tracer/employers.html", context, status=422 if form.errors else 200)


def _employer_row(survey: EmployerSurvey) -> dict[str, Any]:
    url = links.survey_url(survey.seed, "tracer:employer_survey")
    whatsapp = (
        links.employer_whatsapp_url(
            survey.contact_phone, survey.contact_name or survey.employer_name,
            survey.school.name, url,
        )
        if survey.contact_phone
        else ""
    )  # fmt: skip
    return {"survey": survey, "url": url, "whatsapp": whatsapp}


def _school_campaign(access: Access, campaign: str) -> Campaign:
    """Bulk answers are a school's: an office's page has no alumni to match them to."""
    if access.organisation.is_office:
        raise Http404
    return get_campaign(access, campaign)


@organisation_view("register.import")
def responses_import(request: HttpRequest, access: Access, campaign: str) -> HttpResponse:
    """Upload paper and phone answers in bulk: checked first, then imported as a job."""
    found = _school_campaign(access, campaign)
    form = UploadForm(request.POST or None, request.FILES or None, with_cohort=False)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_job_create(
            organisation=access.organisation, kind=ImportJob.Kind.RESPONSES,
            filename=upload.name, data=upload.read(), actor=request.user,
            campaign_code=found.code,
        )  # fmt: skip
        return redirect("alumni:import_job", org=access.organisation.code, job=job.code)
    recent = ImportJob.objects.filter(organisation=access.organisation, campaign_code=found.code)[
        :10
    ]
    return render(
        request,
        "tracer/responses_import.html",
        _context(access, campaign=found, form=form, recent=recent),
    )


@organisation_view("register.import")
def responses_template(request: HttpRequest, access: Access, campaign: str) -> HttpResponse:
    """The answers template, one row per alumnus of this school in the campaign, NISN filled."""
    found = _school_campaign(access, campaign)
    rows = [
        [{"nisn": nisn, "sumber": "kertas"}.get(column, "") for column in RESPONSE_COLUMNS]
        for nisn in visible_links(access, found)
        .order_by("alumnus__school_class__name", "alumnus__name")
        .values_list("alumnus__nisn", flat=True)
        if nisn
    ]
    data = write_table(
        RESPONSE_COLUMNS,
        rows,
        sheet="Jawaban",
        text_columns=("nisn", "kode_wilayah_kerja", "kbji"),
        notes=[
            _("kegiatan: bekerja, melanjutkan, wirausaha, kursus, mencari_kerja, "
              "belum_memungkinkan, lainnya. tanggal_mulai: bulan mulai (08-2025). kbli: huruf "
              "seksi; kbji: angka golongan pokok; kode_wilayah_kerja: kode kabupaten (35.09) "
              "atau negara; formal: ya/tidak; keselarasan: 1-4; sumber: kertas/telepon. "
              "kegiatan_lain: kegiatan kedua yang dijalani bersamaan (mis. melanjutkan di "
              "samping bekerja). tanggal_kerja_pertama: bulan mulai pekerjaan pertama bila "
              "berbeda dari yang sekarang. jumlah_pindah_kerja: angka. status_pekerjaan: "
              "berusaha_sendiri, dibantu_tidak_tetap, dibantu_tetap, buruh, pekerja_bebas, "
              "pekerja_keluarga. tanggal_jawab: tanggal jawaban diberikan. isi_nasional: "
              "ya/tidak, alumni sudah mengisi formulir Tracer Study Vokasi nasional (baris "
              "tanpa kegiatan hanya mengubah tanda ini)."),
        ],
    )  # fmt: skip
    log_view(request=request, action="survey_template.exported", obj=found,
             organisation=access.organisation, rows=len(rows))  # fmt: skip
    return xlsx_response(data, f"jawaban-{found.code}.xlsx")
