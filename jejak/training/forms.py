"""Forms of the BLK training pages and the public sign-up."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.lib.nik import nik_check
from jejak.lib.values import ValueProblem, parse_phone_number
from jejak.organisations.models import Organisation
from jejak.reference.models import Industry, Occupation, Region
from jejak.training.models import (
    Batch,
    DisabilityCategory,
    Education,
    Enrolment,
    Mentoring,
    NetworkMember,
    Programme,
    Referral,
    TrainingOrder,
    WorkBefore,
)


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "own_code", "national_code", "vocation", "name", "competency_standard", "hours",
            "occupations", "industries", "active",
        ]  # fmt: skip

    def __init__(self, *args: Any, blk: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.blk = blk

    def clean_own_code(self) -> str:
        code = self.cleaned_data["own_code"].strip()
        taken = Programme.objects.filter(organisation=self.blk, own_code=code)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Kode program ini sudah dipakai program lain."))
        return code


class BatchForm(forms.ModelForm):
    class Meta:
        model = Batch
        fields = [
            "programme", "own_code", "start_date", "end_date", "funding", "quota", "mode",
            "location", "accessibility_notes", "state",
        ]  # fmt: skip
        widgets = {"start_date": _date(), "end_date": _date()}
        help_texts = {"own_code": _("Kosongkan untuk dibuatkan otomatis (KODEPROGRAM-TTBB).")}

    def __init__(self, *args: Any, blk: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.blk = blk
        programmes = Programme.objects.filter(organisation=blk, active=True)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["own_code"].required = False
        if self.instance.pk:
            del self.fields["programme"]  # a batch stays with the programme it opened for
        else:
            del self.fields["state"]  # a new batch's state follows its dates

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Tanggal selesai harus sesudah tanggal mulai."))
        code = (data.get("own_code") or "").strip()
        taken = Batch.objects.filter(organisation=self.blk, own_code=code)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if code and taken.exists():
            self.add_error("own_code", _("Kode gelombang ini sudah dipakai."))
        return data


_RESULT = forms.NullBooleanSelect


class ResultsForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = [
            "completed", "completed_on", "graduated", "graduated_on", "competent",
            "assessed_on", "certificate_number", "certification_scheme", "education",
            "work_before",
        ]  # fmt: skip
        widgets = {
            "completed": _RESULT, "graduated": _RESULT, "competent": _RESULT,
            "completed_on": _date(), "graduated_on": _date(), "assessed_on": _date(),
        }  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("certificate_number") and data.get("competent") is False:
            self.add_error(
                "certificate_number",
                _("Nomor sertifikat hanya untuk peserta yang dinyatakan kompeten."),
            )
        return data


class SignupForm(forms.Form):
    """The public sign-up for an open batch. No JavaScript; the NIK is checked against the
    birth date and sex given, and consent is required."""

    nik = forms.CharField(label=_("NIK (16 digit, sesuai KTP/KK)"), max_length=20)
    name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=[("L", _("Laki-laki")), ("P", _("Perempuan"))],
        widget=forms.RadioSelect,
    )  # fmt: skip
    birth_date = forms.DateField(label=_("Tanggal lahir"), widget=_date())
    phone = forms.CharField(label=_("Nomor HP/WhatsApp"), max_length=20)
    email = forms.EmailField(label=_("Email (boleh kosong)"), required=False)
    address = forms.CharField(label=_("Alamat"), widget=forms.Textarea(attrs={"rows": 2}))
    region = forms.ModelChoiceField(
        label=_("Kabupaten/kota domisili"), queryset=Region.objects.none(), required=False
    )
    education = forms.ChoiceField(label=_("Pendidikan terakhir"), choices=Education.choices)
    work_before = forms.ChoiceField(label=_("Status saat ini"), choices=WorkBefore.choices)
    disability = forms.ChoiceField(
        label=_("Disabilitas (boleh tidak diisi)"), required=False,
        choices=[("", _("Tidak ada / tidak ingin menyebutkan")), *DisabilityCategory.choices],
    )  # fmt: skip
    disability_consent = forms.BooleanField(
        label=_("Saya setuju BLK menyimpan data disabilitas saya untuk menyiapkan akomodasi "
                "yang layak dan pendampingan penempatan."),
        required=False,
    )  # fmt: skip
    consent = forms.BooleanField(
        label=_("Saya setuju data saya disimpan dan dipakai BLK untuk seleksi, pelatihan dan "
                "penelusuran kerja setelah pelatihan."),
    )  # fmt: skip

    def __init__(self, *args: Any, batch: Batch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regencies = Region.objects.filter(
            level=Region.Level.REGENCY, code__startswith=batch.province_code
        )
        self.fields["region"].queryset = regencies  # type: ignore[attr-defined]

    def clean_phone(self) -> str:
        try:
            phone = parse_phone_number(self.cleaned_data["phone"])
        except ValueProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return phone.e164 if phone else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "nik" in data and data.get("birth_date") and data.get("sex"):
            regencies = set(
                Region.objects.filter(level=Region.Level.REGENCY).values_list("code", flat=True)
            )
            try:
                data["nik"] = nik_check(
                    data["nik"], birth_date=data["birth_date"], sex=data["sex"],
                    regency_codes=regencies, today=timezone.localdate(),
                )  # fmt: skip
            except ValueProblem as problem:
                self.add_error("nik", str(problem))
        if data.get("disability") and not data.get("disability_consent"):
            self.add_error(
                "disability_consent",
                _("Centang persetujuan bila ingin BLK mencatat disabilitas Anda, atau "
                  "kosongkan pilihan disabilitas."),
            )  # fmt: skip
        return data


class BusinessStartForm(forms.Form):
    start = forms.DateField(label=_("Tanggal mulai usaha"), widget=_date())
    name = forms.CharField(label=_("Nama usaha"), max_length=200)
    industry = forms.ModelChoiceField(
        Industry.objects.all(), label=_("Bidang usaha (KBLI)"), required=False
    )
    has_workers = forms.TypedChoiceField(
        label=_("Mempekerjakan pekerja?"), required=False, empty_value=None,
        coerce=lambda v: v == "1",
        choices=[("", _("Tidak diketahui")), ("1", _("Ya")), ("0", _("Tidak"))],
    )  # fmt: skip


class MentoringForm(forms.ModelForm):
    class Meta:
        model = Mentoring
        fields = ["topic", "date", "mentor", "outcome"]
        widgets = {"date": _date(),
                   "outcome": forms.Textarea(attrs={"rows": 2})}  # fmt: skip


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["partner", "partner_name", "date", "outcome", "outcome_notes"]
        widgets = {"date": _date(),
                   "outcome_notes": forms.Textarea(attrs={"rows": 2})}  # fmt: skip


class NetworkForm(forms.ModelForm):
    class Meta:
        model = NetworkMember
        fields = ["list_business", "business_name", "business_description", "business_contact"]


# --- Company orders ("pesanan") -------------------------------------------------------------


class OrderForm(forms.Form):
    """A company's order to one BLK. The BLK is chosen first (a GET), so the programmes
    offered are that BLK's, without JavaScript."""

    programme = forms.ModelChoiceField(
        Programme.objects.none(), label=_("Program yang diminta (boleh kosong)"), required=False
    )
    competencies = forms.CharField(
        label=_("Kompetensi yang dibutuhkan"), widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Misalnya: servis sistem injeksi, membaca diagram kelistrikan."),
    )  # fmt: skip
    occupation = forms.ModelChoiceField(
        Occupation.objects.filter(level__gte=3).order_by("code"),
        label=_("Jabatan (KBJI, boleh kosong)"), required=False,
    )  # fmt: skip
    people = forms.IntegerField(label=_("Jumlah orang"), min_value=1, max_value=1000)
    wanted_by = forms.CharField(
        label=_("Dibutuhkan paling lambat (bulan)"), max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2027-03"}),
        help_text=_("Tahun dan bulan, misalnya 2027-03."),
    )  # fmt: skip
    location = forms.CharField(label=_("Lokasi kerja"), max_length=200, required=False)
    notes = forms.CharField(
        label=_("Catatan untuk BLK"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        max_length=2000,
    )  # fmt: skip

    def __init__(self, *args: Any, blk: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.filter(organisation=blk, active=True)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]

    def clean_wanted_by(self) -> dt.date:
        text = self.cleaned_data["wanted_by"].strip()
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
        month = int(match.group(2)) if match else 0
        if not match or not 1 <= month <= 12:
            raise forms.ValidationError(_("Tulis tahun dan bulan, misalnya 2027-03."))
        wanted = dt.date(int(match.group(1)), month, 1)
        if wanted < timezone.localdate().replace(day=1):
            raise forms.ValidationError(_("Bulan ini sudah lewat."))
        return wanted


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class OrderNotesForm(forms.Form):
    blk_notes = forms.CharField(
        label=_("Catatan BLK untuk pemesan"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False, max_length=2000, help_text=_("Terlihat oleh perusahaan pemesan."),
    )  # fmt: skip


class OrderBatchForm(BatchForm):
    """A new batch opened from an order: the ordered programme and the people asked for
    filled in, both changeable."""

    @classmethod
    def initial_for(cls, order: TrainingOrder) -> dict[str, Any]:
        return {"programme": order.programme_id, "quota": order.people,
                "location": order.location}  # fmt: skip
