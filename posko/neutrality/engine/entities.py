"""Stage 2: find candidates, ballot numbers, parties, figures and slogans in normalised text.

Phrases (1-4 tokens) are compiled into a dict keyed on their first token, so matching is one
pass over the tokens with dict lookups, leftmost-longest. Ambiguous forms ("mega", "puan",
"pan", a zero-padded "02", a bare "nomor 2") only count when the text carries another
political signal; see the header of data/gazetteer.yaml for the policy.

A ballot-number match points to every given pair with that number. When no given pair has
the number, one match with pair=None and name=<the number> is returned, so a caller can
still see "coblos 5" as partisan. For candidate, running_mate, alias and ballot_number
matches `name` is the registry string of the person the match points to (Pair.candidate or
Pair.running_mate).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal, NamedTuple

from posko.candidates.registry import Pair
from posko.neutrality.engine.normalize import (
    Normalized,
    compiled,
    load_slang,
    load_yaml,
    normalize,
)
from posko.neutrality.engine.unregistered import (
    not_names,
    unregistered_epithets,
    unregistered_pairs,
    unregistered_people,
)

EntityKind = Literal[
    "candidate", "running_mate", "alias", "ballot_number", "party", "figure", "slogan"
]
# Kinds that name a side someone can take: a candidate, pair, party or slogan (not a bare
# number, not a figure outside the races).
NAMED_KINDS: frozenset[str] = frozenset({"candidate", "running_mate", "alias", "party", "slogan"})
Form = tuple[str, ...]

# Registry names carry titles and degrees: "Prof. Dr. H. M. MAHFUD MD", "H. GANJAR, S.H.".
TITLES = frozenset(
    "h hj kh dr drs dra ir prof habib tgk teungku ustadz ustad kyai kiai buya gus ning".split()  # noqa: SIM905
)
BALLOT_VERBS = frozenset(
    ["coblos", "pilih", "memilih", "dukung", "mendukung", "menangkan", "memenangkan", "vote"]
)
PAIR_WORDS = frozenset(
    "paslon capres cawapres cagub cawagub cabup cawabup cawalkot cawawalkot calon".split()  # noqa: SIM905
)
NUMBER_FILLERS = frozenset({"nomor", "urut", "no", "paslon", "yang"})
# After "coblos 1" these count pairs: "coblos 1 pasangan calon saja" is how many, not which.
PAIR_COUNT_NOUNS = frozenset({"pasangan", "paslon", "pasang"})
# ... and what else a vote verb counts: "jangan coblos 2 kolom" (not "2 kali ini": this time),
# goods in a shop's deal ("Pilih 1 paket cuma 50 ribu"); never after "nomor" or a zero-padded
# number ("coblos nomor 2 paket lengkap", "pilih 02 paket lengkap": "paket" is also a pair)
COUNTED_AFTER_A_VOTE = PAIR_COUNT_NOUNS | {
    "kolom", "surat", "lembar",
    "paket", "karung", "liter", "pcs", "dus", "kardus", "pack", "sachet", "gram", "ons",
    "butir", "ikat", "potong", "lusin",
}  # fmt: skip
# "nomor 2 dari 3 paslon" still picks a pair; "nomor 2 dari 3 kotak" picks something else.
CONTENDER_NOUNS = PAIR_COUNT_NOUNS | {"calon", "kandidat", "capres", "cagub", "cabup", "cawalkot"}
ZERO_PADDED = frozenset(f"0{d}" for d in range(1, 10))
MAX_BALLOT_NUMBER = 20
# caps marker of a hit that needs a rival: a candidate's name part that is also a common given
# name ("dharma", "luthfi", "dedi") counts only when the text names another candidate of the
# same race by an unambiguous form ("RK, Dharma, atau Pram"; "Andika atau Luthfi").
NEEDS_RIVAL = "\x00rival"
# An epithet ("mantan kapolda", "menantu jokowi") names a candidate only in election talk: it
# needs an election word (gazetteer pair_context_words), not just any political context word.
NEEDS_ELECTION = "\x00election"
# ... only when its own pair is named otherwise ("MADIUN", Maidi-Panuntun's acronym, in Madiun)
NEEDS_OWN_PAIR = "\x00own pair"
# ... only when written as the registry writes it: a one-word alias or name part that is also
# a common word ("AMAN", "BSA", which slang reads as "bisa"; "Tadi", "Wajar") is that word when
# written otherwise ("pilkada aman", "bisa", "tadi malam"). The marker is followed by "!" (the
# written form is its own context, as an acronym in capitals) or "?" (it still needs context),
# then the accepted spellings joined by "|".
NEEDS_WRITTEN = "\x00written"
# Given names that are titles, birth-order/ethnic markers or words more than names ("kampanye
# akbar" is a rally): never alone.
NEVER_ALONE = frozenset(
    {"muhammad", "muhamad", "mohammad", "mohamad", "mochammad", "moh", "mohd", "ahmad", "achmad",
     "ahmat", "abdul", "abd", "siti", "sri", "nur", "nurul", "putri", "putra", "made", "wayan",
     "nyoman", "ketut", "putu", "kadek", "gede", "lalu", "baiq", "teuku", "tengku", "cut",
     "raden", "gusti", "anak", "agung", "ida", "bagus", "daeng", "md", "andi", "haji", "akbar"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EntityMatch:
    """One entity found in a text."""

    kind: EntityKind
    surface: str
    pair: Pair | None = None
    name: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    """A political figure from the gazetteer, with normalised forms."""

    name: str
    roles: tuple[str, ...]
    forms: tuple[Form, ...]
    context_forms: frozenset[Form]
    src: str = ""
    epithet_forms: frozenset[Form] = frozenset()


@dataclass(frozen=True, slots=True)
class Party:
    """A Pemilu 2024 party, with normalised forms."""

    abbr: str
    name: str
    number: int
    forms: tuple[Form, ...]
    context_forms: frozenset[Form]
    aceh: bool = False


@dataclass(frozen=True, slots=True)
class Slogan:
    """A campaign slogan tied to a figure."""

    form: Form
    figure: str
    needs_context: bool


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Compiled gazetteer.yaml: figures, parties, slogans and the context word lists."""

    figures: tuple[Figure, ...]
    parties: tuple[Party, ...]
    slogans: tuple[Slogan, ...]
    context_words: frozenset[str]
    ballot_context_words: frozenset[str]
    number_blockers: frozenset[str]
    number_units: frozenset[str]
    common_given_names: frozenset[str]
    region_words: frozenset[str]  # one-word province names and short forms (content rule R1)
    pair_context_words: frozenset[str]  # election words for unregistered pairs (unregistered.py)
    campaign_topic_words: frozenset[str]  # a pair's programme, slogan, debate (content R1)
    other_contest_forms: frozenset[Form]  # non-state votes and contests (content rule R10)
    other_scene_forms: frozenset[Form]  # sport and music scenes (content rule R10)
    state_election_forms: frozenset[Form]  # state elections and politics: R10 steps aside
    # election -> words naming its office ("pilgub", "cagub" -> gubernur): which race a bare
    # ballot number is in ("Pilgub besok coblos 2" is not the presidential pair 2)
    office_words: tuple[tuple[str, frozenset[str]], ...] = ()
    task_words: frozenset[str] = frozenset()  # "nomor 3 dikerjakan": homework, not a ballot
    honorifics: frozenset[str] = frozenset()  # "pak", "kang": before a name (unregistered.py)
    address_titles: frozenset[str] = frozenset()  # "pak camat": a title after them, no name
    epithet_heads: frozenset[str] = frozenset()  # "mantan", "eks" (unregistered.py)
    epithet_roles: frozenset[str] = frozenset()  # "mantan wawako": one person
    running_words: frozenset[str] = frozenset()  # "maju", "nyalon": someone runs
    election_offices: frozenset[str] = frozenset()  # "jadi wako": someone runs for it
    # (name form, Kemendagri province code), longest forms first: which race a bare ballot
    # number is in ("coblos 2, Jatim butuh pemimpin baru")
    province_forms: tuple[tuple[Form, str], ...] = ()
    province_first_words: frozenset[str] = frozenset()  # of the multi-word names
    # kab/kota names that are everyday words: a region only after "kab"/"kota" ("nasib malang")
    places_needing_designation: frozenset[str] = frozenset()
    # context_words without the province short forms ("jabar", "dki"): those name a region,
    # so they give a name such as "Kang Emil" its context, but a bare number only when the
    # province is the one spoken of ("Jabar butuh nomor 4") or in a chant ("4 jari untuk
    # Jabar"), not as a place ("Persib nomor 1 di Jabar"; EntityMatcher._province_as_subject)
    number_context_words: frozenset[str] = frozenset()
    # "tau kan maksudnya": a wink that makes a hand sign a ballot number (content rule R1)
    wink_forms: frozenset[Form] = frozenset()
    screen_forms: frozenset[Form] = frozenset()  # a screen or stage career (content rule R14)
    wink_reminders: frozenset[Form] = frozenset()  # "besok", "tanggal": a day, with a wink
    thanks_forms: frozenset[Form] = frozenset()  # "makasih": thanks (addressed_locals)
    public_works_forms: frozenset[Form] = frozenset()  # "jalan ... diaspal" (addressed_locals)
    photo_words: frozenset[str] = frozenset()  # "foto", "selfie" (content rule R15)
    photo_links: frozenset[str] = frozenset()  # "bareng", "bersama": a photo with someone
    congrats_words: frozenset[str] = frozenset()  # "selamat": congratulations (addressed_locals)
    congrats_win_forms: frozenset[Form] = frozenset()  # "menang", "amanah": a won office
    congrats_private_forms: frozenset[Form] = frozenset()  # "ulang tahun": a private occasion
    meeting_words: frozenset[str] = frozenset()  # "ketemu": met, then a photo (R15)
    presence_words: frozenset[str] = frozenset()  # "hadir", "otw": going to an event (R15)
    campaign_event_words: frozenset[str] = frozenset()  # "kampanye", "deklarasi" (R15)
    presence_leads: frozenset[str] = frozenset()  # "saya", "alhamdulillah bisa" (R15)
    writer_act_negations: frozenset[str] = frozenset()  # "gak bisa hadir", "jangan foto"
    # "guru", "guruku", "wali kelas": a role right after a name is someone else's
    namesake_roles: frozenset[Form] = frozenset()
    # one-word kab/kota names the content model reads as "<place>" (content.py)
    model_place_names: frozenset[str] = frozenset()
    ranking_words: frozenset[str] = frozenset()  # "termacet": a number before it is a rank
    # voter advice (content rule R20): "pilih pemimpin yang jujur", unless it winks at a side
    advice_verbs: frozenset[str] = frozenset()
    advice_objects: frozenset[str] = frozenset()
    advice_relatives: frozenset[str] = frozenset()
    advice_virtues: frozenset[str] = frozenset()
    advice_intensifiers: frozenset[str] = frozenset()  # "yang paling jujur", "nan bana jujur"
    advice_own_choice: frozenset[str] = frozenset()
    advice_appeals: frozenset[str] = frozenset()
    advice_wink_forms: frozenset[Form] = frozenset()  # keep R20 and R4 from overruling the model


