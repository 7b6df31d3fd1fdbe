"""The /sitrep form: region by code or name, date and language."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]


class SitrepForm(forms.Form):
    """Which report to make; an empty region means national."""

    region = forms.CharField(
        label=_("Wilayah"),
        required=False,
        max_length=100,
        help_text=_("Kode atau nama provinsi / kabupaten / kota; kosongkan untuk nasional."),
    )
    date = forms.DateField(
        label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    language = forms.ChoiceField(label=_("Bahasa laporan"), choices=LANGUAGES, initial="id")

    def clean_date(self) -> dt.date:
        """No reports about days that have not happened yet."""
        day: dt.date = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal tidak boleh di masa depan."), code="future_date")
        return day
