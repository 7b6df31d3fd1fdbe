"""Demo officers, reports and cases: every role gets something real to look at.

Everything is created through the same services a citizen and an officer use, so the demo shows
real deadlines, timelines, audit rows and merge suggestions. All people are fictional
placeholders; terlapor are described by office only ("oknum kepala desa X"), never by name.
"""

from __future__ import annotations

import io
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from posko.accounts.roles import Role

DEMO_OFFICERS: tuple[tuple[str, Role, str], ...] = (
    ("petugas.demo", Role.PETUGAS, "Posko Kejari Jakarta Utara (demo)"),
    ("koordinator.demo", Role.KOORDINATOR, "Posko Kejari Jakarta Utara (demo)"),
    ("pimpinan.demo", Role.PIMPINAN, "Kejati DKI Jakarta (demo)"),
    ("admin.demo", Role.ADMIN, "Posko Pilkada (demo)"),
)
LOGINS_FILE = "demo_logins.txt"


@dataclass
class DemoReport:
    """One demo report and what officers have done with it so far."""

    key: str
    category: str
    region_code: str
    description: str
    days_ago: float
    place_detail: str = ""
    tps_number: str = ""
    terlapor: str = ""
    post_text: str = ""
    witnesses: list[tuple[str, str]] = field(default_factory=list)
    reporter: tuple[str, str, str] | None = None  # name, address, contact: fictional only
    photo: bool = False
    assign: bool = False
    stages: tuple[str, ...] = ()
    stop_reason: str = ""
    question: str = ""
    answer: str = ""
    reply: str = ""


