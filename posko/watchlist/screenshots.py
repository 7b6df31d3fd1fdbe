"""Screenshots kept with watchlist evidence: checked by content like public uploads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from posko.reports.uploads import EvidenceStore, PreparedFile, prepare_upload
from posko.watchlist.identity import WatchlistInputError


@dataclass(frozen=True)
class StoredScreenshot:
    """Where a screenshot was stored (relative to the store root) and what it is."""

    storage_name: str
    sha256: str
    content_type: str


def check_screenshot(path: Path) -> PreparedFile:
    """Check that the file is an image and strip its metadata; raises an InputError.

    Call before opening the transaction: the InputError dataclasses cannot pass through a
    context manager's exit (their frozen slots refuse the traceback being set).
    """
    upload = SimpleUploadedFile(path.name, Path(path).read_bytes())
    prepared = prepare_upload(upload, keep_location=False)
    if prepared.kind != "image":
        raise WatchlistInputError(
            "screenshot", "not_an_image", f"{path.name}: tangkapan layar harus berupa foto."
        )
    return prepared


def store_screenshot(prepared: PreparedFile, store: EvidenceStore) -> StoredScreenshot:
    """Store a checked screenshot; returns where, its hash and type."""
    return StoredScreenshot(store.write(prepared), prepared.sha256, prepared.content_type)


def screenshot_path(storage_name: str) -> Path:
    """Absolute path of a stored screenshot."""
    from posko.watchlist.services import evidence_root

    return evidence_root() / "screenshots" / storage_name
