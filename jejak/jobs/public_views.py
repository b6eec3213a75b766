"""Pages without login: vacancy boards per school and per region, a vacancy, its poster,
and stopping job alerts from the link in an email."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from jejak.alumni.models import Alumnus
from jejak.jobs import alerts, services
from jejak.jobs.models import AlertSetting
from jejak.jobs.selectors import KEEPS_ALUMNI, board_for_region, board_for_school, public_vacancy
from jejak.organisations.models import Organisation
from jejak.reference.models import Region


def board_school(request: HttpRequest, school: str) -> HttpResponse:
    found = get_object_or_404(Organisation, code=school, kind__in=KEEPS_ALUMNI)
    return render(request, "jobs/board.html", {"place": found.name, "place_kind": _("Sekolah"),
                                               "vacancies": board_for_school(found)})  # fmt: skip


def board_region(request: HttpRequest, region: str) -> HttpResponse:
    found = get_object_or_404(Region, code=region)
    return render(request, "jobs/board.html", {"place": found.name,
                                               "place_kind": found.get_level_display(),
                                               "vacancies": board_for_region(found)})  # fmt: skip


def public_detail(request: HttpRequest, vacancy: str) -> HttpResponse:
    found = public_vacancy(vacancy)
    return render(request, "jobs/public_detail.html",
                  {"vacancy": found, "majors": found.majors.all()})  # fmt: skip


def poster(request: HttpRequest, vacancy: str) -> HttpResponse:
    """A printable A4 poster whose QR code opens the vacancy's public page."""
    found = public_vacancy(vacancy)
    url = alerts.public_url(found)
    svg = segno.make(url, error="m").svg_inline(scale=6, border=2)
    return render(request, "jobs/poster.html", {"vacancy": found, "url": url, "qr": mark_safe(svg),
                                                "majors": found.majors.all()})  # fmt: skip


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop job alert emails from the link in one, without logging in. A GET only asks;
    the POST stops them, so mail scanners that open links change nothing."""
    code = alerts.alumnus_code_from(token)
    alumnus = Alumnus.objects.filter(code=code).first() if code else None
    if alumnus is None:
        raise Http404
    if request.method == "POST":
        services.alerts_set(alumnus=alumnus, enabled=False, actor=None)
        messages.success(request, _("Anda tidak akan menerima email lowongan lagi."))
        return redirect("jobs:unsubscribe", token=token)
    setting = AlertSetting.objects.filter(alumnus=alumnus).first()
    enabled = setting is None or setting.enabled
    return render(request, "jobs/unsubscribe.html", {"enabled": enabled, "name": alumnus.name})