DEMO_REPORTS: tuple[DemoReport, ...] = (
    DemoReport(
        key="amplop-priok-1",
        category="politik_uang",
        region_code="31.72.02.1001",
        place_detail="Gang dekat TPS 014, RW 05",
        tps_number="014",
        days_ago=6,
        description=(
            "Malam sebelum pencoblosan, tim sukses salah satu paslon membagikan amplop berisi "
            "uang Rp100.000 kepada warga di gang dekat TPS 014 sambil meminta warga memilih "
            "paslon tersebut."
        ),
        terlapor="Tim sukses paslon (identitas belum diketahui), dua orang bermotor",
        witnesses=[("Saksi A (warga RW 05, fiktif)", ""), ("Saksi B (warga RW 05, fiktif)", "")],
        photo=True,
        assign=True,
        stages=("study",),
        reply="Terima kasih, laporan Anda sedang kami kaji bersama Bawaslu.",
    ),
    DemoReport(
        key="amplop-priok-2",
        category="politik_uang",
        region_code="31.72.02.1001",
        place_detail="Dekat TPS 014, RW 05",
        days_ago=5.9,
        description=(
            "Ada pembagian amplop berisi uang kepada warga di dekat TPS 014 malam sebelum "
            "pencoblosan; warga diminta memilih paslon tertentu."
        ),
        terlapor="Orang tak dikenal, mengaku tim sukses",
    ),
    DemoReport(
        key="asn-medsos",
        category="netralitas_asn",
        region_code="31.71.01.1001",
        days_ago=3,
        description=(
            "Seorang ASN di kantor kelurahan membagikan unggahan kampanye paslon di akun media "
            "sosial pribadinya yang terbuka untuk umum."
        ),
        terlapor="Oknum ASN kantor kelurahan (jabatan staf pelayanan)",
        post_text="Ayo dukung paslon nomor 3, coblos nomor 3! #JakartaMenyala",
        assign=True,
        stages=("study",),
    ),
    DemoReport(
        key="ancaman-surabaya",
        category="intimidasi_kekerasan",
        region_code="35.78.01.1001",
        place_detail="Pos ronda RT 02",
        days_ago=0.2,
        description=(
            "Sekelompok orang mendatangi pos ronda dan mengancam warga agar tidak datang ke TPS "
            "bila tidak memilih paslon tertentu."
        ),
        terlapor="Sekelompok orang tak dikenal",
        witnesses=[("Saksi C (ketua RT, fiktif)", "")],
    ),
    DemoReport(
        key="hoaks-bandung",
        category="hoaks",
        region_code="32.73.01.1001",
        days_ago=1,
        description=(
            "Pesan berantai WhatsApp menyebut TPS di kelurahan kami dipindah ke balai desa "
            "sebelah, padahal tidak ada pengumuman KPPS."
        ),
        terlapor="Akun penyebar pesan berantai (belum diketahui)",
        reply="Kami teruskan ke KPU setempat untuk klarifikasi. Terima kasih.",
    ),
    DemoReport(
        key="masa-tenang-semarang",
        category="pelanggaran_kampanye",
        region_code="33.74.01.1001",
        place_detail="Lapangan kelurahan",
        days_ago=2,
        description=(
            "Pada masa tenang masih ada kegiatan kampanye terbuka dengan panggung dan pengeras "
            "suara di lapangan kelurahan."
        ),
        terlapor="Panitia kegiatan dari tim kampanye paslon",
        reporter=("Pelapor Demo (fiktif)", "Alamat fiktif, Semarang", "0800-0000-0000"),
        witnesses=[("Saksi D (fiktif)", ""), ("Saksi E (fiktif)", "")],
        stages=("study",),
        question="Pukul berapa kegiatan dimulai, dan adakah foto atau video panggungnya?",
        answer="Mulai sekitar pukul 19.00. Video ada di ponsel saksi, akan saya unggah.",
    ),
    DemoReport(
        key="mobil-dinas-boyolali",
        category="fasilitas_negara",
        region_code="33.09.01.2001",
        days_ago=2.5,
        description=(
            "Mobil dinas desa dipakai mengangkut massa ke lokasi kampanye salah satu paslon."
        ),
        terlapor="Oknum kepala desa X",
        witnesses=[("Saksi F (fiktif)", "")],
        assign=True,
        stages=("study", "gakkumdu"),
    ),
    DemoReport(
        key="surat-suara-sidoarjo",
        category="administrasi_logistik",
        region_code="35.15.01.2001",
        tps_number="012",
        days_ago=4,
        description="Surat suara di TPS 012 kurang 20 lembar dari jumlah pemilih di DPT.",
        terlapor="Penyelenggara (KPPS TPS 012)",
        stages=("forwarded",),
        stop_reason="Masalah logistik: diteruskan ke KPU kabupaten untuk ditindaklanjuti.",
    ),
    DemoReport(
        key="kotak-suara-bogor",
        category="prosedur_tps",
        region_code="32.01.01.1001",
        tps_number="007",
        days_ago=4.5,
        description="KPPS membuka kotak suara sebelum saksi paslon hadir.",
        terlapor="Oknum anggota KPPS TPS 007",
        stages=("stopped",),
        stop_reason=(
            "Hasil klarifikasi: kotak dibuka sesuai jadwal dan disaksikan Panwas; tidak ada "
            "pelanggaran."
        ),
    ),
    DemoReport(
        key="spanduk-sara-gambir",
        category="sara_kebencian",
        region_code="31.71.01.1001",
        days_ago=0.5,
        description="Spanduk bernada SARA yang menyerang salah satu paslon dipasang di jembatan.",
        terlapor="Pemasang spanduk (belum diketahui)",
    ),
    DemoReport(
        key="sembako-garut",
        category="politik_uang",
        region_code="32.05.05.1001",
        days_ago=1.5,
        description="Pembagian paket sembako berlogo paslon di balai warga menjelang pencoblosan.",
        terlapor="Relawan paslon (identitas belum diketahui)",
        assign=True,
        stages=("study",),
    ),
    DemoReport(
        key="lurah-malang",
        category="netralitas_asn",
        region_code="35.73.01.1001",
        days_ago=5,
        description="Seorang lurah hadir dan berpidato di acara deklarasi dukungan untuk paslon.",
        terlapor="Oknum lurah (jabatan kepala kelurahan)",
        witnesses=[("Saksi G (fiktif)", ""), ("Saksi H (fiktif)", "")],
        assign=True,
        stages=("study", "gakkumdu", "investigation"),
    ),
)


def demo_logins_path() -> Path:
    """Where the generated demo passwords are kept (readable by the owner only)."""
    from django.conf import settings

    return Path(settings.DATA_DIR) / LOGINS_FILE


def _read_logins(path: Path) -> dict[str, str]:
    logins: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            username, _sep, password = line.partition(" ")
            if username and password:
                logins[username] = password.strip()
    return logins


def _write_logins(path: Path, logins: dict[str, str]) -> None:
    # Create with 0600 from the start: the passwords never sit in a world-readable file.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.writelines(f"{user} {password}\n" for user, password in logins.items())
    path.chmod(0o600)