class _Hit(NamedTuple):
    needs_context: bool
    caps: str
    match: EntityMatch


class _Entry(NamedTuple):
    kind: EntityKind
    name: str
    pair: Pair | None
    needs_context: bool
    caps: str  # accepted without context when written like this in capitals ("" = never)


def _forms(phrases: Sequence[Any]) -> tuple[Form, ...]:
    out = dict.fromkeys(normalize(str(p)).tokens for p in phrases)
    return tuple(f for f in out if 0 < len(f) <= 4)


def _context_forms(flag: Any, forms: tuple[Form, ...]) -> frozenset[Form]:
    if flag is True:
        return frozenset(f for f in forms if len(f) == 1)
    return frozenset(_forms(flag or []))


@cache
def load_gazetteer() -> Gazetteer:
    """Read and compile data/gazetteer.yaml once (through the compiled lexicon cache)."""
    return compiled("gazetteer", build_gazetteer)


def build_gazetteer() -> Gazetteer:
    """Compile data/gazetteer.yaml (load_gazetteer() without the cache)."""
    raw = load_yaml("gazetteer.yaml")
    figures = []
    for f in raw["figures"]:
        forms = _forms([f["name"], *f.get("aliases", [])])
        # Epithets also count as needing context: that sends their matches through
        # EntityMatcher._resolve, where NEEDS_ELECTION asks for an election word.
        epithets = tuple(e for e in _forms(f.get("epithets", [])) if e not in forms)
        figures.append(
            Figure(
                f["name"],
                tuple(f.get("role", [])),
                forms + epithets,
                _context_forms(f.get("needs_context"), forms) | frozenset(epithets),
                f.get("src", ""),
                frozenset(epithets),
            )
        )
    parties = []
    for p in raw["parties"]:
        forms = _forms(p.get("aliases", []))
        ctx = _context_forms(p.get("needs_context"), forms)
        parties.append(Party(p["abbr"], p["name"], p["number"], forms, ctx, p.get("aceh", False)))
    slogans = tuple(
        Slogan(form, s["figure"], bool(s.get("needs_context")))
        for s in raw.get("slogans", [])
        for form in _forms([s["phrase"]])
    )

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w) for w in raw.get(key, []))

    def normalized_words(key: str) -> frozenset[str]:
        """One-word entries as the normaliser writes them ("gw" -> "gue")."""
        forms = _forms(raw.get(key, []))
        longer = [" ".join(form) for form in forms if len(form) != 1]
        if longer:
            raise ValueError(f"gazetteer.yaml {key}: one word each, not {longer}")
        return frozenset(form[0] for form in forms)

    province_forms = sorted(
        ((form, str(code))
         for code, names in raw["region_words"].items() for form in _forms(names)),
        key=lambda form_code: -len(form_code[0]),
    )  # fmt: skip
    context_words = words("context_words") | words("campaign_topic_words")
    province_words = frozenset(form[0] for form, _code in province_forms if len(form) == 1)

    return Gazetteer(
        tuple(figures),
        tuple(parties),
        slogans,
        context_words,
        words("ballot_context_words"),
        words("number_blockers"),
        words("number_units"),
        words("common_given_names"),
        province_words,
        words("pair_context_words"),
        words("campaign_topic_words"),
        frozenset(_forms(raw.get("other_contest_words", []))),
        frozenset(_forms(raw.get("other_scene_words", []))),
        frozenset(_forms(raw.get("state_election_words", []))),
        tuple(
            (str(election), frozenset(str(w) for w in words))
            for election, words in (raw.get("office_words") or {}).items()
        ),
        words("task_words"),
        words("honorifics"),
        words("address_titles"),
        words("epithet_heads"),
        words("epithet_roles"),
        words("running_words"),
        words("election_offices"),
        tuple(province_forms),
        frozenset(form[0] for form, _code in province_forms if len(form) > 1),
        frozenset(" ".join(form) for form in _forms(raw.get("places_needing_designation", []))),
        context_words - province_words,
        frozenset(_forms(raw.get("wink_phrases", []))),
        frozenset(_forms(raw.get("screen_words", []))),
        frozenset(_forms(raw.get("wink_reminders", []))),
        frozenset(_forms(raw.get("thanks_words", []))),
        frozenset(_forms(raw.get("public_works_words", []))),
        words("photo_words"),
        words("photo_links"),
        words("congrats_words"),
        frozenset(_forms(raw.get("congrats_win_words", []))),
        frozenset(_forms(raw.get("congrats_private_words", []))),
        words("meeting_words"),
        words("presence_words"),
        words("campaign_event_words"),
        words("presence_leads"),
        words("writer_act_negations"),
        frozenset(_with_possessives(_forms(raw.get("namesake_roles", [])))),
        words("model_place_names"),
        words("ranking_words"),
        normalized_words("advice_verbs"),
        normalized_words("advice_objects"),
        normalized_words("advice_relatives"),
        normalized_words("advice_virtues"),
        normalized_words("advice_intensifiers"),
        normalized_words("advice_own_choice"),
        normalized_words("advice_appeals"),
        frozenset(_forms(raw.get("advice_winks", []))),
    )


