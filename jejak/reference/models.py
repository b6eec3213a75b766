"""Reference data: regions, majors, occupations and industries.

Rows are loaded from named official sources (see `data/README.md` and `loading.py`), never
typed in by users, and are shared by every tenant.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EducationLevel(models.TextChoices):
    """Education levels as the labour office's forms (AK/1, IPK III/2, III/4, III/8) list them,
    SMA and SMK apart. The values are the forms' own labels, used in imports and exports."""

    SD = "SD", _("SD/sederajat")
    SMP = "SMP", _("SMP/sederajat")
    SMA = "SMA", _("SMA/MA")
    SMK = "SMK", _("SMK/MAK")
    D1 = "D1", _("D1")
    D2 = "D2", _("D2")
    D3 = "D3", _("D3")
    D4_S1 = "D4/S1", _("D4/S1")
    S2 = "S2", _("S2")
    S3 = "S3", _("S3")


class DisabilityCategory(models.TextChoices):
    """UU 8/2016 Pasal 4: ragam penyandang disabilitas. The one list every form, import and
    count uses (Dapodik codes map onto it in `jejak.reference.disability`)."""

    PHYSICAL = "fisik", _("Disabilitas fisik")
    INTELLECTUAL = "intelektual", _("Disabilitas intelektual")
    MENTAL = "mental", _("Disabilitas mental")
    SENSORY = "sensorik", _("Disabilitas sensorik")
    MULTIPLE = "ganda", _("Disabilitas ganda atau multi")


class Region(models.Model):
    """A province (`35`) or regency/city (`35.09`) by its Kemendagri code."""

    class Level(models.IntegerChoices):
        PROVINCE = 1, _("Provinsi")
        REGENCY = 2, _("Kabupaten/Kota")

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=100)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    kind = models.CharField(_("jenis"), max_length=20)  # provinsi, kabupaten, kota
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return self.name

    @property
    def province_code(self) -> str:
        return self.code[:2]


class Major(models.Model):
    """A node of the Spektrum Keahlian SMK (Kepka BSKAP 024/H/KR/2022)."""

    class Level(models.TextChoices):
        FIELD = "bidang", _("Bidang Keahlian")
        PROGRAM = "program", _("Program Keahlian")
        CONCENTRATION = "konsentrasi", _("Konsentrasi Keahlian")

    code = models.CharField(_("kode"), max_length=12, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    level = models.CharField(_("tingkat"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    abbreviation = models.CharField(_("singkatan"), max_length=12, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("jurusan")
        verbose_name_plural = _("jurusan")

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name


class MajorAlias(models.Model):
    """A name schools use for a major: an abbreviation (TKJ) or a 2018 Kompetensi Keahlian."""

    class Kind(models.TextChoices):
        ABBREVIATION = "abbreviation", _("singkatan")
        NAME = "name", _("nama resmi")
        KK2018 = "kk2018", _("Kompetensi Keahlian 2018")

    key = models.CharField(max_length=150, unique=True)  # normalised, see lookup.normalise
    major = models.ForeignKey(Major, on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.CharField(max_length=150)

    def __str__(self) -> str:
        return self.text


class Occupation(models.Model):
    """A KBJI 2014 group: its code has as many digits as its level.

    Level 1 golongan pokok (`7`), 2 sub golongan pokok (`72`), 3 golongan (`721`), 4 sub golongan
    or unit group (`7212`). Every group but a golongan pokok has its parent one level up; the
    major group of any code is its first digit.
    """

    class Level(models.IntegerChoices):
        MAJOR = 1, _("Golongan pokok")
        SUB_MAJOR = 2, _("Sub golongan pokok")
        MINOR = 3, _("Golongan")
        UNIT = 4, _("Sub golongan")

    code = models.CharField(_("kode"), max_length=4, primary_key=True)
    name = models.CharField(_("nama"), max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices, default=1)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("jabatan (KBJI 2014)")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Industry(models.Model):
    """A KBLI 2020 section (A-U) with the 2-digit divisions it spans.

    The divisions themselves (with names) are in `data/kbli_2020_divisions.csv`, read by
    `jejak.reference.kbli`.
    """

    code = models.CharField(_("kode"), max_length=2, primary_key=True)
    name = models.CharField(_("nama"), max_length=250)
    name_en = models.CharField(max_length=250, blank=True)
    divisions = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("lapangan usaha (KBLI 2020)")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Disability(models.Model):
    """A Dapodik 'Kebutuhan Khusus' code (A = netra, B = rungu, …)."""

    code = models.CharField(_("kode"), max_length=3, primary_key=True)
    name = models.CharField(_("nama"), max_length=100)
    # UU 8/2016 Pasal 4 category; empty when the code is not a disability under the law.
    category = models.CharField(_("ragam disabilitas"), max_length=12, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kebutuhan khusus")

    def __str__(self) -> str:
        return f"{self.code} - {self.name}"
