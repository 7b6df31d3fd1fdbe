"""Test helpers for reports: images with metadata, uploads, evidence on disk, Jakarta times."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

# Monas, Jakarta: 6°10'30" S, 106°49'37" E.
GPS_IFD = {1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 37.0)}


def stored_files(folder: Path) -> list[Path]:
    """Evidence files on disk (temp files excluded)."""
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def jpeg_bytes(*, gps: bool = True, size: tuple[int, int] = (64, 48)) -> bytes:
    """A small JPEG with camera make/model, a comment, XMP and (optionally) a GPS IFD."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0131] = "Camera 1.0"  # Software
    if gps:
        exif[0x8825] = GPS_IFD
    out = BytesIO()
    image.save(
        out, "JPEG", exif=exif.tobytes(), comment=b"owner: Pelapor Contoh", xmp=b"<x:xmpmeta/>"
    )
    return out.getvalue()


def photo(name: str = "foto.jpg", *, gps: bool = True) -> SimpleUploadedFile:
    """A JPEG upload as a phone would send it."""
    return SimpleUploadedFile(name, jpeg_bytes(gps=gps), content_type="image/jpeg")


def aware(year: int, month: int, day: int, hour: int = 12) -> datetime:
    """A Jakarta-time datetime."""
    return timezone.make_aware(datetime(year, month, day, hour), timezone.get_default_timezone())
