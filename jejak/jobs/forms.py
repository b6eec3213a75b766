from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejak.companies.forms import date_input
from jejak.companies.models import Partnership
from jejak.jobs.models import Education, Placement, Stage
from jejak.jobs.services import vacancy_problems
from jejak.lib.values import ValueProblem, parse_rupiah
from jejak.organisations.models import Organisation
from jejak.reference.coding import parse_kbli
from jejak.reference.models import Industry, Major, Occupation, Region


class RupiahField(forms.CharField):
    """Rupiah as people type it: 3500000, 3.500.000, Rp 3.500.000,-, 3,5 juta, 3500rb;
    anything else is refused with a message naming the field (see values.parse_rupiah)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        try:
            return parse_rupiah(value, str(self.label))
        except ValueProblem as problem:
            raise forms.ValidationError(str(problem)) from None


class VacancyForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Perusahaan"), queryset=Organisation.objects.none(), to_field_name="code",
        empty_label=_("— pilih perusahaan terverifikasi —"),
    )  # fmt: skip
    title = forms.CharField(label=_("Jabatan/posisi"), max_length=150)
    # Positions by the sex they are open to, as the labour office counts them (IPK III/4-6):
    # asking a sex is lawful only where the job needs it, so "either" comes first.
    openings_any = forms.IntegerField(
        label=_("Jumlah untuk laki-laki atau perempuan"), min_value=0, max_value=10000,
        initial=1, required=False,
        error_messages={"invalid": _("Jumlah dibutuhkan harus berupa angka.")},
    )  # fmt: skip
    openings_male = forms.IntegerField(
        label=_("Jumlah khusus laki-laki"), min_value=0, max_value=10000, required=False,
        error_messages={"invalid": _("Jumlah dibutuhkan harus berupa angka.")},
    )  # fmt: skip
    openings_female = forms.IntegerField(
        label=_("Jumlah khusus perempuan"), min_value=0, max_value=10000, required=False,
        error_messages={"invalid": _("Jumlah dibutuhkan harus berupa angka.")},
    )  # fmt: skip
    opens_on = forms.DateField(label=_("Berlaku mulai"), widget=date_input())
    closes_on = forms.DateField(label=_("Batas akhir lamaran"), widget=date_input())
    age_min = forms.IntegerField(
        label=_("Usia minimal"), min_value=15, max_value=70, required=False
    )
    age_max = forms.IntegerField(
        label=_("Usia maksimal"), min_value=15, max_value=70, required=False
    )
    education = forms.ChoiceField(
        label=_("Pendidikan"),
        choices=Education.choices,
        initial=Education.SMK,
        help_text=_("SMA dan SMK dihitung terpisah di laporan Disnaker."),
    )
    occupation = forms.ModelChoiceField(
        label=_("Jabatan menurut KBJI 2014"), queryset=Occupation.objects.none(), required=False,
        empty_label=_("— belum dikodekan —"),
        help_text=_("Disnaker menghitung lowongan per golongan jabatan (IPK III/5)."),
    )  # fmt: skip
    kbli = forms.CharField(
        label=_("KBLI 2020 perusahaan"), max_length=5, required=False,
        help_text=_("Kosongkan untuk memakai KBLI yang tercatat pada perusahaan."),
    )  # fmt: skip
    # Without the five digits, the section alone still codes the vacancy for IPK III/6.
    industry = forms.ModelChoiceField(
        label=_("Lapangan usaha pemberi kerja (kategori KBLI 2020)"),
        queryset=Industry.objects.order_by("code"), required=False,
        empty_label=_("— belum dikodekan —"),
    )  # fmt: skip
    majors = forms.ModelMultipleChoiceField(
        label=_("Jurusan yang dicari"), queryset=Major.objects.none(), required=False,
        help_text=_("Kosongkan bila semua jurusan boleh melamar."),
    )  # fmt: skip
    skills = forms.CharField(
        label=_("Keterampilan"), required=False, widget=forms.Textarea({"rows": 2})
    )
    experience = forms.CharField(
        label=_("Pengalaman"), max_length=200, required=False,
        help_text=_("Misalnya: tidak perlu pengalaman; 1 tahun di bengkel."),
    )  # fmt: skip
    wage_min = RupiahField(label=_("Upah minimal per bulan"))
    wage_max = RupiahField(label=_("Upah maksimal per bulan"))
    work_region = forms.ModelChoiceField(
        label=_("Lokasi kerja (kabupaten/kota)"), queryset=Region.objects.none(), required=False,
        empty_label=_("— pilih —"),
    )  # fmt: skip
    work_country = forms.CharField(
        label=_("Atau negara, bila di luar negeri"), max_length=60, required=False
    )
    work_address = forms.CharField(label=_("Alamat tempat kerja"), max_length=200, required=False)
    formal = forms.TypedChoiceField(
        label=_("Jenis pekerjaan"), coerce=lambda v: v == "1", widget=forms.RadioSelect,
        choices=[("1", _("Formal (ada kontrak/slip gaji)")), ("0", _("Informal"))], initial="1",
    )  # fmt: skip
    disability_friendly = forms.BooleanField(label=_("Ramah disabilitas"), required=False)
    description = forms.CharField(
        label=_("Deskripsi pekerjaan"), required=False, widget=forms.Textarea({"rows": 4})
    )
    schools = forms.ModelMultipleChoiceField(
        label=_("Sekolah tujuan"), queryset=Organisation.objects.none(), required=False,
        to_field_name="code",
    )  # fmt: skip
    regions = forms.ModelMultipleChoiceField(
        label=_("Atau semua sekolah di wilayah"), queryset=Region.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(
        self,
        *args: Any,
        poster: Organisation,
        companies: QuerySet[Organisation] | None = None,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {"opens_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.editing = editing
        fields: Any = self.fields
        if companies is None or editing:
            del self.fields["company"]
        else:
            fields["company"].queryset = companies
        fields["majors"].queryset = Major.objects.order_by("code")
        fields["occupation"].queryset = Occupation.objects.order_by("code")
        # Typing the title asks the server for the KBJI groups it most likely is and puts them
        # first in the occupation list (htmx; without JavaScript the full list stays).
        fields["title"].widget.attrs.update({
            "hx-get": reverse("jobs:kbji_suggest", args=[poster.code]), "hx-trigger": "change",
            "hx-target": "#id_occupation", "hx-swap": "outerHTML",
            "hx-include": "#id_occupation",
        })  # fmt: skip
        province = poster.province_code
        fields["work_region"].queryset = Region.objects.filter(level=Region.Level.REGENCY).order_by(
            "name"
        )
        partners = Partnership.objects.filter(company=poster).values("organisation_id")
        fields["schools"].queryset = (
            Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)
            .filter(Q(province_code=province) | Q(pk__in=partners))
            .order_by("name")
        )
        fields["regions"].queryset = Region.objects.filter(code__startswith=province).order_by(
            "code"
        )
        if poster.keeps_alumni:
            fields["schools"].initial = [poster.code]
        if editing:  # where a vacancy went is fixed once alumni could see it
            del self.fields["schools"], self.fields["regions"]

    def clean_work_country(self) -> str:
        return self.cleaned_data["work_country"].strip()

    def clean_kbli(self) -> str:
        try:
            code, self.kbli_section = parse_kbli(self.cleaned_data.get("kbli"))
        except ValueProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("openings_any", "openings_male", "openings_female"):
            data[name] = data.get(name) or 0
        if data.get("kbli"):
            data["industry"] = Industry.objects.filter(pk=self.kbli_section).first()
        if data.get("work_region") and data.get("work_country"):
            self.add_error(
                "work_country", _("Pilih lokasi di Indonesia atau negara, tidak keduanya.")
            )
        for field, message in vacancy_problems(data).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        if self.editing:
            return data
        if not data.get("schools") and not data.get("regions") and not self.errors:
            self.add_error("schools", _("Pilih minimal satu sekolah atau wilayah tujuan."))
        return data


class MoveForm(forms.Form):
    """The recruiter's stage menu. It starts on an empty "Pilih tahap" so that pressing
    "Pindahkan" without a choice is refused instead of moving the applicant anywhere."""

    stage = forms.ChoiceField(label=_("Pindahkan ke tahap"))
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args: Any, moves: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # No choice without a move: the template hides the form when `moves` is empty.
        choices = [("", _("Pilih tahap")), *moves] if moves else []
        self.fields["stage"].choices = choices  # type: ignore[attr-defined]


class ApplyForm(forms.Form):
    cover_note = forms.CharField(
        label=_("Pesan singkat untuk perusahaan (boleh kosong)"), required=False, max_length=1000,
        widget=forms.Textarea({"rows": 3}),
    )  # fmt: skip


class PlacementForm(forms.Form):
    nisn = forms.CharField(
        label=_("NISN alumni"), max_length=10, help_text=_("Alumni sekolah ini yang bekerja.")
    )
    employer = forms.CharField(label=_("Pemberi kerja"), max_length=200)
    job_title = forms.CharField(label=_("Jabatan"), max_length=150, required=False)
    industry = forms.ModelChoiceField(
        label=_("Lapangan usaha (KBLI)"), queryset=Industry.objects.all(), required=False
    )
    kbli = forms.CharField(
        label=_("Kode KBLI 2020 (bila ada)"), max_length=5, required=False,
        help_text=_("Lima angka dari NIB perusahaan, misalnya 10792; kategorinya terisi sendiri."),
    )  # fmt: skip
    occupation = forms.ModelChoiceField(
        label=_("Jabatan (KBJI)"), queryset=Occupation.objects.all(), required=False
    )
    work_region = forms.ModelChoiceField(
        label=_("Wilayah tempat kerja"), queryset=Region.objects.none(), required=False,
        empty_label=_("— pilih —"),
    )  # fmt: skip
    work_country = forms.CharField(
        label=_("Atau negara, bila di luar negeri"), max_length=60, required=False
    )
    start_date = forms.DateField(label=_("Mulai bekerja"), widget=date_input())
    wage = RupiahField(label=_("Upah per bulan"))
    formal = forms.TypedChoiceField(
        label=_("Jenis pekerjaan"), coerce=lambda v: v == "1", widget=forms.RadioSelect,
        choices=[("1", _("Formal")), ("0", _("Informal"))],
        help_text=_("Pilih sesuai kenyataan: tidak ada pilihan bawaan."),
    )  # fmt: skip
    follow_up_on = forms.DateField(
        label=_("Tanggal cek lanjutan"), required=False, widget=date_input(),
        help_text=_("Kosongkan untuk 3 bulan setelah mulai bekerja."),
    )  # fmt: skip

    def __init__(
        self, *args: Any, with_nisn: bool = True, editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if editing:  # a recorded placement is in Indonesia: a BKK never places abroad
            del self.fields["work_country"]
        self.fields["work_region"].queryset = Region.objects.filter(  # type: ignore[attr-defined]
            level=Region.Level.REGENCY
        ).order_by("name")
        if not with_nisn:
            del self.fields["nisn"]

    def clean_kbli(self) -> str:
        try:
            code, section = parse_kbli(self.cleaned_data.get("kbli"))
        except ValueProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        self.kbli_section = section
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kbli") and getattr(self, "kbli_section", ""):
            data["industry"] = Industry.objects.filter(pk=self.kbli_section).first()
        start = data.get("start_date")
        if start and start > timezone.localdate() + dt.timedelta(days=366):
            self.add_error("start_date", _("Tanggal mulai bekerja terlalu jauh di masa depan."))
        follow = data.get("follow_up_on")
        if start and follow and follow < start:
            self.add_error("follow_up_on", _("Tanggal cek lanjutan harus sesudah mulai bekerja."))
        if not data.get("work_region") and not data.get("work_country") and not self.errors:
            self.add_error("work_region", _("Isi wilayah tempat kerja (kabupaten/kota)."))
        return data


class PlacementFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    month = forms.TypedChoiceField(
        label=_("Bulan"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Semua"))] + [(m, m) for m in range(1, 13)],
    )  # fmt: skip
    kind = forms.ChoiceField(
        label=_("Jenis"), required=False,
        choices=[("", _("Semua"))] + [c for c in Placement.Kind.choices if c[0] != "AKAN"],
    )  # fmt: skip
    formal = forms.ChoiceField(
        label=_("Formal/informal"), required=False,
        choices=[("", _("Semua")), ("1", _("Formal")), ("0", _("Informal")),
                 ("-", _("Belum dicatat"))],
    )  # fmt: skip

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Semua"))] + [(y, y) for y in years]  # type: ignore[attr-defined]


STAGE_LABELS = dict(Stage.choices)
