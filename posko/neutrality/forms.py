"""The ASN self-check form: it turns what a person typed into one engine Act."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from posko.neutrality.engine.accounts import account_text, only_a_link
from posko.neutrality.engine.parse import MAX_TEXT_CHARS, InputError, parse_act
from posko.neutrality.engine.types import Act
from posko.regions.lookup import RegionMatch, lookup_region

ACTION_CHOICES = [
    ("like", _("Suka (like)")),
    ("comment", _("Komentar")),
    ("share", _("Bagikan (share)")),
    ("post", _("Unggah sendiri (posting)")),
    ("follow", _("Ikuti akun (follow)")),
    ("join_group", _("Gabung grup")),
    ("profile_photo", _("Jadikan foto profil")),
    ("view", _("Hanya melihat")),
]
ASN_CHOICES = [("yes", _("Ya, saya ASN (PNS/PPPK)")), ("no", _("Bukan ASN"))]

# The engine reports problems by field path; the form shows them next to its own fields.
ENGINE_FIELDS = {"content.text": "text", "action": "action", "region": "region"}


def _is_yes(value: str) -> bool:
    return value == "yes"


# Below the abbreviation tier the lookup's fuzzy hits are guesses ("jkt" -> a village in Papua);
# a wrong region would silently change which candidates count, so ask for a code instead.
MIN_REGION_SCORE = 70.0


def resolve_region(query: str) -> RegionMatch | None:
    """The region a code or a (possibly abbreviated) name means; None when unsure."""
    hits = lookup_region(query.strip(), limit=1)
    if not hits or hits[0].score < MIN_REGION_SCORE:
        return None
    return hits[0]


class SelfCheckForm(forms.Form):
    """What an ASN wants to do with a post, and where they work."""

    text = forms.CharField(
        label=_("Teks unggahan atau tautannya"),
        help_text=_("Tempel isi unggahan, komentar, nama akun atau grup yang ingin Anda periksa."),
        max_length=MAX_TEXT_CHARS,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Tempel dulu teks unggahan yang ingin Anda periksa."),
            "max_length": _(
                "Teks terlalu panjang: paling banyak %(limit_value)d karakter "
                "(sekarang %(show_value)d)."
            ),
        },
    )
    action = forms.ChoiceField(
        label=_("Apa yang ingin Anda lakukan?"),
        choices=ACTION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih apa yang ingin Anda lakukan."),
            "invalid_choice": _("Tindakan tidak dikenal. Pilih salah satu dari daftar."),
        },
    )
    region = forms.CharField(
        label=_("Daerah tempat Anda bertugas (boleh dikosongkan)"),
        help_text=_("Kode Kemendagri (mis. 31.71) atau nama daerah (mis. Jakarta Pusat)."),
        required=False,
        max_length=100,
    )
    asn = forms.TypedChoiceField(
        label=_("Apakah Anda ASN?"),
        choices=ASN_CHOICES,
        coerce=_is_yes,
        initial="yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih apakah Anda ASN.")},
    )

    def clean_text(self) -> str:
        """A pasted link is read only when it names an account or group: Posko does not open
        links, so a link to a post says nothing about the post."""
        text: str = self.cleaned_data.get("text", "")
        link = only_a_link(text)
        if link and account_text(None, link) is None:
            raise forms.ValidationError(
                _(
                    "Posko tidak membuka tautan, jadi isi unggahan dari tautan ini tidak "
                    "terbaca. Salin dan tempel teks unggahannya, atau tautan akun/grupnya."
                ),
                code="link_only",
            )
        return text

    def clean_region(self) -> RegionMatch | None:
        """Accept a code or a name; the page shows which region it understood."""
        query: str = self.cleaned_data.get("region", "")
        if not query:
            return None
        region = resolve_region(query)
        if region is None:
            raise forms.ValidationError(
                _("Daerah tidak dikenal. Tulis kode Kemendagri, misalnya 31.71."),
                code="unknown_region",
            )
        return region

    def clean(self) -> dict[str, Any] | None:
        """Build the Act with the same validation as the CLI and the API."""
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        act_object: dict[str, Any] = {
            "id": "cek-netralitas",
            "actor": {"asn": cleaned["asn"]},
            "action": cleaned["action"],
            "content": {"text": cleaned["text"]},
        }
        if cleaned.get("region"):
            act_object["region"] = cleaned["region"].code
        try:
            cleaned["act"] = parse_act(act_object)
        except InputError as exc:
            self.add_error(
                ENGINE_FIELDS.get(exc.field),
                forms.ValidationError(
                    _("Isian tidak valid (%(code)s)."), code=exc.code, params={"code": exc.code}
                ),
            )
        return cleaned

    @property
    def act(self) -> Act:
        """The validated act; only after is_valid()."""
        act: Act = self.cleaned_data["act"]
        return act
