"""An office's page for the accounts of people in its area: failed logins and lockouts to
lift, and second factors to reset when someone lost their phone. Both are audited."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from jejak.accounts import lockout, twofactor
from jejak.accounts.access import Access, organisation_view
from jejak.accounts.models import User
from jejak.organisations.selectors import people_in_area


def _person(access: Access, code: str) -> User:
    if not access.organisation.is_office:
        raise Http404
    return get_object_or_404(people_in_area(access.organisation), code=code)


@organisation_view("accounts.security")
def account_security(request: HttpRequest, access: Access) -> HttpResponse:
    if not access.organisation.is_office:
        raise Http404
    people = list(people_in_area(access.organisation).order_by("name"))
    by_identifier = {
        ident: person for person in people for ident in lockout.account_identifiers(person)
    }
    failing = []
    for ident, (count, locked) in lockout.recent_failures(list(by_identifier)).items():
        failing.append({"person": by_identifier[ident], "failures": count, "locked": locked})
    with_factor = set(
        TOTPDevice.objects.filter(user__in=people, confirmed=True).values_list("user_id", flat=True)
    )
    return render(request, "organisations/account_security.html", {
        "access": access, "org": access.organisation, "failing": failing,
        "with_factor": [person for person in people if person.pk in with_factor],
    })  # fmt: skip


@organisation_view("accounts.security")
@require_POST
def unlock(request: HttpRequest, access: Access, person: str) -> HttpResponse:
    found = _person(access, person)
    lockout.lockout_lift(person=found, actor=request.user, office=access.organisation)
    messages.success(request, _("Kunci masuk %(name)s dibuka.") % {"name": found.name})
    return redirect("organisations:account_security", org=access.organisation.code)


@organisation_view("accounts.security")
@require_POST
def two_factor_reset(request: HttpRequest, access: Access, person: str) -> HttpResponse:
    found = _person(access, person)
    if found.pk == request.user.pk:
        raise Http404  # one's own factor is turned off on one's own security page
    twofactor.reset_for(person=found, actor=request.user, office=access.organisation)
    messages.success(
        request,
        _("Verifikasi dua langkah %(name)s dimatikan; ia diberi tahu.") % {"name": found.name},
    )
    return redirect("organisations:account_security", org=access.organisation.code)
