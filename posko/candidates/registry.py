"""The candidate registry as plain data: parsed from CSV, queried by region, no database needed.

The CSV has exactly these columns:
region_code,region_name,election,number,candidate,running_mate,aliases,parties
(aliases and parties are ';'-separated; election is gubernur, bupati, walikota or presiden),
optionally followed by a trailing `accounts` column: the pair's official campaign accounts as
';'-separated `platform:handle` items (e.g. `instagram:pramonoanung;x:@rano_karno`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posko.config.env import data_dir

ELECTIONS = ("gubernur", "bupati", "walikota", "presiden")
COLUMNS = (
    "region_code",
    "region_name",
    "election",
    "number",
    "candidate",
    "running_mate",
    "aliases",
    "parties",
)
ACCOUNTS_COLUMN = "accounts"
# Names people use for the same platform; accounts are stored under the canonical one.
PLATFORM_ALIASES = {"twitter": "x", "ig": "instagram", "fb": "facebook", "tt": "tiktok"}
NATIONAL_CODES = frozenset({"", "0", "00", "id"})
SNAPSHOT_NAME = "registry.csv"
# The registry Posko ships (Pilpres 2024 and four Pilgub 2024 races; see data/PROVENANCE.md):
# `posko setup` loads it as demo data, and the engine falls back on it before any import.
SHIPPED_REGISTRY = Path(__file__).resolve().parent / "data" / "demo_registry.csv"


@dataclass(frozen=True, slots=True)
class Pair:
    """One registered candidate pair (paslon) in one race."""

    region_code: str
    region_name: str
    election: str
    number: int
    candidate: str
    running_mate: str = ""
    aliases: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    accounts: tuple[tuple[str, str], ...] = ()  # (platform, handle), both canonical

    @property
    def is_national(self) -> bool:
        """Presidential races concern every region."""
        return self.election == "presiden" or self.region_code.lower() in NATIONAL_CODES

    @property
    def race_key(self) -> tuple[str, str]:
        """Identifies the race (contest) this pair runs in."""
        return (self.region_code, self.election)


@dataclass(frozen=True, slots=True)
class RowError:
    """A registry CSV row that could not be used, with a reason a person can act on."""

    line: int
    message: str


def region_ancestors(code: str) -> list[str]:
    """'19.06.03' -> ['19.06.03', '19.06', '19']: the region and every region above it."""
    parts = code.strip().split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


@dataclass
class Registry:
    """All known pairs, with the lookup the engine needs: races that concern a region."""

    pairs: Sequence[Pair] = field(default_factory=tuple)

    def races_for(self, region_code: str | None) -> list[Pair]:
        """Pairs in races of the region and all regions above it, plus national races.

        With no region every race counts, because the act could concern any of them.
        """
        if not region_code:
            return list(self.pairs)
        wanted = set(region_ancestors(region_code))
        return [p for p in self.pairs if p.is_national or p.region_code in wanted]


def _split(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(";") if item.strip())


def canonical_platform(platform: str) -> str:
    """'Twitter' -> 'x', 'IG' -> 'instagram': one name per platform."""
    name = platform.strip().lower()
    return PLATFORM_ALIASES.get(name, name)


def canonical_handle(handle: str) -> str:
    """'@Rano_Karno ' -> 'rano_karno': handles compare without '@' and case."""
    return handle.strip().lstrip("@").strip().lower()


def parse_accounts(value: str) -> tuple[tuple[str, str], ...]:
    """'instagram:@a;x:b' -> (('instagram', 'a'), ('x', 'b')); raises ValueError on a bad item."""
    accounts: list[tuple[str, str]] = []
    for item in _split(value):
        platform, sep, handle = item.partition(":")
        if not sep or not platform.strip() or not canonical_handle(handle):
            raise ValueError(f"account must be platform:handle, got {item!r}")
        account = (canonical_platform(platform), canonical_handle(handle))
        if account not in accounts:
            accounts.append(account)
    return tuple(accounts)


def format_accounts(accounts: Iterable[tuple[str, str]]) -> str:
    """The inverse of parse_accounts."""
    return ";".join(f"{platform}:{handle}" for platform, handle in accounts)


def parse_registry_csv(text: str | Iterable[str]) -> tuple[list[Pair], list[RowError]]:
    """Parse registry CSV text; bad rows become RowErrors, good rows are all kept."""
    # newline="" lets the csv module handle \r, \n and \r\n itself (a lone \r is valid CSV).
    stream = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.reader(stream)
    errors: list[RowError] = []
    pairs: list[Pair] = []
    header = next(reader, None)
    if header is None:
        return [], [RowError(1, "file is empty; expected header " + ",".join(COLUMNS))]
    header = [h.strip().lstrip("\ufeff") for h in header]
    # The trailing accounts column is optional, so registries written before it stay valid.
    with_accounts = tuple(header) == (*COLUMNS, ACCOUNTS_COLUMN)
    if tuple(header) != COLUMNS and not with_accounts:
        return [], [
            RowError(
                1,
                "header must be exactly: "
                + ",".join(COLUMNS)
                + f" (optionally followed by ,{ACCOUNTS_COLUMN})",
            )
        ]
    columns: tuple[str, ...] = (*COLUMNS, ACCOUNTS_COLUMN) if with_accounts else COLUMNS
    seen: set[tuple[str, str, int]] = set()
    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            errors.append(RowError(line, f"expected {len(columns)} columns, found {len(row)}"))
            continue
        rec = dict(zip(columns, (cell.strip() for cell in row), strict=True))
        try:
            accounts = parse_accounts(rec.get(ACCOUNTS_COLUMN, ""))
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        election = rec["election"].lower()
        if election not in ELECTIONS:
            errors.append(
                RowError(
                    line, f"election must be one of {', '.join(ELECTIONS)}: {rec['election']!r}"
                )
            )
            continue
        try:
            number = int(rec["number"])
            if number < 1:
                raise ValueError
        except ValueError:
            errors.append(RowError(line, f"number must be a positive integer: {rec['number']!r}"))
            continue
        if not rec["candidate"]:
            errors.append(RowError(line, "candidate is empty"))
            continue
        code = rec["region_code"]
        if election != "presiden" and not code:
            errors.append(RowError(line, f"region_code is required for a {election} race"))
            continue
        key = (code, election, number)
        if key in seen:
            errors.append(RowError(line, f"duplicate ballot number {number} in {election} {code}"))
            continue
        seen.add(key)
        pairs.append(
            Pair(
                region_code=code,
                region_name=rec["region_name"],
                election=election,
                number=number,
                candidate=rec["candidate"],
                running_mate=rec["running_mate"],
                aliases=_split(rec["aliases"]),
                parties=_split(rec["parties"]),
                accounts=accounts,
            )
        )
    return pairs, errors


def snapshot_path() -> Path:
    """Where the database's registry is mirrored as CSV for Django-free readers."""
    return data_dir() / SNAPSHOT_NAME


