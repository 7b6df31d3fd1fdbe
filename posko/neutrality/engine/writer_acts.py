"""What a text says its writer does with a candidate: content rules R15, R17 and R18.

A photo taken with a candidate, going to a candidate's campaign event, an offer of money for a
ballot number, thanks to a candidate. Each counts when the writer tells it (or, for an offer,
makes it to the reader); news, warnings, questions, fact-checks and refusals of the same acts
do not. content.py applies the rules, and also leaves out news (reporting verbs) and texts
that name several pairs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from posko.neutrality.engine.entities import (
    EntityMatch,
    Gazetteer,
    PhraseIndex,
    load_gazetteer,
    met_before,
    photos_together_after,
    role_follows,
)
from posko.neutrality.engine.normalize import Normalized

PERSON_KINDS = frozenset({"candidate", "running_mate", "alias"})
# Someone else is the subject right before the photo or the going: "emak-emak antre selfie
# bersama ...", "kepala desa foto bersama cagub ...", "warga hadir di kampanye ...".
OTHERS_BEFORE = frozenset(
    {"warga", "emak", "ibu", "bapak", "relawan", "pendukung", "simpatisan", "massa", "kades",
     "lurah", "camat", "kepala", "pejabat", "asn", "pns", "siswa", "pelajar", "mahasiswa",
     "pedagang", "ratusan", "ribuan", "puluhan", "antre", "antri", "berebut", "rebutan", "dia",
     "beliau", "mereka", "desa", "oknum", "guru", "anggota", "ketua", "caleg", "artis",
     "kedapatan", "ketahuan", "tertangkap", "terciduk", "viral"}
)  # fmt: skip
# ... within this many words before the act, unless the writer is there too ("aku sama ibu
# foto bareng ...")
SUBJECT_WINDOW = 6
FIRST_PERSON = frozenset(
    {"aku", "saya", "gue", "gua", "kami", "kita", "ane", "awak", "ulun", "kulo"}
)
# A negation within three words before the act stops it ("aku gak pernah foto bareng ...",
# "jangan sampai foto bareng ..."), but not in a cry of joy ("gak nyangka bisa foto bareng",
# "gak sabar mau hadir")
NEGATION_WINDOW = 3
JOY_AFTER_NEGATION = frozenset(
    {"nyangka", "menyangka", "sangka", "disangka", "mengira", "sabar", "nyesel", "nyesal",
     "menyesal", "rugi", "percaya", "kebayang", "terbayang"}
)  # fmt: skip
# "Kalau kita foto bareng Pak Luthfi ..." supposes the act
SUPPOSING = frozenset({"kalau", "kalo", "klo", "jika", "jikalau", "seandainya", "andai"})
# Asking about the act (its sentence ends in "?"): "Foto bareng Pak Luthfi, boleh nggak sih?"
QUESTION_WORDS = frozenset(
    {"boleh", "bolehkah", "apakah", "apa", "kena", "sanksi", "melanggar", "dilarang", "siapa",
     "gimana", "bagaimana", "bisakah", "emang", "memang"}
)  # fmt: skip
# A fact-check or a warning about the act: "Hoaks! Foto bareng Pak Luthfi itu editan",
# "... kita ASN harus netral".
FACT_CHECK_OR_WARNING = frozenset(
    {"hoaks", "hoax", "editan", "rekayasa", "palsu", "fitnah", "netral", "netralitas",
     "dilarang", "larangan", "melanggar", "pelanggaran", "bawaslu", "panwaslu"}
)  # fmt: skip
_URL = re.compile(r"https?://\S+|www\.\S+")
_SENTENCE = re.compile(r"[^.!?\n]*[.!?\n]?")


def photo_with_candidate(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """R15: the writer's photo with a candidate: a photo word (no one else as its subject, not
    negated, not asked about), a word of company within two words of it, and a candidate
    within three words of that, whom no role follows ("... Pak Luthfi guru ngaji" is a
    namesake): "Seneng banget foto bareng Pak Luthfi", "Ini foto aku bareng Pak Luthfi"."""
    gaz = load_gazetteer()
    toks = norm.tokens
    if gaz.photo_words.isdisjoint(toks) or not FACT_CHECK_OR_WARNING.isdisjoint(toks):
        return False
    return _told_act(gaz, norm, matches, gaz.photo_words, gaz.photo_links, 2) or _met_then_photo(
        gaz, norm, matches
    )


def _met_then_photo(gaz: Gazetteer, norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """R15's other form: the writer met a candidate, then tells of a photo ("Ketemu Mas Dirham
    nang warung pecel, ngopi bareng, foto bareng"), the meeting and the photo each the
    writer's (not negated, no one else their subject) and not asked about."""
    toks = norm.tokens
    if gaz.meeting_words.isdisjoint(toks):
        return False
    if _asked_about(norm.original, gaz.meeting_words | gaz.photo_words):
        return False
    for j in candidate_starts(gaz, norm, matches):
        named = j - 1 if j and toks[j - 1] in gaz.honorifics else j
        if not met_before(gaz, toks, named):
            meeting = -1
        else:
            meeting = named - 1 if toks[named - 1] in gaz.meeting_words else named - 2
        if meeting >= 0 and _told_by_writer(gaz, toks, meeting):
            return any(
                _told_by_writer(gaz, toks, i) for i in photos_together_after(gaz, toks, j + 1)
            )
    return False


