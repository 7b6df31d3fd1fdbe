"""The method note printed at the end of every situation report, in the active language."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from posko.sitrep.types import MethodNote


def method_note(latest_report_at: datetime | None, latest_aggregate_day: date | None) -> MethodNote:
    """How the figures are computed, what DOMAIN.md marks uncertain [U], and data freshness."""
    from posko.mapping.catalogue import method

    m = method()
    paragraphs = (
        _(
            "Laporan baru dihitung dari agregat harian per kabupaten/kota, kategori dan tanggal "
            "(WIB) laporan diterima. Jendela konteks adalah 7 hari yang berakhir pada tanggal "
            'laporan. "Terverifikasi" berarti kasusnya telah melewati tahap kajian (dibahas di '
            "Sentra Gakkumdu, disidik, dituntut, disidangkan, diputus atau diteruskan)."
        ),
        _(
            "Laporan terbuka: laporan yang diterima paling lambat pada tanggal laporan dan "
            "kasusnya kini belum ditutup (tahap kasus saat agregat diperbarui; laporan dalam "
            "kasus yang digabung tidak dihitung)."
        ),
        _(
            "Skor kerawanan 0–100 = %(wi)s × I + %(wr)s × R. I = 100 × rata-rata, atas 4 dimensi "
            "tahapan (konteks sosial politik, pencalonan, kampanye, pungut hitung), dari bagian "
            "indikator Pemetaan Kerawanan 2024 yang terjadi dalam %(iw)s hari terakhir. R dihitung "
            "dari laporan %(rw)s hari terakhir yang dibobot menurut tahap kasus dan keparahan "
            "kategori, per 100.000 penduduk bila jumlah penduduk diketahui: R = 100·x/(x + "
            "%(half)s). Kategori: tinggi ≥ %(hi)s, sedang ≥ %(mid)s, selain itu rendah. Bobot dan "
            "ambang disimpan sebagai data (posko/mapping/data/index_method.yaml, versi "
            "%(version)s). Perubahan skor membandingkan tanggal laporan dengan 7 hari sebelumnya."
        )
        % {
            "wi": _number(m.weight_indicators),
            "wr": _number(m.weight_reports),
            "iw": m.indicator_window_days,
            "rw": m.report_window_days,
            "half": _number(m.half_rate_per_100k),
            "hi": _number(m.bands["tinggi"]),
            "mid": _number(m.bands["sedang"]),
            "version": m.version,
        },
        _(
            "Lonjakan: jumlah laporan harian suatu kategori di suatu kabupaten/kota dibandingkan "
            "dengan rata-rata %(days)s hari sebelumnya di sel yang sama; peringatan muncul bila "
            "P(X ≥ jumlah) < %(p)s menurut sebaran Poisson dan jumlahnya paling sedikit %(min)s. "
            "Peringatan tetap aktif sampai diakui petugas."
        )
        % {
            "days": int(m.spikes["baseline_days"]),
            "p": _number(m.spikes["p_value"]),
            "min": int(m.spikes["min_count"]),
        },
        _(
            "Tenggat: kasus yang tenggatnya jatuh dalam 48 jam setelah saat laporan, dan kasus "
            "yang tenggatnya sudah lewat, di antara kasus yang belum ditutup."
        ),
        _(
            "Temuan netralitas ASN: putusan mesin aturan netralitas Posko (SKB 2/2022) atas "
            "unggahan yang dilaporkan dalam jendela 7 hari. Putusan mesin adalah alat bantu "
            "telaah, bukan putusan hukum."
        ),
    )
    uncertainties = (
        _(
            "[U] Ambang numerik Pemetaan Kerawanan Pemilihan Serentak 2024 tidak ditemukan; "
            "Bawaslu memeringkat wilayah menurut jumlah indikator yang terjadi. Kategori "
            "rendah/sedang/tinggi di laporan ini memakai ambang Posko, bukan angka Bawaslu "
            "(DOMAIN.md §4c)."
        ),
        _(
            "[U] Rumus dan bobot IKP 2022 tidak dipublikasikan, sehingga skor Posko tidak dapat "
            "dibandingkan langsung dengan skor IKP; ambang IKP 2022 hanya tampilan lama "
            "(DOMAIN.md §4a)."
        ),
        _(
            "[U] Apakah tenggat hukum acara pidana pemilihan (UU 10/2016) dihitung dalam hari "
            "kalender atau hari kerja belum pasti; sumber saling bertentangan (DOMAIN.md)."
        ),
        _(
            "[U] Beberapa rujukan pasal pada kategori laporan belum terverifikasi dan perlu "
            "ditinjau sebelum dipakai."
        ),
    )
    return MethodNote(
        paragraphs=paragraphs,
        uncertainties=uncertainties,
        latest_report_at=latest_report_at,
        latest_aggregate_day=latest_aggregate_day,
    )


def _number(value: float) -> str:
    """0.5 -> '0,5' in Indonesian, '0.5' in English."""
    text = f"{value:g}"
    return text if (get_language() or "id").startswith("en") else text.replace(".", ",")
