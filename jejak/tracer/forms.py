from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.alumni.forms import cohort_choices
from jejak.lib.values import ValueProblem, parse_phone_number
from jejak.tracer.models import Response


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Nama kampanye"), max_length=150, required=False)
    cohorts = forms.TypedMultipleChoiceField(
        label=_("Angkatan yang ditelusuri"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    start = forms.DateField(label=_("Mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Berakhir"), widget=forms.DateInput(attrs={"type": "date"}))
    reference_date = forms.DateField(
        label=_("Tanggal acuan (opsional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Kosongkan: satu tahun setelah tanggal kelulusan setiap angkatan."),
    )
    extra = forms.CharField(
        label=_("Pertanyaan tambahan sekolah (opsional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Satu pertanyaan per baris. Untuk pilihan ganda, tulis pilihannya setelah tanda |, "
            "dipisah koma. Contoh: Apakah Anda ikut bursa kerja sekolah? | Ya, Tidak"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["cohorts"].choices = cohort_choices()  # type: ignore[attr-defined]
        self.fields["cohorts"].initial = [this_year - 1]
        self.fields["start"].initial = timezone.localdate()
        self.fields["end"].initial = timezone.localdate() + dt.timedelta(days=60)

    def clean_start(self) -> dt.date:
        start: dt.date = self.cleaned_data["start"]
        if start < timezone.localdate() - dt.timedelta(days=1):
            raise forms.ValidationError(_("Tanggal mulai tidak boleh di masa lalu."))
        return start

    def clean_extra(self) -> list[dict[str, Any]]:
        questions: list[dict[str, Any]] = []
        for number, line in enumerate(self.cleaned_data["extra"].splitlines(), start=1):
            if not line.strip():
                continue
            text, _sep, options = line.partition("|")
            if len(text.strip()) < 5:
                raise forms.ValidationError(
                    _("Baris %(n)s: tulis pertanyaannya lengkap.") % {"n": number}
                )
            choices = [o.strip() for o in options.split(",") if o.strip()]
            if options and len(choices) < 2:
                raise forms.ValidationError(
                    _("Baris %(n)s: pilihan ganda perlu paling sedikit dua pilihan.")
                    % {"n": number}
                )
            key = "x_" + re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:30]
            questions.append({"key": f"{key}_{len(questions) + 1}", "label": text.strip(),
                              "options": choices, "required": False})  # fmt: skip
        if len(questions) > 10:
            raise forms.ValidationError(_("Paling banyak 10 pertanyaan tambahan."))
        return questions

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("Tanggal berakhir harus setelah tanggal mulai."))
        return data


class StaffEntryForm(forms.Form):
    """How the answer reached the teacher; the answers themselves use the survey fields."""

    source = forms.ChoiceField(
        label=_("Sumber jawaban"),
        choices=[
            (Response.Source.PHONE, Response.Source.PHONE.label),
            (Response.Source.PAPER, Response.Source.PAPER.label),
        ],
        widget=forms.RadioSelect,
    )


class GraduationForm(forms.Form):
    cohort = forms.TypedChoiceField(label=_("Angkatan"), coerce=int)
    date = forms.DateField(
        label=_("Tanggal kelulusan"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = cohort_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        cohort, date = data.get("cohort"), data.get("date")
        if cohort and date and not (cohort - 1 <= date.year <= cohort):
            self.add_error("date", _("Tanggal kelulusan harus pada tahun angkatan itu."))
        return data


class EmployerInviteForm(forms.Form):
    employer_name = forms.CharField(label=_("Nama perusahaan/instansi"), max_length=200)
    contact_name = forms.CharField(label=_("Nama kontak (HRD)"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Email kontak"), required=False)
    contact_phone = forms.CharField(
        label=_("Nomor HP/WhatsApp kontak"), max_length=20, required=False
    )

    def clean_employer_name(self) -> str:
        name = " ".join(self.cleaned_data["employer_name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Tulis nama perusahaan."))
        return name

    def clean_contact_phone(self) -> str:
        try:
            phone = parse_phone_number(self.cleaned_data["contact_phone"])
        except ValueProblem as problem:
            raise forms.ValidationError(str(problem)) from problem
        return phone.e164 if phone else ""
