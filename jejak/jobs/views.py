"""Job exchange pages of an organisation: a school's BKK, a company, an office.

One set of views serves all three; the selectors decide what each sees.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts.access import Access, organisation_view
from jejak.alumni.models import Alumnus
from jejak.audit.services import log_action, log_view
from jejak.companies.selectors import trusted_company_ids, visible_companies
from jejak.confirm import ask, confirmed
from jejak.jobs import alerts, exports, services
from jejak.jobs.forms import MoveForm, VacancyForm
from jejak.jobs.models import FINAL_STAGES, Stage, Vacancy
from jejak.jobs.selectors import (
    applicant_view,
    get_application,
    get_vacancy,
    shown_provinces,
    visible_applications,
    visible_vacancies,
)
from jejak.lib.paging import paginate
from jejak.organisations.models import Organisation

# The best-fitting first; a longer list is not something a person sends by hand.
WHATSAPP_LIMIT = 100


def _context(access: Access, **extra: Any) -> dict[str, Any]:
    return {"access": access, "org": access.organisation, **extra}


@organisation_view("jobs.view")
def vacancy_list(request: HttpRequest, access: Access) -> HttpResponse:
    vacancies = visible_vacancies(access).order_by("-created_at", "-pk")
    state = request.GET.get("state")
    if state in Vacancy.State.values:
        vacancies = vacancies.filter(state=state)
    paging = paginate(request, vacancies)
    shown = {v.company_id for v in paging.page}
    trusted = set(trusted_company_ids(access.organisation.province_code).filter(
        company_id__in=shown).values_list("company_id", flat=True))  # fmt: skip
    rows = [(v, v.company_id in trusted) for v in paging.page]
    org = access.organisation
    unvetted = org.kind == Organisation.Kind.COMPANY and not org.vettings.exists()
    return render(
        request, "jobs/list.html",
        _context(access, rows=rows, paging=paging, today=timezone.localdate(),
                 unvetted=unvetted),
    )  # fmt: skip


@organisation_view("applications.view")
def application_list(request: HttpRequest, access: Access) -> HttpResponse:
    """Every application the organisation sees (its alumni's, or to its vacancies), by stage."""
    applications = visible_applications(access).order_by("-updated_at", "-pk")
    stage = request.GET.get("stage", "")
    if stage in Stage.values:
        applications = applications.filter(stage=stage)
    paging = paginate(request, applications)
    log_view(request=request, action="applications.viewed", obj=access.organisation,
             organisation=access.organisation, stage=stage)  # fmt: skip
    return render(
        request, "jobs/applications.html",
        _context(access, paging=paging, stage=stage, stages=Stage.choices),
    )  # fmt: skip


def _companies_for(access: Access) -> Any:
    """Who a BKK may post for: companies it can see that are trusted in its province."""
    province = access.organisation.province_code
    return visible_companies(access).filter(pk__in=trusted_company_ids(province)).order_by("name")


@organisation_view("jobs.manage")
def vacancy_new(request: HttpRequest, access: Access) -> HttpResponse:
    org = access.organisation
    is_company = org.kind == Organisation.Kind.COMPANY
    companies = None if is_company else _companies_for(access)
    form = VacancyForm(request.POST or None, poster=org, companies=companies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            vacancy = services.vacancy_post(
                company=org if is_company else data["company"], posted_by_org=org,
                actor=request.user, data=data, schools=list(data["schools"]),
                regions=list(data["regions"]),
            )  # fmt: skip
        except services.VacancyProblems as problems:
            for field, message in problems.problems.items():
                form.add_error(field if field in form.fields else None, message)
        except services.Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Lowongan %(title)s dipasang.") % {"title": vacancy.title})
            return redirect("jobs:detail", org=org.code, vacancy=vacancy.code)
    status = 422 if form.errors else 200
    return render(request, "jobs/new.html", _context(access, form=form), status=status)


@organisation_view("jobs.view")
def detail(request: HttpRequest, access: Access, vacancy: str) -> HttpResponse:
    found = get_vacancy(access, vacancy)
    applications = visible_applications(access).filter(vacancy=found).order_by("created_at")
    if not access.can("applications.view"):  # an office sees the vacancy, not who applied
        applications = applications.none()
    can_move = access.can("jobs.manage")
    applicants = [
        {
            "application": a,
            "seen": applicant_view(a),
            "form": MoveForm(moves=services.allowed_moves(a), prefix=a.code) if can_move else None,
        }
        for a in applications
    ]
    own = _own_candidates(access, found)
    if applicants:
        log_view(request=request, action="applicants.viewed", obj=found,
                 organisation=access.organisation, rows=len(applicants))  # fmt: skip
    return render(
        request,
        "jobs/detail.html",
        _context(
            access, vacancy=found, applicants=applicants, shown=bool(shown_provinces(found)),
            public_url=alerts.public_url(found), whatsapp=_whatsapp(access, found, own),
            can_fill=can_move and _may_change(access, found),
            fitting=None if own is None else len(own), offered=_offered_count(access, found),
        ),
    )  # fmt: skip


def _own_candidates(access: Access, vacancy: Vacancy) -> list[Any] | None:
    """The BKK's own seekers the vacancy fits, best first (None: not a BKK's view)."""
    from jejak.matching.services import own_candidates

    if not (access.organisation.keeps_alumni and access.can("seekers.view")):
        return None
    return own_candidates(access.organisation, vacancy)


def _offered_count(access: Access, vacancy: Vacancy) -> int:
    from jejak.matching.models import Shortlisted

    if access.organisation.kind != Organisation.Kind.COMPANY:
        return 0
    return Shortlisted.objects.filter(vacancy=vacancy, offered_at__isnull=False).count()


def _whatsapp(access: Access, vacancy: Vacancy, own: list[Any] | None) -> list[dict[str, Any]]:
    """Click-to-send links for the BKK's own seekers the vacancy fits (the matching engine's
    candidates, best first), who have not applied yet (BKK only)."""
    org = access.organisation
    if not (org.keeps_alumni and access.can("jobs.manage")) or not vacancy.is_open_on():
        return []
    if not own or org.province_code not in shown_provinces(vacancy):
        return []
    applied = set(vacancy.applications.values_list("alumnus_id", flat=True))
    order = [c.seeker.alumnus_id for c in own if c.seeker.alumnus_id not in applied]
    people = Alumnus.objects.filter(pk__in=order[:WHATSAPP_LIMIT]).exclude(phone="")
    by_pk = {a.pk: a for a in people.select_related("major")}
    shown = [by_pk[pk] for pk in order[:WHATSAPP_LIMIT] if pk in by_pk]
    return [
        {"alumnus": a, "url": alerts.whatsapp_url(a, vacancy, org.name)}
        for a in shown
        if a.whatsapp_number
    ]


def _detail_url(access: Access, vacancy: Vacancy) -> str:
    return reverse("jobs:detail", kwargs={"org": access.organisation.code,
                                          "vacancy": vacancy.code})  # fmt: skip


def _may_change(access: Access, vacancy: Vacancy) -> bool:
    org_id = access.organisation.pk
    return org_id in {vacancy.company_id, vacancy.posted_by_org_id}


@organisation_view("jobs.manage")
def edit(request: HttpRequest, access: Access, vacancy: str) -> HttpResponse:
    """The company or the BKK that posted a vacancy corrects it."""
    found = get_vacancy(access, vacancy)
    if not _may_change(access, found):
        raise Http404
    initial = {name: getattr(found, name) for name in services.VACANCY_FIELDS}
    initial |= {"formal": "1" if found.formal else "0", "majors": list(found.majors.all())}
    form = VacancyForm(
        request.POST or None, poster=access.organisation, editing=True, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(
                vacancy=found, actor=request.user, organisation=access.organisation,
                data=form.cleaned_data,
            )  # fmt: skip
        except services.VacancyProblems as problems:
            for field, message in problems.problems.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Lowongan %(title)s diperbarui.") % {"title": found.title})
            return redirect("jobs:detail", org=access.organisation.code, vacancy=found.code)
    return render(
        request, "jobs/new.html", _context(access, form=form, vacancy=found),
        status=422 if form.errors else 200,
    )  # fmt: skip


@organisation_view("jobs.manage")
@require_POST
def fill(request: HttpRequest, access: Access, vacancy: str) -> HttpResponse:
    found = get_vacancy(access, vacancy)
    if not _may_change(access, found):
        raise Http404
    if not confirmed(request):
        return ask(
            request, access=access, title=_("Tandai %(title)s terisi?") % {"title": found.title},
            consequence=_("Lowongan ditutup: hilang dari papan lowongan, alumni tidak bisa "
                          "melamar lagi, dan tanggal terisi dilaporkan. Lowongan yang sudah "
                          "terisi tidak bisa dibuka lagi; pasang lowongan baru bila perlu."),
            button=_("Ya, tandai terisi"), back=_detail_url(access, found),
        )  # fmt: skip
    services.vacancy_fill(vacancy=found, actor=request.user, organisation=access.organisation)
    messages.success(request, _("Lowongan ditandai terisi."))
    return redirect("jobs:detail", org=access.organisation.code, vacancy=found.code)


@organisation_view("jobs.manage")
def applicants_export(request: HttpRequest, access: Access, vacancy: str) -> HttpResponse:
    found = get_vacancy(access, vacancy)
    applications = visible_applications(access).filter(vacancy=found).order_by("created_at")
    log_action(actor=request.user, action="applicants.exported", obj=found,
               organisation=access.organisation)  # fmt: skip
    return exports.applicants_download(applications, f"pelamar-{found.code}.xlsx")


@organisation_view("jobs.view")
def export(request: HttpRequest, access: Access) -> HttpResponse:
    """The vacancies this organisation sees, with the Perpres 57/2023 fields; `?filled=1`
    gives the filled-vacancy report."""
    vacancies = visible_vacancies(access)
    filled = request.GET.get("filled") == "1"
    if filled:
        vacancies = vacancies.filter(state=Vacancy.State.FILLED)
    title = _("Laporan lowongan terisi") if filled else _("Daftar lowongan")
    notes = [f"{title} · {access.organisation.name} · {timezone.localdate():%d-%m-%Y}",
             _("Kolom sesuai Perpres 57/2023 tentang Wajib Lapor Lowongan Pekerjaan.")]  # fmt: skip
    log_action(actor=request.user, action="vacancies.exported", obj=access.organisation,
               changes={"filled": filled})  # fmt: skip
    name = "lowongan-terisi" if filled else "lowongan"
    return exports.vacancies_download(vacancies, notes, f"{name}-{access.organisation.code}.xlsx")


@organisation_view("jobs.manage")
@require_POST
def move(request: HttpRequest, access: Access, application: str) -> HttpResponse:
    found = get_application(access, application)
    form = MoveForm(request.POST, moves=services.allowed_moves(found), prefix=found.code)
    back = redirect(_detail_url(access, found.vacancy))
    if not form.is_valid():
        chose = bool(request.POST.get(f"{found.code}-stage"))
        messages.error(
            request,
            _("Pilih tahap yang tersedia.")
            if chose
            else _("Pilih tahap tujuan dulu; %(name)s tidak dipindah.")
            % {"name": found.alumnus.name},
        )
        return back
    stage = form.cleaned_data["stage"]
    if stage in FINAL_STAGES and not confirmed(request):  # a final stage cannot be left again
        return ask(
            request, access=access,
            title=_("Pindahkan %(name)s ke %(stage)s?")
            % {"name": found.alumnus.name, "stage": Stage(stage).label},
            consequence=_("Ini tahap akhir: lamaran tidak bisa dipindah lagi sesudahnya, dan "
                          "%(name)s langsung diberi tahu.") % {"name": found.alumnus.name},
            button=_("Ya, pindahkan ke %(stage)s") % {"stage": Stage(stage).label},
            back=_detail_url(access, found.vacancy),
        )  # fmt: skip
    try:
        services.application_move(
            application=found, to_stage=stage, actor=request.user,
            organisation=access.organisation, note=form.cleaned_data["note"],
        )  # fmt: skip
    except services.Refused as refused:
        messages.error(request, str(refused))
        return back
    messages.success(request, _("%(name)s dipindah ke %(stage)s.")
                     % {"name": found.alumnus.name, "stage": Stage(stage).label})  # fmt: skip
    if stage == Stage.ACCEPTED:
        return redirect("jobs:placement_from_application", org=access.organisation.code,
                        application=found.code)  # fmt: skip
    return back


@organisation_view("jobs.manage")
def kbji_suggest(request: HttpRequest, access: Access) -> HttpResponse:
    """The occupation list with the KBJI groups a job title most likely is first, the best
    one chosen unless the user already chose (for the vacancy form, through htmx)."""
    from jejak.reference.classify import suggest_kbji
    from jejak.reference.models import Occupation

    suggestions = suggest_kbji(request.GET.get("title", ""), limit=5)
    chosen = request.GET.get("occupation", "") or (suggestions[0][0].code if suggestions else "")
    return render(request, "jobs/kbji_select.html", {
        "suggestions": suggestions, "chosen": chosen,
        "chosen_suggested": any(o.code == chosen for o, _score in suggestions),
        "everything": Occupation.objects.order_by("code"),
    })  # fmt: skip
