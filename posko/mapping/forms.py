"""Forms of the map pages: the GET filter form and the indicator occurrence form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from posko.cases.choices import Stage
from posko.mapping.catalogue import catalogue


def _category_choices() -> list[tuple[str, Any]]:
    from posko.reports.taxonomy import load_taxonomy

    return [("", _("Semua kategori")), *load_taxonomy().choices()]


class MapFilterForm(forms.Form):
    """Filters shared by the officers' and the public map (a plain GET form, no JavaScript)."""

    region = forms.CharField(required=False, max_length=13, widget=forms.HiddenInput)
    category = forms.ChoiceField(label=_("Kategori"), required=False, choices=())
    stage = forms.ChoiceField(label=_("Tahap kasus"), required=False, choices=())
    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    legacy = forms.BooleanField(label=_("Ambang IKP 2022 (tampilan lama)"), required=False)

    def __init__(self, *args: Any, public: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices()  # type: ignore[attr-defined]
        self.fields["stage"].choices = [("", _("Semua tahap")), *Stage.choices]  # type: ignore[attr-defined]
        if public:
            del self.fields["stage"]

    def clean_region(self) -> str:
        """Only provinsi, kab/kota or kecamatan codes."""
        code: str = self.cleaned_data.get("region") or ""
        if code and len(code) not in (2, 5, 8):
            raise forms.ValidationError(_("Kode wilayah tidak dikenal."))
        return code

    def clean(self) -> dict[str, Any]:
        """date_from must not be after date."""
        data = super().clean() or {}
        if data.get("date_from") and data.get("date") and data["date_from"] > data["date"]:
            self.add_error("date_from", _("Tanggal awal sesudah tanggal akhir."))
        return data


class OccurrenceForm(forms.Form):
    """An analyst records that an indicator occurred in a region."""

    region_code = forms.CharField(label=_("Kode wilayah"), max_length=13)
    indicator = forms.ChoiceField(label=_("Indikator"), choices=())
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    source = forms.CharField(label=_("Sumber"), max_length=300)
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [  # type: ignore[attr-defined]
            (i.id, f"{i.id} — {i.text} [{i.status}]") for i in catalogue().indicators.values()
        ]


class AcknowledgeForm(forms.Form):
    """Acknowledging a spike alert, with an optional note."""

    note = forms.CharField(label=_("Catatan"), required=False, max_length=1000)
