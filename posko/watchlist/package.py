"""Evidence packages for Bawaslu/BKN: a ZIP of original items, screenshots, source hashes, a
PDF summary, and a manifest with the SHA-256 of every member; plus the check of such a ZIP."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from posko.core import audit
from posko.core.audit import Actor
from posko.watchlist.access import actor_label, require
from posko.watchlist.models import EvidenceItem, Finding
from posko.watchlist.screenshots import screenshot_path

FORMAT = "posko-evidence-package/1"
MANIFEST = "manifest.json"
SUMMARY = "summary.pdf"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=str).encode()


def _evidence_entry(evidence: EvidenceItem, member: str) -> dict[str, Any]:
    return {
        "id": evidence.pk,
        "item": evidence.item,
        "source_name": evidence.source_name,
        "source_sha256": evidence.source_sha256,
        "imported_at": evidence.imported_at.isoformat(),
        "imported_by": evidence.imported_by,
        "screenshot": member,
        "screenshot_sha256": evidence.screenshot_sha256,
    }


def _finding_entry(finding: Finding) -> dict[str, Any]:
    person = finding.person
    return {
        "id": finding.pk,
        "person": {
            "nip": person.nip,
            "name": person.name,
            "institution": person.institution,
            "position": person.position,
            "region_code": person.region_code,
        },
        "rule_id": finding.rule_id,
        "candidate": finding.candidate,
        "targets": finding.targets,
        "verdict": finding.verdict,
        "explanation": finding.explanation,
        "act": finding.act,
        "created_at": finding.created_at.isoformat(),
        "created_by": finding.created_by,
        "supersedes": finding.supersedes_id,
    }


def _members(findings: Sequence[Finding]) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    """Every member but the PDF and the manifest, and the rows the PDF summarises."""
    members: dict[str, bytes] = {}
    rows: list[dict[str, Any]] = []
    sources: dict[str, dict[str, Any]] = {}
    for finding in findings:
        entry = _finding_entry(finding)
        entry["evidence"] = []
        for evidence in finding.evidence.all():
            member = ""
            if evidence.screenshot_name:
                suffix = Path(evidence.screenshot_name).suffix
                member = f"screenshots/finding-{finding.pk}-{evidence.pk}{suffix}"
                members[member] = screenshot_path(evidence.screenshot_name).read_bytes()
            entry["evidence"].append(_evidence_entry(evidence, member))
            source = sources.setdefault(
                evidence.source_sha256,
                {"sha256": evidence.source_sha256, "names": [], "findings": []},
            )
            if evidence.source_name not in source["names"]:
                source["names"].append(evidence.source_name)
            source["findings"].append(finding.pk)
        name = f"items/finding-{finding.pk}.json"
        members[name] = _json(entry)
        rows.append(entry | {"member": name, "member_sha256": _sha256(members[name])})
    members["sources.json"] = _json(sorted(sources.values(), key=lambda s: s["sha256"]))
    return members, rows


def _summary_pdf(rows: list[dict[str, Any]], *, created_at: str, created_by: str) -> bytes:
    from weasyprint import HTML

    people: dict[str, dict[str, Any]] = {}
    for row in rows:
        person = people.setdefault(row["person"]["nip"], {"person": row["person"], "groups": {}})
        key = (row["rule_id"], row["candidate"] or "—")
        person["groups"].setdefault(key, []).append(row)
    grouped = [
        {
            "person": p["person"],
            "groups": [
                {"rule_id": k[0], "candidate": k[1], "rows": v}
                for k, v in sorted(p["groups"].items())
            ],
        }
        for p in people.values()
    ]
    html = render_to_string(
        "watchlist/package_summary.html",
        {"people": grouped, "created_at": created_at, "created_by": created_by, "n": len(rows)},
    )
    pdf = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # The summary embeds exported text; it must never make the PDF renderer fetch anything.
    raise ValueError(f"external resource refused: {url}")


def build_evidence_package(
    findings: Sequence[Finding], *, actor: Actor, output: Path | None = None
) -> Path:
    """Write the ZIP (atomically) and audit its SHA-256; returns its path."""
    from posko.watchlist.services import evidence_root

    require(actor, "watchlist_view")
    if not findings:
        raise ValueError("an evidence package needs at least one finding")
    ids = [f.pk for f in findings]
    loaded = list(
        Finding.objects.filter(pk__in=ids)
        .select_related("person")
        .prefetch_related("evidence")
        .order_by("person__nip", "rule_id", "candidate", "pk")
    )
    now = timezone.now().isoformat()
    label = actor_label(actor)
    members, rows = _members(loaded)
    members[SUMMARY] = _summary_pdf(rows, created_at=now, created_by=label)
    manifest = {
        "format": FORMAT,
        "created_at": now,
        "created_by": label,
        "findings": [f.pk for f in loaded],
        "people": sorted({f.person.nip for f in loaded}),
        "members": [
            {"name": name, "sha256": _sha256(data), "size": len(data)}
            for name, data in sorted(members.items())
        ],
    }
    if output is None:
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
        output = evidence_root() / "packages" / f"paket-bukti-{stamp}-{secrets.token_hex(4)}.zip"
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=output.parent, prefix=".package-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, data in sorted(members.items()):
                    archive.writestr(name, data)
                archive.writestr(MANIFEST, _json(manifest))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, output)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    digest = hashlib.sha256(output.read_bytes()).hexdigest()
    with transaction.atomic():
        for person_findings in _by_person(loaded).values():
            audit.record(
                actor,
                "watchlist.package",
                person_findings[0].person,
                findings=[f.pk for f in person_findings],
                sha256=digest,
                file=output.name,
            )
    return output


def _by_person(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.person.nip].append(finding)
    return grouped


def verify_package(path: Path, *, expected_sha256: str | None = None) -> list[str]:
    """Problems found in a package (empty when every hash checks out)."""
    path = Path(path)
    problems: list[str] = []
    if expected_sha256:
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != expected_sha256.lower():
            problems.append(f"{path.name}: SHA-256 {actual} differs from {expected_sha256}")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return [*problems, f"{path.name}: not a readable ZIP ({exc})"]
    with archive:
        names = set(archive.namelist())
        if MANIFEST not in names:
            return [*problems, f"{path.name}: {MANIFEST} is missing"]
        try:
            manifest = json.loads(archive.read(MANIFEST))
            listed = {m["name"]: m for m in manifest["members"]}
        except (ValueError, KeyError, TypeError) as exc:
            return [*problems, f"{MANIFEST}: unreadable ({exc})"]
        if manifest.get("format") != FORMAT:
            problems.append(f"{MANIFEST}: unknown format {manifest.get('format')!r}")
        for name in sorted(names - set(listed) - {MANIFEST}):
            problems.append(f"{name}: not listed in {MANIFEST}")
        hashes: dict[str, str] = {}
        for name, entry in sorted(listed.items()):
            if name not in names:
                problems.append(f"{name}: listed in {MANIFEST} but missing")
                continue
            data = archive.read(name)
            hashes[name] = _sha256(data)
            if hashes[name] != entry.get("sha256") or len(data) != entry.get("size"):
                problems.append(f"{name}: SHA-256 does not match {MANIFEST}")
        problems.extend(_check_items(archive, hashes))
    return problems


def _check_items(archive: zipfile.ZipFile, hashes: dict[str, str]) -> list[str]:
    """Screenshots must match the hash recorded with their evidence when it was imported."""
    problems = []
    for name in sorted(n for n in hashes if n.startswith("items/")):
        try:
            entry = json.loads(archive.read(name))
        except ValueError:
            problems.append(f"{name}: not valid JSON")
            continue
        for evidence in entry.get("evidence", []):
            member = evidence.get("screenshot")
            if member and hashes.get(member) != evidence.get("screenshot_sha256"):
                problems.append(f"{member}: differs from the screenshot recorded at import")
    return problems
