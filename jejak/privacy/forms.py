from django import forms
from django.utils.translation import gettext_lazy as _


class RetentionForm(forms.Form):
    days = forms.IntegerField(
        label=_("Simpan berkas impor (hari)"),
        min_value=1,
        max_value=3650,
        required=False,
        help_text=_("Kosongkan untuk memakai bawaan nasional."),
    )
