"""Checks on a submission shared by the form, the API and the services, with coded errors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from posko.core.errors import InputError
from posko.neutrality.engine.parse import MAX_TEXT_CHARS
from posko.regions.lookup import get_region
from posko.reports.submission import ReportSubmission
from posko.reports.taxonomy import get_category

MAX_DESCRIPTION = 10_000
MAX_MESSAGE = 5_000
MAX_WITNESSES = 20
# Phones with a wrong clock should not be refused for a report "from the future".
CLOCK_SKEW = timedelta(minutes=10)
_TPS = re.compile(r"^\d{1,4}$")
TEXT_LIMITS = {
    "description": MAX_DESCRIPTION,
    "place_detail": 300,
    "terlapor": 2000,
    "post_text": MAX_TEXT_CHARS,
    "reporter_name": 200,
    "reporter_address": 300,
    "reporter_contact": 200,
}


class ReportError(Exception):
    """Input refused with one or more field-level errors; nothing was stored."""

    def __init__(self, code: str, field: str, message: str) -> None:
        super().__init__(message)
        self.errors: list[InputError] = [InputError(field, code, message)]

    @classmethod
    def many(cls, errors: Sequence[InputError]) -> ReportError:
        """One error carrying several field errors (the first gives code/field/message)."""
        first = errors[0]
        error = cls(first.code, first.field, first.message)
        error.errors = list(errors)
        return error

    @property
    def code(self) -> str:
        """Machine-readable code of the first error."""
        return self.errors[0].code

    @property
    def field(self) -> str:
        """Field of the first error."""
        return self.errors[0].field

    @property
    def message(self) -> str:
        """Message of the first error, for people."""
        return self.errors[0].message


def validate_submission(submission: ReportSubmission, now: datetime) -> None:
    """Check a submission the same way for the form and the API; raises ReportError."""
    errors: list[InputError] = []

    def fail(field: str, code: str, message: str) -> None:
        errors.append(InputError(field, code, message))

    if get_category(submission.category) is None:
        fail("category", "invalid_category", _("Pilih kategori dari daftar."))
    if not submission.description.strip():
        fail("description", "required", _("Ceritakan apa yang terjadi."))
    for name, limit in TEXT_LIMITS.items():
        if len(getattr(submission, name) or "") > limit:
            fail(
                name, "too_long", _("Terlalu panjang: paling banyak %(n)d karakter.") % {"n": limit}
            )
    if submission.discovered_at is None:
        fail("discovered_at", "required", _("Isi tanggal Anda mengetahui kejadian."))
    elif submission.discovered_at > now + CLOCK_SKEW:
        fail("discovered_at", "in_future", _("Tanggal diketahui tidak boleh di masa depan."))
    if submission.occurred_at is not None:
        if submission.occurred_at > now + CLOCK_SKEW:
            fail("occurred_at", "in_future", _("Tanggal kejadian tidak boleh di masa depan."))
        elif submission.discovered_at and submission.occurred_at > submission.discovered_at:
            fail(
                "occurred_at",
                "after_discovery",
                _("Kejadian tidak mungkin terjadi setelah Anda mengetahuinya."),
            )
    if submission.region_code:
        region = get_region(submission.region_code)
        if region is None:
            fail("region_code", "unknown_region", _("Kode wilayah Kemendagri tidak dikenal."))
        else:
            submission.region_code = region.code  # "3171" and "31.71" are stored alike
    if submission.tps_number and not _TPS.match(submission.tps_number):
        fail("tps_number", "invalid_tps", _("Nomor TPS berupa angka, misalnya 012."))
    _validate_point(submission.latitude, submission.longitude, fail)
    if len(submission.witnesses) > MAX_WITNESSES:
        fail("witnesses", "too_many", _("Paling banyak %(n)d saksi.") % {"n": MAX_WITNESSES})
    for index, witness in enumerate(submission.witnesses):
        if not witness.name.strip():
            fail(f"witnesses.{index}.name", "required", _("Isi nama saksi."))
        if len(witness.name) > 200 or len(witness.contact) > 200 or len(witness.statement) > 5000:
            fail(f"witnesses.{index}", "too_long", _("Isian saksi terlalu panjang."))
    if errors:
        raise ReportError.many(errors)


def _validate_point(lat: Decimal | None, lng: Decimal | None, fail: Any) -> None:
    if (lat is None) != (lng is None):
        fail("latitude", "incomplete_point", _("Isi lintang dan bujur sekaligus, atau kosongkan."))
    elif (
        lat is not None
        and lng is not None
        and not (lat.is_finite() and lng.is_finite() and -90 <= lat <= 90 and -180 <= lng <= 180)
    ):
        fail("latitude", "invalid_point", _("Titik peta tidak valid."))
