from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.bkkreports.periods import PeriodKind, parse_period
from jejak.organisations.models import Bkk, Organisation
from jejak.reference.models import Major

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegisterForm(forms.ModelForm):
    class Meta:
        model = Bkk
        # Not `active`: only the labour office deactivates a BKK, and a new tanda daftar
        # activates it again (jejak.tandadaftar.services).
        fields = [
            "name", "registration_number", "registration_date", "registration_office",
            "decree_number", "decree_date",
        ]  # fmt: skip
        widgets = {"registration_date": DATE, "decree_date": DATE}

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["registration_office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["registration_office"].help_text = _(
            "Dinas tenaga kerja yang menerbitkan tanda daftar."
        )


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Nama penanggung jawab"), max_length=150)
    phone = forms.CharField(label=_("Nomor HP"), max_length=20, required=False)
    position = forms.CharField(label=_("Jabatan"), max_length=100, required=False)
    start_date = forms.DateField(label=_("Mulai bertugas"), widget=DATE)


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    major = forms.ModelChoiceField(
        label=_("Jurusan (kosongkan untuk seluruh BKK)"), queryset=Major.objects.none(),
        required=False,
    )  # fmt: skip
    target = forms.IntegerField(label=_("Target penempatan"), min_value=0, max_value=100_000)

    def __init__(self, *args: Any, majors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["major"].queryset = majors  # type: ignore[attr-defined]


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis laporan"), choices=PeriodKind.choices)
    key = forms.CharField(
        label=_("Periode"), max_length=7,
        help_text=_("Bulan 2026-03, triwulan 2026-Q1, atau tahun 2026."),
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        period = parse_period(data.get("kind", ""), data.get("key", "").strip())
        if period is None:
            raise forms.ValidationError(
                _("Periode tidak dikenali: tulis 2026-03 (bulan), 2026-Q1 (triwulan) atau 2026.")
            )
        if period.start > timezone.localdate():
            raise forms.ValidationError(_("Periode belum dimulai."))
        data["period"] = period
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            ("acknowledge", _("Terima laporan")),
            ("return", _("Kembalikan untuk diperbaiki")),
        ],
    )
    comment = forms.CharField(
        label=_("Catatan untuk BKK"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        max_length=2000,
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", _("Catatan wajib diisi bila laporan dikembalikan."))
        return data


class ReissueForm(forms.Form):
    number = forms.CharField(label=_("Nomor tanda daftar baru"), max_length=100)
    date = forms.DateField(label=_("Tanggal terbit"), widget=DATE)


def labour_offices_for(organisation: Organisation) -> Any:
    """Labour offices whose area covers the school's regency or province."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.LABOUR_OFFICE,
        area__in=[organisation.region_id, organisation.province_code],
    ).distinct()
