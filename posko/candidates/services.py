"""All writes to the candidate registry, and the CSV snapshot that mirrors it."""

from __future__ import annotations

import logging
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from posko.candidates.models import CandidatePair
from posko.candidates.registry import (
    SNAPSHOT_NAME,
    Pair,
    Registry,
    format_registry_csv,
    shipped_registry,
)
from posko.core.audit import record

logger = logging.getLogger(__name__)

PAIR_FIELDS = (
    "region_name",
    "candidate",
    "running_mate",
    "aliases",
    "parties",
    "accounts",
    "is_demo",
)


@dataclass
class ImportResult:
    """What an import changed, race by race totals."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    races: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the console."""
        return (
            f"{len(self.races)} race(s): {self.created} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.deleted} removed"
        )


def _values(pair: Pair, is_demo: bool) -> dict[str, Any]:
    return {
        "region_name": pair.region_name,
        "candidate": pair.candidate,
        "running_mate": pair.running_mate,
        "aliases": list(pair.aliases),
        "parties": list(pair.parties),
        "accounts": [f"{platform}:{handle}" for platform, handle in pair.accounts],
        "is_demo": is_demo,
    }


def import_registry(
    pairs: Iterable[Pair],
    *,
    actor: str,
    replace_race: bool = True,
    is_demo: bool = False,
    source: str = "",
) -> ImportResult:
    """Add or update pairs in one transaction; with replace_race, pairs missing from a race go.

    Raises ValueError if two pairs share a ballot number in one race.
    """
    by_race: dict[tuple[str, str], dict[int, Pair]] = defaultdict(dict)
    for pair in pairs:
        race = by_race[pair.race_key]
        if pair.number in race:
            raise ValueError(f"duplicate ballot number {pair.number} in {pair.race_key}")
        race[pair.number] = pair
    result = ImportResult(races=sorted(by_race))
    with transaction.atomic():
        for (region_code, election), incoming in sorted(by_race.items()):
            existing = {
                row.number: row
                for row in CandidatePair.objects.select_for_update().filter(
                    region_code=region_code, election=election
                )
            }
            if replace_race:
                gone = [n for n in existing if n not in incoming]
                if gone:
                    result.deleted += CandidatePair.objects.filter(
                        region_code=region_code, election=election, number__in=gone
                    ).delete()[0]
            for number, pair in sorted(incoming.items()):
                values = _values(pair, is_demo)
                row = existing.get(number)
                if row is None:
                    CandidatePair.objects.create(
                        region_code=region_code,
                        election=election,
                        number=number,
                        source=source,
                        **values,
                    )
                    result.created += 1
                elif any(getattr(row, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(row, name, value)
                    row.source = source or row.source
                    row.save()
                    result.updated += 1
                else:
                    result.unchanged += 1
        record(
            actor,
            "candidates.import",
            ("candidates.registry", "all"),
            source=source,
            races=[f"{election}:{code or 'RI'}" for code, election in result.races],
            summary=result.summary(),
        )
        # Written after commit so the snapshot never shows data that was rolled back.
        transaction.on_commit(write_snapshot)
    logger.info("registry import by %s from %s: %s", actor, source or "-", result.summary())
    return result


def load_registry() -> Registry:
    """The whole registry from the database."""
    return Registry(tuple(row.to_pair() for row in CandidatePair.objects.all()))


def registry_for_checks() -> Registry:
    """The registry the neutrality engine checks against: the database's, or, while it has no
    pair (a fresh install before the demo data, an emptied registry), the shipped one. The page,
    the API, imports, scans and `posko check` then give one verdict for one post."""
    registry = load_registry()
    return registry if registry.pairs else shipped_registry()


def write_snapshot() -> Path:
    """Mirror the registry to DATA_DIR/registry.csv atomically, for the Django-free CLI path."""
    target = Path(settings.DATA_DIR) / SNAPSHOT_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    text = format_registry_csv(load_registry().pairs)
    # Write-then-rename: a reader never sees a half-written file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".registry-", suffix=".csv")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        # mkstemp makes the file private (0600); the snapshot is meant for other readers.
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def registry_signature() -> tuple[int, object, object]:
    """A cheap fingerprint that changes whenever the registry does (for engine caching)."""
    from django.db.models import Count, Max

    agg = CandidatePair.objects.aggregate(n=Count("pk"), last=Max("updated"), top=Max("pk"))
    return (agg["n"], agg["last"], agg["top"])
