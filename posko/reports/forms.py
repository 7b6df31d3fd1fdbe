"""The /lapor and /lacak forms: they turn what a citizen typed into a ReportSubmission."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from posko.regions.lookup import RegionMatch, ancestors, get_region, lookup_region
from posko.reports.submission import ReportSubmission, WitnessData
from posko.reports.taxonomy import load_taxonomy
from posko.reports.tracking import InvalidTrackingCode, normalise_code
from posko.reports.validation import MAX_MESSAGE, TEXT_LIMITS

LEVEL_LABELS = {
    "provinsi": _("Provinsi"),
    "kabkota": _("Kabupaten/Kota"),
    "kecamatan": _("Kecamatan"),
    "desa": _("Desa/Kelurahan"),
}
MAX_REGION_CANDIDATES = 8
# Fuzzy hits below this are guesses; offering them as choices still helps with typos.
MIN_CANDIDATE_SCORE = 60.0


def category_choices() -> list[tuple[str, Any]]:
    """Categories in the active language, with an empty first choice."""
    return [("", _("— pilih kategori —")), *load_taxonomy().choices()]


def region_label(code: str) -> str:
    """'Gambir (Desa/Kelurahan) — Gambir, Kota Administrasi Jakarta Pusat, DKI Jakarta'."""
    record = get_region(code)
    if record is None:
        return code
    above = ", ".join(r.name for r in reversed(ancestors(code)))
    level = LEVEL_LABELS.get(record.level, record.level)
    return f"{record.name} ({level})" + (f" — {above}" if above else "")


def _date_input() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(format="%H:%M", attrs={"type": "time"})


def _text(label: Any, limit: int, *, required: bool = False, rows: int = 0, **kw: Any) -> Any:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label, max_length=limit, required=required, strip=True, widget=widget, **kw
    )


class ReportForm(forms.Form):
    """Step 1 of /lapor: everything except the evidence files."""

    category = forms.ChoiceField(
        label=_("Jenis pelanggaran"),
        choices=category_choices,
        error_messages={"required": _("Pilih jenis pelanggaran.")},
    )
    description = _text(
        _("Apa yang terjadi?"),
        TEXT_LIMITS["description"],
        required=True,
        rows=6,
        help_text=_("Ceritakan dengan kata-kata Anda sendiri: siapa berbuat apa, kepada siapa."),
        error_messages={"required": _("Ceritakan apa yang terjadi.")},
    )
    occurred_date = forms.DateField(
        label=_("Tanggal kejadian"), required=False, widget=_date_input()
    )
    occurred_time = forms.TimeField(
        label=_("Jam kejadian (boleh dikosongkan)"), required=False, widget=_time_input()
    )
    discovered_date = forms.DateField(
        label=_("Tanggal Anda mengetahuinya"),
        widget=_date_input(),
        help_text=_("Batas melapor ke Bawaslu: 7 hari sejak pelanggaran diketahui."),
        error_messages={"required": _("Isi tanggal Anda mengetahui kejadian.")},
    )
    discovered_time = forms.TimeField(
        label=_("Jam Anda mengetahuinya (boleh dikosongkan)"), required=False, widget=_time_input()
    )
    region = forms.CharField(
        label=_("Daerah (desa/kelurahan, kecamatan, atau kabupaten/kota)"),
        help_text=_("Kode Kemendagri (mis. 31.71.01.1001) atau nama daerah (mis. Gambir)."),
        required=False,
        max_length=100,
    )
    region_choice = forms.CharField(required=False, max_length=13)
    place_detail = _text(
        _("Tempat persisnya (alamat, nama gedung, patokan)"), TEXT_LIMITS["place_detail"]
    )
    tps_number = forms.CharField(
        label=_("Nomor TPS (jika di TPS)"), required=False, max_length=8, strip=True
    )
    latitude = forms.CharField(label=_("Lintang (latitude)"), required=False, max_length=20)
    longitude = forms.CharField(label=_("Bujur (longitude)"), required=False, max_length=20)
    terlapor = _text(
        _("Siapa yang dilaporkan (terlapor)?"),
        TEXT_LIMITS["terlapor"],
        rows=3,
        help_text=_("Nama, jabatan, atau ciri-cirinya, jika Anda tahu."),
    )
    post_text = _text(
        _("Teks unggahan ASN yang dilaporkan (untuk netralitas ASN)"),
        TEXT_LIMITS["post_text"],
        rows=4,
        help_text=_("Tempel isi unggahan, komentar, atau tautannya."),
    )
    reporter_name = _text(_("Nama Anda"), TEXT_LIMITS["reporter_name"])
    reporter_address = _text(_("Alamat Anda"), TEXT_LIMITS["reporter_address"])
    reporter_contact = _text(
        _("Nomor HP atau e-mail"),
        TEXT_LIMITS["reporter_contact"],
        help_text=_("Agar petugas dapat menghubungi Anda. Boleh dikosongkan."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region_candidates: list[RegionMatch] = []
        self.region_code = ""

    def clean_tps_number(self) -> str:
        """'TPS 012' and '012' mean the same TPS."""
        value: str = self.cleaned_data.get("tps_number", "")
        value = value.upper().removeprefix("TPS").strip()
        if value and not value.isdigit():
            raise forms.ValidationError(_("Nomor TPS berupa angka, misalnya 012."), code="invalid")
        return value

    def _coordinate(self, name: str, limit: int) -> Decimal | None:
        raw = (self.cleaned_data.get(name) or "").replace(",", ".").strip()
        if not raw:
            return None
        try:
            value = Decimal(raw).quantize(Decimal("0.000001"))
        except InvalidOperation:
            raise forms.ValidationError(_("Tulis angka, mis. -6.175392."), code="invalid") from None
        if not -limit <= value <= limit:
            raise forms.ValidationError(_("Di luar jangkauan peta."), code="out_of_range")
        return value

    def clean_latitude(self) -> Decimal | None:
        """Decimal degrees, comma or point."""
        return self._coordinate("latitude", 90)

    def clean_longitude(self) -> Decimal | None:
        """Decimal degrees, comma or point."""
        return self._coordinate("longitude", 180)

    def clean(self) -> dict[str, Any]:
        """Resolve the region; ask the citizen to choose when several places match."""
        cleaned = super().clean() or {}
        query = (cleaned.get("region") or "").strip()
        if not query:
            return cleaned
        hits = [
            h
            for h in lookup_region(query, limit=MAX_REGION_CANDIDATES)
            if h.score >= MIN_CANDIDATE_SCORE
        ]
        choice = cleaned.get("region_choice") or ""
        exact = [h for h in hits if h.score >= 100]
        if choice and choice in {h.code for h in hits}:
            self.region_code = choice
        elif hits and hits[0].how == "code":
            self.region_code = hits[0].code
        elif len(exact) == 1:
            self.region_code = exact[0].code
        elif hits:
            self.region_candidates = hits
            self.add_error(
                "region",
                forms.ValidationError(
                    _("Ada beberapa daerah yang cocok. Pilih salah satu di bawah ini."),
                    code="ambiguous_region",
                ),
            )
        else:
            self.add_error(
                "region",
                forms.ValidationError(
                    _("Daerah tidak dikenal. Tulis nama lain atau kode Kemendagri."),
                    code="unknown_region",
                ),
            )
        return cleaned

    def region_choices(self) -> list[tuple[str, str]]:
        """(code, label) for the candidate radio buttons."""
        return [(h.code, region_label(h.code)) for h in self.region_candidates]

    def to_submission(
        self, witnesses: list[WitnessData], *, keep_location: bool = False
    ) -> ReportSubmission:
        """The validated values as a ReportSubmission (after is_valid())."""
        data = self.cleaned_data
        occurred = _at(data.get("occurred_date"), data.get("occurred_time"))
        discovered = _at(data.get("discovered_date"), data.get("discovered_time"))
        # Same day, time of discovery left out: it was discovered after it happened.
        if (
            occurred
            and discovered
            and data.get("discovered_time") is None
            and occurred.date() == discovered.date()
        ):
            discovered = max(discovered, occurred)
        return ReportSubmission(
            category=data["category"],
            description=data["description"],
            occurred_at=occurred,
            discovered_at=discovered,
            region_code=self.region_code,
            place_detail=data.get("place_detail", ""),
            tps_number=data.get("tps_number", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            keep_location=keep_location,
            terlapor=data.get("terlapor", ""),
            post_text=data.get("post_text", ""),
            reporter_name=data.get("reporter_name", ""),
            reporter_address=data.get("reporter_address", ""),
            reporter_contact=data.get("reporter_contact", ""),
            witnesses=witnesses,
        )


def _at(day: date | None, clock: time | None) -> datetime | None:
    """A date and optional time in Jakarta as an aware datetime (no time = start of the day)."""
    if day is None:
        return None
    naive = datetime.combine(day, clock or time(0, 0))
    return timezone.make_aware(naive, timezone.get_default_timezone())


class WitnessForm(forms.Form):
    """One witness row; a blank row is ignored."""

    name = forms.CharField(label=_("Nama saksi"), required=False, max_length=200, strip=True)
    contact = forms.CharField(
        label=_("Kontak saksi (boleh dikosongkan)"), required=False, max_length=200, strip=True
    )

    def clean(self) -> dict[str, Any]:
        """A contact without a name cannot be followed up."""
        cleaned = super().clean() or {}
        if cleaned.get("contact") and not cleaned.get("name"):
            self.add_error("name", forms.ValidationError(_("Isi nama saksi."), code="required"))
        return cleaned


WITNESS_ROWS = 3
MAX_WITNESS_ROWS = 20
WitnessFormSet = forms.formset_factory(WitnessForm, extra=WITNESS_ROWS, max_num=MAX_WITNESS_ROWS)
WITNESS_PREFIX = "saksi"


def witness_data(formset: Any) -> list[WitnessData]:
    """Filled-in witness rows of a valid formset."""
    return [
        WitnessData(name=f.cleaned_data["name"], contact=f.cleaned_data.get("contact", ""))
        for f in formset.forms
        if f.cleaned_data.get("name")
    ]


class TrackForm(forms.Form):
    """The tracking code, typed or read aloud; case, spaces and dashes do not matter."""

    code = forms.CharField(
        label=_("Kode laporan"),
        max_length=40,
        help_text=_("16 huruf dan angka, misalnya K7QM-R2XD-9PHT-4WAB."),
        error_messages={"required": _("Tulis kode laporan Anda.")},
    )

    def clean_code(self) -> str:
        """The canonical code; a typo is caught by the check letter."""
        try:
            return normalise_code(self.cleaned_data["code"])
        except InvalidTrackingCode as exc:
            raise forms.ValidationError(
                _("Kode tidak valid. Periksa lagi huruf dan angkanya (tanpa 0, O, 1, I, L)."),
                code=exc.code,
            ) from None


class MessageForm(forms.Form):
    """A reply from the reporter."""

    body = forms.CharField(
        label=_("Pesan atau jawaban Anda"),
        max_length=MAX_MESSAGE,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tulis pesan Anda.")},
    )
