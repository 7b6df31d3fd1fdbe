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
     "beliau", "mereka", "desa", "oknum", "guru", "anggota", "ketua", "caleg", "artis"}
)  # fmt: skip
# Words that make a negation before them reach the act ("gak bisa hadir", "belum sempat foto")
MODALS = frozenset({"bisa", "sempat", "sempet", "mau", "boleh", "jadi", "usah", "perlu"})
# A fact-check or a warning about the act: "Hoaks! Foto bareng Pak Luthfi itu editan",
# "... kita ASN harus netral".
FACT_CHECK_OR_WARNING = frozenset(
    {"hoaks", "hoax", "editan", "rekayasa", "palsu", "fitnah", "netral", "netralitas",
     "dilarang", "larangan", "melanggar", "pelanggaran", "bawaslu", "panwaslu"}
)  # fmt: skip
_URL = re.compile(r"https?://\S+|www\.\S+")
_CLAUSE = re.compile(r"[^.,;!?\n]*[.,;!?\n]?")


def photo_with_candidate(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """R15: the writer's photo with a candidate: a photo word (no one else as its subject, not
    negated, not asked about), a word of company within two words of it, and a candidate
    within three words of that, whom no role follows ("... Pak Luthfi guru ngaji" is a
    namesake): "Seneng banget foto bareng Pak Luthfi", "Ini foto aku bareng Pak Luthfi"."""
    gaz = load_gazetteer()
    toks = norm.tokens
    if gaz.photo_words.isdisjoint(toks) or not FACT_CHECK_OR_WARNING.isdisjoint(toks):
        return False
    return _told_act(gaz, norm, matches, gaz.photo_words, gaz.photo_links, 2)


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
    """The act at toks[i] has no one else as its subject right before it and is not negated
    ("jangan foto ...", "gak bisa hadir ...")."""
    if not i:
        return True
    before = toks[i - 1]
    if before in OTHERS_BEFORE or before in gaz.writer_act_negations:
        return False
    return not (i > 1 and before in MODALS and toks[i - 2] in gaz.writer_act_negations)


def _asked_about(original: str, verbs: frozenset[str]) -> bool:
    """A question whose clause holds the act ("Foto bareng Pak Luthfi boleh nggak sih?"); a
    link's "?" and a question in another clause ("..., kapan lagi ya?") do not count."""
    text = original.lower()
    if "?" not in text:
        return False
    text = _URL.sub(" ", text)
    return any(
        clause.endswith("?") and not verbs.isdisjoint(re.findall(r"\w+", clause))
        for clause in (m.group().strip() for m in _CLAUSE.finditer(text))
    )


def candidate_starts(gaz: Gazetteer, norm: Normalized, matches: Sequence[EntityMatch]) -> list[int]:
    """Where registered (or gazetteer 2024) candidates and running mates are named, in order,
    leaving out a name that a role follows ("Pak Luthfi guru ngaji")."""
    tokens = norm.tokens
    starts: list[int] = []
    for m in matches:
        if m.kind not in PERSON_KINDS or (m.pair is None and m.kind != "candidate"):
            continue
        phrase = m.surface.split()
        for start in _phrase_starts(tokens, phrase):
            if not role_follows(gaz, norm, start + len(phrase)):
                starts.append(start)
    return sorted(starts)


def _phrase_starts(tokens: Sequence[str], phrase: Sequence[str]) -> list[int]:
    n = len(phrase)
    if not n:
        return []
    return [i for i, t in enumerate(tokens) if t == phrase[0] and list(tokens[i : i + n]) == phrase]


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
PER_VOTER = frozenset({"kepala", "suara"})  # "per KK" is also how a village collects dues
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
    if not _money(toks) or not FIRM_WARNINGS.isdisjoint(toks):
        return False
    voting = not VOTE_WORDS.isdisjoint(toks) or _per_head(toks, PER_VOTER)
    for i, t in enumerate(toks):
        if not (t.isdigit() and len(t) <= 2) or not i:
            continue
        j = i
        while j and toks[j - 1] in NUMBER_FILLERS:
            j -= 1
        if j and (toks[j - 1] in VOTE_BEFORE or tuple(toks[j - 2 : j]) == ("surat", "suara")):
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
    starts = candidate_starts(load_gazetteer(), norm, regional)
    if not starts:
        return False
    spans = _phrase_spans(toks, thanks)
    for begin, end in spans:
        for j in starts:
            if j >= end and THANKS_FILLERS.issuperset(toks[end:j]):
                return True
            if j <= 3 and begin > j and begin - j <= 4:  # "Pak Wali Maidi, matur nuwun"
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
