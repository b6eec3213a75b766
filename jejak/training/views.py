"""BLK pages: programmes, batches with their trainees and results, trainee imports, the
public sign-up and its acceptance, the "same person?" check, and the offices' BLK list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jejak.accounts.access import Access, organisation_view
from jejak.alumni import import_jobs
from jejak.alumni.forms import UploadForm
from jejak.alumni.models import Alumnus, ImportJob
from jejak.audit.services import log_view
from jejak.confirm import ask, confirmed
from jejak.lib.formulas import SafeCsvWriter
from jejak.lib.values import ValueProblem, parse_date
from jejak.lib.xlsx import write_table, xlsx_response
from jejak.ratelimit.limiter import over_limit
from jejak.training import reports, selectors, services
from jejak.training.definitions import figure_rows, side_by_side_context
from jejak.training.forms import BatchForm, ProgrammeForm, ResultsForm, SignupForm
from jejak.training.importing import TRAINEE_COLUMNS
from jejak.training.models import Enrolment
from jejak.training.outcome_import import COLUMNS as OUTCOME_COLUMNS

SIGNUPS_PER_MINUTE = 5
CAMPAIGN_DAYS = 60
SPLIT_PAGES = {
    "program": gettext_lazy("Per program"), "disability": gettext_lazy("Disabilitas"),
    "sex": gettext_lazy("Jenis kelamin"), "age": gettext_lazy("Kelompok umur"),
    "funding": gettext_lazy("Sumber dana"),
}  # fmt: skip
KEY_LABELS = {
    "yes": gettext_lazy("Dengan disabilitas"), "no": gettext_lazy("Tanpa disabilitas"),
    "L": gettext_lazy("Laki-laki"), "P": gettext_lazy("Perempuan"), "APBN": "APBN",
    "APBD": "APBD", "LAINNYA": gettext_lazy("Lainnya"), "15-24": "15–24", "25-34": "25–34",
    "35-44": "35–44", "45+": "45+", "<15": gettext_lazy("Di bawah 15"),
    "unknown": gettext_lazy("Tidak diketahui"),
}  # fmt: skip
SPLIT_NOTES = {"age": gettext_lazy(
    "Umur pada tanggal mulai gelombang, dari tanggal lahir peserta. Kelompok umur mengikuti "
    "kelompok umur lima tahunan Sakernas BPS yang digabung per sepuluh tahun; 15–24 adalah "
    "usia muda dalam tingkat pengangguran terbuka usia muda BPS. Peserta tanpa tanggal lahir "
    "masuk kelompok “tidak diketahui”."
)}  # fmt: skip


def _blk(access: Access) -> None:
    if access.organisation.kind != access.organisation.Kind.TRAINING_CENTRE:
        raise Http404


def _context(access: Access, **extra: Any) -> dict[str, Any]:
    return {"access": access, "org": access.organisation, **extra}


@organisation_view("training.view")
def programme_list(request: HttpRequest, access: Access) -> HttpResponse:
    _blk(access)
    found = selectors.programmes(access.organisation).prefetch_related("occupations")
    return render(request, "training/programmes.html", _context(access, programmes=found))


@organisation_view("training.manage")
def programme_edit(request: HttpRequest, access: Access, programme: str = "") -> HttpResponse:
    _blk(access)
    blk = access.organisation
    instance = selectors.get_programme(blk, programme) if programme else None
    form = ProgrammeForm(request.POST or None, instance=instance, blk=blk)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.PROGRAMME_FIELDS}
        if instance is not None and instance.own_code != form.cleaned_data["own_code"]:
            instance.own_code = form.cleaned_data["own_code"]
            instance.save(update_fields=["own_code"])
        services.programme_save(
            blk=blk, own_code=form.cleaned_data["own_code"], actor=request.user, data=data,
            occupations=list(form.cleaned_data["occupations"]),
            industries=list(form.cleaned_data["industries"]),
        )  # fmt: skip
        messages.success(request, _("Program disimpan."))
        return redirect("training:programmes", org=blk.code)
    return render(request, "training/programme_edit.html",
                  _context(access, form=form, programme=instance))  # fmt: skip


@organisation_view("training.view")
def batch_list(request: HttpRequest, access: Access) -> HttpResponse:
    _blk(access)
    found = selectors.batches(access.organisation)
    return render(request, "training/batches.html", _context(access, batches=found))


@organisation_view("training.manage")
def batch_new(request: HttpRequest, access: Access) -> HttpResponse:
    _blk(access)
    form = BatchForm(request.POST or None, blk=access.organisation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        batch = services.batch_open(
            programme=data.pop("programme"), start_date=data.pop("start_date"),
            end_date=data.pop("end_date"), funding=data.pop("funding"),
            own_code=(data.pop("own_code") or "").strip(), actor=request.user, data=data,
        )  # fmt: skip
        messages.success(request, _("Gelombang %(code)s dibuka.") % {"code": batch.own_code})
        return redirect("training:batch", org=access.organisation.code, batch=batch.code)
    return render(request, "training/batch_edit.html", _context(access, form=form, batch=None))


@organisation_view("training.manage")
def batch_edit(request: HttpRequest, access: Access, batch: str) -> HttpResponse:
    _blk(access)
    found = selectors.get_batch(access.organisation, batch)
    form = BatchForm(request.POST or None, instance=found, blk=access.organisation)
    if request.method == "POST" and form.is_valid():
        found.refresh_from_db()  # the form set the fields on the instance; let the service
        services.batch_update(batch=found, actor=request.user, data=form.cleaned_data)
        if form.cleaned_data["own_code"] and form.cleaned_data["own_code"] != found.own_code:
            found.own_code = form.cleaned_data["own_code"]
            found.save(update_fields=["own_code"])
        return redirect("training:batch", org=access.organisation.code, batch=found.code)
    return render(request, "training/batch_edit.html", _context(access, form=form, batch=found))


@organisation_view("training.view")
def batch_detail(request: HttpRequest, access: Access, batch: str) -> HttpResponse:
    _blk(access)
    found = selectors.get_batch(access.organisation, batch)
    enrolments = list(selectors.batch_enrolments(found))
    log_view(request=request, action="batch.trainees_viewed", obj=found,
             organisation=access.organisation, count=len(enrolments))  # fmt: skip
    matches = selectors.batch_possible_matches(found)
    as_of, blks = _as_of(request), [access.organisation]
    figures = selectors.blk_figures(blks, as_of, batch=found.code)
    context = _context(
        access, batch=found, matches=matches, as_of=as_of, figures=figures,
        rows=figure_rows(figures), campaigns=found.campaigns.all(),
        by_disability=_labelled(selectors.figures_by(blks, as_of, "disability", batch=found.code)),
        splits=_splits(blks, as_of, ("sex", "age"), batch=found.code),
        uld_candidates=selectors.not_working_with_disability(found, as_of),
        **side_by_side_context(),
        trainees=[e for e in enrolments if e.status == Enrolment.Status.ENROLLED],
        applied=[e for e in enrolments if e.status == Enrolment.Status.APPLIED],
        signup_url=request.build_absolute_uri(reverse("training:signup", args=[found.code])),
    )  # fmt: skip
    return render(request, "training/batch.html", context)


@organisation_view("tracer.manage")
@require_POST
def batch_campaign(request: HttpRequest, access: Access, batch: str) -> HttpResponse:
    """Open a tracer campaign for the batch's trainees (personal links, WhatsApp, follow-up)."""
    _blk(access)
    found = selectors.get_batch(access.organisation, batch)
    today = timezone.localdate()
    campaign = services.batch_campaign_open(
        batch=found, start=today, end=today + dt.timedelta(days=CAMPAIGN_DAYS), actor=request.user
    )
    messages.success(request, _("Penelusuran gelombang dibuka; tautan pribadi sudah dibuat."))
    return redirect("tracer:campaign", org=access.organisation.code, campaign=campaign.code)


