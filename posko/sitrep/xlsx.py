"""Render a SitRep as an XLSX workbook: one sheet per section, bold headers, numbers as numbers."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from posko.sitrep.render import sub_level_label
from posko.sitrep.types import CountRow, DeadlineRow, SitRep

BOLD = Font(bold=True)
MAX_TITLE = 31  # Excel's limit on sheet names


def _sheet(
    book: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> Worksheet:
    sheet = book.create_sheet(title[:MAX_TITLE])
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = BOLD
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    for column, heading in zip(sheet.columns, header, strict=False):
        width = max([len(str(heading))] + [len(str(c.value or "")) for c in column][:200])
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 70)
    return sheet


def _count_rows(rows: Iterable[CountRow], with_code: bool) -> list[list[Any]]:
    return [
        ([r.key] if with_code else [])
        + [r.label, r.new_today, r.new_week, r.verified_week, r.open_reports]
        for r in rows
    ]


def _deadline_rows(kind: str, rows: Iterable[DeadlineRow]) -> list[list[Any]]:
    return [
        [
            kind,
            r.case_id,
            r.category_label,
            r.region_code,
            r.region_name,
            r.stage_label,
            r.deadline_at.replace(tzinfo=None),
            r.hours_left,
        ]
        for r in rows
    ]


def render_xlsx(sitrep: SitRep) -> bytes:
    """The workbook as bytes."""
    with translation.override(sitrep.language):
        book = _workbook(sitrep)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _workbook(r: SitRep) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    counts = [_("Baru hari ini"), _("Baru 7 hari"), _("Terverifikasi 7 hari"), _("Laporan terbuka")]
    _sheet(
        book,
        _("Ringkasan"),
        [_("Butir"), _("Nilai")],
        [
            [_("Wilayah"), r.scope.name],
            [_("Kode wilayah"), r.scope.code or ""],
            [_("Tanggal"), r.day],
            [_("Awal jendela 7 hari"), r.window_start],
            [_("Laporan baru hari ini"), r.new_today],
            [_("Laporan baru 7 hari"), r.new_week],
            [_("Laporan terbuka"), r.open_reports],
            [_("Peringatan lonjakan aktif"), r.alerts_total],
            [_("Kasus jatuh tempo dalam 48 jam"), r.deadlines.due_soon],
            [_("Kasus lewat tenggat"), r.deadlines.overdue],
            [_("Pelanggaran netralitas ASN (putusan mesin, 7 hari)"), r.neutrality.violations],
        ],
    )
    _sheet(
        book,
        _("Per kategori"),
        [_("Kode"), _("Kategori"), *counts],
        _count_rows(r.by_category, True),
    )
    if r.scope.sub_level:
        level = sub_level_label(r.scope.sub_level)
        _sheet(
            book, _("Per wilayah"), [_("Kode"), level, *counts], _count_rows(r.by_subregion, True)
        )
    _sheet(
        book,
        _("Tren 7 hari"),
        [_("Tanggal"), _("Laporan baru"), _("Terverifikasi")],
        [[d.day, d.reports, d.verified] for d in r.daily],
    )
    _sheet(
        book,
        _("Perubahan kerawanan"),
        [
            _("Kode"),
            _("Wilayah"),
            _("Skor 7 hari lalu"),
            _("Skor"),
            _("Perubahan"),
            _("Kategori"),
            _("Penyumbang utama"),
        ],
        [
            [
                c.code,
                c.name,
                c.score_before,
                c.score,
                c.delta,
                c.band_label,
                "; ".join(c.contributors),
            ]
            for c in r.score_changes
        ],
    )
    _sheet(
        book,
        _("Peringatan lonjakan"),
        [
            _("Tanggal"),
            _("Kode"),
            _("Wilayah"),
            _("Kategori"),
            _("Jumlah"),
            _("Rata-rata"),
            _("Keterangan"),
        ],
        [
            [
                a.day,
                a.region_code,
                a.region_name,
                a.category_label,
                a.observed,
                a.baseline,
                a.explanation,
            ]
            for a in r.alerts
        ],
    )
    _sheet(
        book,
        _("Tenggat kasus"),
        [
            _("Status"),
            _("Kasus"),
            _("Kategori"),
            _("Kode"),
            _("Wilayah"),
            _("Tahap"),
            _("Tenggat"),
            _("Sisa jam"),
        ],
        _deadline_rows(_("Lewat tenggat"), r.deadlines.overdue_rows)
        + _deadline_rows(_("Jatuh tempo dalam 48 jam"), r.deadlines.due_rows),
    )
    n = r.neutrality
    _sheet(
        book,
        _("Netralitas ASN"),
        [_("Aturan"), _("Dasar"), _("Pelanggaran")],
        [
            [_("Laporan netralitas ASN (7 hari)"), "", n.reports],
            [_("Dengan putusan mesin"), "", n.with_verdict],
            [_("Bukan pelanggaran"), "", n.no_violation],
            *[[x.rule_id, x.citation, x.violations] for x in n.by_rule],
        ],
    )
    _sheet(
        book,
        _("Catatan metode"),
        [_("Catatan metode")],
        [[p] for p in (*r.method.paragraphs, *r.method.uncertainties)],
    )
    return book
