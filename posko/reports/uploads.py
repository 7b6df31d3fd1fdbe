"""Evidence uploads: identified by content, size/count limited, images cleaned, stored durably.

A file's name and the client's content type are never trusted; they only choose the wording of
an error ("bukan foto yang valid" when a file claims to be a photo but is not one).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction
from io import BytesIO
from pathlib import Path
from typing import Any

import pi_heif
import puremagic
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from posko.core.errors import InputError

# iPhones take HEIC photos; pi-heif (the decode-only build of pillow-heif) lets Pillow read them,
# and they are stored re-encoded as JPEG.
pi_heif.register_heif_opener()
# Formats a phone camera produces (HEIF through pi-heif; AVIF when this Pillow build has it).
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg", "JPEG"),
    "PNG": ("image/png", "png", "PNG"),
    "WEBP": ("image/webp", "webp", "WEBP"),
    "HEIF": ("image/jpeg", "jpg", "JPEG"),  # re-encoded: browsers cannot show HEIC
    "AVIF": ("image/jpeg", "jpg", "JPEG"),
}
# Decoding a huge image needs width x height x 3 bytes of memory; 50 MP covers phone cameras.
MAX_PIXELS = 50_000_000
PHOTO_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".avif", ".gif", ".bmp"}
# Mime types accepted when the signature table below does not know a format but puremagic does.
PUREMAGIC_ALLOWED = {
    "video/mp4": ("video", "mp4"),
    "video/webm": ("video", "webm"),
    "video/3gpp": ("video", "3gp"),
    "video/quicktime": ("video", "mov"),
    "application/pdf": ("pdf", "pdf"),
    "audio/mpeg": ("audio", "mp3"),
    "audio/mp4": ("audio", "m4a"),
    "audio/x-m4a": ("audio", "m4a"),
    "audio/ogg": ("audio", "ogg"),
    "audio/wav": ("audio", "wav"),
    "audio/x-wav": ("audio", "wav"),
    "audio/amr": ("audio", "amr"),
}
GPS_IFD = ExifTags.IFD.GPSInfo


class UploadError(InputError):
    """An evidence file was refused; nothing of it is stored."""


@dataclass(frozen=True)
class PreparedFile:
    """A checked upload, ready to store: the bytes to write and what we know about them."""

    kind: str  # image, video, pdf, audio
    content_type: str
    extension: str
    data: bytes
    sha256: str
    original_name: str
    metadata_stripped: bool
    location_kept: bool
    gps: tuple[Decimal, Decimal] | None = None


@dataclass(frozen=True)
class StoredFile:
    """An evidence file written to EVIDENCE_DIR, described as its Evidence row will be."""

    storage_name: str
    kind: str
    content_type: str
    size: int
    sha256: str
    original_name: str
    metadata_stripped: bool
    location_kept: bool

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form, kept in the intake queue until the report is filed."""
        return asdict(self)


def _sniff(data: bytes) -> tuple[str, str, str] | None:
    """(kind, content type, extension) from magic bytes, for everything but photos."""
    head = data[:64]
    # Readers accept a little junk before the header, but then the trailer must be there too.
    if data.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and b"%%EOF" in data[-1024:]):
        return "pdf", "application/pdf", "pdf"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in {b"M4A ", b"M4B ", b"M4P "}:
            return "audio", "audio/mp4", "m4a"
        if brand.startswith((b"3gp", b"3g2")):
            return "video", "video/3gpp", "3gp"
        if brand == b"qt  ":
            return "video", "video/quicktime", "mov"
        if brand in {b"heic", b"heix", b"mif1", b"msf1", b"avif", b"hevc", b"heim", b"heis"}:
            return None  # a HEIF/AVIF photo: Pillow decides
        return "video", "video/mp4", "mp4"
    if head[4:8] in {b"moov", b"mdat", b"wide", b"pnot"}:  # QuickTime without an ftyp box
        return "video", "video/quicktime", "mov"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head:
        return "video", "video/webm", "webm"
    if head[:4] == b"OggS":
        return "audio", "audio/ogg", "ogg"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio", "audio/wav", "wav"
    if head[:3] == b"ID3" or (
        len(head) > 1 and head[0] == 0xFF and head[1] & 0xE6 in {0xE2, 0xE4, 0xE6}
    ):
        return "audio", "audio/mpeg", "mp3"
    if head.startswith(b"#!AMR"):
        return "audio", "audio/amr", "amr"
    return None


