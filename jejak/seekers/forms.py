from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.alumni.forms import UploadForm
from jejak.alumni.models import ImportJob
from jejak.companies.forms import date_input, regencies
from jejak.reference.models import DisabilityCategory, EducationLevel, Major, Occupation
from jejak.seekers.models import REMOVAL_REASONS

# The UU 8/2016 categories (Pasal 4), recorded only with the person's consent.
DISABILITY_CATEGORIES = [("", _("— tidak ada / tidak ingin mencatat —")),
                         *DisabilityCategory.choices]  # fmt: skip


class RegistrationForm(forms.Form):
    """The AK/1 card's fields, for the BKK officer (with NISN) or the person themselves."""

    nisn = forms.CharField(label=_("NISN alumni"), max_length=10)
    registered_on = forms.DateField(label=_("Tanggal pendaftaran"), widget=date_input())
    ak1_number = forms.CharField(
        label=_("Nomor kartu AK/1 (bila sudah punya)"), max_length=40, required=False
    )
    education = forms.ChoiceField(label=_("Pendidikan terakhir"), choices=EducationLevel.choices,
                                  initial=EducationLevel.SMK)  # fmt: skip
    major = forms.ModelChoiceField(
        label=_("Jurusan (konsentrasi keahlian)"), queryset=Major.objects.none(), required=False
    )
    occupations_sought = forms.ModelMultipleChoiceField(
        label=_("Jabatan yang dicari (KBJI 2014)"), queryset=Occupation.objects.none(),
        required=False, help_text=_("Pilih satu atau lebih."),
    )  # fmt: skip
    regions_sought = forms.ModelMultipleChoiceField(
        label=_("Wilayah kerja yang diinginkan"), queryset=regencies(), required=False
    )
    willing_to_relocate = forms.BooleanField(label=_("Bersedia bekerja di luar daerah"),
                                             required=False)  # fmt: skip
    skills = forms.CharField(label=_("Keterampilan"), required=False,
                             widget=forms.Textarea({"rows": 2}))  # fmt: skip
    certificates = forms.CharField(
        label=_("Sertifikat (kompetensi BNSP/LSP, SIM, bahasa, ...)"), required=False,
        widget=forms.Textarea({"rows": 2}),
    )  # fmt: skip
    disability_category = forms.ChoiceField(
        label=_("Ragam disabilitas"), choices=DISABILITY_CATEGORIES, required=False,
        help_text=_("Dicatat hanya bila yang bersangkutan setuju; dipakai untuk mengutamakan "
                    "lowongan ramah disabilitas."),
    )  # fmt: skip
    disability_consent = forms.BooleanField(
        label=_("Saya setuju data disabilitas dicatat"), required=False
    )
    forwarding_consent = forms.BooleanField(
        label=_("Saya setuju data saya (termasuk NIK) diteruskan ke Disnaker/Karirhub"),
        required=False,
    )

    def __init__(self, *args: Any, with_nisn: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("registered_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["major"].queryset = Major.objects.filter(level=Major.Level.CONCENTRATION)
        fields["occupations_sought"].queryset = Occupation.objects.order_by("code")
        if not with_nisn:
            del self.fields["nisn"], self.fields["registered_on"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("disability_category") and not data.get("disability_consent"):
            self.add_error("disability_consent",
                           _("Ragam disabilitas hanya dicatat dengan persetujuan."))  # fmt: skip
        day = data.get("registered_on")
        if day and day > timezone.localdate():
            self.add_error("registered_on", _("Tanggal pendaftaran tidak boleh di masa depan."))
        return data


class EndForm(forms.Form):
    """End a registration by removal (a placement ends it by itself)."""

    ended_on = forms.DateField(label=_("Tanggal dihapus"), widget=date_input())
    reason = forms.ChoiceField(label=_("Alasan"),
                               choices=[(r.value, r.label) for r in REMOVAL_REASONS])  # fmt: skip
    note = forms.CharField(label=_("Keterangan"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("ended_on", timezone.localdate())
        super().__init__(*args, **kwargs)


HISTORY_KINDS = [
    (ImportJob.Kind.JOBSEEKERS.value, ImportJob.Kind.JOBSEEKERS.label),
    (ImportJob.Kind.VACANCIES.value, ImportJob.Kind.VACANCIES.label),
    (ImportJob.Kind.PLACEMENTS.value, ImportJob.Kind.PLACEMENTS.label),
]


class HistoryUploadForm(UploadForm):
    kind = forms.ChoiceField(label=_("Isi berkas"), choices=HISTORY_KINDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, with_cohort=False, **kwargs)
