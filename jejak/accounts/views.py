from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts import resets, services
from jejak.accounts.access import memberships_of
from jejak.accounts.forms import LoginForm, PasswordResetRequestForm, SetPasswordForm
from jejak.accounts.lockout import lift_lockout
from jejak.accounts.models import Role
from jejak.accounts.twofactor import has_two_factor
from jejak.accounts.twofactor_views import remember_password_step
from jejak.audit.services import log_action


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return reverse("home")
    return target or reverse("home")


def login_view(request: HttpRequest) -> HttpResponse:
    """The password step. With a second factor, it only remembers who passed it (see
    jejak.accounts.twofactor_views.login_code); the session logs in after the code."""
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if has_two_factor(form.user):
            remember_password_step(request, form.user, _safe_next(request))
            return redirect("accounts:login_code")
        login(request, form.user)
        return redirect(_safe_next(request))
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next")})


def password_reset(request: HttpRequest) -> HttpResponse:
    """ "Lupa kata sandi": the same next page whatever happened (known or not, limited or not)."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resets.reset_request(identifier=form.cleaned_data["identifier"], request=request)
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form})


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's set-new-password page; the owner proved the account is theirs, so its
    failed-login lockout is lifted too."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        lift_lockout(self.user)
        log_action(actor=self.user, action="account.password_reset", obj=self.user)
        return response


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