def _with_possessives(forms: Iterable[Form]) -> Iterator[Form]:
    """Each form, and a one-word form with -ku, -mu and -nya ("guruku", "tetangganya")."""
    for form in forms:
        yield form
        if len(form) == 1:
            yield from ((form[0] + ending,) for ending in ("ku", "mu", "nya"))


def _exclaimed(original: str, form: Form) -> bool:
    """`form` (a province name) is written followed by "!" in `original`."""
    words = r"\W+".join(map(re.escape, form))
    return re.search(rf"(?i)\b{words}\s*!", original) is not None


_PERSON_HITS = frozenset({"alias", "candidate", "running_mate", "figure"})
# Words that keep an addressed name the politician even when a role follows ("Cak Imin teman
# akrab saya, dukung terus!"); election-day words do not ("Mas Pram tukang ojek ikut nyoblos").
NAMESAKE_KEEPERS = frozenset(
    {"dukung", "mendukung", "menangkan", "calon", "paslon", "cagub", "cawagub", "cabup",
     "cawabup", "cawalkot", "capres", "cawapres", "gubernur", "bupati", "walikota", "presiden",
     "wapres", "partai", "dinasti", "politik", "kampanye"}
)  # fmt: skip


def _sentence_start(text: str, at: int) -> bool:
    """Whether position `at` of `text` opens it, a line or a sentence: what comes before it,
    past spaces, is nothing, a line break, ".!?…", an emoji or symbol ("🙏 Tadi pagi ..."), or
    the colon after a line's first word ("Info: Tadi pagi ..."); not a quote or a bracket
    ('calon "Tadi"', "wali kota Ambon: Tadi!")."""
    i = at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in "\n.!?\u2026":
        return True
    if text[i] == ":":
        line = text[:i].rsplit("\n", 1)[-1]
        return len(line.split()) == 1
    return unicodedata.category(text[i])[0] == "S" or text[i] == "\ufe0f"


def _written(spellings: Sequence[str], own_context: bool) -> str:
    """A NEEDS_WRITTEN policy for these spellings."""
    return NEEDS_WRITTEN + ("!" if own_context else "?") + "|".join(dict.fromkeys(spellings))


@cache
def common_words() -> frozenset[str]:
    """Everyday words of the slang lexicon: its known words and what its slang stands for
    ("bisa" for "bsa"). A candidate's name part or alias among them is read as the word unless
    written as a name (NEEDS_WRITTEN)."""
    slang = load_slang()
    known = {word for word, formal in slang.items() if formal == (word,)}
    return frozenset(known | {formal[0] for formal in slang.values() if len(formal) == 1})


# After meeting someone, a photo told close by and taken together: "ketemu Pak X di pasar,
# sempat foto bareng" (not "sorenya foto keluarga buat pas foto KTP", "pengen foto tapi malu").
PHOTO_AFTER_MEETING = 12  # words after the name
# photo words that are taken with the one met, said alone ("sempet selfie dong", "minta foto")
TOGETHER_PHOTOS = frozenset({"fotbar", "wefie", "selfie", "selfi", "swafoto"})
PHOTO_ASKED = frozenset({"minta", "ngajak", "mengajak"})
THIRD_PERSON = frozenset({"beliau", "dia", "doi", "bapak", "ibu"})  # "beliau mau difoto"
PHOTO_INTENT = frozenset(
    {
        "pengen",
        "pengin",
        "pingin",
        "kepengen",
        "kepengin",
        "ingin",
        "mau",
        "mo",
        "pgn",
        "niat",
        "rencana",
        "berharap",
    }
)


def photos_together_after(gaz: Gazetteer, toks: Sequence[str], start: int) -> list[int]:
    """Positions of photos taken together within PHOTO_AFTER_MEETING words from `start`: a
    photo word with a word of company right after it ("foto bareng") or one that says it
    ("fotbar"), not wished for ("pengen foto")."""
    end = min(len(toks), start + PHOTO_AFTER_MEETING)
    return [
        i
        for i in range(start, end)
        if toks[i] in gaz.photo_words
        and (
            toks[i] in TOGETHER_PHOTOS
            or (i + 1 < len(toks) and toks[i + 1] in gaz.photo_links)
            or (i and toks[i - 1] in PHOTO_ASKED)
        )
        and not _wished(toks, i)
    ]


def _wished(toks: Sequence[str], i: int) -> bool:
    """A wish word within three words before toks[i] ("pengen banget foto bareng"), but not
    the one met willing ("beliau mau difoto bareng aku")."""
    for k in range(max(0, i - 3), i):
        if toks[k] in PHOTO_INTENT and not (k and toks[k - 1] in THIRD_PERSON):
            return True
    return False


