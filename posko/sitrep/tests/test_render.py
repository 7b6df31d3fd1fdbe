"""PDF (read back with pdftotext), XLSX (read back with openpyxl) and the English version."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from posko.sitrep.builder import build_sitrep
from posko.sitrep.render import file_name, render_document, render_pdf
from posko.sitrep.tests.conftest import DAY, World
from posko.sitrep.xlsx import render_xlsx

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed"
)


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


@needs_pdftotext
def test_pdf_has_region_date_totals_and_page_numbers(world: World) -> None:
    pdf = render_pdf(build_sitrep("32", DAY))
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "Jawa Barat" in text and "27 November 2024" in text
    assert re.search(r"Laporan baru hari ini\s+8\b", text)
    assert re.search(r"Laporan baru 7 hari\s+10\b", text)
    assert re.search(r"Laporan terbuka\s+10\b", text)
    assert re.search(r"Kasus lewat tenggat\s+1\b", text)
    assert re.search(r"Kota Bandung\s+4\s+4\s+1\s+4\b", text)  # today, week, verified, open
    pages = text.count("\f") + (0 if text.endswith("\f") else 1)
    assert pages >= 2
    assert "Halaman 1 dari" in text and f"Halaman {pages} dari {pages}" in text
    # Running header on every page: region and date.
    assert text.count("Laporan Situasi · Jawa Barat · 27 November 2024") == pages


@needs_pdftotext
def test_english_pdf_and_html(world: World) -> None:
    sitrep = build_sitrep("32", DAY, language="en")
    html = render_document(sitrep)
    for heading in ("Summary", "Reports by category", "Active spike alerts", "Method note"):
        assert f">{heading}" in html
    assert "Ringkasan" not in html
    text = pdf_text(render_pdf(sitrep))
    assert "Page 1 of" in text and re.search(r"New reports today\s+8\b", text)
    assert "Money politics" in text


def test_xlsx_numbers_are_numbers(world: World) -> None:
    sitrep = build_sitrep("32", DAY)
    book = load_workbook(io.BytesIO(render_xlsx(sitrep)))
    assert book.sheetnames[:3] == ["Ringkasan", "Per kategori", "Per wilayah"]
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(min_row=2, values_only=True)}
    assert summary["Wilayah"] == "Jawa Barat"
    assert (summary["Laporan baru hari ini"], summary["Laporan baru 7 hari"]) == (8, 10)
    assert summary["Laporan terbuka"] == 10
    assert book["Ringkasan"]["A1"].font.bold
    cats = {row[0]: row[2:] for row in book["Per kategori"].iter_rows(min_row=2, values_only=True)}
    assert cats["politik_uang"] == (4, 4, 1, 4)
    subs = {row[0]: row[1:] for row in book["Per wilayah"].iter_rows(min_row=2, values_only=True)}
    assert subs["32.04"] == ("Kabupaten Bandung", 4, 6, 0, 6)
    rules = list(book["Netralitas ASN"].iter_rows(min_row=2, values_only=True))
    assert ("B1", "SKB 2/2022 B1", 2) in rules
    assert file_name(sitrep, "xlsx") == "sitrep-32-2024-11-27.xlsx"
