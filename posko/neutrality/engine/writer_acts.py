"""What a text says its writer does with a candidate: content rules R15, R17 and R18.

A photo taken with a candidate, going to a candidate's campaign event, an offer of money for a
ballot number, thanks to a candidate. Each counts when told by the one who does it (or, for an
offer, made to the reader); news, warnings, questions and fact-checks of the same acts are not
(content.py passes what it knows of those: civic cues, reporting verbs, several pairs).
"""

from __future__ import annotations

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


def photo_with_candidate(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """R15: the writer's photo with a candidate: a photo word that opens the text or follows a
    presence_leads word ("Alhamdulillah bisa foto bareng ...", "Tadi foto bareng ..."), not
    after a negation ("jangan foto bareng ..."), a word of company within two words of it, and
    a candidate within three words of that, whom no role follows ("... Pak Luthfi guru ngaji"
    is a namesake). "Andika berfoto bersama warga" reports on the candidate."""
    gaz = load_gazetteer()
    toks = norm.tokens
    if gaz.photo_words.isdisjoint(toks) or "?" in norm.original:
        return False
    return _told_act(gaz, toks, matches, gaz.photo_words, gaz.photo_links, 2)


def at_campaign_event(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """R15: the writer goes to a candidate's campaign event: a word of going placed as a photo
    word above, an event word within three words of it, and a candidate within three words
    of that ("Alhamdulillah bisa hadir di kampanye akbar Pak Luthfi"), not a question ("Siapa
    yang mau datang ke kampanye ...?") nor a refusal ("gak bisa hadir ...")."""
    gaz = load_gazetteer()
    toks = norm.tokens
    if gaz.presence_words.isdisjoint(toks) or gaz.campaign_event_words.isdisjoint(toks):
        return False
    if "?" in norm.original:
        return False
    return _told_act(gaz, toks, matches, gaz.presence_words, gaz.campaign_event_words, 3)


def _told_act(
    gaz: Gazetteer,
    toks: Sequence[str],
    matches: Sequence[EntityMatch],
    verbs: frozenset[str],
    links: frozenset[str],
    link_gap: int,
) -> bool:
    acts = [i for i, t in enumerate(toks) if t in verbs and _told_by_writer(gaz, toks, i)]
    if not acts:
        return False
    joins = [k for k, t in enumerate(toks) if t in links]
    return any(
        i < k <= i + link_gap and k < j <= k + 3
        for i in acts
        for k in joins
        for j in candidate_starts(gaz, toks, matches)
    )


def _told_by_writer(gaz: Gazetteer, toks: Sequence[str], i: int) -> bool:
    """The act at toks[i] opens the text or follows a lead word, with no negation before."""
    if i and toks[i - 1] not in gaz.presence_leads:
        return False
    return gaz.writer_act_negations.isdisjoint(toks[max(0, i - 3) : i])


def candidate_starts(
    gaz: Gazetteer, tokens: Sequence[str], matches: Sequence[EntityMatch]
) -> list[int]:
    """Where registered (or gazetteer 2024) candidates and running mates are named, in order,
    leaving out a name that a role follows ("Pak Luthfi guru ngaji")."""
    starts: list[int] = []
    for m in matches:
        if m.kind not in PERSON_KINDS or (m.pair is None and m.kind != "candidate"):
            continue
        phrase = m.surface.split()
        for start in _phrase_starts(tokens, phrase):
            if not role_follows(gaz, tokens, start + len(phrase)):
                starts.append(start)
    return sorted(starts)


def _phrase_starts(tokens: Sequence[str], phrase: Sequence[str]) -> list[int]:
    n = len(phrase)
    if not n:
        return []
    return [i for i, t in enumerate(tokens) if t == phrase[0] and list(tokens[i : i + n]) == phrase]


# R17: an offer of money or goods for a ballot number ("Yg mau amplop 150rb, syaratnya coblos
# nomor 3", "sing milih nomer 2 oleh sembako"): in the tuning sets 19 of the 21 texts with money
# and a number after "nomor" are partisan (the others: a warning, a food price).
MONEY_WORDS = frozenset(
    {"amplop", "sogok", "sogokan", "suap", "duit", "duitnya", "uang", "uangnya", "fajar",
     "sembako", "bansos"}
)  # fmt: skip
OFFERED_GOODS = frozenset({"beras", "sarung", "pulsa", "voucher", "kupon"})
AMOUNT_UNITS = frozenset({"ribu", "rb", "juta", "jt", "k"})
PER_HEAD = frozenset({"kepala", "orang", "kk", "suara", "jiwa"})
# A condition before "nomor N" ("syaratnya foto surat suara nomer 3", "asal no 1")
CONDITIONS = frozenset({"syarat", "syaratnya", "asal", "asalkan", "suara"})
# Only firm warnings stop it: an offer itself says "jangan bilang-bilang".
FIRM_WARNINGS = frozenset(
    {"tolak", "tolaklah", "pidana", "dipidana", "haram", "dilarang", "larangan", "laporkan",
     "lapor", "melanggar", "pelanggaran"}
)  # fmt: skip


def vote_buying_offer(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """R17: money or goods and a ballot number (matched in election context, or a one- or
    two-digit number after "nomor" within four words of a condition: "syaratnya ... nomer 3",
    "asal no 1"), with no firm warning (tolak, laporkan, pidana ...). Phone, queue and meter
    numbers are longer or have no condition ("kirim ke nomor 0812...", "antrian nomor 12")."""
    toks = norm.tokens
    if not _money(toks) or not FIRM_WARNINGS.isdisjoint(toks):
        return False
    if any(m.kind == "ballot_number" for m in matches):
        return True
    return any(
        t == "nomor"
        and i + 1 < len(toks)
        and toks[i + 1].isdigit()
        and len(toks[i + 1]) <= 2
        and not CONDITIONS.isdisjoint(toks[max(0, i - 4) : i])
        for i, t in enumerate(toks)
    )


def _money(toks: Sequence[str]) -> bool:
    if not MONEY_WORDS.isdisjoint(toks) or not OFFERED_GOODS.isdisjoint(toks) or "rp" in toks:
        return True
    return any(
        t.isdigit()
        and i + 1 < len(toks)
        and (
            toks[i + 1] in AMOUNT_UNITS
            or (toks[i + 1] == "per" and i + 2 < len(toks) and toks[i + 2] in PER_HEAD)
        )
        for i, t in enumerate(toks)
    )


def thanks_to_candidate(
    norm: Normalized, matches: Sequence[EntityMatch], thanks: PhraseIndex
) -> bool:
    """R18: thanks addressed to a candidate or running mate of a regional race (a form of
    address or an office may come between: "Matur nuwun Pak Wali Maidi, ..."), whom no role
    follows. The presidential race of 2024 is over: thanks to the president are civic."""
    toks = norm.tokens
    if thanks.firsts.isdisjoint(toks):
        return False
    regional = [
        m for m in matches if m.kind in PERSON_KINDS and m.pair is not None and m.pair.region_code
    ]
    if not regional:
        return False
    gaz = load_gazetteer()
    ends = _phrase_ends(toks, thanks)
    return any(e <= j <= e + 2 for e in ends for j in candidate_starts(gaz, toks, regional))


def _phrase_ends(tokens: Sequence[str], index: PhraseIndex) -> list[int]:
    """The index right after each occurrence of a phrase of `index` in `tokens`."""
    ends: list[int] = []
    for i, t in enumerate(tokens):
        if t in index.singles:
            ends.append(i + 1)
        for form in index.longer.get(t, ()):
            if tuple(tokens[i : i + len(form)]) == form:
                ends.append(i + len(form))
    return ends
