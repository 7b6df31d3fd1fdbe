"""Every write to the watchlist and its evidence: verb-first, one transaction, audited in it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from posko.core import audit
from posko.core.audit import Actor
from posko.watchlist.access import actor_label, require
from posko.watchlist.identity import (
    WatchlistInputError,
    normalise_handle,
    normalise_platform,
    validate_nip,
)
from posko.watchlist.models import AsnPerson, EvidenceItem, Finding, SocialAccount

__all__ = [
    "FindingInput",
    "WatchlistInputError",
    "add_account",
    "file_sha256",
    "correct_finding",
    "record_findings",
    "remove_account",
    "save_person",
    "search_people",
    "view_person",
    "watchlisted_accounts",
]


@dataclass(frozen=True)
class FindingInput:
    """One engine hit to record: the exported item, the act checked, and the verdict dict.

    `item` holds what the export said (text, url, account, timestamp, platform; missing keys are
    simply absent), `act` is the `posko check` input object, `verdict` is
    posko.neutrality.engine.render.verdict_to_dict's output. `screenshot` optionally names an
    image file to keep with the evidence.
    """

    item: dict[str, Any]
    act: dict[str, Any]
    verdict: dict[str, Any]
    screenshot: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def evidence_root() -> Path:
    """Where watchlist screenshots and packages are stored."""
    return Path(settings.EVIDENCE_DIR) / "watchlist"


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in chunks so a large export is never held in memory."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def watchlisted_accounts() -> list[tuple[str, str, str, str]]:
    """(nip, name, platform, handle) for every known account, for the importers and the scan."""
    rows = SocialAccount.objects.select_related("person").order_by("person__nip", "platform")
    return [(a.person.nip, a.person.name, a.platform, a.handle) for a in rows]


def save_person(
    *,
    actor: Actor,
    nip: str,
    name: str,
    institution: str = "",
    position: str = "",
    region_code: str = "",
) -> tuple[AsnPerson, bool]:
    """Create or update the person with this NIP; returns (person, created)."""
    require(actor, "watchlist_manage")
    nip = validate_nip(nip)
    name = name.strip()
    if not name:
        raise WatchlistInputError("name", "required", "Nama wajib diisi.")
    region_code = _region(region_code)
    fields = {
        "name": name,
        "institution": institution.strip(),
        "position": position.strip(),
        "region_code": region_code,
    }
    with transaction.atomic():
        person, created = AsnPerson.objects.select_for_update().get_or_create(
            nip=nip, defaults=fields
        )
        changed = []
        if not created:
            changed = [k for k, v in fields.items() if getattr(person, k) != v]
            for key in changed:
                setattr(person, key, fields[key])
            if changed:
                person.save()
        if created or changed:
            audit.record(
                actor,
                "watchlist.person_create" if created else "watchlist.person_update",
                person,
                changed=sorted(fields) if created else changed,
            )
    return person, created


def _region(code: str) -> str:
    code = code.strip()
    if not code:
        return ""
    from posko.regions.lookup import get_region

    region = get_region(code)
    if region is None:
        raise WatchlistInputError(
            "region_code", "unknown_region", f"Kode wilayah tidak dikenal: {code}."
        )
    return region.code


def add_account(person: AsnPerson, platform: str, handle: str, *, actor: Actor) -> SocialAccount:
    """Attach an account; refused when another person already holds it on that platform."""
    require(actor, "watchlist_manage")
    platform = normalise_platform(platform)
    handle = normalise_handle(platform, handle)
    with transaction.atomic():
        existing = SocialAccount.objects.filter(platform=platform, handle=handle).first()
        if existing is not None:
            if existing.person_id == person.pk:
                return existing
            raise WatchlistInputError(
                "accounts",
                "account_taken",
                f"Akun {platform}:{handle} sudah tercatat untuk NIP lain.",
            )
        account = SocialAccount.objects.create(person=person, platform=platform, handle=handle)
        audit.record(actor, "watchlist.account_add", person, platform=platform, handle=handle)
    return account


def remove_account(account: SocialAccount, *, actor: Actor) -> None:
    """Detach an account from its person (findings already recorded stay)."""
    require(actor, "watchlist_manage")
    with transaction.atomic():
        audit.record(
            actor,
            "watchlist.account_remove",
            account.person,
            platform=account.platform,
            handle=account.handle,
        )
        account.delete()


def visible_people(actor: Actor) -> QuerySet[AsnPerson]:
    """The one read filter: everyone for watchlist officers, nobody otherwise."""
    from posko.watchlist.access import may

    if not may(actor, "watchlist_view"):
        return AsnPerson.objects.none()
    return AsnPerson.objects.all()


def search_people(query: str, *, actor: Actor, limit: int = 200) -> list[AsnPerson]:
    """People matching a name, NIP, institution or handle; the search itself is audited."""
    require(actor, "watchlist_view")
    people = visible_people(actor)
    query = query.strip()
    if query:
        needle = query.lstrip("@").lower()
        people = people.filter(
            Q(name__icontains=query)
            | Q(nip__startswith=query.replace(" ", ""))
            | Q(institution__icontains=query)
            | Q(accounts__handle__icontains=needle)
        ).distinct()
    with transaction.atomic():
        found = list(people.prefetch_related("accounts")[:limit])
        audit.record(actor, "watchlist.search", ("watchlist.asnperson", "*"), q=query, n=len(found))
    return found


def view_person(pk: int, *, actor: Actor) -> AsnPerson:
    """One person with accounts and findings; every look is audited in the read's transaction."""
    require(actor, "watchlist_view")
    with transaction.atomic():
        person = visible_people(actor).get(pk=pk)
        audit.record(actor, "watchlist.person_view", person)
    return person


