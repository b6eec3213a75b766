from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts import services
from jejak.accounts.access import memberships_of
from jejak.accounts.forms import LoginForm, SetPasswordForm
from jejak.accounts.models import Role


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        target = request.POST.get("next") or request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
            target = reverse("home")
        return redirect(target or "home")
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next")})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where a person lands: straight into their one place, or a choice of places."""
    memberships = list(memberships_of(request.user).order_by("organisation__name"))
    if len(memberships) == 1:
        only = memberships[0]
        if only.role == Role.ALUMNUS:
            return redirect("alumni:me")
        return redirect("organisations:home", org=only.organisation.code)
    return render(request, "accounts/home.html", {"memberships": memberships})


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_by_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    existing = services.existing_account(invitation)
    if existing is not None:
        if request.user.is_authenticated and request.user.pk == existing.pk:
            if request.method == "POST":
                services.invitation_accept(invitation=invitation, user=existing)
                messages.success(request, _("Undangan diterima."))
                return redirect("home")
            return render(request, "accounts/accept_existing.html", {"invitation": invitation})
        login_url = reverse("accounts:login") + "?next=" + request.path
        return render(
            request,
            "accounts/accept_login_first.html",
            {"invitation": invitation, "login_url": login_url},
        )
    form = SetPasswordForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.invitation_accept(
            invitation=invitation, password=form.cleaned_data["password1"]
        )
        login(request, user, backend="jejak.accounts.backends.EmailOrPhoneBackend")
        messages.success(request, _("Kata sandi tersimpan. Selamat datang di Jejak."))
        return redirect("home")
    return render(request, "accounts/accept.html", {"form": form, "invitation": invitation})