def _puremagic(data: bytes) -> tuple[str, str, str] | None:
    try:
        matches = puremagic.magic_string(data[:8192])
    except (puremagic.PureError, ValueError):
        return None
    for match in matches:
        allowed = PUREMAGIC_ALLOWED.get(match.mime_type)
        if allowed:
            return allowed[0], match.mime_type, allowed[1]
    return None


def _rational(value: Any) -> Fraction:
    return (
        Fraction(value.numerator, value.denominator)
        if hasattr(value, "numerator")
        else Fraction(str(value))
    )


def gps_coordinates(gps: dict[int, Any]) -> tuple[Decimal, Decimal] | None:
    """(latitude, longitude) in degrees from an EXIF GPS IFD, or None when incomplete."""
    try:
        parts = []
        for value_tag, ref_tag, negative in ((2, 1, "S"), (4, 3, "W")):
            d, m, s = (_rational(v) for v in gps[value_tag])
            degrees = d + m / 60 + s / 3600
            ref = gps.get(ref_tag, "")
            ref = ref.decode() if isinstance(ref, bytes) else str(ref)
            if ref.strip().upper() == negative:
                degrees = -degrees
            parts.append(Decimal(float(degrees)).quantize(Decimal("0.000001")))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    lat, lng = parts
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    return lat, lng


def _clean_image(data: bytes, *, keep_location: bool, name: str) -> PreparedFile:
    """Decode fully, apply the orientation, re-encode without EXIF/XMP (GPS only if kept)."""
    try:
        with Image.open(BytesIO(data)) as probe:
            source_format = probe.format or ""
            if source_format not in IMAGE_FORMATS:
                raise UnidentifiedImageError(source_format)
            if probe.width * probe.height > MAX_PIXELS:
                raise UploadError("files", "image_too_large", _too_many_pixels(name))
        with Image.open(BytesIO(data)) as opened:
            opened.load()
            gps_ifd = dict(opened.getexif().get_ifd(GPS_IFD))
            image = ImageOps.exif_transpose(opened)
    except UploadError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UploadError(
            "files", "invalid_image", _("Berkas %(name)s bukan foto yang valid.") % {"name": name}
        ) from None
    content_type, extension, target = IMAGE_FORMATS[source_format]
    icc = image.info.get("icc_profile")
    image.info = {}  # drop EXIF, XMP, comments and text chunks: nothing but pixels remains
    if target == "JPEG" and image.mode not in {"RGB", "L", "CMYK"}:
        image = image.convert("RGB")
    options: dict[str, Any] = {"quality": 90} if target in {"JPEG", "WEBP"} else {}
    if icc:
        options["icc_profile"] = icc
    coordinates = gps_coordinates(gps_ifd) if gps_ifd else None
    location_kept = bool(keep_location and gps_ifd)
    if location_kept:
        exif = Image.Exif()
        exif[GPS_IFD] = gps_ifd
        options["exif"] = exif.tobytes()
    out = BytesIO()
    image.save(out, format=target, **options)
    cleaned = out.getvalue()
    return PreparedFile(
        kind="image",
        content_type=content_type,
        extension=extension,
        data=cleaned,
        sha256=hashlib.sha256(cleaned).hexdigest(),
        original_name=name,
        metadata_stripped=True,
        location_kept=location_kept,
        gps=coordinates if location_kept else None,
    )


def _too_many_pixels(name: str) -> str:
    return _("Foto %(name)s terlalu besar (lebih dari %(mp)d megapiksel).") % {
        "name": name,
        "mp": MAX_PIXELS // 1_000_000,
    }


def _display_name(upload: UploadedFile) -> str:
    return Path(upload.name or "berkas").name[:200] or "berkas"