def met_before(gaz: Gazetteer, toks: Sequence[str], start: int) -> bool:
    """A meeting word right before toks[start], or with a word of company between: "ketemu Pak
    Luthfi", "ketemu sama Pak Luthfi" (content rule R15: met, then a photo together)."""
    if start >= 1 and toks[start - 1] in gaz.meeting_words:
        return True
    return (
        start >= 2 and toks[start - 1] in gaz.photo_links and toks[start - 2] in gaz.meeting_words
    )


def role_follows(gaz: Gazetteer, norm: Normalized, end: int) -> bool:
    """A namesake role starts at token `end`, right after a name and with no punctuation
    between them in the text: "Pak Luthfi guru ngaji", but not "Pak Maidi, guru honorer
    sudah terima insentif" (a new clause)."""
    tokens = norm.tokens
    if end >= len(tokens) or end < 1:
        return False
    roles = _role_index(gaz.namesake_roles)
    first = tokens[end]
    if first not in roles.singles and not any(
        tuple(tokens[end : end + len(f)]) == f for f in roles.longer.get(first, ())
    ):
        return False
    if end + 1 < len(tokens) and tokens[end + 1] == first:
        return False  # "teman-teman", "adik-adik": the writer addresses people
    # the role written right after a word, not after a comma (the name itself may be written
    # otherwise: "Pak Luthfiii guru ngaji"), in any spelling ("temen" for "teman")
    return _written_after_word(first).search(norm.original) is not None


@cache
def _written_after_word(word: str) -> re.Pattern[str]:
    """A pattern for `word`, in any of its slang spellings, written right after a word."""
    spellings = {word} | {s for s, formal in load_slang().items() if formal == (word,)}
    alternatives = "|".join(map(re.escape, sorted(spellings, key=len, reverse=True)))
    return re.compile(rf"(?i)\w\s+(?:{alternatives})\b")


@cache
def _role_index(roles: frozenset[Form]) -> PhraseIndex:
    return PhraseIndex.of(roles)  # (a frozenset keeps its hash: the cache lookup is cheap)


def named_provinces(gaz: Gazetteer, tokens: Sequence[str]) -> set[str]:
    """Kemendagri codes of the provinces `tokens` name, by name or short form ("Jatim",
    "Jawa Timur"); a longer name wins ("Kepulauan Riau" is not also "Riau")."""
    if gaz.region_words.isdisjoint(tokens) and gaz.province_first_words.isdisjoint(tokens):
        return set()
    text = " " + " ".join(tokens) + " "
    codes: set[str] = set()
    for form, code in gaz.province_forms:  # longest first
        phrase = " " + " ".join(form) + " "
        if phrase in text:
            codes.add(code)
            text = text.replace(phrase, " | ")
    return codes


@lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    """The words of a person's cleaned name ("Hendy Siswanto" -> hendy, siswanto)."""
    return frozenset(clean_person_name(name))


class PhraseIndex(NamedTuple):
    """Word forms of one gazetteer list, indexed for a scan of a text's tokens."""

    firsts: frozenset[str]  # the first word of every form: disjoint tokens match none
    singles: frozenset[str]  # one-word forms
    longer: dict[str, tuple[tuple[str, ...], ...]]  # first word -> forms of two or more words

    @classmethod
    def of(cls, forms: frozenset[tuple[str, ...]]) -> PhraseIndex:
        longer: dict[str, list[tuple[str, ...]]] = {}
        for f in forms:
            if len(f) > 1:
                longer.setdefault(f[0], []).append(f)
        singles = frozenset(f[0] for f in forms if len(f) == 1)
        return cls(singles.union(longer), singles, {k: tuple(v) for k, v in longer.items()})

    def found_in(self, tokens: Sequence[str]) -> bool:
        """Whether any of the forms occurs in `tokens`."""
        if self.firsts.isdisjoint(tokens):
            return False
        if not self.singles.isdisjoint(tokens):
            return True
        longer = self.longer
        return any(
            tuple(tokens[i : i + len(f)]) == f
            for i, t in enumerate(tokens)
            if t in longer
            for f in longer[t]
        )


def clean_person_name(name: str) -> Form:
    """'Prof. Dr. H. M. MAHFUD MD' -> ('mahfud', 'md'): titles, initials and degrees removed."""
    name = re.sub(r"\([^)]*\)", " ", name).split(",")[0]
    kept = [
        w
        for w in name.split()
        if not w.endswith(".") and len(w) > 1 and w.lower().strip(".") not in TITLES
    ]
    return normalize(" ".join(kept)).tokens


def _name_variants(tokens: Form) -> list[Form]:
    """Contiguous runs of 2+ name parts plus first+last ('anies baswedan')."""
    n = len(tokens)
    out = [tokens[i:j] for i in range(n) for j in range(i + 2, min(n, i + 4) + 1)]
    if n > 2:
        out.append((tokens[0], tokens[-1]))
    return out


# Words that make a province a place, not the one spoken of ("nomor 1 di Jabar").
LOCATIVES = frozenset({"di", "dari", "ke", "se", "sa", "in", "from", "at", "of", "seluruh"})

# Words between a hand chant and the province it is for ("4 jari untuk Jabar").
CHANT_LINKS = frozenset({"untuk", "buat", "utk", "bagi", "kanggo", "pikeun"})  # Jv, Su last
NAME_CHANT_LINKS = CHANT_LINKS | {"for"}  # "Airin for Banten"
NOT_A_CHANT_BEFORE = LOCATIVES | {"oleh", "kepada", "sama", "ama", "dengan", "by"}


