from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from jejak.jobs.forms import RupiahField
from jejak.reference.models import Region


class UmkForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Kabupaten/kota (UMK) atau provinsi (UMP)"),
        queryset=Region.objects.none(),
        empty_label=None,
    )
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    amount = RupiahField(
        label=_("Besaran (Rp per bulan)"),
        required=True,
        validators=[
            MinValueValidator(
                100_000, _("Besaran terlalu kecil; tulis dalam rupiah, mis. 2.838.642.")
            ),
            MaxValueValidator(
                100_000_000, _("Besaran terlalu besar; tulis dalam rupiah per bulan.")
            ),
        ],
    )
    source = forms.CharField(
        label=_("Sumber (nomor keputusan gubernur)"), max_length=200, required=True
    )

    def __init__(self, *args: Any, regencies: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Region.objects.filter(code__in=regencies).order_by("code")
