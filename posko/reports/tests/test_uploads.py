"""Evidence uploads: content checks, metadata removal, limits, hashes and what lands on disk."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from posko.reports.intake import receive_report
from posko.reports.models import Evidence, Report
from posko.reports.services import ReportError, add_evidence, submit_report
from posko.reports.submission import ReportSubmission
from posko.reports.uploads import UploadError, prepare_upload

from .factories import jpeg_bytes, photo, stored_files

pytestmark = pytest.mark.django_db

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
SAMPLES = {
    "bukti.pdf": (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n", "pdf", "application/pdf"),
    "video.mp4": (MP4, "video", "video/mp4"),
    "video.mov": (
        b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00" + b"\x00" * 32,
        "video",
        "video/quicktime",
    ),
    "video.3gp": (
        b"\x00\x00\x00\x14ftyp3gp4\x00\x00\x00\x00" + b"\x00" * 32,
        "video",
        "video/3gpp",
    ),
    "video.webm": (
        b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + b"\x00" * 32,
        "video",
        "video/webm",
    ),
    "suara.mp3": (
        b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 16,
        "audio",
        "audio/mpeg",
    ),
    "suara.m4a": (
        b"\x00\x00\x00\x18ftypM4A \x00\x00\x00\x00M4A mp42" + b"\x00" * 32,
        "audio",
        "audio/mp4",
    ),
    "suara.ogg": (b"OggS\x00\x02" + b"\x00" * 64, "audio", "audio/ogg"),
    "suara.wav": (b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 32, "audio", "audio/wav"),
    "suara.amr": (b"#!AMR\n" + b"\x3c" * 32, "audio", "audio/amr"),
}


def exif_of(data: bytes) -> Image.Exif:
    with Image.open(BytesIO(data)) as image:
        return image.getexif()


def test_gps_and_camera_metadata_are_removed_by_default(
    make_submission: Callable[..., ReportSubmission], evidence_dir: Path
) -> None:
    original = jpeg_bytes(gps=True)
    assert exif_of(original).get_ifd(0x8825)  # the test photo really carries GPS
    report = submit_report(make_submission(), [photo()])
    evidence = report.evidence.get()
    stored = (evidence_dir / evidence.storage_name).read_bytes()
    exif = exif_of(stored)
    assert not exif.get_ifd(0x8825)
    assert len(exif) == 0  # no make, model or software either
    with Image.open(BytesIO(stored)) as image:
        assert "comment" not in image.info and "xmp" not in image.info
        assert image.size == (64, 48)
    assert b"PhoneMaker" not in stored and b"owner: Pelapor Contoh" not in stored
    assert evidence.metadata_stripped and not evidence.location_kept
    assert report.latitude is None


def test_gps_is_kept_only_when_the_reporter_opts_in(
    make_submission: Callable[..., ReportSubmission], evidence_dir: Path
) -> None:
    report = submit_report(make_submission(keep_location=True), [photo()])
    evidence = report.evidence.get()
    exif = exif_of((evidence_dir / evidence.storage_name).read_bytes())
    gps = exif.get_ifd(0x8825)
    assert gps[1] == "S" and float(gps[2][0]) == 6.0
    assert 0x010F not in exif  # the camera make still goes
    assert evidence.location_kept
    report.refresh_from_db()
    assert report.latitude is not None and report.longitude is not None
    # The photo's position fills the empty map point: 6°10'30" S, 106°49'37" E.
    assert float(report.latitude) == pytest.approx(-6.175, abs=1e-5)
    assert float(report.longitude) == pytest.approx(106.826944, abs=1e-5)


def test_text_renamed_to_jpg_is_rejected_and_nothing_is_stored(
    make_submission: Callable[..., ReportSubmission], evidence_dir: Path
) -> None:
    fake = SimpleUploadedFile("foto_bukti.jpg", b"ini bukan foto\n" * 20, content_type="image/jpeg")
    with pytest.raises(ReportError) as info:
        submit_report(make_submission(), [photo("asli.jpg"), fake])
    assert info.value.code == "invalid_image"
    assert info.value.message == "Berkas foto_bukti.jpg bukan foto yang valid."
    assert Report.objects.count() == 0 and Evidence.objects.count() == 0
    assert stored_files(evidence_dir) == []


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_other_kinds_are_identified_by_content(name: str) -> None:
    data, kind, content_type = SAMPLES[name]
    # The name lies on purpose: content decides.
    prepared = prepare_upload(SimpleUploadedFile("berkas.txt", data, content_type="text/plain"))
    assert (prepared.kind, prepared.content_type) == (kind, content_type)
    assert prepared.data == data and not prepared.metadata_stripped


def test_png_and_webp_are_cleaned_too() -> None:
    for fmt in ("PNG", "WEBP"):
        out = BytesIO()
        exif = Image.Exif()
        exif[0x8825] = {1: "N", 2: (1.0, 2.0, 3.0), 3: "E", 4: (100.0, 0.0, 0.0)}
        Image.new("RGB", (20, 20), (0, 90, 0)).save(out, fmt, exif=exif.tobytes())
        prepared = prepare_upload(SimpleUploadedFile("x.bin", out.getvalue()))
        assert prepared.kind == "image" and prepared.content_type == f"image/{fmt.lower()}"
        assert not exif_of(prepared.data).get_ifd(0x8825)


def test_unknown_binary_is_rejected_with_the_accepted_kinds() -> None:
    with pytest.raises(UploadError) as info:
        prepare_upload(SimpleUploadedFile("program.exe", b"MZ\x90\x00" + b"\x00" * 100))
    assert info.value.code == "unsupported_file"
    assert "program.exe" in info.value.message and "PDF" in info.value.message


def test_size_limit(settings: Any, make_submission: Callable[..., ReportSubmission]) -> None:
    settings.POSKO_MAX_UPLOAD_BYTES = 1000
    big = SimpleUploadedFile("besar.pdf", b"%PDF-1.4\n" + b"0" * 2000)
    with pytest.raises(ReportError) as info:
        submit_report(make_submission(), [big])
    assert info.value.code == "file_too_large" and "besar.pdf" in info.value.message
    assert Report.objects.count() == 0


def test_count_limit_covers_later_additions(
    settings: Any, make_submission: Callable[..., ReportSubmission], evidence_dir: Path
) -> None:
    settings.POSKO_MAX_UPLOADS_PER_REPORT = 2
    with pytest.raises(ReportError) as info:
        submit_report(make_submission(), [photo("a.jpg"), photo("b.jpg"), photo("c.jpg")])
    assert info.value.code == "too_many_files"
    report = submit_report(make_submission(), [photo("a.jpg")])
    add_evidence(report, [photo("b.jpg")], uploaded_by="reporter")
    with pytest.raises(ReportError) as info:
        add_evidence(report, [photo("c.jpg")], uploaded_by="reporter")
    assert info.value.code == "too_many_files"
    assert report.evidence.count() == 2 and len(stored_files(evidence_dir)) == 2


def test_sha256_matches_the_stored_bytes_and_files_live_outside_static(
    settings: Any, make_submission: Callable[..., ReportSubmission], evidence_dir: Path
) -> None:
    pdf = SAMPLES["bukti.pdf"][0]
    report = submit_report(make_submission(), [photo(), SimpleUploadedFile("b.pdf", pdf)])
    for evidence in report.evidence.all():
        path = evidence_dir / evidence.storage_name
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == evidence.sha256
        assert evidence.size == len(data)
        # Stored under a random hex name, never the client's file name.
        stem = Path(evidence.storage_name).stem
        assert re.fullmatch(r"[0-9a-f]{32}", stem), evidence.storage_name
        assert not path.is_relative_to(Path(settings.STATIC_ROOT))
        assert path.stat().st_mode & 0o077 == 0  # readable by the server user only
    pdf_row = report.evidence.get(kind="pdf")
    assert pdf_row.sha256 == hashlib.sha256(pdf).hexdigest()
    assert [p.name for p in stored_files(evidence_dir) if p.name.startswith(".")] == []


def test_files_are_removed_when_receiving_fails(
    make_submission: Callable[..., ReportSubmission], evidence_dir: Path, monkeypatch: Any
) -> None:
    from posko.reports.models import ReceivedReport

    written: list[Path] = []

    def disk_full(**fields: Any) -> Any:  # the queue insert, after the files are on disk
        written.extend(stored_files(evidence_dir))
        raise RuntimeError("disk full")

    monkeypatch.setattr(ReceivedReport.objects, "create", disk_full)
    with pytest.raises(RuntimeError):
        receive_report(make_submission(), [photo()])
    assert len(written) == 1
    assert stored_files(evidence_dir) == []


def test_a_failed_filing_keeps_the_received_report_and_its_files(
    make_submission: Callable[..., ReportSubmission], evidence_dir: Path, monkeypatch: Any
) -> None:
    from posko.cases.models import Case
    from posko.core import audit
    from posko.reports.intake import file_waiting
    from posko.reports.models import ReceivedReport

    real_record = audit.record

    def fail_last_step(actor: Any, verb: str, target: Any, **data: Any) -> Any:
        if verb == "report.submit":  # the last write of the filing
            raise RuntimeError("database hiccup")
        return real_record(actor, verb, target, **data)

    received = receive_report(make_submission(), [photo()])
    monkeypatch.setattr(audit, "record", fail_last_step)
    assert file_waiting() == 0  # logged; the row stays queued
    assert Report.objects.count() == 0 and Case.objects.count() == 0  # nothing half-filed
    assert ReceivedReport.objects.filter(pk=received.pk).exists()
    assert len(stored_files(evidence_dir)) == 1
    monkeypatch.setattr(audit, "record", real_record)
    assert file_waiting() == 1  # the next round files it, files and all
    report = Report.objects.get(tracking_code=received.tracking_code)
    assert report.evidence.get().storage_name == received.evidence[0]["storage_name"]


# data/photo.heic: 64x48 HEIC made for these tests with pillow-heif, carrying a camera make and
# GPS 6°10'30" S, 106°49'40" E in its EXIF, as an iPhone photo would.
HEIC = Path(__file__).parent / "data" / "photo.heic"


def test_an_iphone_heic_photo_is_stored_as_jpeg_without_its_metadata(
    make_submission: Callable[..., ReportSubmission], evidence_dir: Path
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("IMG_0001.HEIC", HEIC.read_bytes(), content_type="image/heic")
    report = submit_report(make_submission(), [upload])
    evidence = report.evidence.get()
    assert (evidence.kind, evidence.content_type) == ("image", "image/jpeg")
    stored = (evidence_dir / evidence.storage_name).read_bytes()
    with Image.open(BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
    assert len(exif_of(stored)) == 0 and b"PhoneMaker" not in stored
    assert evidence.original_name == "IMG_0001.HEIC" and report.latitude is None


def test_a_heic_photo_keeps_its_location_when_the_reporter_opts_in(
    make_submission: Callable[..., ReportSubmission], evidence_dir: Path
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("IMG_0002.heic", HEIC.read_bytes(), content_type="image/heic")
    report = submit_report(make_submission(keep_location=True), [upload])
    assert report.latitude is not None and report.longitude is not None
    assert float(report.latitude) == pytest.approx(-6.175, abs=1e-5)
    assert float(report.longitude) == pytest.approx(106.827778, abs=1e-5)