class EntityMatcher:
    """Matches the entities of a set of pairs plus the gazetteer against normalised text."""

    def __init__(
        self,
        pairs: Sequence[Pair],
        gazetteer: Gazetteer | None = None,
        *,
        name_pairs: Sequence[Pair] | None = None,
        unlisted_candidates: bool = True,
        addressed_locals: bool = False,
    ) -> None:
        """`pairs`: races whose bare ballot numbers count (the act's region); `name_pairs`:
        pairs whose names and aliases count wherever the text is posted (default: `pairs`).

        `unlisted_candidates`: a gazetteer figure who ran in 2024 (role candidate_2024) and
        whom no pair lists is matched as a candidate without a pair, not as a figure. Without
        the race's registry, "Bang Midji emang hebat, mantap jadi gubernur lagi" still praises
        a contender (guideline borderline 2), not a politician who runs for nothing. Training
        turns it off (see training/train.py).

        `addressed_locals` (an act's own region): one word of the name of a candidate or
        running mate in a regional race of `pairs`, after a form of address, in thanks for
        public works (gazetteer thanks_words, public_works_words) or in a photo with them
        ("foto karo Bu Lathifah"), is that person without any political context: "makasih
        Pak Hendy, jalan desa sudah diaspal" posted in Jember thanks its bupati, who runs
        again (guideline borderline 2). Elsewhere, or in other
        talk ("Selamat ulang tahun Pak Andika, kepala sekolah terbaik"), it is anybody."""
        gaz = gazetteer or load_gazetteer()
        self._gaz = gaz
        self._locals = frozenset(id(p) for p in pairs if addressed_locals and not p.is_national)
        self._thanks = PhraseIndex.of(gaz.thanks_forms)
        self._public_works = PhraseIndex.of(gaz.public_works_forms)
        self._won = PhraseIndex.of(gaz.congrats_win_forms)
        self._private = PhraseIndex.of(gaz.congrats_private_forms)
        # the province short forms among the context words ("jabar", "dki")
        self._short_provinces = gaz.context_words - gaz.number_context_words
        self._by_number: dict[int, list[Pair]] = {}
        for pair in pairs:
            self._by_number.setdefault(pair.number, []).append(pair)
        # A candidate praised outside their own region is still a candidate: names come from
        # every registered pair, numbers only from the races that concern the region.
        named = list(dict.fromkeys([*pairs, *(name_pairs or ())]))
        phrases: dict[Form, dict[tuple[str, str, int], _Entry]] = {}

        def add(form: Form, entry: _Entry) -> None:
            key = (entry.kind, entry.name, id(entry.pair))
            entries = phrases.setdefault(form, {})
            old = entries.get(key)
            if old is None or (old.needs_context and not entry.needs_context and not entry.caps):
                entries[key] = entry  # the least demanding reading of a form wins

        # Figures a registered candidate can be: one whose full name the candidate's name
        # contains ("Ahmad Luthfi" in "Irjen Pol (Purn) Ahmad Luthfi"), or one written without
        # spaces (Dwi Natarina / Dwinatarina). A one-word name counts if it is no common given
        # name and no historical figure's ("Suswono", "Armuji", but not "Sugiono").
        full_names = [
            (fig.name, words, "".join(fig.forms[0]))
            for fig in gaz.figures
            if fig.forms
            and (
                len(words := set(fig.forms[0])) >= 2
                or not (words & gaz.common_given_names or "historical" in fig.roles)
            )
        ]
        linked: dict[str, list[tuple[EntityKind, Pair, str]]] = {}
        common = common_words()
        for pair in named:
            people: list[tuple[EntityKind, str]] = [("candidate", pair.candidate)]
            if pair.running_mate:
                people.append(("running_mate", pair.running_mate))
            for kind, person in people:
                tokens = clean_person_name(person)
                if not tokens:
                    continue
                for form in [tokens, *_name_variants(tokens)]:
                    # a one-word name that is a common given name or word ("Hidayat") is read
                    # as a name part below; others ("Maidi") are the candidate anywhere
                    if len(form) > 1 or not (
                        form[0] in gaz.common_given_names or form[0] in common
                    ):
                        add(form, _Entry(kind, person, pair, False, ""))
                for part in tokens:
                    if len(part) < 3 or part.isdigit() or part in NEVER_ALONE:
                        continue  # "muhammad" alone is nobody in particular
                    if part in gaz.common_given_names:
                        add((part,), _Entry(kind, person, pair, True, NEEDS_RIVAL))
                        continue
                    if part in common:  # "Tadi", "Wajar": written capitalised, in context
                        spellings = (part.capitalize(), part.upper())
                        add((part,), _Entry(kind, person, pair, True, _written(spellings, False)))
                        continue
                    # One word of a name is many people's name ("Agustina, selamat ulang
                    # tahun"; "Simon Cowell"): alone it names the candidate in political
                    # context only. Famous one-word names are gazetteer figures, which link
                    # to the pair with their own policy below.
                    add((part,), _Entry(kind, person, pair, True, ""))
                name_words, compact = set(tokens), "".join(tokens)
                for fig_name, fig_words, fig_compact in full_names:
                    if fig_words <= name_words or fig_compact == compact:
                        linked.setdefault(fig_name, []).append((kind, pair, person))
            # "#JejeRonal2", "luthfi yasin": candidate + running-mate name parts together.
            if pair.running_mate:
                mate = clean_person_name(pair.running_mate)
                for a in clean_person_name(pair.candidate):
                    for b in mate:
                        if a != b and not {a, b} <= gaz.common_given_names | {"md"}:
                            add((a, b), _Entry("alias", pair.candidate, pair, False, ""))
            place = normalize(pair.region_name).tokens
            for alias in pair.aliases:
                for form in _forms([alias]):
                    ctx = len(form) == 1  # one word: as one word of a name above
                    caps = alias.upper() if ctx and alias.isupper() else ""
                    if ctx and form[0] in common:
                        # "AMAN" in capitals is its own context; "Idaman" needs context too
                        caps = _written(
                            (alias,) if caps else (alias, alias.upper()), own_context=bool(caps)
                        )
                    if form == place[-len(form) :]:
                        # an acronym that spells the race's own place ("MADIUN" for Maidi-
                        # Panuntun in Kota Madiun) names the place, unless the pair is named
                        ctx, caps = True, NEEDS_OWN_PAIR
                    add(form, _Entry("alias", pair.candidate, pair, ctx, caps))
        for fig in gaz.figures:
            for form in fig.forms:
                ctx = form in fig.context_forms
                policy = NEEDS_ELECTION if form in fig.epithet_forms else ""
                targets = linked.get(fig.name)
                if targets:  # the figure runs here: its nicknames point to the pair
                    for kind, pair, person in targets:
                        add(form, _Entry(kind, person, pair, ctx, policy))
                else:
                    running = unlisted_candidates and "candidate_2024" in fig.roles
                    add(
                        form,
                        _Entry("candidate" if running else "figure", fig.name, None, ctx, policy),
                    )
        for party in gaz.parties:
            for form in party.forms:
                ctx = form in party.context_forms
                add(form, _Entry("party", party.abbr, None, ctx, " ".join(form).upper()))
        for slogan in gaz.slogans:
            targets = linked.get(slogan.figure)
            if targets:
                for _kind, pair, _person in targets:
                    add(
                        slogan.form, _Entry("slogan", slogan.figure, pair, slogan.needs_context, "")
                    )
            else:
                add(slogan.form, _Entry("slogan", slogan.figure, None, slogan.needs_context, ""))
        # first token -> (form, its size, its hits, whether any hit needs context), longest first
        index: dict[str, list[tuple[Form, int, tuple[_Hit, ...], bool]]] = {}
        for form, entries in sorted(phrases.items(), key=lambda kv: -len(kv[0])):
            surface = " ".join(form)
            hits = tuple(
                _Hit(e.needs_context, e.caps, EntityMatch(e.kind, surface, e.pair, e.name))
                for e in entries.values()
            )
            # an alias that opens with a form of address ("Mbak Iin") goes through _resolve
            # too, which drops it when a namesake's role follows
            contextual = any(h.needs_context for h in hits) or (
                len(form) > 1 and form[0] in gaz.honorifics
            )
            index.setdefault(form[0], []).append((form, len(form), hits, contextual))
        self._index = index
        self._by_first = {first: _by_second(entries) for first, entries in index.items()}
        ballot = BALLOT_VERBS | PAIR_WORDS | ZERO_PADDED | {"nomor", "jari", "salam"}
        self._triggers = frozenset(index) | ballot
        self._unlisted_markers = gaz.honorifics | gaz.epithet_heads
        self._not_names = not_names(gaz) | self._triggers
        self._ballot_triggers = ballot
        self._ballot_matches: dict[tuple[str, int], tuple[EntityMatch, ...]] = {}
        self._caps_re: dict[str, re.Pattern[str]] = {}
        self._written_re: dict[str, re.Pattern[str]] = {}  # NEEDS_WRITTEN policy -> pattern

    def match(self, norm: Normalized) -> list[EntityMatch]:
        """All entity matches in text order (ambiguous ones only with political context),
        then any hyphenated pair of unregistered names ("Appi-Aliyah", engine/unregistered)."""
        matches = self._match(norm)
        original, gaz = norm.original, self._gaz
        # cheap pre-checks first: most texts have no hyphen, numbered hashtag, form of address
        # or former office
        if (
            "-" in original
            or "\u2013" in original
            or (norm.hashtags and any(h[-1:].isdigit() for h in norm.hashtags))
        ):
            extra = unregistered_pairs(norm, self._triggers, gaz)
            if extra:
                matches = [*matches, *(EntityMatch("alias", s, None, n) for s, n in extra)]
        if not self._unlisted_markers.isdisjoint(norm.tokens):
            if not gaz.honorifics.isdisjoint(norm.tokens):
                people = unregistered_people(norm, self._not_names, gaz, matches)
                matches = [*matches, *(EntityMatch("alias", s, None, n) for s, n in people)]
            if not gaz.epithet_heads.isdisjoint(norm.tokens):
                described = unregistered_epithets(norm, gaz, matches)
                matches = [*matches, *(EntityMatch("alias", s, None, n) for s, n in described)]
        return matches

    def _match(self, norm: Normalized) -> list[EntityMatch]:
        toks = norm.tokens
        triggers = self._triggers
        starts = [i for i, t in enumerate(toks) if t in triggers]
        if not starts:
            return []
        by_first = self._by_first
        ballot_triggers = self._ballot_triggers
        found: list[tuple[int, _Hit]] = []
        ballots: list[tuple[int, str, int, bool]] = []
        free = 0
        needs_context = False
        last = len(toks) - 1
        for i in starts:
            t = toks[i]
            if i >= free and t in by_first:
                # the longest phrase starting here: only phrases whose second word follows
                # can be longer than one word (see _by_second)
                longer, entry = by_first[t]
                if longer and i < last:
                    for candidate in longer.get(toks[i + 1], ()):
                        if toks[i : i + candidate[1]] == candidate[0]:
                            entry = candidate
                            break
                if entry is not None:
                    _form, size, hits, contextual = entry
                    if len(hits) == 1:  # most phrases: one entity
                        found.append((i, hits[0]))
                    else:
                        found.extend([(i, h) for h in hits])
                    needs_context = needs_context or contextual
                    free = i + size
            if t in ballot_triggers:
                ballot = self._ballot_at(toks, i)
                if ballot is not None:
                    ballots.append((i, *ballot))
        if not ballots and not needs_context:
            if len(found) == 1:
                return [found[0][1].match]
            return list({id(h.match): h.match for _, h in found}.values())
        return self._resolve(norm, found, ballots)

    def _resolve(
        self,
        norm: Normalized,
        found: list[tuple[int, _Hit]],
        ballots: list[tuple[int, str, int, bool]],
    ) -> list[EntityMatch]:
        """Apply the context policy, expand ballot numbers to pairs, dedupe, order by position."""
        toks = norm.tokens
        strong = any(not h.needs_context for _, h in found) or any(s for *_, s in ballots)
        word_context = not self._gaz.context_words.isdisjoint(toks)
        context = strong or word_context
        shouting = norm.original.isupper()
        written_cache: dict[str, bool] = {}
        number_context = context and (strong or not self._gaz.number_context_words.isdisjoint(toks))
        # a province spoken of makes written numbers ballot numbers, not emoji ("✌️ Jabar")
        province_subject = context and not number_context and self._province_as_subject(toks)
        out: list[tuple[int, EntityMatch]] = []
        rivals: list[tuple[int, _Hit]] = []
        for pos, h in found:
            if h.caps in (NEEDS_RIVAL, NEEDS_OWN_PAIR):
                rivals.append((pos, h))
                continue
            if (
                toks[pos] in self._gaz.honorifics
                and NAMESAKE_KEEPERS.isdisjoint(toks)
                and self._namesake_addressed(norm, pos, h)
            ):
                continue  # "Mbak Iin tukang gorengan": an alias that addresses a namesake
            if h.caps.startswith(NEEDS_WRITTEN):
                if shouting:
                    # every word is in capitals: "DUKUNG BSA JADI WAKIL BUPATI", right after
                    # a vote verb, not "... KECURANGAN PEMILU, AMIN" nor "BISA DIPIDANA"
                    if not (pos and toks[pos - 1] in BALLOT_VERBS):
                        continue
                else:
                    written = written_cache.get(h.caps)
                    if written is None:
                        written = written_cache[h.caps] = self._written_as(norm.original, h.caps)
                    if not written and not (pos and toks[pos - 1] == "coblos" and context):
                        # "pilkada aman", "bisa", "pilih tadi", "#AmbonAman": the common word;
                        # "coblos amin" in election talk is the pair ("pilih": everyday "choose")
                        continue
                    if written and h.caps[len(NEEDS_WRITTEN)] == "!":
                        out.append((pos, h.match))  # "AMAN" in capitals: its own context
                        continue
            if h.caps == NEEDS_ELECTION:
                if not self._gaz.pair_context_words.isdisjoint(toks):
                    out.append((pos, h.match))
                continue
            if (
                h.needs_context
                and not context
                and not (pos and toks[pos - 1] in BALLOT_VERBS)  # "pilih amin"
                and not self._addressed_local(norm, pos, h.match)
                and not self._name_chant(norm, pos, h.match)
                and not self._in_caps(norm.original, h.caps)
                and not _tag_or_hand(h.match, norm)
            ):
                continue
            out.append((pos, h.match))
        if rivals:
            named_races = {m.pair.race_key for _, m in out if m.pair is not None}
            named_pairs = {id(m.pair) for _, m in out if m.pair is not None}
            out.extend(
                (pos, h.match)
                for pos, h in rivals
                if h.match.pair
                and (
                    id(h.match.pair) in named_pairs
                    if h.caps == NEEDS_OWN_PAIR
                    else h.match.pair.race_key in named_races
                )
            )
        # An explicit number beats a hand sign: in "coblos no 3 ✌️" the ✌️ is a greeting.
        explicit = {num for _, s, num, strong in ballots if strong and not s.startswith("jari")}
        for pos, surface, number, is_strong in ballots:
            if (
                not is_strong
                and not number_context
                and not (province_subject and not surface.startswith("jari"))
                and not self._province_chant(toks, pos, surface)
            ):
                continue
            if surface.startswith("jari") and explicit and number not in explicit:
                continue
            out.extend((pos, m) for m in self._ballot_match(surface, number))
        out.sort(key=lambda h: h[0])
        return list({id(m): m for _, m in out}.values())

    def _province_as_subject(self, toks: Form) -> bool:
        """A province short form that is a context word ("jabar", "dki") named as the one
        spoken of ("Jabar butuh nomor 4", "warga Jatim ingat nomor 2", "DKI nomor 3
        menyala"), not as a place ("Persib nomor 1 di Jabar", "salam dari Jabar ✌️")."""
        short = self._short_provinces
        return any(t in short and not (i and toks[i - 1] in LOCATIVES) for i, t in enumerate(toks))

    def _addressed_local(self, norm: Normalized, pos: int, match: EntityMatch) -> bool:
        """A local candidate's name after a form of address, in thanks for public works
        ("makasih Pak Hendy, jalan sudah diaspal"; `addressed_locals`)."""
        toks = norm.tokens
        return (
            pos > 0
            and match.kind in ("candidate", "running_mate")
            and match.pair is not None
            and id(match.pair) in self._locals
            and toks[pos - 1] in self._gaz.honorifics
            and toks[pos] in _name_words(match.name)  # a name part, not a nickname ("Rido")
            and not role_follows(self._gaz, norm, pos + 1)  # "Pak Hendy guru ngaji"
            and (
                (self._thanks.found_in(toks) and self._public_works.found_in(toks))
                or self._photo_with(toks, pos - 1)
                or self._congratulated(toks, pos - 1)
            )
        )

    def _congratulated(self, toks: Form, honorific: int) -> bool:
        """Congratulations right before the form of address, in a text about winning or the
        office and on no private occasion ("Selamat Puang Asman! ... amanah", not "Selamat Pak
        Hendy, sudah jadi kakek" nor "selamat pagi Pak ...")."""
        return (
            honorific >= 1
            and toks[honorific - 1] in self._gaz.congrats_words
            and self._won.found_in(toks)
            and not self._private.found_in(toks)
        )

    def _photo_with(self, toks: Form, honorific: int) -> bool:
        """A photo taken with the one addressed: "foto karo Bu Lathifah", "selfie bareng Pak
        Hendy", or the one met, then a photo ("Ketemu Mas Dirham nang warung, foto bareng")
        (content rule R15's words)."""
        gaz = self._gaz
        if (
            honorific >= 2
            and toks[honorific - 1] in gaz.photo_links
            and not gaz.photo_words.isdisjoint(toks[max(0, honorific - 3) : honorific - 1])
        ):
            return True
        return met_before(gaz, toks, honorific) and bool(
            photos_together_after(gaz, toks, honorific + 2)
        )

    def _name_chant(self, norm: Normalized, pos: int, match: EntityMatch) -> bool:
        """A contender's name chanted for a province, right before it, the province ending the
        text or followed by "!": "Airin untuk Banten!", "Airin for Banten! Smart ..." (its own
        context, as "4 jari untuk Jabar"); a regional pair's only for its own province. Not a
        gift or a greeting from someone ("Kado dari Airin untuk Bali"), nor a sentence that
        goes on ("Kiriman paket Bobby buat Sumut sudah sampai")."""
        if match.kind not in ("candidate", "running_mate", "alias"):
            return False
        toks = norm.tokens
        if pos and toks[pos - 1] in NOT_A_CHANT_BEFORE:
            return False
        end = pos + match.surface.count(" ") + 1
        if end >= len(toks) or toks[end] not in NAME_CHANT_LINKS:
            return False
        pair = match.pair
        if pair is not None and pair.is_national:
            return False  # "Gemoy untuk Jawa Barat", "amin untuk Jawa Timur": no province race
        own = pair.region_code[:2] if pair is not None else None
        for form, code in self._gaz.province_forms:
            if toks[end + 1 : end + 1 + len(form)] == form and own in (None, code):
                return end + 1 + len(form) == len(toks) or _exclaimed(norm.original, form)
        return False

    def _province_chant(self, toks: Form, pos: int, surface: str) -> bool:
        """A written chant with a province as its election context: "salam 2 jari untuk Jawa
        Timur" (anywhere in the text), "Jabar 4 jari", "nomor 2 buat Jateng" (right next to
        it). Not "Jakarta nomor 1 kota termacet", "Persib nomor 1 di Jabar", "Bali nomor 1"
        (a ranking), "kehilangan 2 jari" in a Jawa Barat accident, nor a "✌️" by the sea in
        Bali (an emoji is "jari 2")."""
        if surface.startswith("salam"):
            return bool(named_provinces(self._gaz, toks))
        if surface.endswith("jari"):
            # "4 jari" is found from its "jari" (_ballot_at), so `pos` is the index of "jari"
            start, end = pos - 1, pos + 1
        elif surface.startswith("nomor"):
            start, end = -1, pos + surface.count(" ") + 1  # only "... untuk Jabar" after it
        else:
            return False  # an emoji ("jari 2"), a verb ("pilih 2": strong when it counts)
        if end < len(toks) and toks[end] in CHANT_LINKS:
            end += 1  # "4 jari untuk Jabar"
        elif start < 0:
            return False
        for form, _code in self._gaz.province_forms:
            size = len(form)
            before = toks[start - size : start] if start >= size else ()
            if before == form or toks[end : end + size] == form:
                return True
        return False

    def _ballot_match(self, surface: str, number: int) -> tuple[EntityMatch, ...]:
        """Ballot-number matches for every pair with `number` (memoised)."""
        key = (surface, number)
        cached = self._ballot_matches.get(key)
        if cached is None:
            pairs = self._by_number.get(number, [])
            cached = tuple(EntityMatch("ballot_number", surface, p, p.candidate) for p in pairs)
            if not cached:
                cached = (EntityMatch("ballot_number", surface, None, str(number)),)
            if len(self._ballot_matches) < 10_000:
                self._ballot_matches[key] = cached
        return cached

    def _namesake_addressed(self, norm: Normalized, pos: int, h: _Hit) -> bool:
        """An alias made of a form of address and a name ("Mbak Iin", "Pak Yes") followed by
        a namesake's role ("tukang gorengan", "guru ngaji")."""
        end = pos + h.match.surface.count(" ") + 1
        return h.match.kind in _PERSON_HITS and role_follows(self._gaz, norm, end)

    def _written_as(self, original: str, policy: str) -> bool:
        """True when one of the spellings of a NEEDS_WRITTEN policy is written in `original`
        (as a word, or an acronym opening a hashtag: "#AMANMenang", "#AMAN1"), a capitalised
        name part not only where any word is capitalised, at the start of a sentence ("Tadi
        pagi ..."). In a text all in capitals every word is: see _resolve."""
        pattern = self._written_re.get(policy)
        if pattern is None:
            spellings = policy[len(NEEDS_WRITTEN) + 1 :].split("|")
            words = "|".join(map(re.escape, spellings))
            acronyms = "|".join(re.escape(w) for w in spellings if w.isupper())
            tagged = rf"|#(?:{acronyms})(?=[A-Z][a-z]|\d)" if acronyms else ""
            pattern = self._written_re[policy] = re.compile(rf"(?<!\w)(?:{words})(?!\w){tagged}")
        for found in pattern.finditer(original):
            if found.group().isupper() or not _sentence_start(original, found.start()):
                return True
        return False

    def _in_caps(self, original: str, caps: str) -> bool:
        """True when `caps` ("PAN") is written in capitals in a text that is not all capitals."""
        if not caps or caps[0] == "\x00" or original.isupper():
            return False  # no capitals, or a policy marker (NEEDS_RIVAL, NEEDS_WRITTEN...)
        pattern = self._caps_re.get(caps)
        if pattern is None:
            pattern = self._caps_re[caps] = re.compile(rf"(?<!\w){re.escape(caps)}(?!\w)")
        return pattern.search(original) is not None

    def _ballot_at(self, toks: Form, i: int) -> tuple[str, int, bool] | None:
        """(surface, number, strong) for a ballot-number pattern starting at toks[i]."""
        gaz = self._gaz
        t = toks[i]
        prev = toks[i - 1] if i else ""
        n = len(toks)
        if t in ZERO_PADDED:
            if prev in self._ballot_triggers or prev in NUMBER_FILLERS:
                return None  # part of a longer pattern found from its first word
            if prev in gaz.number_blockers or prev.isdigit():
                return None
            if i + 1 < n and (toks[i + 1].isdigit() or toks[i + 1] in gaz.number_units):
                return None  # a date such as "01 02 2024" or "01 Desember"; "01 orang"
            near = toks[max(0, i - 2) : i + 3]
            return t, int(t), not gaz.ballot_context_words.isdisjoint(near)
        if t == "salam" or t == "jari":
            if (
                i + 1 < n
                and _ballot_number(toks[i + 1])
                and (t == "jari" or _at(toks, i + 2) == "jari")
            ):
                return " ".join(toks[i : i + 2 + (t == "salam")]), int(toks[i + 1]), False
            if t == "jari" and _ballot_number(prev) and (i < 2 or toks[i - 2] != "salam"):
                return f"{prev} jari", int(prev), False  # "Jabar 4 jari": a chant, with context
            return None
        if prev in BALLOT_VERBS or prev in PAIR_WORDS:
            return None  # "pilih nomor 2" is found from "pilih", not again from "nomor"
        j = i + 1
        saw_nomor = t == "nomor"
        saw_urut = False
        while j < n and toks[j] in NUMBER_FILLERS and j - i <= 3:
            saw_nomor = saw_nomor or toks[j] in {"nomor", "no", "paslon"}
            saw_urut = saw_urut or toks[j] == "urut"
            j += 1
        if j >= n or not _ballot_number(toks[j]):
            return None
        if _at(toks, j + 1) in gaz.number_units:
            return None  # "pilih 2 orang", "coblos 2 kali"
        if _at(toks, j + 1) == "gratis" and _at(toks, j + 2).isdigit():
            return None  # "pilih 2 gratis 1": a shop's deal
        if (
            _at(toks, j + 1) == "dari"
            and _at(toks, j + 2).isdigit()
            and _at(toks, j + 3) not in CONTENDER_NOUNS
        ):
            return None  # "pilih nomor 2 dari 3 kotak" (one of some things, not of the pairs)
        if (
            t in BALLOT_VERBS
            and not saw_nomor
            and toks[j] not in ZERO_PADDED
            and _at(toks, j + 1) in COUNTED_AFTER_A_VOTE
        ):
            return None  # "coblos 1 pasangan calon", "jangan coblos 2 kolom" (how many)
        if t == "nomor":
            if prev in gaz.number_blockers:
                return None  # "kamar nomor 3"
            strong = saw_urut or (
                _reminder_before(toks, i) and gaz.task_words.isdisjoint(toks[j + 1 : j + 5])
            )
        elif t in BALLOT_VERBS:
            strong = t == "coblos" or saw_nomor
        else:  # paslon, capres, cagub, calon ...
            strong = t != "calon" or saw_nomor or toks[j] in ZERO_PADDED
        return " ".join(toks[i : j + 1]), int(toks[j]), strong