def _fingerprint(nip: str, entry: FindingInput, source_sha256: str) -> str:
    canonical = json.dumps(
        [nip, entry.verdict.get("rule", {}).get("id"), entry.item, source_sha256],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _candidate_label(targets: list[dict[str, Any]]) -> str:
    return "; ".join(f"{t.get('number')}. {t.get('candidate')}" for t in targets)


def record_findings(
    nip: str,
    items: Iterable[FindingInput],
    *,
    actor: Actor,
    source_file: Path,
    imported_by: str,
) -> list[Finding]:
    """Store each hit as an immutable Finding with its EvidenceItem, in one transaction.

    The source file's SHA-256 is computed here. An item already recorded from the same file
    (same person, rule and item) is returned as it is rather than stored twice, so re-running a
    scan is harmless.
    """
    return _record(nip, items, actor=actor, source_file=source_file, imported_by=imported_by)


def correct_finding(
    old: Finding, entry: FindingInput, *, actor: Actor, source_file: Path, imported_by: str
) -> Finding:
    """Record a correction: a new finding that names the one it replaces (which stays as is)."""
    [new] = _record(
        old.person.nip,
        [entry],
        actor=actor,
        source_file=source_file,
        imported_by=imported_by,
        supersedes=old,
    )
    return new


def _record(
    nip: str,
    items: Iterable[FindingInput],
    *,
    actor: Actor,
    source_file: Path,
    imported_by: str,
    supersedes: Finding | None = None,
) -> list[Finding]:
    from posko.reports.uploads import atomic_with_files
    from posko.watchlist.screenshots import check_screenshot, store_screenshot

    require(actor, "watchlist_manage")
    nip = validate_nip(nip)
    source_file = Path(source_file)
    source_sha256 = file_sha256(source_file)
    now = timezone.now()
    label = actor_label(actor)
    recorded: list[Finding] = []
    entries = list(items)
    shots = {i: check_screenshot(e.screenshot) for i, e in enumerate(entries) if e.screenshot}
    with atomic_with_files() as store:
        store.root = evidence_root() / "screenshots"
        person = AsnPerson.objects.get(nip=nip)
        for index, entry in enumerate(entries):
            fingerprint = _fingerprint(nip, entry, source_sha256)
            existing = Finding.objects.filter(person=person, fingerprint=fingerprint).first()
            if existing is not None and supersedes is None:
                recorded.append(existing)
                continue
            targets = list(entry.verdict.get("targets") or [])
            finding = Finding.objects.create(
                person=person,
                rule_id=str((entry.verdict.get("rule") or {}).get("id") or ""),
                candidate=_candidate_label(targets),
                targets=targets,
                verdict=entry.verdict,
                explanation=str(entry.verdict.get("explanation") or ""),
                act=entry.act,
                fingerprint=fingerprint,
                supersedes=supersedes,
                created_at=now,
                created_by=label,
            )
            shot = store_screenshot(shots[index], store) if index in shots else None
            evidence = EvidenceItem.objects.create(
                finding=finding,
                item=entry.item,
                source_name=source_file.name,
                source_sha256=source_sha256,
                imported_at=now,
                imported_by=imported_by,
                screenshot_name=shot.storage_name if shot else "",
                screenshot_sha256=shot.sha256 if shot else "",
                screenshot_content_type=shot.content_type if shot else "",
            )
            audit.record(
                actor,
                "watchlist.finding_record",
                finding,
                person=person.pk,
                rule=finding.rule_id,
                evidence=evidence.pk,
                source_sha256=source_sha256,
                supersedes=supersedes.pk if supersedes else None,
            )
            recorded.append(finding)
    return recorded