@organisation_view("indicators.view")
def blk_indicators(request: HttpRequest, access: Access) -> HttpResponse:
    """The BLK's figures, then per programme, disability, sex, age band and funding source,
    each with its definition."""
    _blk(access)
    blks, as_of = [access.organisation], _as_of(request)
    figures = selectors.blk_figures(blks, as_of)
    context = _context(access, as_of=as_of, figures=figures, rows=figure_rows(figures),
                       splits=_splits(blks, as_of, tuple(SPLIT_PAGES)),
                       **side_by_side_context())  # fmt: skip
    return render(request, "training/indicators.html", context)


@organisation_view("indicators.view")
def batch_report(request: HttpRequest, access: Access, batch: str, fmt: str) -> HttpResponse:
    """The batch's figures as PDF or XLSX (aggregates, no names)."""
    _blk(access)
    found = selectors.get_batch(access.organisation, batch)
    data = reports.batch_report_data(found, _as_of(request))
    if fmt == "pdf":
        return reports.batch_report_pdf(request, data)
    if fmt == "xlsx":
        return reports.batch_report_xlsx(data)
    raise Http404


@organisation_view("training.view")
def link_and_match(request: HttpRequest, access: Access) -> HttpResponse:
    """Per programme: open vacancies for its occupations beside its past placement rate."""
    _blk(access)
    as_of = _as_of(request)
    rows = selectors.link_and_match(access.organisation, as_of)
    return render(request, "training/link_and_match.html",
                  _context(access, rows=rows, as_of=as_of, **side_by_side_context()))  # fmt: skip


