"""Watchlist forms: plain fields; the services validate and normalise."""

from __future__ import annotations

from django import forms

from posko.watchlist.identity import PLATFORMS


class PersonForm(forms.Form):
    """Create or edit a watchlisted person."""

    nip = forms.CharField(label="NIP", max_length=30)
    name = forms.CharField(label="Nama", max_length=200)
    institution = forms.CharField(label="Instansi", max_length=200, required=False)
    position = forms.CharField(label="Jabatan", max_length=200, required=False)
    region_code = forms.CharField(label="Kode wilayah", max_length=20, required=False)


class AccountForm(forms.Form):
    """Add a social-media account to a person."""

    platform = forms.ChoiceField(label="Platform", choices=[(p, p) for p in PLATFORMS])
    handle = forms.CharField(label="Akun", max_length=200)
