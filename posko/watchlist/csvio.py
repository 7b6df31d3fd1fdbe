"""Watchlist CSV in and out: `nip,name,institution,position,region_code,accounts`.

`accounts` holds `platform:handle` items separated by `;` (the candidate registry's format).
Each good row is stored in its own transaction, so one bad row never costs the others.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.core.exceptions import PermissionDenied

from posko.core.audit import Actor
from posko.core.errors import InputError
from posko.watchlist.identity import parse_accounts, validate_nip
from posko.watchlist.models import AsnPerson

COLUMNS = ("nip", "name", "institution", "position", "region_code", "accounts")
REQUIRED = ("nip", "name")


@dataclass
class ImportResult:
    """What a CSV import did: counts and one `FILE:LINE: reason` per refused row."""

    created: int = 0
    updated: int = 0
    accounts: int = 0
    errors: list[str] = field(default_factory=list)


def _rows(handle: TextIO, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(handle)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError("header", "missing_columns", f"{name}:1: kolom wajib tidak ada: {missing}")
    reader.fieldnames = header
    for row in reader:
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


def import_csv(path: Path, *, actor: Actor) -> ImportResult:
    """Create or update people and their accounts from a CSV; bad rows are reported, not fatal."""
    from django.db import transaction

    from posko.watchlist.services import add_account, save_person

    result = ImportResult()
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for line, row in _rows(handle, path.name):
            try:
                nip = validate_nip(row.get("nip", ""))
                if nip in seen:
                    raise InputError("nip", "duplicate", f"NIP sudah ada di baris {seen[nip]}")
                accounts = parse_accounts(row.get("accounts", ""))
                with transaction.atomic():
                    person, created = save_person(
                        actor=actor,
                        nip=nip,
                        name=row.get("name", ""),
                        institution=row.get("institution", ""),
                        position=row.get("position", ""),
                        region_code=row.get("region_code", ""),
                    )
                    for platform, handle_ in accounts:
                        add_account(person, platform, handle_, actor=actor)
                seen[nip] = line
            except InputError as exc:
                result.errors.append(f"{path.name}:{line}: {exc.message}")
                continue
            except PermissionDenied:
                raise
            result.created += int(created)
            result.updated += int(not created)
            result.accounts += len(accounts)
    return result


def export_csv(out: TextIO) -> int:
    """Write the whole watchlist in the import format; returns the number of people."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for person in AsnPerson.objects.prefetch_related("accounts").order_by("nip"):
        accounts = ";".join(f"{a.platform}:{a.handle}" for a in person.accounts.all())
        writer.writerow(
            [
                person.nip,
                person.name,
                person.institution,
                person.position,
                person.region_code,
                accounts,
            ]
        )
        count += 1
    return count