def _splits(
    blks: list[Any], as_of: dt.date, names: tuple[str, ...], *, batch: str = ""
) -> list[dict[str, Any]]:
    """One side-by-side table per split, with its title and (for age) where its bands come from."""
    found = selectors.figures_by_many(blks, as_of, names, batch=batch)
    return [
        {"title": SPLIT_PAGES[name], "note": SPLIT_NOTES.get(name, ""),
         "items": _labelled(found[name])}
        for name in names
    ]  # fmt: skip


def _labelled(groups: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"label": KEY_LABELS.get(k, k), "figures": f} for k, f in groups.items()]


def _as_of(request: HttpRequest) -> dt.date:
    """The reference date from ?per=YYYY-MM-DD, else today."""
    try:
        return parse_date(request.GET.get("per")) or timezone.localdate()
    except ValueProblem:
        return timezone.localdate()


@organisation_view("training.manage")
def results(request: HttpRequest, access: Access, enrolment: str) -> HttpResponse:
    _blk(access)
    found = selectors.get_enrolment(access.organisation, enrolment)
    form = ResultsForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        found.refresh_from_db()
        services.enrolment_results_record(
            enrolment=found, actor=request.user, data=form.cleaned_data
        )
        messages.success(request, _("Hasil pelatihan %(name)s disimpan.")
                         % {"name": found.alumnus.name})  # fmt: skip
        return redirect("training:batch", org=access.organisation.code, batch=found.batch.code)
    return render(request, "training/results.html", _context(access, form=form, enrolment=found))


@organisation_view("training.manage")
@require_POST
def signup_decide(request: HttpRequest, access: Access, enrolment: str) -> HttpResponse:
    _blk(access)
    found = selectors.get_enrolment(access.organisation, enrolment)
    if found.status != Enrolment.Status.APPLIED:
        raise Http404
    accept = request.POST.get("accept") == "1"
    if not accept and not confirmed(request):
        return ask(
            request, access=access, title=_("Tolak pendaftaran %(name)s?")
            % {"name": found.alumnus.name},
            consequence=_("Pendaftar tidak masuk gelombang ini dan hilang dari daftar "
                          "pendaftar; ia bisa mendaftar lagi di gelombang lain."),
            button=_("Ya, tolak"),
            back=reverse("training:batch", args=[access.organisation.code, found.batch.code]),
        )  # fmt: skip
    services.signup_decide(enrolment=found, actor=request.user, accept=accept)
    return redirect("training:batch", org=access.organisation.code, batch=found.batch.code)


@organisation_view("training.manage")
def same_person(request: HttpRequest, access: Access, enrolment: str) -> HttpResponse:
    """ "Kemungkinan orang yang sama": records elsewhere with the trainee's NIK or name and
    birth date. The BLK sees only where they are. Each can be answered "orang yang sama"
    (a link; asks first) or "bukan orang yang sama" (never suggested again; undo below)."""
    _blk(access)
    found = selectors.get_enrolment(access.organisation, enrolment)
    candidates = selectors.possible_same_person(found.alumnus)
    back = reverse("training:batch", args=[access.organisation.code, found.batch.code])
    here = reverse("training:same_person", args=[access.organisation.code, found.code])
    if request.method == "POST":
        chosen = next((c for c in candidates if c.code == request.POST.get("other")), None)
        if chosen is None:
            raise Http404
        other = Alumnus.objects.select_related("organisation").get(code=chosen.code)
        if request.POST.get("answer") == "not_same":
            services.person_not_same(trainee=found.alumnus, other=other, actor=request.user)
            messages.success(request, _("Dicatat: bukan orang yang sama. Pasangan ini tidak "
                                        "diusulkan lagi."))  # fmt: skip
            return redirect(here)
        if not confirmed(request):
            return ask(
                request, access=access, title=_("Tautkan sebagai orang yang sama?"),
                consequence=_(
                    "%(name)s di BLK ini dan catatan di %(school)s akan diperlakukan sebagai "
                    "satu orang: orang itu melihat kedua riwayatnya di halaman pribadinya. "
                    "Data sekolah tetap milik sekolah. Bila keliru, tautan bisa dilepas lagi "
                    "dari halaman ini."
                ) % {"name": found.alumnus.name, "school": chosen.organisation},
                button=_("Ya, orang yang sama"), back=here,
            )  # fmt: skip
        services.person_link(trainee=found.alumnus, other=other, actor=request.user)
        messages.success(request, _("Riwayat ditautkan."))
        return redirect(back)
    linked, not_same = selectors.person_answers(found.alumnus)
    context = _context(access, enrolment=found, candidates=candidates, back=back,
                       linked=linked, not_same=not_same)  # fmt: skip
    return render(request, "training/same_person.html", context)


