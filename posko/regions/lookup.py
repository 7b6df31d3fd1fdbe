"""Region lookup by Kemendagri code or by (abbreviated, misspelt) name, without Django.

Reads the shipped Kepmendagri 2025 CSV once per process. Ranking tiers, best first:
code or exact name (100) > whole-word prefix (80-90) > abbreviation (70-80) > prefix ending
inside a word (65-70) > RapidFuzz similarity (up to 65);
ties go to the higher level (provinsi before kabkota before kecamatan before desa), then code.
"""

from __future__ import annotations

import csv
import gzip
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIONS_CSV = DATA_DIR / "wilayah_kemendagri_2025_all.csv.gz"
POPULATION_CSV = DATA_DIR / "wilayah_penduduk_2025.csv"
AREA_CSV = DATA_DIR / "wilayah_luas_km2_2025.csv"

LEVELS = ("provinsi", "kabkota", "kecamatan", "desa")
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}

SCORE_EXACT = 100.0
SCORE_PREFIX = 90.0
SCORE_ABBREVIATION = 80.0
SCORE_PARTIAL_PREFIX = 70.0
SCORE_FUZZY_MAX = 65.0
FUZZY_CUTOFF = 60.0
# Old-spelling or contradicting-prefix matches are plausible but less certain than a literal one.
PENALTY_RESPELLED = 5.0
PENALTY_WRONG_KIND = 10.0

