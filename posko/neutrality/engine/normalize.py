"""Stage 1: turn raw Indonesian social-media text into normalised word tokens.

Decisions other stages rely on:
- Tokens are lower-case words and digit strings; punctuation, URLs, decorative emoji and the
  placeholders of scraped datasets ("RT", "USER", "URL" in capitals) are dropped.
- Zero-padded numbers stay as written ("01", "03"): the leading zero is the marker that lets
  entities.py tell "01" (a ballot-number style) from "1". Number words become digits:
  Indonesian ones always ("tiga" -> "3"), regional ones (Jv/Su/Mn/Bl: "telu", "opat", "loro")
  only right after a number-context word ("nomor", "coblos", "pilih", ...), because "loro"
  (Jv "sick") or "sa" are ordinary words elsewhere.
- "no" (and English "number") becomes "nomor" only before a number or "urut" (English "no"
  stays "no").
- Negation has one form: gak/ga/nggak/enggak/ora/teu -> "tidak".
- Hand-sign emoji become the tokens "jari" + digit and are listed in hand_numbers; a run of
  the same sign counts once ("✌️✌️" -> "jari 2").
- Hashtags keep their bodies in `hashtags` and add their words to the tokens:
  "#AyoCoblosNomor3" -> "ayo coblos nomor 3"; all-lowercase bodies are split by dictionary
  segmentation ("#pilkadadamai" -> "pilkada damai"). Mentions keep the name, split the same
  way ("@aniesbaswedan" -> "anies baswedan").
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Ballot numbers shown with fingers. 🖖 (four fingers) and 🖐 (five) matter only in races
# with that many pairs; entities.py still needs political context before using any of them.
HAND_SIGNS = {"\u261d": 1, "\u270c": 2, "\U0001f91f": 3, "\U0001f596": 4, "\U0001f590": 5}
NUMBER_WORDS = {
    "satu": "1",
    "dua": "2",
    "tiga": "3",
    "empat": "4",
    "lima": "5",
    "enam": "6",
    "tujuh": "7",
    "delapan": "8",
    "sembilan": "9",
    "sepuluh": "10",
}
# Jv, Su, Mn and Bl number words: converted only after NUMBER_CONTEXT (see module docstring).
REGIONAL_NUMBER_WORDS = {
    "siji": "1", "hiji": "1", "sa": "1", "ciek": "1", "besik": "1", "siki": "1", "setunggal": "1",
    "loro": "2", "duo": "2", "kalih": "2",
    "telu": "3", "tilu": "3", "tigo": "3",
    "papat": "4", "opat": "4", "ampek": "4", "sekawan": "4",
    "limo": "5", "gangsal": "5",
    "enem": "6", "genep": "6", "anam": "6",
    "pitu": "7", "tujuah": "7",
    "wolu": "8", "dalapan": "8", "salapan": "9", "songo": "9", "sanga": "9", "sambilan": "9",
}  # fmt: skip
NUMBER_CONTEXT = frozenset(
    {"no", "nomor", "urut", "coblos", "pilih", "memilih", "paslon", "calon", "jari", "salam"}
)
LEET = str.maketrans("013457", "oieast")

_URL_RE = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
# "RT" is also the neighbourhood unit ("ketua RT", "Pak RT", "RT 05"): kept after those words.
_PLACEHOLDER_RE = re.compile(
    r"\b(?:(?<![Kk]etua )(?<!KETUA )(?<![Pp]ak )(?<!PAK )(?<![Bb]u )(?<![Ww]arga )RT\b(?!\s*\d)"
    r"|USER\b|URL\b)"
)
_TAG_RE = re.compile(r"([#@])(\w+)")
_TOKEN_RE = re.compile(r"[^\W_]+")
_MIXED_RE = re.compile(r"\d+|[^\W\d_]+")
_TRAILING_NUMBER_RE = re.compile(r"([^\W\d_]+)(\d+)")
_RUN_RE = re.compile(r"(\w)\1+")
_LONG_RUN_RE = re.compile(r"(\w)\1{2,}")
_run_search = _RUN_RE.search
_KEYCAP_RE = re.compile("([0-9])\ufe0f?\u20e3")
_KEYCAP_RUN_RE = re.compile("(?:[0-9]\ufe0f?\u20e3)+")
_HAND_RE = re.compile(
    "(" + "|".join(HAND_SIGNS) + r")(?:[\ufe0f\U0001f3fb-\U0001f3ff]|\1)*"
)  # a sign with its skin-tone / variation selectors and repeats
_SEGMENT_MAX = 20
_MOJIBAKE_NBSP_RE = re.compile("\u00c2(?:\u00a0| |$)")


class Normalized(NamedTuple):
    """Normalised view of one text: tokens, hashtags and hand-sign numbers (immutable; a named
    tuple rather than a frozen dataclass because one is built per text and that is 3x faster)."""

    original: str
    tokens: tuple[str, ...]
    hashtags: tuple[str, ...]
    hand_numbers: tuple[int, ...]

    @property
    def text(self) -> str:
        """The tokens joined with single spaces."""
        return " ".join(self.tokens)


# Compiled lexicon cache: the slang table, known words, gazetteer and cue lexicon are derived
# from the data files by code in normalize/entities/cues (~0.1 s of YAML parsing and phrase
# normalisation). They are stored in one pickle keyed by the SHA-256 of those data files and
# that code, so a start-up is one small read; any edit of either invalidates it. A stale or
# missing cache is rebuilt (and rewritten when the folder is writable). Each entry is pickled
# on its own and unpickled on first use: most runs never need the hashtag segmentation words.
COMPILED_PATH = DATA_DIR / "compiled_lexicon.pickle"
_COMPILED_INPUTS = ("gazetteer.yaml", "cues.yaml", "slang.csv")
_COMPILED_CODE = ("normalize.py", "entities.py", "cues.py")


def compiled_key() -> str:
    """SHA-256 of the data files and engine code the compiled lexicon is derived from."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in [*(DATA_DIR / n for n in _COMPILED_INPUTS), *(here / n for n in _COMPILED_CODE)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def _compiled_store() -> dict[str, Any]:
    key = compiled_key()
    try:
        with COMPILED_PATH.open("rb") as fh:
            store = pickle.load(fh)
        if isinstance(store, dict) and store.get("__key__") == key:
            return store
    except Exception:  # noqa: BLE001 - any unreadable cache is just rebuilt
        pass
    return {"__key__": key}