_IndexEntry = tuple[Form, int, tuple[_Hit, ...], bool]


def _by_second(
    entries: Sequence[_IndexEntry],
) -> tuple[dict[str, tuple[_IndexEntry, ...]], _IndexEntry | None]:
    """The phrases of one first word, longest first, as ({second word: phrases of 2+ words},
    the one-word phrase or None): a lookup of the next word replaces trying each phrase."""
    longer: dict[str, list[_IndexEntry]] = {}
    single = None
    for entry in entries:
        if entry[1] == 1:
            single = entry
        else:
            longer.setdefault(entry[0][1], []).append(entry)
    return {k: tuple(v) for k, v in longer.items()}, single


# "Jangan lupa nomor 2", "ojo lali sing nomer siji", "ulah hilap nomer 3": a reminder of a
# number is a reminder of a ballot number (training rows: 8 of 8 partisan), unless a task
# follows ("jangan lupa nomor 3 dikerjakan", gazetteer task_words).
REMINDER_NEGATIONS = frozenset({"jangan", "ojo", "ojok", "ulah", "jan", "aja"})
REMINDER_VERBS = frozenset({"lupa", "lali", "hilap", "poho", "lupo"})


def _reminder_before(toks: Form, i: int) -> bool:
    """A "don't forget" right before toks[i] (at most one word between: "ojo lali sing")."""
    for k in range(max(1, i - 2), i):
        if toks[k] in REMINDER_VERBS and toks[k - 1] in REMINDER_NEGATIONS:
            return True
    return False


def _at(toks: Form, i: int) -> str:
    return toks[i] if i < len(toks) else ""


def _ballot_number(token: str) -> bool:
    return token.isdigit() and len(token) <= 2 and 0 < int(token) <= MAX_BALLOT_NUMBER


def _tag_or_hand(match: EntityMatch, norm: Normalized) -> bool:
    """Own context of an ambiguous name: it sits inside a longer hashtag ("#RismaHans3",
    "#RidoMenang") or next to the hand sign of its own ballot number ("☝️ RIDO")."""
    if match.pair is not None and match.pair.number in norm.hand_numbers:
        return True
    if not norm.hashtags or (match.kind == "slogan" and " " not in match.surface):
        return False  # a one-word slogan is a common word: "#TokohPerubahan" is not a campaign
    body = match.surface.replace(" ", "")
    return any(body in tag and tag != body for tag in norm.hashtags)
