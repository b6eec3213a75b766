from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jejak.alumni.models import Alumnus, Consent, SchoolClass
from jejak.lib.values import ValueProblem, parse_nik, parse_nisn, parse_phone_number
from jejak.outcomes.models import Activity
from jejak.reference.models import Disability, Major, Region


def cohort_choices() -> list[tuple[int, int]]:
    this_year = dt.date.today().year
    return [(year, year) for year in range(this_year + 1, this_year - 15, -1)]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas Excel (.xlsx) atau CSV"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv"}),
    )
    cohort = forms.TypedChoiceField(label=_("Angkatan lulus"), coerce=int)

    def __init__(self, *args: Any, with_cohort: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_cohort:
            cast(forms.ChoiceField, self.fields["cohort"]).choices = cohort_choices()
            self.fields["cohort"].initial = dt.date.today().year
        else:
            del self.fields["cohort"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": settings.MAX_UPLOAD_MB}
            )
        if not upload.name.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt")):
            raise forms.ValidationError(_("Unggah berkas Excel (.xlsx) atau CSV (.csv)."))
        return upload


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama, NISN atau HP"), required=False)
    cohort = forms.TypedChoiceField(
        label=_("Angkatan"), required=False, coerce=int, empty_value=None
    )
    major = forms.ModelChoiceField(
        label=_("Jurusan"), required=False, queryset=Major.objects.none(), empty_label=_("Semua")
    )
    school_class = forms.ModelChoiceField(
        label=_("Rombel"),
        required=False,
        queryset=SchoolClass.objects.none(),
        to_field_name="code",
        empty_label=_("Semua"),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, classes: Any, majors: Any, cohorts: list[int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["cohort"]).choices = [("", _("Semua"))] + [
            (c, c) for c in cohorts
        ]
        cast(forms.ModelChoiceField, self.fields["major"]).queryset = majors
        cast(forms.ModelChoiceField, self.fields["school_class"]).queryset = classes
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            ("", _("Semua")),
            ("none", _("Belum diketahui")),
            *Activity.choices,
        ]


class AlumnusForm(forms.ModelForm):
    class Meta:
        model = Alumnus
        fields = [
            "nisn", "nik", "name", "sex", "birth_place", "birth_date", "cohort", "major",
            "school_class", "phone", "email", "address", "region", "disability",
        ]  # fmt: skip
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org = self.instance.organisation
        cast(
            forms.ModelChoiceField, self.fields["school_class"]
        ).queryset = SchoolClass.objects.filter(organisation=org)
        cast(forms.ModelChoiceField, self.fields["major"]).queryset = Major.objects.filter(
            level=Major.Level.CONCENTRATION
        )
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = Region.objects.filter(
            level=Region.Level.REGENCY
        )
        self.fields["cohort"] = forms.TypedChoiceField(
            label=_("Angkatan lulus"), choices=cohort_choices(), coerce=int
        )
        self.fields["disability"] = forms.MultipleChoiceField(
            label=_("Kebutuhan khusus"),
            required=False,
            choices=[(d.code, str(d)) for d in Disability.objects.all()],
            widget=forms.CheckboxSelectMultiple,
            initial=[c for c in self.instance.disability.split(",") if c],
        )
        self.fields["phone"].help_text = _("Contoh: 0812-3456-7890; disimpan sebagai +62…")

    def _parsed(self, name: str, parse: Any) -> Any:
        try:
            return parse(self.cleaned_data[name])
        except ValueProblem as problem:
            raise forms.ValidationError(str(problem)) from None

    def clean_nisn(self) -> str:
        nisn = self._parsed("nisn", lambda v: parse_nisn(v) if v else "")
        clash = Alumnus.objects.filter(organisation=self.instance.organisation, nisn=nisn)
        if nisn and clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("NISN ini sudah dipakai alumni lain di sekolah ini."))
        return nisn

    def clean_nik(self) -> str:
        return self._parsed("nik", parse_nik)

    def clean_phone(self) -> str:
        phone = self._parsed("phone", parse_phone_number)
        return phone.e164 if phone else ""

    def clean_disability(self) -> str:
        return ",".join(self.cleaned_data["disability"])


class ConsentForm(forms.Form):
    state = forms.ChoiceField(label=_("Persetujuan"), choices=Consent.choices)
    note = forms.CharField(
        label=_("Catatan (misalnya: formulir kertas tanggal 12 Juli)"),
        required=False,
        max_length=200,
    )


class DeletionForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penghapusan"),
        max_length=300,
        help_text=_("Misalnya: permintaan alumni melalui WhatsApp tanggal 3 Agustus."),
    )
    confirm = forms.BooleanField(
        label=_("Saya mengerti data ini dan riwayatnya dihapus permanen."), required=True
    )


class TeacherForm(forms.Form):
    teacher: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Wali kelas"),
        queryset=SchoolClass.objects.none(),  # replaced by the school's teachers
        required=False,
        empty_label=_("(belum ada)"),
    )

    def __init__(self, *args: Any, teachers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["teacher"]).queryset = teachers
