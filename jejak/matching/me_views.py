"""The job seeker's own matching page on /me/: the open vacancies that fit, with reasons and
gaps. "Why not this one?" is on each vacancy's own page (jobs.me_views.vacancy)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jejak.alumni.models import Alumnus
from jejak.jobs.me_views import own_record
from jejak.jobs.selectors import board_for_school
from jejak.matching import engine, selectors
from jejak.matching.models import PoolOptIn


@login_required
def me_fits(request: HttpRequest) -> HttpResponse:
    alumnus = own_record(request)
    seeker = selectors.seeker_for(Alumnus.objects.filter(pk=alumnus.pk), selectors.today())
    results = engine.match_seeker(seeker).results if seeker else []
    on_board = set(board_for_school(alumnus.organisation).values_list("pk", flat=True))
    return render(request, "matching/me_fits.html", {
        "alumnus": alumnus, "seeker": seeker, "results": results, "on_board": on_board,
        "in_pool": PoolOptIn.objects.filter(alumnus=alumnus).exists(),
    })  # fmt: skip
