"""The employer (DUDI) satisfaction survey, opened from the link a school sent the company.

Like the alumni survey: no login and no JavaScript, the link is the credential, opening it
changes nothing, a wrong or closed link gets the same plain page, failed lookups are
rate-limited.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from jejak.lib.codes import hash_token
from jejak.lib.error_summary import problems
from jejak.ratelimit.limiter import over_limit
from jejak.tracer import employer, services
from jejak.tracer.models import EmployerSurvey


def usable_survey(token: str) -> EmployerSurvey | None:
    survey = (
        EmployerSurvey.objects.select_related("campaign", "school")
        .filter(token_hash=hash_token(token))
        .first()
    )
    return survey if survey is not None and survey.campaign.accepts_answers() else None


# The link is the credential (see tracer.survey): no session, so no CSRF token.
@csrf_exempt
@never_cache
def employer_survey(request: HttpRequest, token: str) -> HttpResponse:
    survey = usable_survey(token)
    if survey is None:
        # Only failed lookups count, and a valid link is always served (see tracer.survey).
        if over_limit(request, "survey", settings.SURVEY_LOOKUPS_PER_MINUTE):
            return render(request, "tracer/survey_busy.html", status=429)
        return render(request, "tracer/survey_invalid.html", status=404)
    if request.method == "POST":
        checked = services.employer_survey_save(survey=survey, raw=request.POST.dict())
        if checked.ok:
            return redirect(request.path + "?terkirim=1")
        return _form(request, survey, request.POST.dict(), checked.errors, status=422)
    return _form(request, survey, survey.answers, {}, sent=request.GET.get("terkirim") == "1")


def _form(
    request: HttpRequest,
    survey: EmployerSurvey,
    answers: dict[str, Any],
    errors: dict[str, str],
    *,
    sent: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {
        "survey": survey,
        "answers": {key: str(value) for key, value in answers.items()},
        "errors": errors,
        "aspects": employer.ASPECTS,
        "scale": [(str(value), label) for value, label in employer.SCALE],
        "hire_again": employer.HIRE_AGAIN,
        "sent": sent and survey.submitted_at is not None,
        "problems": problems(errors, _labels()),
    }
    return render(request, "tracer/employer_survey.html", context, status=status)


def _labels() -> list[tuple[str, str]]:
    """Each answer's key and its question, in the order the form asks them."""
    return [
        ("nama_responden", _("Nama Anda")),
        ("jumlah_lulusan", _("Berapa lulusan sekolah ini yang bekerja di tempat Anda?")),
        *((key, str(label)) for key, label in employer.ASPECTS),
        ("bersedia_menerima", _("Bersediakah Anda menerima lulusan kami lagi?")),
    ]