@organisation_view("training.manage")
@require_POST
def same_person_undo(request: HttpRequest, access: Access, enrolment: str) -> HttpResponse:
    """Undo an answer about the trainee and one record elsewhere: unlink a link made by
    mistake (asks first: the two histories part again), or withdraw a "bukan orang yang
    sama" answer (cheap to redo: the pair is only suggested again)."""
    _blk(access)
    found = selectors.get_enrolment(access.organisation, enrolment)
    here = reverse("training:same_person", args=[access.organisation.code, found.code])
    code, trainee = request.POST.get("other", ""), found.alumnus
    if request.POST.get("answer") == "not_same":
        other = selectors.answered_record(trainee, code, "not_same")
        services.person_not_same_withdraw(trainee=trainee, other=other, actor=request.user)
        messages.success(request, _("Jawaban ditarik; pasangan ini bisa diusulkan lagi."))
        return redirect(here)
    other = selectors.answered_record(trainee, code, "same")
    if not confirmed(request):
        return ask(
            request, access=access, title=_("Lepaskan tautan orang yang sama?"),
            consequence=_(
                "%(name)s di BLK ini dan catatan di %(other)s tidak lagi dianggap satu orang: "
                "halaman pribadi masing-masing hanya menampilkan riwayatnya sendiri lagi, dan "
                "pasangan ini dicatat sebagai bukan orang yang sama (tidak diusulkan lagi). "
                "Riwayat kegiatan, hasil pelatihan dan persetujuan data tidak pernah digabung "
                "oleh tautan, jadi tetap seperti sebelum ditautkan. Keanggotaan jaringan alumni "
                "yang dibuat lewat akun pemilik catatan lain dihapus. Yang tidak bisa "
                "dibatalkan: apa yang sudah dilihat pemilik akun lain selama tautan berlaku, "
                "dan keanggotaan jaringan yang sempat ia akhiri."
            ) % {"name": trainee.name, "other": other.organisation.name},
            button=_("Ya, lepaskan tautan"), back=here,
        )  # fmt: skip
    services.person_unlink(trainee=trainee, other=other, actor=request.user)
    messages.success(request, _("Tautan dilepas: kedua catatan kembali menjadi riwayat "
                                "masing-masing."))  # fmt: skip
    return redirect(here)


@organisation_view("register.import")
def trainee_import(request: HttpRequest, access: Access, batch: str) -> HttpResponse:
    return _batch_import(request, access, batch, ImportJob.Kind.TRAINEES)


@organisation_view("tracer.manage")
def outcome_import(request: HttpRequest, access: Access, batch: str) -> HttpResponse:
    """What the batch's trainees did after training, from the placement officer's sheet: the
    same upload, dry run, rejects file and confirmation as the trainee list."""
    return _batch_import(request, access, batch, ImportJob.Kind.OUTCOMES)


# Per import kind of a batch: the page title, the columns (the command-line contracts) and
# the template's name and example row.
BATCH_IMPORTS: dict[str, dict[str, Any]] = {
    ImportJob.Kind.TRAINEES: {
        "title": gettext_lazy("Impor peserta"), "columns": TRAINEE_COLUMNS, "template": "template",
        "filename": "templat-peserta",
        "example": ["3509015203010001", "Dewi Lestari", "P", "12-03-2001", "SMK",
                    "Jl. Kenanga 2", "35.09", "0812-3456-7001", "", "mencari kerja", "Ya", "",
                    "Ya"],
    },
    ImportJob.Kind.OUTCOMES: {
        "title": gettext_lazy("Impor kegiatan setelah pelatihan"), "columns": OUTCOME_COLUMNS,
        "template": "outcome_template", "filename": "templat-kegiatan",
        "example": ["3509015203010001", "formal", "01-06-2026", "PT Maju Jaya", "C", "7231",
                    "35.09", "2.500.000", "telepon"],
        "note": gettext_lazy("Kegiatan: formal, informal, wirausaha, pelatihan_lanjut atau "
                      "mencari_kerja. Satu baris per kegiatan; kegiatan yang lebih baru "
                      "menggantikan yang lama sejak tanggal mulainya. NIK harus peserta "
                      "gelombang ini."),
    },
}  # fmt: skip


