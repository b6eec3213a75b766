from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.companies.models import Ownership
from jejak.lib.values import ValueProblem, is_digits, parse_phone_number
from jejak.reference.models import Region


def date_input() -> forms.DateInput:
    """A native date picker; it only understands ISO dates, whatever the locale."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def regencies() -> Any:
    return Region.objects.filter(level=Region.Level.REGENCY).order_by("name")


def clean_nib(value: str) -> str:
    digits = value.replace(" ", "").replace(".", "")
    if digits and (not is_digits(digits) or len(digits) != 13):
        raise forms.ValidationError(_("NIB harus 13 digit angka (lihat di OSS)."))
    return digits


def clean_phone(value: str) -> str:
    try:
        phone = parse_phone_number(value)
    except ValueProblem as problem:
        raise forms.ValidationError(str(problem)) from None
    return phone.e164 if phone else ""


class CompanyForm(forms.Form):
    name = forms.CharField(label=_("Nama perusahaan"), max_length=200)
    region = forms.ModelChoiceField(
        label=_("Kabupaten/kota"), queryset=Region.objects.none(), empty_label=_("— pilih —")
    )
    address = forms.CharField(label=_("Alamat"), required=False, widget=forms.Textarea({"rows": 2}))
    nib = forms.CharField(label=_("NIB (Nomor Induk Berusaha)"), max_length=20, required=False)
    website = forms.URLField(label=_("Situs web"), required=False, assume_scheme="https")
    contact_name = forms.CharField(label=_("Nama kontak (rekruter)"), max_length=150)
    contact_email = forms.EmailField(label=_("Email kontak"))
    contact_phone = forms.CharField(label=_("Nomor HP kontak"), max_length=30, required=False)
    # The workforce (UU 8/2016 Pasal 53 quota): only on the company's own profile.
    ownership = forms.ChoiceField(
        label=_("Kepemilikan"), required=False,
        choices=[("", _("— pilih —")), *Ownership.choices],
    )  # fmt: skip
    headcount = forms.IntegerField(label=_("Jumlah pekerja"), required=False, min_value=0)
    disabled_workers = forms.IntegerField(
        label=_("Pekerja penyandang disabilitas"), required=False, min_value=0,
        help_text=_("Kuota UU 8/2016 Pasal 53: paling sedikit 1% pekerja di perusahaan swasta, "
                    "2% di BUMN, BUMD dan pemerintah."),
    )  # fmt: skip

    WORKFORCE = ("ownership", "headcount", "disabled_workers")

    def __init__(
        self, *args: Any, contact_required: bool = True, workforce: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regencies()  # type: ignore[attr-defined]
        if not contact_required:
            for name in ("contact_name", "contact_email"):
                self.fields[name].required = False
        if not workforce:
            for name in self.WORKFORCE:
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        headcount, disabled = data.get("headcount"), data.get("disabled_workers")
        if headcount is not None and disabled is not None and disabled > headcount:
            self.add_error(
                "disabled_workers",
                _("Pekerja penyandang disabilitas (%(n)s) lebih banyak dari jumlah pekerja "
                  "(%(total)s).") % {"n": disabled, "total": headcount},
            )  # fmt: skip
        return data

    def clean_nib(self) -> str:
        return clean_nib(self.cleaned_data["nib"])

    def clean_contact_phone(self) -> str:
        return clean_phone(self.cleaned_data["contact_phone"])


class VettingForm(forms.Form):
    nib = forms.CharField(label=_("NIB yang dicek di OSS"), max_length=20, required=False)
    email_domain = forms.CharField(
        label=_("Domain email yang dicek"), max_length=100, required=False,
        help_text=_("Misalnya sinarjaya.co.id, bukan gmail.com."),
    )  # fmt: skip
    visited_on = forms.DateField(
        label=_("Tanggal kunjungan ke tempat usaha"), required=False,
        widget=date_input(),
    )  # fmt: skip
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea({"rows": 2}))

    def clean_nib(self) -> str:
        return clean_nib(self.cleaned_data["nib"])

    def clean_visited_on(self) -> dt.date | None:
        day = self.cleaned_data["visited_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal kunjungan tidak boleh di masa depan."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (
            data.get("nib") or data.get("email_domain") or data.get("visited_on")
        ):
            raise forms.ValidationError(
                _("Isi minimal satu bukti: NIB, domain email, atau tanggal kunjungan.")
            )
        return data


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan peringatan"), widget=forms.Textarea({"rows": 2}),
        help_text=_("Misalnya: diduga perusahaan fiktif, meminta biaya dari pelamar."),
    )  # fmt: skip


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("Penyelesaian"), widget=forms.Textarea({"rows": 2}))


class PartnershipForm(forms.Form):
    number = forms.CharField(label=_("Nomor MoU"), max_length=100, required=False)
    starts_on = forms.DateField(label=_("Berlaku mulai"), widget=date_input())
    ends_on = forms.DateField(label=_("Berlaku sampai"), required=False, widget=date_input())
    scope = forms.CharField(
        label=_("Ruang lingkup"), widget=forms.Textarea({"rows": 2}),
        help_text=_("Misalnya: PKL, rekrutmen lulusan, kelas industri, guru tamu."),
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Tanggal berakhir MoU harus setelah tanggal mulai."))
        return data
