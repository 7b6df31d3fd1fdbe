"""Which export files a scan reads, in which format, and whose they are."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from posko.candidates.registry import canonical_handle, canonical_platform
from posko.imports.meta import FACEBOOK_FILES, INSTAGRAM_FILES
from posko.imports.x import TIKTOK_FILES, X_FILES

NIP_DIR = re.compile(r"^\d{18}$")
MAX_PROFILE_BYTES = 1 << 20
# (nip, name, platform, handle) as watchlist.services.watchlisted_accounts() returns them.
Account = tuple[str, str, str, str]


@dataclass(frozen=True)
class ScanJob:
    """One export file to import for one person."""

    nip: str
    name: str
    fmt: str  # an import format, or "jsonl" for ready check-input lines
    path: Path


def detect_format(path: Path) -> str | None:
    """The import format of a file from its name (and a ZIP's member names); None if unknown."""
    name = path.name.lower()
    lowered = path.as_posix().lower()
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".txt"):
        return "whatsapp"
    if name.endswith(".js"):
        return "x" if X_FILES.search(name) else None
    if name.endswith(".zip") and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m.lower() for m in archive.namelist()]
        for fmt, pattern in (
            ("x", X_FILES),
            ("tiktok", TIKTOK_FILES),
            ("instagram", re.compile(r"your_instagram_activity|liked_posts\.json")),
            ("facebook", re.compile(r"your_facebook_activity|likes_and_reactions")),
            ("whatsapp", re.compile(r"\.txt$")),
        ):
            if any(pattern.search(m) for m in members):
                return fmt
        return None
    if name.endswith(".json"):
        for platform in ("instagram", "facebook", "tiktok"):
            if platform in lowered:
                return platform
        if TIKTOK_FILES.search(name):
            return "tiktok"
        if INSTAGRAM_FILES.search(name):
            return "instagram"
        if FACEBOOK_FILES.search(name):
            return "facebook"
    return None


def export_handle(path: Path) -> tuple[str, str] | None:
    """(platform, handle) of the export's owner, from the profile file inside a ZIP."""
    if not zipfile.is_zipfile(path):
        return None
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.file_size > MAX_PROFILE_BYTES:
                continue
            if info.filename.endswith("account.js"):
                found = re.search(rb'"username"\s*:\s*"([^"]+)"', archive.read(info))
                if found:
                    return "x", canonical_handle(found.group(1).decode())
            if info.filename.endswith("personal_information.json"):
                try:
                    profile = json.loads(archive.read(info))
                    users = profile["profile_user"][0]["string_map_data"]["Username"]["value"]
                except (ValueError, KeyError, IndexError, TypeError):
                    continue
                return "instagram", canonical_handle(users)
    return None


def plan(root: Path, accounts: list[Account]) -> tuple[list[ScanJob], list[str]]:
    """The jobs for a scan folder, and notes on files that were skipped and why."""
    names: dict[str, str] = {}
    by_handle: dict[str, tuple[str, str]] = {}
    for nip, name, platform, handle in accounts:
        names[nip] = name
        by_handle[f"{canonical_platform(platform)}:{canonical_handle(handle)}"] = (nip, name)
        by_handle.setdefault(f"*:{canonical_handle(handle)}", (nip, name))
    jobs: list[ScanJob] = []
    notes: list[str] = []
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and NIP_DIR.match(entry.name):
            if entry.name not in names:
                notes.append(f"{entry}: NIP {entry.name} is not on the watchlist; skipped")
                continue
            for path in sorted(p for p in entry.rglob("*") if p.is_file()):
                fmt = detect_format(path)
                if fmt is None:
                    notes.append(f"{path}: not a known export file; skipped")
                    continue
                jobs.append(ScanJob(entry.name, names[entry.name], fmt, path))
        elif entry.is_file():
            fmt = detect_format(entry)
            if fmt is None:
                notes.append(f"{entry}: not a known export file; skipped")
            elif fmt == "jsonl":
                jobs.append(ScanJob("", "", fmt, entry))  # each line names its actor's NIP
            else:
                owner = _owner(entry, fmt, by_handle)
                if owner is None:
                    notes.append(f"{entry}: no watchlisted account found for this export; skipped")
                else:
                    jobs.append(ScanJob(owner[0], owner[1], fmt, entry))
    return jobs, notes


def _owner(path: Path, fmt: str, by_handle: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    found = export_handle(path)
    if found is not None:
        return by_handle.get(f"{found[0]}:{found[1]}") or by_handle.get(f"*:{found[1]}")
    # Otherwise a handle in the file name: "instagram-asn.contoh.zip".
    for token in re.split(r"[^a-z0-9_.]+", path.stem.lower()):
        owner = by_handle.get(f"{canonical_format_name(fmt)}:{token}")
        if owner is not None:
            return owner
    return None


def canonical_format_name(fmt: str) -> str:
    """The platform name a format's accounts are stored under."""
    return canonical_platform(fmt)
