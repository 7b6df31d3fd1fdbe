"""The officer's upload form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

FORMAT_CHOICES = [
    ("instagram", "Instagram (Download your information, JSON)"),
    ("facebook", "Facebook (Download your information, JSON)"),
    ("x", _("X/Twitter (arsip: like.js, tweets.js)")),
    ("tiktok", "TikTok (user_data JSON)"),
    ("whatsapp", _("WhatsApp (ekspor chat .txt)")),
]


class UploadForm(forms.Form):
    """One export file (or its ZIP) with whose it is."""

    format = forms.ChoiceField(label=_("Format ekspor"), choices=FORMAT_CHOICES)
    export = forms.FileField(label=_("Berkas ekspor (.json, .js, .txt atau .zip)"))
    nip = forms.CharField(label=_("NIP pemilik ekspor"), max_length=30)
    name = forms.CharField(
        label=_("Nama (WhatsApp: nama seperti tampil di chat)"), max_length=200, required=False
    )
    asn = forms.BooleanField(label=_("Pemilik adalah ASN"), required=False, initial=True)

    def clean_export(self) -> object:
        """Refuse files over the upload limit before reading them."""
        upload = self.cleaned_data["export"]
        limit = int(settings.POSKO_MAX_UPLOAD_BYTES)
        if upload.size > limit:
            raise forms.ValidationError(
                _("Berkas melebihi batas %(mb)d MB."), params={"mb": limit // (1024 * 1024)}
            )
        return upload