def read_registry_file(path: Path | str) -> tuple[list[Pair], list[RowError]]:
    """Parse a registry CSV file; an unreadable file gives a RowError on line 0, never raises."""
    try:
        # utf-8-sig: spreadsheet programs often save a byte-order mark.
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], [RowError(0, "file not found")]
    except IsADirectoryError:
        return [], [RowError(0, "is a directory, not a CSV file")]
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        return [], [
            RowError(
                line, f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); save as UTF-8 CSV"
            )
        ]
    except OSError as exc:
        return [], [RowError(0, f"cannot read: {exc.strerror or exc}")]
    return parse_registry_csv(text)


def shipped_registry() -> Registry:
    """The registry that ships with Posko (Pilpres 2024 and four Pilgub 2024 races).

    Without it a fresh install would not know any candidate's name, and the same post would be
    classified differently before and after the registry is imported.
    """
    registry, _errors = load_registry_file(SHIPPED_REGISTRY)
    return registry


def load_registry_file(path: Path | str) -> tuple[Registry, list[RowError]]:
    """A Registry from a CSV file (e.g. the snapshot), with the rows that could not be used."""
    pairs, errors = read_registry_file(path)
    return Registry(tuple(pairs)), errors


def write_registry_csv(pairs: Iterable[Pair], stream: Any) -> None:
    """Write pairs in the import format, so an export can be imported again unchanged.

    The accounts column is written only when some pair has accounts, so registries without
    accounts keep the exact 8-column format older readers expect.
    """
    pairs = list(pairs)
    with_accounts = any(p.accounts for p in pairs)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS + ((ACCOUNTS_COLUMN,) if with_accounts else ()))
    for p in pairs:
        writer.writerow(
            [
                p.region_code,
                p.region_name,
                p.election,
                p.number,
                p.candidate,
                p.running_mate,
                ";".join(p.aliases),
                ";".join(p.parties),
            ]
            + ([format_accounts(p.accounts)] if with_accounts else [])
        )


def format_registry_csv(pairs: Iterable[Pair]) -> str:
    """The import-format CSV text for these pairs."""
    buffer = io.StringIO()
    write_registry_csv(pairs, buffer)
    return buffer.getvalue()