def compiled(name: str, build: Callable[[], Any]) -> Any:
    """`build()` through the compiled lexicon cache (see COMPILED_PATH); each caller keeps the
    value, so an entry is unpickled at most once per process."""
    store = _compiled_store()
    if name in store:
        return pickle.loads(store[name])
    value = build()
    store[name] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    tmp = COMPILED_PATH.with_name(f".{COMPILED_PATH.name}.{os.getpid()}")
    try:
        tmp.write_bytes(pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, COMPILED_PATH)
    except OSError:
        pass  # read-only install: rebuild each run
    return value


@cache
def load_yaml(name: str) -> Any:
    """A data/ YAML file parsed once per process (libyaml's CSafeLoader when available);
    gazetteer.yaml and cues.yaml are read by normalize, entities and cues alike."""
    import yaml  # only needed when the compiled lexicon cache is rebuilt

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((DATA_DIR / name).read_text("utf-8"), Loader=loader)


@cache
def load_slang() -> dict[str, tuple[str, ...]]:
    """slang.csv as {slang: formal tokens}; rows with slang == formal mark known words."""
    return compiled("slang", build_slang)


def build_slang() -> dict[str, tuple[str, ...]]:
    """load_slang() without the compiled cache."""
    with (DATA_DIR / "slang.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        table = {row[0]: tuple(row[1].split()) for row in reader if row}
    table.update({word: (digit,) for word, digit in NUMBER_WORDS.items()})
    return table


def _phrase_words(phrases: Iterable[object]) -> set[str]:
    words: set[str] = set()
    for phrase in phrases:
        words.update(_TOKEN_RE.findall(str(phrase).lower().replace("'", "")))
    return words


@cache
def known_words() -> frozenset[str]:
    """Words normalize() treats as correct: slang targets, gazetteer and cue words."""
    return compiled("known_words", build_known_words)


def build_known_words() -> frozenset[str]:
    """known_words() without the compiled cache."""
    words = {w for formal in load_slang().values() for w in formal}
    gazetteer = load_yaml("gazetteer.yaml")
    for figure in gazetteer.get("figures", []):
        words |= _phrase_words([figure["name"], *figure.get("aliases", [])])
    for party in gazetteer.get("parties", []):
        words |= _phrase_words(party.get("aliases", []))
    words |= _phrase_words(s["phrase"] for s in gazetteer.get("slogans", []))
    words |= _phrase_words(gazetteer.get("institutions", []))
    cues = load_yaml("cues.yaml")
    for phrases in cues.values():
        words |= _phrase_words(p for p in phrases if not str(p).startswith("#"))
    words |= NUMBER_CONTEXT | set(REGIONAL_NUMBER_WORDS) | {"jari"}
    return frozenset(w for w in words if not w.isdigit())


@cache
def _segment_vocab() -> frozenset[str]:
    # Slang keys of 3+ letters help ("pilkadaadem"); 1-2 letter keys would shred words.
    def build() -> frozenset[str]:
        return known_words() | {k for k in load_slang() if len(k) >= 3 and k.isalpha()}

    return compiled("segment_vocab", build)


def _in_vocab(word: str) -> bool:
    return word in load_slang() or word in known_words()


def _dp_split(chunk: str) -> list[str] | None:
    """Split a lowercase chunk into known words, preferring long words; None if impossible."""
    vocab = _segment_vocab()
    n = len(chunk)
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (score, start of last word)
    best[0] = (0, 0)
    for end in range(2, n + 1):
        for start in range(max(0, end - _SEGMENT_MAX), end - 1):
            prev = best[start]
            if prev is not None and chunk[start:end] in vocab:
                score = prev[0] + (end - start) ** 2
                cur = best[end]
                if cur is None or score > cur[0]:
                    best[end] = (score, start)
    if best[n] is None:
        return None
    words: list[str] = []
    end = n
    while end > 0:
        entry = best[end]
        assert entry is not None
        words.append(chunk[entry[1] : end])
        end = entry[1]
    return words[::-1]


@lru_cache(maxsize=8192)
def segment(body: str) -> tuple[str, ...]:
    """Split a hashtag or mention body into lowercase words: camel case, digits, leetspeak and
    dictionary segmentation ("D3d1Mulyad1" -> dedi mulyadi, "AMINajaDulu" -> amin aja dulu,
    "Ay0C0bl0s2" -> ayo coblos 2, "pilkadadamai" -> pilkada damai)."""
    words: list[str] = []
    if not body.isalpha() and not body.isdigit():
        body = _LEET_INSIDE_RE.sub(_leet_inside, body)
    pieces = _PIECE_RE.findall(body)
    if len(pieces) > 1 and len(pieces[0]) == 1 and _in_vocab((pieces[0] + pieces[1]).lower()):
        # a stray capital inside one word, not two words: "#aGama" is agama, not a + Gama
        # (a pair's alias); "#iPhone" and "#eKTP" stay split, as "iphone" and "ektp" are no
        # known words ("#aGamaKita" is agama + kita)
        pieces[:2] = [pieces[0] + pieces[1].lower()]
    for piece in pieces:
        for part in _split_acronym(piece):
            low = part.lower()
            if low.isdigit() or low.isalpha():
                words.extend(_lower_words(low))
                continue
            decoded = _decode_mixed(low)
            if decoded is not None:
                words.extend(decoded)
                continue
            for sub in _MIXED_RE.findall(low):
                words.extend(_lower_words(sub))
    if len(words) > 1:
        return _glue_camel_names(words)
    return tuple(words)


def _glue_camel_names(words: list[str]) -> tuple[str, ...]:
    """Glue camel-case pieces of a one-word party name again ("#NasDemNoMore": nas + dem)."""
    names = _camel_names()
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and words[i] + words[i + 1] in names:
            out.append(words[i] + words[i + 1])
            i += 2
        else:
            out.append(words[i])
            i += 1
    return tuple(out)


@cache
def _camel_names() -> frozenset[str]:
    """One-word party names of the gazetteer (nasdem, gerindra, ...)."""

    def build() -> frozenset[str]:
        parties = load_yaml("gazetteer.yaml").get("parties", [])
        aliases = (str(a).lower() for p in parties for a in p.get("aliases", []))
        return frozenset(a for a in aliases if a.isalpha())

    result: frozenset[str] = compiled("camel_names", build)
    return result


# A leetspeak digit inside a word: before a lower-case letter ("J4bar", "M3nang"), or between
# capitals inside an all-capitals word ("AM1NAja", "PR4B0W0"), but not where a capital starts
# the next camel-case word ("KDM4Jabar", "RK1Periode": there it is a number).
_LEET_INSIDE_RE = re.compile(r"(?<=[A-Za-z])[013457](?=[a-z])|(?<=[A-Z])[013457](?=[A-Z](?![a-z]))")


def _leet_inside(match: re.Match[str]) -> str:
    letter = match[0].translate(LEET)
    following = match.string[match.end()]
    return letter.upper() if following.isupper() else letter


# A camel-case piece: capitals, then lower-case letters and digits ("D3d1", "Mulyad1", "2019").
_PIECE_RE = re.compile(r"[A-Z]*[a-z0-9]+|[A-Z]+|[^\W\d_]+")


def _split_acronym(piece: str) -> tuple[str, ...]:
    """ "AMINaja" -> AMIN + aja and "RIDOmenang" -> RIDO + menang, but "PDIPerjuangan" -> PDI +
    Perjuangan: the last capital starts the next word unless the rest alone is a known word."""
    caps = len(piece) - len(piece.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    if caps < 2 or caps == len(piece) or not piece[caps].isalpha():
        return (piece,)  # "KPU", "KDM4", "COBLOS02": no lower-case word follows
    rest = piece[caps:].lower()
    if _in_vocab(rest) and not _in_vocab(piece[caps - 1 :].lower()):
        return piece[:caps], piece[caps:]
    return piece[: caps - 1], piece[caps - 1 :]


def _lower_words(low: str) -> list[str]:
    if low.isdigit() or _in_vocab(low) or len(low) < 4:
        return [low]
    return _dp_split(low) or [low]


def _known_split(low: str) -> list[str] | None:
    """`low` as known words (itself or a dictionary split), or None."""
    if _in_vocab(low):
        return [low]
    return _dp_split(low) if len(low) >= 6 else None


def _decode_mixed(low: str) -> list[str] | None:
    """Letters with digits in a hashtag: a word and its number ("prabowo2", "nomor3"), leetspeak
    ("d3d1" -> dedi, "m3nang" -> menang), or leetspeak and a number ("c0bl0s2" -> coblos 2);
    None when no reading gives known words."""
    head = low.rstrip("0123456789")
    tail = low[len(head) :]
    if tail and len(head) >= 3 and head.isalpha():
        known = _known_split(head)
        if known:
            return [*known, tail]
    leet = low.translate(LEET)
    if leet.isalpha():
        known = _known_split(leet)
        if known:
            return known
    if tail and head:
        leet_head = head.translate(LEET)
        if leet_head.isalpha():
            known = _known_split(leet_head)
            if known:
                return [*known, tail]
    return None


def _fix_letters(word: str) -> tuple[str, ...]:
    """Normalise an all-letter token: slang, then elongation repair."""
    slang = load_slang()
    hit = slang.get(word)
    if hit is not None:
        return hit
    if word in known_words() or not _RUN_RE.search(word):
        return (word,)
    # Try doubles kept ("saaat" -> "saat"), then all runs single ("mantaaap" -> "mantap").
    for candidate in (_LONG_RUN_RE.sub(_run_twice, word), _RUN_RE.sub(_run_once, word)):
        hit = slang.get(candidate)
        if hit is not None:
            return hit
        if candidate in known_words():
            return (candidate,)
    if _LONG_RUN_RE.search(word):
        return (_LONG_RUN_RE.sub(_run_once, word),)  # 3+ repeats are never real spelling
    return (word,)


# A run's letter once or twice: functions, as Python 3.11 expands a template such as r"\1" in
# Python code (3x slower; a cold batch repairs thousands of elongated words).
def _run_once(match: re.Match[str]) -> str:
    return match[1]


def _run_twice(match: re.Match[str]) -> str:
    return match[1] * 2


def _fix_mixed(word: str) -> tuple[str, ...]:
    """Normalise a token mixing letters and digits: numbers, leetspeak, "hati2"."""
    trailing = _TRAILING_NUMBER_RE.fullmatch(word)
    if trailing and trailing[1] in NUMBER_CONTEXT | {"nomer", "nmr", "paslon"}:
        return (*_fix_letters(trailing[1]), trailing[2])  # "no3", "paslon02"
    leet = word.translate(LEET)
    if leet.isalpha():
        fixed = _fix_letters(leet)
        if len(fixed) > 1 or fixed[0] in known_words():
            return fixed  # "s3mang4t" -> "semangat", "g4njar" -> "ganjar"
    if trailing and trailing[2] == "2" and len(trailing[1]) >= 2:
        base = _fix_letters(trailing[1])
        return base + base  # "kuning2" -> "kuning kuning"
    out: list[str] = []
    for part in _MIXED_RE.findall(word):
        out.extend((part,) if part.isdigit() else _fix_letters(part))
    return tuple(out)


class _WordCache(dict[str, str]):
    """Memo of token -> what it normalises to: its one word (almost always), or its words
    joined with spaces when there are several (or none), the token then being listed in
    _SPLIT; tweets reuse a small vocabulary."""

    # load_slang() and known_words(), bound on the first miss (a batch meets thousands)
    _tables: tuple[dict[str, tuple[str, ...]], frozenset[str]] | None = None

    def __missing__(self, word: str) -> str:
        tables = self._tables
        if tables is None:
            tables = self._tables = (load_slang(), known_words())
        slang, known = tables
        value = slang.get(word)
        if value is not None:
            pass
        elif word.isdigit():
            value = (word,)
        elif word.isalpha():
            if word in known or not _run_search(word):
                # most new words: _fix_letters would return (word,); letters hold no spaces
                self[word] = word
                return word
            value = _fix_letters(word)
        else:
            value = _fix_mixed(word)
        # whitespace-split, so that the words are exactly the words of the joined text
        words = " ".join(value).split()
        if len(words) == 1:
            self[word] = one = words[0]
            return one
        _SPLIT.add(word)
        self[word] = joined = " ".join(words)
        return joined


_WORDS = _WordCache()
_SPLIT: set[str] = set()  # tokens that normalise to several words, or to none
_CONTEXT_SENSITIVE = frozenset({"no", "number", *REGIONAL_NUMBER_WORDS})


def _is_number(token: str) -> bool:
    return token.isdigit() or token in REGIONAL_NUMBER_WORDS


def _apply_context(tokens: list[str]) -> list[str]:
    """Rules that depend on the neighbouring token: regional numbers and "no"."""
    last = len(tokens) - 1
    for i in range(last):
        if tokens[i] in NUMBER_CONTEXT and tokens[i + 1] in REGIONAL_NUMBER_WORDS:
            tokens[i + 1] = REGIONAL_NUMBER_WORDS[tokens[i + 1]]
    for i in range(last):
        if tokens[i] in ("no", "number") and (tokens[i + 1].isdigit() or tokens[i + 1] == "urut"):
            tokens[i] = "nomor"  # English "number 2" too ("vote number 2")
    return tokens


class Reading(NamedTuple):
    """An everyday reading of a word (gazetteer acronym_readings), and when it applies."""

    words: tuple[str, ...]  # the reading written out
    tell: frozenset[str]  # telling words nearby
    by_number: bool  # a small number right before also tells ("isi 33 PSI")
    next_only: bool  # the telling word must come right after ("coblos kuping")
    not_after: frozenset[str]  # a word right before that keeps the first sense ("pilih kolom")
    window: int  # words either side where a telling word counts
    not_near: frozenset[str]  # a word in the window that keeps the first sense ("kpps")
    not_before_number: bool  # a number right after keeps the first sense ("TPS 12")


_READING_WINDOW = 4


@cache
def _acronym_readings() -> dict[str, tuple[Reading, ...]]:
    """gazetteer.yaml acronym_readings: acronym -> its everyday readings."""

    def build() -> dict[str, tuple[Reading, ...]]:
        table = load_yaml("gazetteer.yaml").get("acronym_readings", {})
        return {
            str(acronym): tuple(
                Reading(
                    tuple(str(r["reading"]).split()),
                    frozenset(str(w) for w in r["near"]),
                    bool(r.get("after_number", False)),
                    bool(r.get("next", False)),
                    frozenset(str(w) for w in r.get("not_after", ())),
                    int(r.get("window", _READING_WINDOW)),
                    frozenset(str(w) for w in r.get("not_near", ())),
                    bool(r.get("not_before_number", False)),
                )
                for r in readings
            )
            for acronym, readings in table.items()
        }

    result: dict[str, tuple[Reading, ...]] = compiled("acronym_readings", build)
    return result


def _reading_applies(r: Reading, tokens: tuple[str, ...], i: int) -> bool:
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if before in r.not_after or (r.not_before_number and after.isdigit()):
        return False
    if r.by_number and before.isdigit() and len(before) <= 3:  # "33 PSI", not "2024 PSI"
        return True
    if r.next_only:
        return after in r.tell
    near = tokens[max(0, i - r.window) : i + r.window + 1]
    return not r.tell.isdisjoint(near) and r.not_near.isdisjoint(near)


def _apply_readings(
    tokens: tuple[str, ...], readings: dict[str, tuple[Reading, ...]]
) -> tuple[str, ...]:
    """Write out the everyday reading of an acronym that has a telling word nearby."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        options = readings.get(token)
        if options:
            words = next((r.words for r in options if _reading_applies(r, tokens, i)), None)
            if words is not None:
                out.extend(words)
                continue
        out.append(token)
    return tuple(out)


def _hand_sub(match: re.Match[str], found: list[int]) -> str:
    number = HAND_SIGNS[match[1]]
    found.append(number)
    return f" jari {number} "


def _unicode_pass(text: str, hands: list[int]) -> str:
    """Hand signs and keycaps to words, styled letters to plain, then everything else ASCII."""
    if "\u00c2" in text:  # UTF-8 read as Latin-1: "PRESIDEN\u00c2\u00a0SOEHARTO"
        text = _MOJIBAKE_NBSP_RE.sub(" ", text)
    text = _HAND_RE.sub(lambda m: _hand_sub(m, hands), text)
    if "\u20e3" in text:
        text = _keycaps(text, hands)
    if "\u2019" in text or "\u2018" in text:  # "Jum’at": one word, as "Jum'at" is below
        text = _POSSESSIVE_RE.sub("", text).replace("\u2019", "").replace("\u2018", "")
    text = unicodedata.normalize("NFKC", text)  # "𝗣𝗶𝗹𝗶𝗵" -> "Pilih"
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)  # "é" -> "e" + combining accent
    return _NON_ASCII_RE.sub(lambda m: "" if unicodedata.combining(m[0]) else " ", text)


def _keycaps(text: str, hands: list[int]) -> str:
    """Keycap digits: adjacent ones form one number ("2️⃣7️⃣" -> 27). When every keycap in the
    text shows the same single digit ("3️⃣", "3️⃣3️⃣3️⃣ 🔥") it is shown like a hand sign, the way
    campaign posts show a ballot number (R1 still asks for election context); lists and
    recipes ("1️⃣ ... 2️⃣ ...") keep plain numbers."""
    runs = _KEYCAP_RUN_RE.findall(text)
    digits = {d for run in runs for d in _KEYCAP_RE.findall(run)}
    if len(digits) == 1 and digits != {"0"}:
        number = int(digits.pop())
        hands.append(number)
        return _KEYCAP_RUN_RE.sub(f" jari {number} ", text)
    return _KEYCAP_RUN_RE.sub(lambda m: " " + "".join(_KEYCAP_RE.findall(m[0])) + " ", text)


def _tag_sub(match: re.Match[str], hashtags: list[str]) -> str:
    body = match[2]
    if match[1] != "#" and body == "USER":
        return " "
    words = [w for part in body.split("_") if part for w in segment(part)]
    if match[1] == "#":
        # the body as read: leetspeak decoded ("#AM1NAjaDulu" -> "aminajadulu")
        hashtags.append(body.lower() if body.isalpha() else "".join(words))
    return " " + " ".join(words) + " "


# One C-level pass over the bytes lowercases, turns punctuation into spaces and deletes
# apostrophes ("Ma'ruf" -> "maruf"); a second keeps only punctuation, to spot markup cheaply.
_PUNCT = bytes(c for c in range(128) if not chr(c).isalnum() and chr(c) not in "'`")
_LOWER_TABLE = bytes.maketrans(
    bytes(range(65, 91)) + _PUNCT, bytes(range(97, 123)) + b" " * len(_PUNCT)
)
_ALNUM_SPACE = bytes(c for c in range(128) if chr(c).isalnum() or chr(c) == " ")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
# An English possessive or "is" ("RK's", "Anies’s", "it's"), removed before hashtags and
# apostrophes are read ("#RK's" is #RK); Indonesian has no word-final 's.
_POSSESSIVE_RE = re.compile("(?<=[^\\W\\d_])['\u2018\u2019][sS]\\b")
# Letters spaced out to dodge keyword filters ("a y o c o b l o s 0 2"): four or more single
# characters in a row, at least three letters and then only digits, are one word split by
# segment(). A list of answers ("1 a 2 b 3 c") is not a word.
SPACED_MIN_RUN = 4


def _join_spaced(words: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    for w in [*words, ""]:
        if len(w) == 1:
            run.append(w)
            continue
        word = "".join(run).rstrip("0123456789")  # "a y o c o b l o s 0 2": "02" after it
        if len(run) >= SPACED_MIN_RUN and len(word) >= 3 and word.isalpha():
            out.extend(segment("".join(run)))
        else:
            out.extend(run)  # "skor 2 1": single numbers and letters stay as written
        run.clear()
        if w:
            out.append(w)
    return out


def normalize(text: str) -> Normalized:
    """Normalise one text (see the module docstring for the rules)."""
    s = text
    hands: list[int] = []
    hashtags: list[str] = []
    if not s.isascii():
        s = _unicode_pass(s, hands)
    if "'" in s and ("'s" in s or "'S" in s):
        s = _POSSESSIVE_RE.sub("", s)  # "RK's debate": "rk", not "rks"
    raw = s.encode("ascii")
    punct = raw.translate(None, _ALNUM_SPACE)
    if punct and (b"#" in punct or b"@" in punct or b"/" in punct or b"www." in raw):
        s = _URL_RE.sub(" ", s)
        s = _TAG_RE.sub(lambda m: _tag_sub(m, hashtags), s)
        raw = s.encode("ascii")
    # the placeholders are capitals: lower-case text (most) skips the three searches
    if not raw.islower() and (b"RT" in raw or b"USER" in raw or b"URL" in raw):
        raw = _PLACEHOLDER_RE.sub(" ", s).encode("ascii")
    if b"%" in punct:
        raw = raw.replace(b"%", b" persen ")  # "belum memilih 12%" is a share, not pair 12
    words = raw.translate(_LOWER_TABLE, b"'`").decode("ascii").split()
    if 1 in map(len, words):
        words = _join_spaced(words)
    if len(_WORDS) > 200_000:  # bound memory on long batch runs (never in the middle of a text)
        _WORDS.clear()
        _SPLIT.clear()
    tokens = tuple(map(_WORDS.__getitem__, words))  # one word each, but for _SPLIT's
    if not _SPLIT.isdisjoint(words):
        tokens = tuple(" ".join(tokens).split())
    if not _CONTEXT_SENSITIVE.isdisjoint(tokens):
        tokens = tuple(_apply_context(list(tokens)))
    readings = _acronym_readings()
    if not readings.keys().isdisjoint(tokens):
        tokens = _apply_readings(tokens, readings)
    return _new_tuple(
        Normalized,
        (text, tokens, tuple(hashtags) if hashtags else (), tuple(hands) if hands else ()),
    )


# Normalized(...) without the named tuple's Python-level __new__ (one per text)
_new_tuple = tuple.__new__


# Every entry of the compiled lexicon: a committed file must hold them all, or the first run
# that needs a missing one rebuilds it and writes the file mid-run.
COMPILED_ENTRIES = frozenset(
    {"slang", "known_words", "segment_vocab", "cues", "gazetteer", "unregistered_pairs_common",
     "camel_names", "acronym_readings"}
)  # fmt: skip


def _check_compiled(path: Path = COMPILED_PATH) -> int:
    """Exit status 1 when the committed compiled lexicon was built from other sources or lacks
    an entry (`make lint` runs this before any test can rebuild it)."""
    try:
        with path.open("rb") as fh:
            store = pickle.load(fh)
    except Exception:  # noqa: BLE001 - missing or unreadable counts as stale
        store = {}
    if store.get("__key__") == compiled_key() and store.keys() >= COMPILED_ENTRIES:
        return 0
    print(f"{path.name} is stale or incomplete: run `python -m {__name__} --rebuild-compiled`")
    return 1


def _rebuild_compiled() -> int:
    """Delete the compiled lexicon and build every entry of it again (then commit the file)."""
    from posko.neutrality.engine import cues, entities, unregistered

    COMPILED_PATH.unlink(missing_ok=True)
    _compiled_store.cache_clear()
    for load in (load_slang, known_words, _segment_vocab, cues.load_cues,
                 entities.load_gazetteer, unregistered._common_words, _camel_names,
                 _acronym_readings):  # fmt: skip
        load.cache_clear()
        load()
    return _check_compiled()


if __name__ == "__main__":
    import sys

    # the imported module, not this __main__ copy: the other engine modules share its caches
    from posko.neutrality.engine import normalize as module

    commands: dict[str, Callable[[], int]] = {
        "--check-compiled": module._check_compiled,
        "--rebuild-compiled": module._rebuild_compiled,
    }
    command = commands.get(sys.argv[1]) if len(sys.argv) == 2 else None
    sys.exit(command() if command else 2)