def ensure_demo_officers() -> dict[str, Any]:
    """Create the demo officers (random passwords at first load); returns them by username."""
    from django.contrib.auth.models import User

    from posko.accounts.services import create_officer
    from posko.accounts.two_factor import ensure_demo_device

    path = demo_logins_path()
    logins = _read_logins(path)
    users: dict[str, Any] = {}
    changed = False
    for username, role, unit in DEMO_OFFICERS:
        user = User.objects.filter(username=username).first()
        if username not in logins:
            logins[username] = secrets.token_urlsafe(9)
            changed = True
            if user is not None:  # the file was lost: give the account a fresh known password
                user.set_password(logins[username])
                user.save(update_fields=["password"])
        if user is None:
            user = create_officer(
                username, logins[username], role, actor="demo", unit=unit, is_demo=True
            )
        # Officers sign in with a second factor; demo ones get a device whose secret is printed.
        ensure_demo_device(user)
        users[username] = user
    if changed or not path.exists():
        _write_logins(path, logins)
    return users


def demo_login_lines() -> list[str]:
    """'role  username  password  2FA secret' lines for the console (demo officers only)."""
    from django.contrib.auth.models import User

    from posko.accounts.two_factor import ensure_demo_device

    logins = _read_logins(demo_logins_path())
    lines = []
    for username, role, _unit in DEMO_OFFICERS:
        user = User.objects.filter(username=username, officer__is_demo=True).first()
        secret = ensure_demo_device(user) if user is not None else "?"
        lines.append(
            f"demo login {role.value:<12} {username:<18} {logins.get(username, '?')}"
            f"  2FA {secret} (or: posko officers totp {username})"
        )
    return lines


def _demo_photo() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 320), (214, 196, 160))
    ImageDraw.Draw(image).text((20, 140), "FOTO DEMO - amplop (ilustrasi)", fill=(60, 40, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return SimpleUploadedFile("foto-demo.jpg", buffer.getvalue(), content_type="image/jpeg")


def _load_report(spec: DemoReport, now: datetime, officers: dict[str, Any]) -> Any:
    from posko.cases import services as cases
    from posko.reports import services as reports
    from posko.reports.models import Report
    from posko.reports.submission import ReportSubmission, WitnessData

    submitted = now - timedelta(days=spec.days_ago)
    name, address, contact = spec.reporter or ("", "", "")
    submission = ReportSubmission(
        category=spec.category,
        description=spec.description,
        occurred_at=submitted - timedelta(hours=14),
        discovered_at=submitted - timedelta(hours=12),
        region_code=spec.region_code,
        place_detail=spec.place_detail,
        tps_number=spec.tps_number,
        terlapor=spec.terlapor,
        post_text=spec.post_text,
        reporter_name=name,
        reporter_address=address,
        reporter_contact=contact,
        witnesses=[WitnessData(name=w, contact=c) for w, c in spec.witnesses],
    )
    files = [_demo_photo()] if spec.photo else []
    report = reports.submit_report(submission, files, now=submitted)
    # The demo flag is not a citizen input, so submit_report does not take it.
    Report.objects.filter(pk=report.pk).update(is_demo=True)
    koordinator = officers["koordinator.demo"]
    case = report.case
    if spec.assign:
        case = cases.assign_case(case, officers["petugas.demo"], actor=koordinator)
    for stage in spec.stages:
        reason = spec.stop_reason if stage in {"stopped", "forwarded"} else "Demo: telaah awal"
        case = cases.transition_case(case, stage, actor=koordinator, reason=reason)
    if spec.reply:
        reports.post_message(report, spec.reply, from_reporter=False, actor=koordinator)
    if spec.question:
        cases.request_info(case, actor=koordinator, question=spec.question)
        if spec.answer:
            reports.post_message(report, spec.answer, from_reporter=True)
    return report


def load_demo_cases() -> Iterator[str]:
    """Demo officers of every role and a dozen demo reports; safe to run again."""
    from django.db import transaction
    from django.utils import timezone

    from posko.reports.models import Report

    officers = ensure_demo_officers()
    yield f"demo officers: {len(officers)} (passwords in {demo_logins_path()})"
    existing = Report.objects.filter(is_demo=True).count()
    if existing:
        yield f"demo reports: already loaded ({existing})"
    else:
        now = timezone.now()
        # All or nothing, so a failed load leaves no half set that would count as "loaded".
        with transaction.atomic():
            for spec in DEMO_REPORTS:
                _load_report(spec, now, officers)
        yield f"demo reports: {len(DEMO_REPORTS)} loaded"
    yield from demo_login_lines()
