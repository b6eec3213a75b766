"""Pages of the second factor: the code step of the login, and the person's own security
page (turn on with a QR code, backup codes shown once, turn off with password and code)."""

from __future__ import annotations

import time
from base64 import b32encode
from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login

from jejak.accounts import twofactor
from jejak.accounts.models import User

PENDING = "jejak_password_step"
PENDING_SECONDS = 300
WRONG_CODES_ALLOWED = 5


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kode dari aplikasi (6 angka) atau kode cadangan"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class DisableForm(CodeForm):
    password = forms.CharField(
        label=gettext_lazy("Kata sandi"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def remember_password_step(request: HttpRequest, user: Any, next_url: str) -> None:
    """Note in the (not yet logged-in) session that `user` passed the password step."""
    request.session[PENDING] = {
        "user": user.pk, "backend": user.backend, "at": time.time(), "next": next_url, "wrong": 0,
    }  # fmt: skip


def _pending(request: HttpRequest) -> tuple[dict[str, Any], User] | None:
    state = request.session.get(PENDING)
    if not state or time.time() - state["at"] > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=state["user"], is_active=True).first()
    return (state, user) if user else None


def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of the login: a code from the app or a backup code."""
    found = _pending(request)
    if found is None:
        request.session.pop(PENDING, None)
        messages.info(request, _("Masuk lagi dengan kata sandi Anda."))
        return redirect("accounts:login")
    state, user = found
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING]
            login(request, user, backend=state["backend"])
            otp_login(request, device)
            return redirect(state["next"])
        state["wrong"] += 1
        if state["wrong"] >= WRONG_CODES_ALLOWED:
            del request.session[PENDING]
            messages.error(request, _("Terlalu banyak kode salah. Masuk lagi dari awal."))
            return redirect("accounts:login")
        request.session[PENDING] = state
        form.add_error("code", _("Kode salah atau sudah dipakai. Tunggu sebentar lalu coba lagi."))
    return render(request, "accounts/login_code.html", {"form": form},
                  status=422 if form.errors else 200)  # fmt: skip


def _offered(request: HttpRequest) -> None:
    if not twofactor.may_use_two_factor(request.user):
        raise Http404


@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The person's own security page: the second factor's state and its buttons."""
    _offered(request)
    return render(
        request,
        "accounts/security.html",
        {"enabled": twofactor.has_two_factor(request.user), "disable_form": DisableForm()},
    )


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4)


@login_required
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """GET shows a fresh QR code; POST confirms it with a code and shows the backup codes
    once (they are never shown again)."""
    _offered(request)
    user: Any = request.user
    if twofactor.has_two_factor(user):
        return redirect("accounts:security")
    form = CodeForm(request.POST or None)
    device = twofactor.pending_device(user) if request.method == "POST" else None
    if device is not None and form.is_valid():
        codes = twofactor.enrol_confirm(user=user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            return render(request, "accounts/backup_codes.html", {"codes": codes})
        form.add_error("code", _("Kode tidak cocok. Periksa jam ponsel lalu coba kode berikutnya."))
    if device is None:
        device = twofactor.enrol_start(user=user)
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {"form": form, "qr": _qr_svg(device.config_url), "secret": _secret(device)},
        status=422 if form.errors else 200,
    )


def _secret(device: Any) -> str:
    """The key as base32 in groups of four, for typing into an app without a camera."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    _offered(request)
    form = DisableForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.disable(user=request.user, password=form.cleaned_data["password"],  # type: ignore[arg-type]
                             code=form.cleaned_data["code"]):  # fmt: skip
            messages.success(request, _("Verifikasi dua langkah dimatikan."))
            return redirect("accounts:security")
        form.add_error(None, _("Kata sandi atau kode salah."))
    return render(request, "accounts/security.html",
                  {"enabled": twofactor.has_two_factor(request.user), "disable_form": form},
                  status=422 if form.errors else 200)  # fmt: skip
