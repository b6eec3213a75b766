from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.utils.translation import gettext_lazy as _

from jejak.accounts.access import INVITABLE_ROLES
from jejak.accounts.models import Role
from jejak.lib.values import ValueProblem, parse_phone_number


class LoginForm(forms.Form):
    identifier = forms.CharField(
        label=_("Email atau nomor HP"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: Any, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: Any = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        self.user = authenticate(
            self.request, username=data["identifier"], password=data["password"]
        )
        if self.user is None:
            raise forms.ValidationError(
                _("Email/nomor HP atau kata sandi salah. Periksa lalu coba lagi.")
            )
        return data


class PasswordResetRequestForm(forms.Form):
    """Ask for a reset link by email or phone; the answer never says whether it is known."""

    identifier = forms.CharField(
        label=_("Email atau nomor HP"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("Kata sandi baru"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimal 8 karakter, jangan hanya angka."),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user: Any = None, *args: Any, **kwargs: Any) -> None:
        # PasswordResetConfirmView passes the user first; invitations have none yet.
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError(_("Kedua kata sandi tidak sama."))
        if first:
            password_validation.validate_password(first, self.user)
        return data

    def save(self, commit: bool = True) -> Any:
        self.user.set_password(self.cleaned_data["password1"])
        if commit:
            self.user.save(update_fields=["password"])
        return self.user


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=150)
    role = forms.ChoiceField(label=_("Peran"))
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Nomor HP"), required=False, max_length=30)
    classes = forms.MultipleChoiceField(
        label=_("Kelas yang diwalikan"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, kind: str, classes: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            (r, Role(r).label) for r in INVITABLE_ROLES.get(kind, [])
        ]
        cast(forms.ChoiceField, self.fields["classes"]).choices = classes
        if not classes:
            del self.fields["classes"]

    def clean_phone(self) -> str:
        try:
            phone = parse_phone_number(self.cleaned_data["phone"])
        except ValueProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return phone.e164 if phone else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone") and not self.errors:
            raise forms.ValidationError(_("Isi email atau nomor HP orang yang diundang."))
        return data