# Words people put before a name; the value is the "kind" they imply (kabupaten and kota are
# both level kabkota, but "Kota Bandung" and "Kabupaten Bandung" are different regions).
QUERY_PREFIXES = {
    "kabupaten administrasi": "kabupaten",
    "kab administrasi": "kabupaten",
    "kab adm": "kabupaten",
    "kota administrasi": "kota",
    "kota adm": "kota",
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "kota": "kota",
    "kecamatan": "kecamatan",
    "kec": "kecamatan",
    "kelurahan": "desa",
    "kel": "desa",
    "desa": "desa",
    "provinsi": "provinsi",
    "propinsi": "provinsi",
    "prov": "provinsi",
}
# Official names carry these designations, but people say "Jakarta", "Yogyakarta", "Seribu".
NAME_DESIGNATIONS = (
    "kabupaten administrasi",
    "kota administrasi",
    "kabupaten",
    "kota",
    "daerah khusus ibukota",
    "daerah istimewa",
)
# Abbreviations skip these words (Babel = Bangka Belitung, not Kepulauan Bangka Belitung)
# but may also use them (Kepri = Kepulauan Riau, DIY = Daerah Istimewa Yogyakarta).
SKIPPABLE_WORDS = frozenset(
    {"kepulauan", "kabupaten", "kota", "administrasi", "daerah", "khusus", "ibukota", "istimewa"}
)
# Compass words are the one place where short forms are not prefixes (Sultra, Kaltara).
EXTRA_SHORT_FORMS = {"tenggara": ("tra",), "utara": ("tara",)}
DESIGNATION_WORDS = frozenset(
    {"kabupaten", "kota", "administrasi", "daerah", "khusus", "ibukota", "istimewa"}
)
# Other names in everyday use that no rule derives from the official name; they count as exact.
COLLOQUIAL = {
    "dki": "31",  # the designation alone ("DKI") names Jakarta province
    "dkj": "31",  # Daerah Khusus Jakarta, the name from UU 2/2024
    "jogja": "34",  # colloquial for Yogyakarta (the old-spelling rule only reaches "yogya")
    "yogya": "34",
}
# Pre-1972 spelling (Djakarta, Jogjakarta, Soerabaja): "jogja" -> "yogya" by the same rule.
OLD_SPELLING = (("dj", "\0"), ("tj", "c"), ("oe", "u"), ("nj", "ny"), ("sj", "sy"), ("ch", "kh"))

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Apostrophes join a word (Nuapu'u, Nuapu’u, Nuapuu are one name), other punctuation splits.
_APOSTROPHES = re.compile("['`\u2018\u2019\u02bc]")
_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_DIGITS = re.compile(r"^\d{2}(\d{2}(\d{2}(\d{4})?)?)?$")


@dataclass(frozen=True, slots=True)
class RegionRecord:
    """One administrative region as listed in the Kepmendagri."""

    code: str
    name: str
    level: str
    population: int | None = None
    area_km2: Decimal | None = None

    @property
    def parent_code(self) -> str | None:
        """Code of the region directly above, or None for a province."""
        return self.code.rsplit(".", 1)[0] if "." in self.code else None


@dataclass(frozen=True, slots=True)
class RegionMatch:
    """A lookup hit: the region and how well it matched (0-100), with the tier that matched."""

    code: str
    name: str
    level: str
    score: float
    how: str = ""


def normalise(text: str) -> str:
    """Lower-case ASCII words separated by single spaces ("Kab. Belitung-Timur" -> ...)."""
    text = _APOSTROPHES.sub("", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def _strip_designation(name: str) -> tuple[str, str]:
    """'kota administrasi jakarta utara' -> ('kota', 'jakarta utara')."""
    for designation in NAME_DESIGNATIONS:
        if name.startswith(designation + " "):
            kind = designation.split()[0] if designation.startswith("k") else ""
            return kind, name[len(designation) + 1 :]
    return "", name


def _split_query_prefix(query: str) -> tuple[str, str]:
    """'kab belitung timur' -> ('kabupaten', 'belitung timur'); no prefix -> ('', query)."""
    for prefix in sorted(QUERY_PREFIXES, key=len, reverse=True):
        if query.startswith(prefix + " "):
            return QUERY_PREFIXES[prefix], query[len(prefix) + 1 :]
    return "", query


def _respell(text: str) -> str:
    """Map pre-1972 spelling to today's (j -> y, dj -> j, oe -> u ...)."""
    for old, new in OLD_SPELLING:
        text = text.replace(old, new)
    return text.replace("j", "y").replace("\0", "j")


def _read_figures(path: Path, column: str) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["kode"]: row[column] for row in csv.DictReader(handle)}


def iter_region_records() -> Iterator[RegionRecord]:
    """Every region from the shipped CSVs, parents before children (file order)."""
    population = _read_figures(POPULATION_CSV, "total")
    area = _read_figures(AREA_CSV, "luas_km2")
    with gzip.open(REGIONS_CSV, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["kode"]
            pop = population.get(code)
            try:
                km2 = Decimal(area[code]) if code in area else None
            except InvalidOperation:
                km2 = None
            yield RegionRecord(
                code=code,
                name=row["nama"],
                level=row["level"],
                population=int(pop) if pop and pop.isdigit() else None,
                area_km2=km2,
            )


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str
    level_rank: int
    kind: str  # "kabupaten"/"kota" for kab/kota, else the level name
    full: str
    base: str
    words: tuple[str, ...]

    @property
    def initials(self) -> str:
        """Letters an abbreviation of this name can start with (skippable words may lead)."""
        letters = ""
        for word in self.words:
            letters += word[0]
            if word not in SKIPPABLE_WORDS:
                break
        return letters


class _Index:
    """Every lookup structure, built once: by code, by exact key, and sorted keys for prefixes."""

    def __init__(self, records: list[RegionRecord]) -> None:
        self.records = {r.code: r for r in records}
        self.entries: dict[str, _Entry] = {}
        self.exact: dict[str, list[str]] = {}
        keys: set[tuple[str, str]] = set()
        for record in records:
            full = normalise(record.name)
            designation, base = _strip_designation(full)
            kind = designation if record.level == "kabkota" else record.level
            entry = _Entry(
                record.code, LEVEL_RANK.get(record.level, 9), kind, full, base, tuple(full.split())
            )
            self.entries[record.code] = entry
            for key in {full, base}:
                self.exact.setdefault(key, []).append(record.code)
                keys.add((key, record.code))
        self.sorted_keys = sorted(keys)
        # Abbreviations are a habit for provinces and kab/kota only; matching them against 83k
        # village names would bury the intended region under coincidences.
        self.abbreviable = [e for e in self.entries.values() if e.level_rank <= 1]
        by_base: dict[str, list[str]] = {}
        for entry in self.entries.values():
            by_base.setdefault(entry.base, []).append(entry.code)
        self.fuzzy_names = list(by_base)
        self.fuzzy_codes = list(by_base.values())
        self.children: dict[str, list[str]] = {}
        for record in records:
            if record.parent_code is not None:
                self.children.setdefault(record.parent_code, []).append(record.code)


@cache
def _index() -> _Index:
    return _Index(list(iter_region_records()))


def get_region(code: str) -> RegionRecord | None:
    """The region with this code ("19.06" or "1906"), or None."""
    return _index().records.get(_canonical_code(code) or code.strip())


def ancestors(code: str) -> list[RegionRecord]:
    """The regions above `code`, province first (the region itself is not included)."""
    index = _index()
    canonical = _canonical_code(code) or code.strip()
    parts = canonical.split(".")
    found = (index.records.get(".".join(parts[:i])) for i in range(1, len(parts)))
    return [record for record in found if record is not None]


def _canonical_code(text: str) -> str | None:
    text = text.strip()
    if _CODE.match(text):
        return text
    if _DIGITS.match(text):
        # Codes are often written without dots (1906, 190603): the segment widths are fixed.
        cuts = [text[:2], text[2:4], text[4:6], text[6:]]
        return ".".join(part for part in cuts if part)
    return None


def _kind_fits(entry: _Entry, kind: str) -> bool:
    return not kind or entry.kind == kind


def _abbreviates(abbreviation: str, words: tuple[str, ...]) -> int | None:
    """Cost (skipped name words) if `abbreviation` is built from `words` in order, else None.

    Each word gives its initial (N-T-T, D-I-Y) or a prefix of two or more letters (Bel-Tim,
    Ja-Bar, Kep-Ri); designations such as "Kabupaten" or "Daerah Khusus Ibukota" give only
    initials (KBB, DKI) and are left out for free, since people abbreviate the name, not the
    designation. Generic words ("kepulauan") may be left out at a cost (Babel).
    """
    memo: dict[tuple[int, int], int | None] = {}

    def solve(word: int, pos: int) -> int | None:
        if word == len(words):
            return 0 if pos == len(abbreviation) else None
        if (word, pos) in memo:
            return memo[word, pos]
        current = words[word]
        best: int | None = None
        if current in SKIPPABLE_WORDS:
            rest = solve(word + 1, pos)
            if rest is not None:
                best = rest + (0 if current in DESIGNATION_WORDS else 1)
        forms = [current[0]]
        if current not in DESIGNATION_WORDS:
            forms.extend(current[:n] for n in range(2, len(current) + 1))
            forms.extend(EXTRA_SHORT_FORMS.get(current, ()))
        for form in forms:
            if abbreviation.startswith(form, pos):
                rest = solve(word + 1, pos + len(form))
                if rest is not None and (best is None or rest < best):
                    best = rest
        memo[word, pos] = best
        return best

    return solve(0, 0)


Hits = dict[str, tuple[float, str]]


def _add(hits: Hits, code: str, score: float, how: str) -> None:
    if code not in hits or hits[code][0] < score:
        hits[code] = (score, how)


def _name_matches(index: _Index, query: str, penalty: float) -> Hits:
    """Exact, prefix and abbreviation hits for one normalised spelling of the query."""
    kind, base = _split_query_prefix(query)
    hits: Hits = {}

    def kind_penalty(code: str) -> float:
        return penalty + (0.0 if _kind_fits(index.entries[code], kind) else PENALTY_WRONG_KIND)

    for key in {query, base}:
        for code in index.exact.get(key, ()):
            _add(hits, code, SCORE_EXACT - kind_penalty(code), "exact")
        keys = index.sorted_keys
        for position in range(bisect_left(keys, (key, "")), len(keys)):
            name, code = keys[position]
            if not name.startswith(key):
                break
            if name == key:
                continue
            # Closer in length ranks higher: "Belitung" prefers "Belitung Timur" to longer names.
            closeness = len(key) / len(name)
            if name[len(key)] == " ":
                score = SCORE_PREFIX - 10 * (1 - closeness)
                _add(hits, code, score - kind_penalty(code), "prefix")
            else:
                # A prefix ending inside a word ("Jabar" of "Jabaran") is as likely to be an
                # abbreviation of something else, so it ranks below abbreviations.
                score = SCORE_PARTIAL_PREFIX - 5 * (1 - closeness)
                _add(hits, code, score - kind_penalty(code), "partial prefix")
    compact = base.replace(" ", "")
    if len(compact) >= 2:
        for entry in index.abbreviable:
            if compact[0] not in entry.initials or not _kind_fits(entry, kind):
                continue
            cost = _abbreviates(compact, entry.words)
            if cost is not None:
                score = SCORE_ABBREVIATION - 2 * min(cost, 5) - penalty
                _add(hits, entry.code, score, "abbreviation")
    if base in COLLOQUIAL:
        _add(hits, COLLOQUIAL[base], SCORE_EXACT - penalty, "exact")
    return hits


def lookup_region(query: str, *, level: str | None = None, limit: int = 10) -> list[RegionMatch]:
    """Regions matching a code or a name, best first (see the module docstring for the ranking)."""
    if level is not None and level not in LEVEL_RANK:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}: {level!r}")
    index = _index()
    hits: Hits = {}
    code = _canonical_code(query)
    if code is not None:
        if code in index.records:
            hits[code] = (SCORE_EXACT, "code")
        # The regions directly below follow, so "19" lists the province and then its kab/kota.
        for child in index.children.get(code, ()):
            hits[child] = (SCORE_PREFIX, "code prefix")
    else:
        text = normalise(query)
        if not text:
            return []
        hits = _name_matches(index, text, 0.0)
        respelled = _respell(text)
        if respelled != text:
            for found, (score, how) in _name_matches(index, respelled, PENALTY_RESPELLED).items():
                _add(hits, found, score, how)
        wanted = [c for c in hits if level is None or index.records[c].level == level]
        # Fuzzy hits always rank below the others, so they are only needed to fill the list.
        if len(wanted) < limit:
            for found, (score, how) in _fuzzy(index, text, level, limit).items():
                _add(hits, found, score, how)
    return _ranked(index, hits, level, limit)


def _fuzzy(index: _Index, text: str, level: str | None, limit: int) -> Hits:
    from rapidfuzz import fuzz, process

    _, base = _split_query_prefix(text)
    found: Hits = {}
    # Many villages share a name, so score each distinct name once (67k instead of 92k).
    results = process.extract(
        base,
        index.fuzzy_names,
        scorer=fuzz.QRatio,
        processor=None,
        limit=limit * 5,
        score_cutoff=FUZZY_CUTOFF,
    )
    for _name, similarity, position in results:
        for code in index.fuzzy_codes[position]:
            if level is None or index.records[code].level == level:
                found[code] = (round(SCORE_FUZZY_MAX * similarity / 100, 1), "fuzzy")
    return found


def _ranked(
    index: _Index, hits: dict[str, tuple[float, str]], level: str | None, limit: int
) -> list[RegionMatch]:
    rows = []
    for code, (score, how) in hits.items():
        record = index.records[code]
        if level is not None and record.level != level:
            continue
        rows.append((-score, LEVEL_RANK.get(record.level, 9), code, record, how))
    rows.sort(key=lambda row: row[:3])
    return [
        RegionMatch(record.code, record.name, record.level, round(-neg, 1), how)
        for neg, _rank, _code, record, how in rows[:limit]
    ]