def at_campaign_event(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """R15: the writer goes to a candidate's campaign event: a word of going placed as a photo
    word above, an event word within three words of it, and a candidate within three words
    of that ("Alhamdulillah bisa hadir di kampanye akbar Pak Luthfi"), not a question ("Siapa
    yang mau datang ke kampanye ...?") nor a refusal ("gak bisa hadir ...")."""
    gaz = load_gazetteer()
    toks = norm.tokens
    if gaz.presence_words.isdisjoint(toks) or gaz.campaign_event_words.isdisjoint(toks):
        return False
    if not FACT_CHECK_OR_WARNING.isdisjoint(toks):
        return False
    return _told_act(gaz, norm, matches, gaz.presence_words, gaz.campaign_event_words, 3)


def _told_act(
    gaz: Gazetteer,
    norm: Normalized,
    matches: Sequence[EntityMatch],
    verbs: frozenset[str],
    links: frozenset[str],
    link_gap: int,
) -> bool:
    toks = norm.tokens
    acts = [i for i, t in enumerate(toks) if t in verbs and _told_by_writer(gaz, toks, i)]
    if not acts or _asked_about(norm.original, verbs):
        return False
    starts = candidate_starts(gaz, norm, matches)
    # the candidate as the subject ("Pramono berfoto bersama Rano Karno") is news of them
    acts = [i for i in acts if not any(i - 3 <= j < i for j in starts)]
    if not starts or not acts:
        return False
    joins = [k for k, t in enumerate(toks) if t in links]
    return any(
        i < k <= i + link_gap and k < j <= k + 3 for i in acts for k in joins for j in starts
    )


def _told_by_writer(gaz: Gazetteer, toks: Sequence[str], i: int) -> bool:
    """The act at toks[i] is the writer's: no one else is its subject ("oknum kepala sekolah
    ... kedapatan foto bareng ...", unless "aku sama ibu foto bareng ..."), it is neither
    negated ("aku gak pernah foto bareng ...") nor supposed ("kalau kita foto bareng ...")."""
    before = toks[max(0, i - SUBJECT_WINDOW) : i]
    if not OTHERS_BEFORE.isdisjoint(before) and FIRST_PERSON.isdisjoint(before):
        return False
    if not SUPPOSING.isdisjoint(before):
        return False
    start = max(0, i - NEGATION_WINDOW)
    return not any(
        toks[n] in gaz.writer_act_negations and toks[n + 1] not in JOY_AFTER_NEGATION
        for n in range(start, i)
    )


def _asked_about(original: str, verbs: frozenset[str]) -> bool:
    """A question about the act: its sentence ends in "?" and asks about it ("Foto bareng Pak
    Luthfi, boleh nggak sih?", "..., kena sanksi gak ya?"); a link's "?" and "..., kapan lagi
    ya?" do not count."""
    text = original.lower()
    if "?" not in text:
        return False
    text = _URL.sub(" ", text)
    for m in _SENTENCE.finditer(text):
        sentence = m.group().strip()
        if sentence.endswith("?"):
            words = set(re.findall(r"\w+", sentence))
            if not verbs.isdisjoint(words) and not QUESTION_WORDS.isdisjoint(words):
                return True
    return False


def candidate_starts(gaz: Gazetteer, norm: Normalized, matches: Sequence[EntityMatch]) -> list[int]:
    """Where registered (or gazetteer 2024) candidates and running mates are named, in order,
    leaving out a name that a role follows ("Pak Luthfi guru ngaji")."""
    return [start for start, _end in candidate_spans(gaz, norm, matches)]


def candidate_spans(
    gaz: Gazetteer, norm: Normalized, matches: Sequence[EntityMatch]
) -> list[tuple[int, int]]:
    """(start, end) of each such name, in order."""
    tokens = norm.tokens
    spans: list[tuple[int, int]] = []
    for m in matches:
        if m.kind not in PERSON_KINDS or (m.pair is None and m.kind != "candidate"):
            continue
        phrase = m.surface.split()
        for start in phrase_starts(tokens, phrase):
            end = start + len(phrase)
            if not role_follows(gaz, norm, end):
                spans.append((start, end))
    return sorted(spans)


def phrase_starts(tokens: Sequence[str], phrase: Sequence[str]) -> list[int]:
    """Where the token sequence `phrase` (any sequence type) starts in `tokens`."""
    form = tuple(phrase)
    n = len(form)
    if not n:
        return []
    return [i for i, t in enumerate(tokens) if t == form[0] and tuple(tokens[i : i + n]) == form]


# R17: an offer of money or goods for a ballot number. In the tuning sets 19 of the 21 texts
# with money and a number after "nomor" are partisan (the others: a warning, a food price);
# the rule asks for more than that: a vote or a condition tied to the number.
MONEY_WORDS = frozenset(
    {"amplop", "sogok", "sogokan", "suap", "duit", "duitnya", "uang", "uangnya", "fajar",
     "sembako", "bansos"}
)  # fmt: skip
OFFERED_GOODS = frozenset({"beras", "sarung", "pulsa", "voucher", "kupon"})
AMOUNT_UNITS = frozenset({"ribu", "rb", "juta", "jt", "k"})
PER_HEAD = frozenset({"kepala", "orang", "kk", "suara", "jiwa"})
PER_VOTER = frozenset({"kepala", "suara", "orang"})  # "per KK" is how a village collects dues
# Words of vote buying itself: a condition next to a number in their company is an offer
# ("Serangan fajar 50rb, syaratnya nomor 3", "Ambil amplop 50rb/orang, asal nomor 1 ya")
BUYING_WORDS = frozenset({"amplop", "fajar", "sogok", "sogokan", "suap", "serangan"})
# After a bare number that a vote verb comes right before: a unit makes it shopping ("pilih
# 1 paket", "milih 2 karung"); these particles keep it a vote ("coblos 2 ya")
VOTE_ENDINGS = frozenset(
    {"", "aja", "saja", "ya", "yo", "wae", "lho", "dong", "yah", "ae", "bae", "lah", "sih"}
)
# Right before the number, past "nomor", "paslon"...: the vote ("coblos nomor 3", "milih
# nomer 2"), or the ballot paper as proof ("foto surat suara nomer 3"; not "kotak suara")
VOTE_BEFORE = frozenset({"coblos", "pilih", "milih", "memilih", "dipilih"})
NUMBER_FILLERS = frozenset({"nomor", "no", "paslon", "urut", "calon"})
# A condition within four words before it ("syaratnya foto ... nomer 3", "asal no 1")
CONDITIONS = frozenset({"syarat", "syaratnya", "asal", "asalkan"})
VOTE_WORDS = VOTE_BEFORE | {"suara", "tps", "pencoblosan"}
# Only firm warnings stop it: an offer itself says "jangan bilang-bilang".
FIRM_WARNINGS = frozenset(
    {"tolak", "tolaklah", "pidana", "dipidana", "haram", "dilarang", "larangan", "laporkan",
     "lapor", "melanggar", "pelanggaran"}
)  # fmt: skip


def vote_buying_offer(norm: Normalized) -> bool:
    """R17: money or goods, and a one- or two-digit number that a vote comes right before
    ("coblos nomor 3", "sing milih nomer 2"), or a condition within four words before in a
    text about voting or paying per head ("syaratnya foto surat suara nomer 3", "50rb/kepala,
    asal no 1"), with no firm warning (tolak, laporkan, pidana ...). Promises ("paslon nomor
    1 janjikan dana desa 5 juta"), phone, queue and meter numbers are no offer."""
    toks = norm.tokens
    # cheapest first: most texts have no number at all (this runs on most texts)
    if not any(map(str.isdigit, toks)) or not FIRM_WARNINGS.isdisjoint(toks):
        return False
    if not _money(toks):
        return False
    voting = (
        not VOTE_WORDS.isdisjoint(toks)
        or not BUYING_WORDS.isdisjoint(toks)
        or _per_head(toks, PER_VOTER)
    )
    for i, t in enumerate(toks):
        if not (t.isdigit() and len(t) <= 2) or not i:
            continue
        j = i
        while j and toks[j - 1] in NUMBER_FILLERS:
            j -= 1
        after = toks[i + 1] if i + 1 < len(toks) else ""
        if j and toks[j - 1] in VOTE_BEFORE and (j < i or after in VOTE_ENDINGS):
            return True
        if tuple(toks[j - 2 : j]) == ("surat", "suara"):
            return True
        if j < i and voting and not CONDITIONS.isdisjoint(toks[max(0, j - 4) : j]):
            return True
    return False


def _money(toks: Sequence[str]) -> bool:
    if not MONEY_WORDS.isdisjoint(toks) or not OFFERED_GOODS.isdisjoint(toks) or "rp" in toks:
        return True
    return any(
        t.isdigit() and i + 1 < len(toks) and toks[i + 1] in AMOUNT_UNITS
        for i, t in enumerate(toks)
    ) or _per_head(toks, PER_HEAD)


def _per_head(toks: Sequence[str], heads: frozenset[str]) -> bool:
    """ "100 per kepala", "50rb/kepala" (normalised "50 ribu kepala")."""
    return any(
        t in heads and i and (toks[i - 1] == "per" or toks[i - 1] in AMOUNT_UNITS)
        for i, t in enumerate(toks)
    )


# Between thanks and a name: intensifiers, forms of address, offices
THANKS_FILLERS = frozenset(
    {"banyak", "sanget", "sekali", "pisan", "atas", "bantuannya", "kepada", "buat", "untuk",
     "pak", "bu", "bapak", "ibu", "mas", "mbak", "kang", "teh", "bang", "cak", "ning", "gus",
     "wali", "kota", "walikota", "bupati", "gubernur", "wakil", "wagub", "wabup", "abah",
     "umi", "ustadz", "kyai", "kiai", "dokter", "prof"}
)  # fmt: skip


def thanks_to_candidate(
    norm: Normalized, matches: Sequence[EntityMatch], thanks: PhraseIndex
) -> bool:
    """R18: thanks addressed to a candidate or running mate of a regional race: the name
    after the thanks with only intensifiers, forms of address or offices between ("Matur
    nuwun sanget Pak Wali Maidi, ..."), or opening the text right before them ("Pak Wali
    Maidi, matur nuwun ..."); no role follows the name. The presidential race of 2024 is
    over: thanks to the president are civic."""
    toks = norm.tokens
    if thanks.firsts.isdisjoint(toks):
        return False
    regional = [
        m
        for m in matches
        if m.kind in PERSON_KINDS and m.pair is not None and not m.pair.is_national
    ]
    if not regional:
        return False
    names = candidate_spans(load_gazetteer(), norm, regional)
    if not names:
        return False
    for begin, end in _phrase_spans(toks, thanks):
        for start, stop in names:
            if start >= end and THANKS_FILLERS.issuperset(toks[end:start]):
                return True
            # "Pak Wali Maidi, matur nuwun ...", not "Pak Luthfi bilang terima kasih ke warga"
            if start <= 3 and stop <= begin and THANKS_FILLERS.issuperset(toks[stop:begin]):
                return True
    return False


def _phrase_spans(tokens: Sequence[str], index: PhraseIndex) -> list[tuple[int, int]]:
    """(start, end) of each occurrence of a phrase of `index` in `tokens`."""
    spans: list[tuple[int, int]] = []
    for i, t in enumerate(tokens):
        if t in index.singles:
            spans.append((i, i + 1))
        for form in index.longer.get(t, ()):
            if tuple(tokens[i : i + len(form)]) == form:
                spans.append((i, i + len(form)))
    return spans