def prepare_upload(upload: UploadedFile, *, keep_location: bool = False) -> PreparedFile:
    """Check one upload by its content and return the bytes to store; raises UploadError."""
    name = _display_name(upload)
    limit = int(settings.POSKO_MAX_UPLOAD_BYTES)
    if upload.size is not None and upload.size > limit:
        raise UploadError("files", "file_too_large", _too_large(name, limit))
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise UploadError("files", "file_too_large", _too_large(name, limit))
    if not data:
        raise UploadError("files", "empty_file", _("Berkas %(name)s kosong.") % {"name": name})
    sniffed = _sniff(data)
    if sniffed is None and not _looks_like_image(data):
        sniffed = _puremagic(data)
    if sniffed is None:
        claims_photo = Path(name).suffix.lower() in PHOTO_EXTENSIONS or str(
            getattr(upload, "content_type", "") or ""
        ).startswith("image/")
        if claims_photo or _looks_like_image(data):
            return _clean_image(data, keep_location=keep_location, name=name)
        raise UploadError(
            "files",
            "unsupported_file",
            _(
                "Berkas %(name)s tidak dapat diterima: kirim foto (JPEG, PNG, WebP), video (MP4, "
                "WebM, 3GP, MOV), PDF, atau rekaman suara (MP3, M4A, OGG, WAV, AMR)."
            )
            % {"name": name},
        )
    kind, content_type, extension = sniffed
    return PreparedFile(
        kind=kind,
        content_type=content_type,
        extension=extension,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        original_name=name,
        metadata_stripped=False,
        location_kept=False,
    )


def _looks_like_image(data: bytes) -> bool:
    try:
        with Image.open(BytesIO(data)) as probe:
            return (probe.format or "") in IMAGE_FORMATS
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    except Image.DecompressionBombError:
        return True


def _too_large(name: str, limit: int) -> str:
    return _("Berkas %(name)s terlalu besar: paling besar %(mb)s MB.") % {
        "name": name,
        "mb": f"{limit / (1024 * 1024):g}",
    }


def prepare_uploads(
    files: Sequence[UploadedFile], *, keep_location: bool = False, existing: int = 0
) -> list[PreparedFile]:
    """Check every upload before anything is stored; the first bad file refuses the batch."""
    limit = int(settings.POSKO_MAX_UPLOADS_PER_REPORT)
    if existing + len(files) > limit:
        raise UploadError(
            "files",
            "too_many_files",
            _("Paling banyak %(limit)d berkas bukti per laporan (sudah ada %(existing)d).")
            % {"limit": limit, "existing": existing},
        )
    return [prepare_upload(f, keep_location=keep_location) for f in files]


class EvidenceStore:
    """Writes evidence files under EVIDENCE_DIR and remembers them to undo a failed transaction."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root or settings.EVIDENCE_DIR)
        self.written: list[Path] = []

    def write(self, prepared: PreparedFile) -> str:
        """Write to a temp file, fsync, rename into place, fsync the folder; returns the name."""
        name = f"{secrets.token_hex(16)}.{prepared.extension}"
        relative = f"{name[:2]}/{name}"
        final = self.root / relative
        final.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=final.parent, prefix=".upload-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(prepared.data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, final)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self.written.append(final)
        _fsync_dir(final.parent)
        return relative

    def store(self, prepared: PreparedFile) -> StoredFile:
        """Write a checked upload and describe what was written."""
        return StoredFile(
            storage_name=self.write(prepared),
            kind=prepared.kind,
            content_type=prepared.content_type,
            size=len(prepared.data),
            sha256=prepared.sha256,
            original_name=prepared.original_name,
            metadata_stripped=prepared.metadata_stripped,
            location_kept=prepared.location_kept,
        )

    def discard(self) -> None:
        """Remove every file written so far (the transaction that referenced them failed)."""
        for path in self.written:
            path.unlink(missing_ok=True)
        self.written.clear()

    def path_of(self, storage_name: str) -> Path:
        """Absolute path of a stored file."""
        return self.root / storage_name


def _fsync_dir(directory: Path) -> None:
    # The rename is durable only once the directory entry is on disk.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_with_files() -> Iterator[EvidenceStore]:
    """transaction.atomic() whose files are removed again when the block does not commit.

    Nested inside an outer transaction that later rolls back, files stay behind as orphans
    (Django has no rollback hook); they are unreferenced and hold no metadata.
    """
    store = EvidenceStore()
    try:
        with transaction.atomic():
            yield store
    except BaseException:
        store.discard()
        raise