def _batch_import(request: HttpRequest, access: Access, batch: str, kind: str) -> HttpResponse:
    """Upload a sheet for one of the batch's imports: it is stored and dry-run as an import
    job (alumni.import_jobs), whose page lists every rejected row and confirms the real run."""
    _blk(access)
    found = selectors.get_batch(access.organisation, batch)
    form = UploadForm(request.POST or None, request.FILES or None, with_cohort=False)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_jobs.import_job_create(
            organisation=access.organisation, kind=kind, filename=upload.name,
            data=upload.read(), actor=request.user, cohort=found.cohort, batch_code=found.code,
        )  # fmt: skip
        return redirect("alumni:import_job", org=access.organisation.code, job=job.code)
    recent = ImportJob.objects.filter(
        organisation=access.organisation, batch_code=found.code, kind=kind
    )
    return render(request, "training/import.html",
                  _context(access, form=form, batch=found, recent=recent[:10],
                           spec=BATCH_IMPORTS[kind]))  # fmt: skip


@organisation_view("register.import")
def trainee_template(request: HttpRequest, access: Access) -> HttpResponse:
    _blk(access)
    return _sheet_template(BATCH_IMPORTS[ImportJob.Kind.TRAINEES], "csv")


@organisation_view("tracer.manage")
def outcome_template(request: HttpRequest, access: Access, fmt: str) -> HttpResponse:
    _blk(access)
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    return _sheet_template(BATCH_IMPORTS[ImportJob.Kind.OUTCOMES], fmt)


def _sheet_template(spec: dict[str, Any], fmt: str) -> HttpResponse:
    """An import's template: its columns and one example row, as `;` CSV or XLSX."""
    rows = [spec["columns"], spec["example"]]
    if fmt == "xlsx":
        data = write_table(spec["columns"], rows[1:], sheet="Data",
                           text_columns=("nik", "hp", "kode_wilayah", "kode_wilayah_kerja",
                                         "kbli", "kbji"))  # fmt: skip
        return xlsx_response(data, f"{spec['filename']}.xlsx")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{spec["filename"]}.csv"'
    response.write("\ufeff")  # Indonesian-locale Excel reads `;` CSV with a BOM as UTF-8
    SafeCsvWriter(response, delimiter=";").writerows(rows)
    return response


# --- Public sign-up -------------------------------------------------------------------------


def signup(request: HttpRequest, batch: str) -> HttpResponse:
    found = selectors.public_batch(batch)
    form = SignupForm(request.POST or None, batch=found)
    context: dict[str, Any] = {"batch": found, "form": form}
    if request.method == "POST":
        if over_limit(request, "batch_signup", SIGNUPS_PER_MINUTE):
            return render(request, "training/signup.html", {**context, "busy": True}, status=429)
        if form.is_valid():
            services.signup_submit(batch=found, data=form.cleaned_data)
            return redirect("training:signup_sent", batch=found.code)
    return render(request, "training/signup.html", context)


def signup_sent(request: HttpRequest, batch: str) -> HttpResponse:
    return render(request, "training/signup_sent.html", {"batch": selectors.public_batch(batch)})


# --- Offices --------------------------------------------------------------------------------


@organisation_view("network.view")
def office_blks(request: HttpRequest, access: Access) -> HttpResponse:
    """The area's BLKs side by side and the area split by group: the stored figures of
    today, or, for a reference date the analyst picks (?per=), computed for that date."""
    if not access.organisation.is_office:
        raise Http404
    rows = selectors.office_blks(access.organisation)
    split_names = ("sex", "age", "disability", "funding")
    context = _context(access, rows=rows, **side_by_side_context())
    if request.GET.get("per"):
        as_of = _as_of(request)
        live = selectors.office_blk_figures(access.organisation, as_of)
        items = [{"label": row["blk"].name, "figures": row["figures"]} for row in live]
        splits = _splits([row["blk"] for row in rows], as_of, split_names)
    else:
        summary = selectors.office_blk_summary(access.organisation)
        as_of = summary["as_of"] or timezone.localdate()
        items = [{"label": row["blk"].name, "figures": row["figures"]}
                 for row in summary["rows"] if row["figures"]]  # fmt: skip
        stored = selectors.office_blk_split_summary(summary["rows"], split_names)
        splits = [{"title": SPLIT_PAGES[name], "note": SPLIT_NOTES.get(name, ""),
                   "items": _labelled(stored[name])} for name in split_names]  # fmt: skip
        context["summary"] = summary
    context.update(as_of=as_of, items=items, splits=splits)
    return render(request, "training/office_blks.html", context)
