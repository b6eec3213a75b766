"""The alumni survey, opened from a personal link on a cheap phone.

No JavaScript and no login: two short pages (consent and main activity, then the questions
for that activity), each saved on submit so a person can stop and come back. Opening a link
changes nothing (link previews in chat apps open it too). A wrong, revoked or expired link
gets the same plain page. Failed lookups are counted per client address in the shared store
(`jejak.ratelimit`); an address over its limit gets 429 for further invalid links only. A
valid link is always served, whoever else shares the address: a link is 256 bits of
HMAC output, so no allowance of guesses comes near finding one, and the limit only keeps
junk traffic cheap. Answers posted with a valid link are limited per link, never per
address (a school lab's NAT holds dozens of alumni): one link hammered does not cost the
others anything.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from jejak.alumni.models import Consent
from jejak.lib.error_summary import problems
from jejak.ratelimit.limiter import link_over_limit, over_limit
from jejak.tracer import links, services
from jejak.tracer.instrument import ACTIVITY, questions_for
from jejak.tracer.models import Response, SurveyLink
from jejak.tracer.resolvers import industries

CONSENTED = {Consent.GIVEN, Consent.PARENT_GIVEN}


def _plain(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return render(request, f"tracer/{template}", status=status)


# The link itself is the credential and nothing here uses a session; a CSRF token would
# also break a form left open overnight on a phone. Each POST only writes to the one
# response its unguessable link names.
@csrf_exempt
@never_cache
def survey(request: HttpRequest, token: str) -> HttpResponse:
    opened = links.open_link(token)
    if opened is None:
        if over_limit(request, "survey", settings.SURVEY_LOOKUPS_PER_MINUTE):
            return _plain(request, "survey_busy.html", 429)
        return _plain(request, "survey_invalid.html", 404)
    if request.method == "POST":
        # The whole POST, its count against the link's limit included, is one transaction:
        # one commit (one flush to disk) per answer instead of one per write.
        with transaction.atomic():
            if link_over_limit("survey_post", token, settings.SURVEY_POSTS_PER_LINK_PER_MINUTE):
                return _plain(request, "survey_busy.html", 429)
            return _post(request, opened.link, opened.response)
    return _page(request, opened.link, opened.response, request.GET.get("langkah", ""))


def _page(
    request: HttpRequest,
    link: SurveyLink,
    response: Response | None,
    step: str,
    errors: dict[str, str] | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    alumnus, campaign = link.alumnus, link.campaign
    answers = values if values is not None else (response.answers if response else {})
    activity = answers.get(ACTIVITY.key, "")
    context: dict[str, Any] = {
        "alumnus": alumnus,
        "campaign": campaign,
        "answers": answers,
        "errors": errors or {},
        "consented": alumnus.consent in CONSENTED,
        "minor": services.is_minor(alumnus),
    }
    done = response is not None and response.state == Response.State.SUBMITTED
    if done and step not in {"1", "2"}:
        return render(request, "tracer/survey_done.html", context, status=status)
    if step == "1" or not activity or not context["consented"]:
        context["activities"] = ACTIVITY.options
        fields = [
            ("persetujuan", _("Persetujuan penggunaan data")),
            (ACTIVITY.key, str(ACTIVITY.label)),
        ]
        context["problems"] = problems(context["errors"], fields)
        return render(request, "tracer/survey_start.html", context, status=status)
    context["questions"] = questions_for(activity, campaign.extra_questions)
    context["problems"] = problems(
        context["errors"], [(q.key, str(q.label)) for q in context["questions"]]
    )
    context["industries"] = industries()
    context["activity_label"] = dict(ACTIVITY.options).get(activity, activity)
    return render(request, "tracer/survey_questions.html", context, status=status)


def _post(request: HttpRequest, link: SurveyLink, response: Response | None) -> HttpResponse:
    alumnus = link.alumnus
    data = request.POST
    if data.get("aksi") == "tolak":
        removed = services.consent_refuse(alumnus=alumnus)
        return render(request, "tracer/survey_refused.html", {"removed": removed})
    consent_parent = None  # consent given on this form, recorded with the answers
    errors: dict[str, str] = {}
    if alumnus.consent not in CONSENTED:
        consent_parent = data.get("nama_wali", "").strip()[:150]
        refused = data.get("persetujuan") != "setuju"
        if refused or (services.is_minor(alumnus) and not consent_parent):
            errors["persetujuan"] = _consent_message(alumnus)
    if data.get("langkah") == "1" and not data.get(ACTIVITY.key):
        # "Lanjut" on the first page with no activity chosen: say so, keeping the consent.
        errors[ACTIVITY.key] = _("Pilih salah satu kegiatan utama Anda di atas, lalu tekan Lanjut.")
        if "persetujuan" not in errors and consent_parent is not None:
            services.consent_give(alumnus=alumnus, parent_name=consent_parent)
    if errors:
        return _page(request, link, response, "1", errors=errors, values=data.dict(), status=422)
    submit = data.get("aksi") == "kirim"
    raw = data.dict()
    if not submit and response is not None and raw.get(ACTIVITY.key) is None:
        raw[ACTIVITY.key] = response.answers.get(ACTIVITY.key, "")
    checked = services.response_save(
        campaign=link.campaign, alumnus=alumnus, raw=raw, submit=submit,
        consent_parent=consent_parent, first_save=response is None,
    )  # fmt: skip
    if not checked.ok:
        step = "1" if ACTIVITY.key in checked.errors else "2"
        return _page(request, link, response, step, errors=checked.errors, values=raw, status=422)
    return redirect(request.path)  # POST/redirect/GET: a reload never posts twice


def _consent_message(alumnus: Any) -> str:
    if services.is_minor(alumnus):
        return _("Karena Anda belum 18 tahun, orang tua/wali perlu menyetujui dan menulis namanya.")
    return _("Centang persetujuan untuk melanjutkan, atau pilih tidak setuju.")
