"""Content classification: partisan / civic / non_political, with evidence and targets.

A linear model (engine/model.py) over normalised word unigrams and bigrams plus evidence
pseudo-features from entities and cues makes the call; a few explicit, documented rules then
keep the engine trustworthy where the model alone is not:

R1 A ballot number or hand sign is evidence only with election context (an entity, an
   election/support/attack cue, a province name: "Jabar 4 jari", or a zero-padded number next
   to a campaign word: "02 menang", or a campaign topic: "visi misi nomor 1 panjangnya…"):
   "juara 2" and "✌️ makasih" are not (extract_features).
R2 Even-handed content is civic: naming two or more pairs of the same race (all of them, when
   the race is known), or three or more parties and nobody else (a list not judged: no
   "kompak", "salut", stance emoji), without support/attack cues or partisan slogans is not
   partisan. A bare number counts only in the races named by name
   ("01 Anies-Muhaimin, 02 Prabowo-Gibran, 03 Ganjar-Mahfud": the 02 and 03 of governor races
   are not meant).
R3 Partisan needs evidence: with no candidate, party, figure, slogan, ballot number, hand sign
   or support/attack cue, a partisan call is downgraded (to civic when political or election
   words are there) unless the model gives partisan at least R3_KEEP_PARTISAN (0.9 -> 0.65 in
   round 5, on the dev set and the held-out split: dev 89.8 -> 90.7%, held-out 93.67 ->
   93.84%; 0.6 and 0.7 were within 0.3 points). Below it the class is the likelier of civic
   and non_political, not the political mass: a partisan 0.58 for "Makasih Mas Rido udah
   bantuin angkat galon" names nobody political. Support words that are everyday words first
   ("gas kuy", "sikat"; WEAK_SUPPORT) are not evidence, nor is a number outside an election
   context (R1).
R5 An explicit call to vote a ballot number ("coblos no 2", "vote number 2"), a pronoun in an
   election text ("besok coblos dia di TPS"), a party ("coblos PKB", "coblos partainya") or the
   empty box ("coblos kotak kosong"), or a campaign slogan as a hashtag ("#AMINajaDulu"),
   or a support or attack cue with a named candidate, party or
   slogan, or a call not to vote for someone in political talk, named or not ("yang mukanya
   di karung bansos itu jangan dipilih"; VOTE_AGAINST), is partisan even when the model says
   otherwise (unless R2/R4 apply or the text reports what someone else said).
   A news-style report of an attack (a reporting verb such as "menyebut", "menurut", "kata
   Bawaslu", no support cue, no ballot push) is left to the model (round 2).
   A ballot push that is the text's only political evidence (no name, no election, political,
   civic or attack cue, no hand sign: "pilih 2 gratis 1", "pilih nomor 3 buat warna hijab")
   is left to the model when it says non_political (round 4, R1's idea applied to R5).
   The support-cue clause alone (no ballot push, no attack on a name) also yields when the
   model gives civic at least R5_KEEP_CIVIC: neutral news of an endorsement ("Partai Golkar
   resmi mendukung RK-Suswono", "PKB umumkan dukungan kepada ...") is civic (round 4; 0.9
   chosen on the held-out split: partisan precision 90.8 -> 93.8% at unchanged recall).
R6 Political evidence is not non-political: a text naming a party, figure, alias or slogan,
   holding a ballot number (which the matcher accepts only in election context, R1: "visi misi
   nomor 1 panjangnya ..."), or carrying a political/election/civic cue, is called political
   (the likelier of partisan and civic) unless the model gives non_political at least
   R6_KEEP_NON_POLITICAL (round 3: formal non-political corpora taught "BUMN", "ekonomi" ...
   as non-political, so informal complaints about the government were missed). The threshold
   is tuned on the held-out split. A ballot number in a text with a pair's programme, slogan or
   debate words (campaign_topic_words) needs R6_KEEP_NON_POLITICAL_PROGRAMME instead (2026-12-07).
R7 The name or bio of a campaign account, group or twibbon of a named candidate, pair or party
   ("Akun resmi Ridwan Kamil", "Grup WA Relawan Khofifah-Emil") is partisan: following or
   joining it is what SKB 2/2022 forbids (engine/accounts.py).
R8 "Udah nyoblos ☝️": a having-voted text whose only ballot evidence is ☝️ shows the inked
   finger, not pair 1; it is civic (see VOTED_CUES).
R9 Criticism, praise or news of politicians who run in no current race (ministers, a former
   president, party chairs) is civic when nothing else takes a side: no party, pair, slogan,
   ballot number or hand sign, no election or support cue except party words ("ultah partai"),
   (bench guideline, borderlines 3 and 4). The sitting president and vice-president named by
   their office ("kabinet Presiden Prabowo", not "jadi presiden Prabowo") count as such.
R4 Even-handed wording ("siapapun", "apapun pilihanmu") with no attack cue and no ballot push
   is civic when it names no candidate, party or slogan, or names several pairs of one race,
   and winks at no side ("yang penting tidak golput, pilih yang sudah terbukti 😉"; R20's
   winks, engine/advice.py).
R10 A vote or contest that is not a state election (OSIS, RT, a club, a talent show), or a sport
   or music scene with no ballot number (the national team, a concert's "salam tiga jari"), is
   non-political when no candidate, party or figure is named and no state-election word is used
   (gazetteer other_contest_words, other_scene_words; bench guideline, "non_political"). A
   contest word in a comparison ("debat paslon 1 kayak lomba pidato") does not count.
R11 A warning against vote buying (money, envelopes, "serangan fajar" next to "tolak",
   "jangan", "pidana", regional "ulah", "ojo") that names no candidate, party or ballot number
   and points at nobody ("dia", "petahana", "X jangan dipilih") is civic: it attacks the
   practice, not a side (MONEY_WORDS, WARNING_WORDS, TARGET_WORDS).
R12 A party named by a form that is only a party's name ("PDIP", "Gerindra", "#20TahunPKS")
   makes the text political whatever the model says (partisan or civic as in R6): in the
   training corpora 1,978 of 1,982 texts naming one are political (the rest: "PSI" as tyre
   pressure, "moncong putih" as a dog), while the model, trained mostly on formal
   non-political text, let everyday words outweigh the party ("PDIP ternyata punya banyak
   skill terpendam", non_political at 0.96).
R13 News of an official stage: an election body (KPU, Bawaslu, MK ...) and a stage word
   (registration, penetapan, the recap, a ruling) with no push (no attack or support cue, not
   even "coblos" or "gas", no slogan, hashtag, hand sign or stance emoji; a ballot number
   alone is no push): "Khofifah kembali gandeng Emil Dardak, resmi daftar ke KPU Jatim"
   reports the body's act about one pair, which is civic (bench guideline, borderline
   decision 1), unless the model gives partisan at least R13_KEEP_PARTISAN.
R14 A candidate named in their screen or stage career (gazetteer screen_words: "Rano Karno main
   Si Doel Anak Sekolahan lagi") is non-political when the text names no party, slogan or
   ballot number and has no cue of any kind, no word of leading (LEAD_WORDS), no hashtag and
   no hand sign, unless the model gives partisan at least R14_KEEP_PARTISAN (bench guideline,
   "non_political": a candidate's name in an unrelated context).
R15, R17 and R18 read what the writer says they do with a candidate (engine/writer_acts.py).
R15 A photo taken with a candidate ("foto bareng Pak Luthfi tadi pagi", "selfie sama cagub
   Andika", gazetteer photo_words and photo_links) is partisan, and shows the signal
   photo_with_candidate: posting such a photo is an act SKB 2/2022 names (tabel A angka 5
   huruf a; data/rules.yaml). Not when someone else is the subject ("Andika berfoto
   bersama warga", "emak-emak antre selfie bersama ..." are news of the candidate), after a
   negation ("jangan foto bareng ..."), in a question about it, news, a fact-check or a
   warning, with several pairs of one race (a photo after a debate, R2), nor when a role
   follows the name ("Pak Luthfi guru ngaji"). Likewise the writer going to a candidate's
   campaign event ("Alhamdulillah bisa hadir di kampanye akbar Pak Luthfi"; SKB 2/2022 tabel
   A angka 3 and 6 name attending and taking part), but not a headline ("Hadiri kampanye
   akbar, Luthfi ..."; gazetteer presence_words) nor a refusal ("gak bisa hadir ...").
R16 Laughing at a named contender or party (MOCK_EMOJI: "Cagub Acep-Gita? saha eta? 😂",
   "Demokrat dapet kursi menteri langsung manis 😏") is partisan ridicule (bench guideline:
   ridicule counts) where the model says civic, unless the text reports news (a reporting
   verb), carries a civic cue (a fact-check: "Hoaks! Video RK joget itu editan 😂"), is
   even-handed or names more than one pair or party ("RK sama Pram sama-sama grogi 😂").
   Politicians who run for nothing stay civic (R9). On the tuning sets, 43 of 46 texts with
   such an emoji and a named contender or party are partisan and none civic (2026-12-07).
R17 An offer of money or goods for a ballot number ("Yg mau amplop 150rb, syaratnya foto
   surat suara nomer 3") is partisan (bench guideline: money-politics offers that name a
   ballot number), unless a firm warning (tolak, laporkan, pidana) makes it a warning against
   the practice (R11), it is news ("Bawaslu temukan amplop ... paslon nomor 2"), it names
   several pairs, or the vote is no state election (R10). It runs after R10: "Pak RT" who
   collects the KTPs of an offer is no RT election.
R18 Thanks addressed to a candidate or running mate of a regional race ("Matur nuwun Pak
   Wali Maidi, bantuan sekolah kanggo anakku wis cair") is partisan where the model says
   civic (bench guideline, borderline 2: praise of a sitting official who runs again), unless
   the text is news, a fact-check, voter information or even-handed. The 2024 presidential
   race is over: thanks to the president stay civic. In the tuning sets 17 of 18 such texts are
   partisan; the other thanks a namesake, which the model already calls non-political.
R19 A text that names an election ("pilkada", "pilpres", "pemilu"; ELECTION_NAMES) is about
   elections, so it is never non-political, unless the election is only a comparison ("kayak
   pilkada") or denied ("pilkada? bukan, ini pilih kado") or R10 finds another contest. In
   the tuning sets none of the 328 texts naming one is non-political, nor any of the 30 in
   the real-tweet dev set (2026-12-07). It matters for models that weigh everyday words
   more than the election's name.
R20 Voter advice, how to choose and not whom ("Gunakan hak pilihmu, pilih pemimpin yang jujur
   dan amanah"): a call to choose by a virtue next to a civic cue, naming nobody (not even a
   name the matcher does not know) and no number, not the writer's own choice, with no
   attack and no wink at one side, is civic where the model says partisan (engine/advice.py).
   A wink never makes a text partisan by itself: wink words are everyday words of voter
   education too.

Word features are entity-masked (see mask_tokens): names become "<cand>", "<party>", "<fig>",
"<slogan>" and ballot numbers "<num>", so what is learned about one registry's candidates
carries over to any other registry.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from posko.candidates.registry import Pair
from posko.neutrality.engine.accounts import describes_campaign_account
from posko.neutrality.engine.advice import any_wink, voter_advice
from posko.neutrality.engine.cues import Cues
from posko.neutrality.engine.entities import (
    COUNTED_AFTER_A_VOTE,
    NAMED_KINDS,
    ZERO_PADDED,
    EntityMatch,
    PhraseIndex,
    load_gazetteer,
    named_provinces,
)
from posko.neutrality.engine.model import ContentModel, load_content_model
from posko.neutrality.engine.normalize import Normalized, normalize, segment
from posko.neutrality.engine.types import ContentClass, ContentVerdict, Signal, Target
from posko.neutrality.engine.writer_acts import (
    FIRST_PERSON,
    MONEY_WORDS,
    at_campaign_event,
    candidate_spans,
    photo_with_candidate,
    phrase_starts,
    thanks_to_candidate,
    vote_buying_offer,
)

MAX_TOKENS = 80  # long reviews/blog posts: the opening carries the topic; keeps inference fast
R3_KEEP_PARTISAN = 0.65  # partisan without any evidence survives only above this
R6_KEEP_NON_POLITICAL = 0.7  # non_political with political evidence needs at least this
# ... and this much when the evidence is a pair's programme: a ballot number with "visi misi",
# "janji", "debat" (campaign_topic_words). Dev sets unchanged; the model alone was 0.85 sure that
# "Visi misi nomor 1 panjangnya ngalahin antrean tiket konser" is not political.
R6_KEEP_NON_POLITICAL_PROGRAMME = 0.9
R5_BARE_BALLOT = True  # R5 leaves a bare ballot push the model calls non_political alone
# R13 yields to a model this sure of partisan: "Alhamdulillah Bu Khofifah sudah daftar ke KPU,
# insyaAllah menang lagi" (0.98) hopes; the news of a registration it overrules is less sure
# ("Luluk nomor 1 daftar ke KPU Jatim, diantar kader PKB", 0.91). 0.75 until the model learned
# from the hand-written sets (2026-12-07), which made it surer of both; a sarcastic line about
# an MK ruling (0.91, a retired tuning item) turns civic too. 0.95 cost one dev16 item.
R13_KEEP_PARTISAN = 0.92
# R14 yields to a model this sure of partisan ("Ronal Surapradja pelawak lucu, semoga sukses
# mendampingi Jeje", 1.00); praise of a career alone can be sure too ("Bang Doel aktor terbaik
# Indonesia", 0.94), so only the surest stay
R14_KEEP_PARTISAN = 0.98
# ... and to talk of leading or of an office ("Bang Doel idola dari Si Doel Anak Sekolahan,
# saatnya pimpin Jakarta"; "... kalau dia wagubnya")
LEAD_WORDS = frozenset(
    {"pemimpin", "pimpin", "memimpin", "mimpin", "dipimpin", "pimpinan", "mendampingi",
     "wagubnya", "gubernurnya", "bupatinya", "walikotanya", "wakilnya", "layak", "cocok"}
)  # fmt: skip
R5_KEEP_CIVIC = 0.9  # R5's support-cue clause yields to a model this sure of civic (held-out split)
PAIR_KINDS = frozenset({"candidate", "running_mate", "alias", "ballot_number", "slogan"})
_KIND_LABEL = {
    "candidate": "kandidat",
    "running_mate": "kandidat",
    "alias": "kandidat",
    "ballot_number": "nomor urut",
    "party": "partai",
    "figure": "tokoh politik",
    "slogan": "slogan",
}


# Names are replaced by placeholders in the word features, so "dukung <cand>" and
# "<cand> menang" learned on one registry transfer to candidates never seen in training.
PLACEHOLDER = {
    "candidate": "<cand>",
    "running_mate": "<cand>",
    "alias": "<cand>",
    "slogan": "<slogan>",
    "party": "<party>",
    "figure": "<fig>",
}
NUM_TOKEN = "<num>"
PLACE_TOKEN = "<place>"  # a kab/kota name (_model_tokens)
WINDOW = 3  # words this close to a placeholder also become "<cand>~word" stance features
POS_EMOJI = frozenset("\U0001f4af\U0001f525\U0001f4aa\u2764\U0001f60d\U0001f970\U0001f44d\U0001f44f"
                      "\u270a\U0001f929\U0001f618\U0001f496\U0001f499\U0001f49a\U0001f49b\U0001f9e1"
                      "\U0001f49c\u2b50\U0001f31f\U0001f3c6\U0001f947")  # fmt: skip
NEG_EMOJI = frozenset("\U0001f92e\U0001f44e\U0001f621\U0001f921\U0001f4a9\U0001f644\U0001f624"
                      "\U0001f92c\U0001f595\U0001f612\U0001f922\U0001f480")  # fmt: skip


# Laughter and mockery (R16): "Cagub Acep-Gita? saha eta? 😂" laughs at a contender.
# Laughing out loud, smirking, eye-rolling, clown; not a giggle or a grin (🤭, 😆), which
# also go with friendly news ("kantor DPD Golkar pindah ke Jalan Pemuda 😆").
MOCK_EMOJI = frozenset("\U0001f602\U0001f923\U0001f60f\U0001f643\U0001f644\U0001f921")
_RIDICULED_KINDS = frozenset({"candidate", "running_mate", "alias", "party", "slogan"})


def _ridicule(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> bool:
    """R16: a laughing or mocking emoji at a named contender or party, in a text that is no
    news (a reporting verb, but "menurut saya" is an opinion), no fact-check or voter
    information (civic cue) and not even-handed."""
    original = norm.original
    if original.isascii() or MOCK_EMOJI.isdisjoint(original):
        return False
    if cues.civic or cues.even or _news(norm):
        return False
    # one target: "Gerindra vs PDIP debat soal stunting 😂" laughs at both, a side at neither
    targets = {
        m.name if m.pair is None else id(m.pair) for m in matches if m.kind in _RIDICULED_KINDS
    }
    return len(targets) == 1


def mask_tokens(tokens: Sequence[str], matches: Sequence[EntityMatch]) -> list[str]:
    """Tokens with every matched entity span replaced by its placeholder ("<cand>", ...)
    and the number of a ballot-number span by "<num>" ("coblos 3" -> "coblos <num>")."""
    return list(_mask(tokens, matches)[0])


class _MaskForm(NamedTuple):
    """How one matched surface is masked (derived once per kind and surface)."""

    form: tuple[str, ...]  # the surface's tokens
    repl: tuple[str, ...]  # what replaces them
    size: int  # len(form)
    single: bool  # one replacement token: a run of equal ones collapses ("rido kang emil")
    place: bool  # that token is a name placeholder (not "<num>"): a stance-window centre


_FORMS: dict[tuple[str, str], _MaskForm] = {}


def _form_of(kind: str, surface: str) -> _MaskForm:
    """The mask form of a match's surface."""
    form = tuple(surface.split())
    if kind == "ballot_number":
        repl = tuple(NUM_TOKEN if t.isdigit() else t for t in form)
    else:
        repl = (PLACEHOLDER.get(kind, "<cand>"),)
    single = len(repl) == 1
    place = single and repl[0] != NUM_TOKEN and repl[0][0] == "<"
    return _MaskForm(form, repl, len(form), single, place)


def _mask(tokens: Sequence[str], matches: Sequence[EntityMatch]) -> tuple[Sequence[str], list[int]]:
    """mask_tokens plus the positions of the name placeholders (not "<num>") in the result."""
    if not matches:
        return tokens, []
    forms: dict[str, list[_MaskForm]] = {}
    for m in matches:
        key = (m.kind, m.surface)
        mf = _FORMS.get(key)
        if mf is None:
            mf = _form_of(*key)
            if len(_FORMS) < 50_000:
                _FORMS[key] = mf
        if mf.size:
            options = forms.get(mf.form[0])
            if options is None:
                forms[mf.form[0]] = [mf]
            elif mf not in options:
                options.append(mf)
                options.sort(key=lambda o: -o.size)
    out: list[str] = []
    places: list[int] = []
    i = 0
    for k in [k for k, t in enumerate(tokens) if t in forms]:
        if k < i:
            continue  # inside a span already replaced
        if k > i:
            out.extend(tokens[i:k])
        for mf in forms[tokens[k]]:
            size = mf.size
            if size == 1 or tuple(tokens[k : k + size]) == mf.form:
                repl = mf.repl
                if not (mf.single and out and out[-1] == repl[0]):
                    if mf.place:
                        places.append(len(out))
                    out.extend(repl)  # "rido kang emil" -> one "<cand>"
                i = k + size
                break
        else:
            out.append(tokens[k])
            i = k + 1
    out.extend(tokens[i:])
    return out, places


_KIND_FEATURE = {k: f"__ENT_{k.upper()}__" for k in _KIND_LABEL}
_CUE_FEATURES = tuple(
    (i, f"__CUE_{name}__", f"__CUE_{name}_ENT__")
    for i, name in enumerate(("SUPPORT", "ATTACK", "CIVIC", "ELECTION", "POLITICAL", "EVEN"))
)


def _number_context(
    norm: Normalized, matches: Sequence[EntityMatch], cues: Cues, named: set[str]
) -> bool:
    """R1's election context, in which numbers and hand signs can be ballot numbers."""
    context = bool(named or cues.election or cues.attack) or _support_context(cues.support)
    if not context and norm.hand_numbers and _winks(norm.tokens):
        return True  # "jangan lupa ✌️ tau kan maksudnya" (not "diet gagal ✌️ tau kan ...")
    if not context and (norm.hand_numbers or len(named) < len(matches)):
        # "Jabar 4 jari"; "02 menang" (a zero-padded number is matched only next to a
        # campaign word such as "menang" or "lanjutkan", see entities._ballot_at)
        gaz = load_gazetteer()
        context = (
            bool(named_provinces(gaz, norm.tokens))
            or any(m.kind == "ballot_number" and m.surface[0] == "0" for m in matches)
            or (
                len(named) < len(matches)  # "visi misi nomor 1": a pair's programme
                and not gaz.campaign_topic_words.isdisjoint(norm.tokens)
            )
        )
    return context


_PERSON_KINDS = frozenset({"candidate", "running_mate", "alias", "figure"})


def _screen_career(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> bool:
    """R14: only people are named, in a text about their screen or stage work, with no cue."""
    if not matches or any(cues) or norm.hashtags or norm.hand_numbers:
        return False
    if not all(m.kind in _PERSON_KINDS for m in matches) or not LEAD_WORDS.isdisjoint(norm.tokens):
        return False
    return _gazetteer_forms("screen_forms").found_in(norm.tokens)


PHOTO_SIGNAL: frozenset[Signal] = frozenset({"photo_with_candidate"})


def _writer_with_candidate(
    norm: Normalized,
    matches: Sequence[EntityMatch],
    races: dict[tuple[str, str], set[int]] | None = None,
) -> str | None:
    """R15: "photo" or "event" when the writer tells of a photo with a candidate or of going
    to a candidate's campaign event (engine/writer_acts.py), outside news and with one pair
    named (a photo after a debate names several)."""
    if _news(norm):
        return None
    if multi_pair_races(matches) if races is None else races:
        return None
    if photo_with_candidate(norm, matches):
        return "photo"
    return "event" if at_campaign_event(norm, matches) else None


def _thanks_to_candidate(
    norm: Normalized,
    matches: Sequence[EntityMatch],
    cues: Cues,
    races: dict[tuple[str, str], set[int]],
) -> bool:
    """R18 (engine/writer_acts.py), outside news, fact-checks, voter information and
    even-handed talk."""
    if races or cues.civic or cues.even or _news(norm):
        return False
    return thanks_to_candidate(norm, matches, _gazetteer_forms("thanks_forms"))


def _vote_buying(
    norm: Normalized, matches: Sequence[EntityMatch], races: dict[tuple[str, str], set[int]]
) -> bool:
    """R17 (engine/writer_acts.py), unless it is news ("Bawaslu temukan amplop ... paslon
    nomor 2"), names several pairs ("paslon 1 dan paslon 2 sama-sama bagi amplop") or is
    about a vote that is not a state election (R10; "Pak RT" who collects the KTPs of an offer,
    "kumpulno nang Pak RT", is no RT election)."""
    if races or _news(norm) or not vote_buying_offer(norm):
        return False
    toks = norm.tokens
    if "rt" in toks:
        toks = tuple(t for i, t in enumerate(toks) if not _rt_as_broker(toks, i))
    return not _other_contest(norm, matches, toks)


# Where "Pak RT" is the one an offer goes through: "ambil di rumah Pak RT", "nang Pak RT"
BROKER_BEFORE = frozenset({"nang", "ke", "lewat", "sama", "rumah", "dari", "via", "ning"})


def _rt_as_broker(toks: Sequence[str], i: int) -> bool:
    """toks[i] is part of "pak rt" after a word of going through someone ("ke Pak RT")."""
    if toks[i] == "rt":
        i -= 1
    return (
        0 < i < len(toks) - 1
        and toks[i] == "pak"
        and toks[i + 1] == "rt"
        and toks[i - 1] in BROKER_BEFORE
    )


def _news(norm: Normalized) -> bool:
    """A reporting verb (_reported_plain), but not "menurut saya" (in my opinion)."""
    toks = norm.tokens
    found = REPORTING_WORDS.intersection(toks)
    if found != {"menurut"}:
        return bool(found)
    return any(
        t == "menurut" and (i + 1 == len(toks) or toks[i + 1] not in FIRST_PERSON)
        for i, t in enumerate(toks)
    )


def _winks(tokens: Sequence[str]) -> bool:
    """A wink phrase of the gazetteer ("tau kan maksudnya") with a day to remember ("besok",
    "tanggal 27")."""
    return _gazetteer_forms("wink_forms").found_in(tokens) and _gazetteer_forms(
        "wink_reminders"
    ).found_in(tokens)


@cache
def _gazetteer_forms(name: str) -> PhraseIndex:
    """One phrase list of the gazetteer (a frozenset[Form] field), indexed for scans."""
    forms: frozenset[tuple[str, ...]] = getattr(load_gazetteer(), name)
    return PhraseIndex.of(forms)


def _word_tokens(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> Sequence[str]:
    """The tokens the word features are made of. Left out (R1): hand-sign emoji outside an
    election context (a child counting ☝️✌️, the raised finger of prayer), and zero-padded
    numbers after a word that makes them no ballot number ("pesanan nomor 01", "jam 02";
    gazetteer number_blockers), and a rank with its "nomor" ("nomor 1 kota termacet";
    _ranks). As words ("jari 1", "01", "nomor 1") they would weigh like the campaign posts
    they mostly come from; "01 aja dulu" keeps its "01"."""
    tokens = norm.tokens[:MAX_TOKENS]
    hands = bool(norm.hand_numbers) and not _number_context(
        norm, matches, cues, _named_kinds(matches)
    )
    padded = "0" in norm.original and not ZERO_PADDED.isdisjoint(tokens)
    gaz = load_gazetteer()
    ranks = _ranks(tokens, matches, cues, gaz.ranking_words)
    if not (hands or padded or ranks):
        return tokens
    blockers = gaz.number_blockers
    out: list[str] = []
    skip = False
    for i, t in enumerate(tokens):
        if skip:
            skip = False
            continue
        if i in ranks:
            continue
        if hands and t == "jari" and i + 1 < len(tokens) and tokens[i + 1].isdigit():
            skip = True
            continue
        if padded and t in ZERO_PADDED and i:
            prev = tokens[i - 1] if tokens[i - 1] not in ("nomor", "no") or i < 2 else tokens[i - 2]
            if prev in blockers:
                continue
        out.append(t)
    return out


RANKED_HEADS = frozenset({"nomor", "no", "nomer", "nmr"})


def _ranks(
    tokens: Sequence[str], matches: Sequence[EntityMatch], cues: Cues, ranking: frozenset[str]
) -> set[int]:
    """Positions of each number (and its "nomor") that a superlative within the next three
    words makes a rank (gazetteer ranking_words), in a text with no entity and no cue at all:
    "Jakarta nomor 1 kota termacet". A zero-padded number stays a word ("01 termuda, 01
    pilihanku"), and any entity or cue leaves every number alone: an alias may hold a number
    ("Hendy 2 Periode"), and "coblos 1, yang terpopuler" is a ballot number."""
    if matches or any(cues) or ranking.isdisjoint(tokens):
        return set()
    out: set[int] = set()
    for i, t in enumerate(tokens):
        if t.isdigit() and t[0] != "0" and not ranking.isdisjoint(tokens[i + 1 : i + 4]):
            out.add(i)
            if i and tokens[i - 1] in RANKED_HEADS:
                out.add(i - 1)
    return out


def _model_tokens(
    norm: Normalized, matches: Sequence[EntityMatch], cues: Cues
) -> tuple[Sequence[str], list[int]]:
    """The tokens the content model reads, and the positions of the name placeholders in them:
    the word tokens with each matched entity masked (_mask), then each kab/kota name as
    PLACE_TOKEN (gazetteer model_place_names) and a run of them as one ("Sleman, Bantul").
    A text's place says nothing of its side, but the training sets are about particular
    races, so a place would weigh as its race's talk does ("bantul" alone read partisan).
    Placing after the entities keeps an alias or slogan that holds a place name whole."""
    tokens, places = _mask(_word_tokens(norm, matches, cues), matches)
    names = load_gazetteer().model_place_names
    if names.isdisjoint(tokens):
        return tokens, places
    out: list[str] = []
    moved: dict[int, int] = {}  # old -> new position of each kept token
    for i, t in enumerate(tokens):
        if t in names:
            if out and out[-1] == PLACE_TOKEN:
                continue  # "Sleman, Bantul, Gunungkidul": one place mention
            t = PLACE_TOKEN
        moved[i] = len(out)
        out.append(t)
    return out, [moved[i] for i in places]


def _pseudo_features(
    norm: Normalized,
    matches: Sequence[EntityMatch],
    cues: Cues,
    named: set[str],
    races: dict[tuple[str, str], set[int]] | None = None,
) -> list[str]:
    """Hashtag and evidence pseudo-features (everything but the word features); `races`:
    multi_pair_races(matches) when the caller has it."""
    feats = ["#" + h.lstrip("#").lower() for h in norm.hashtags] if norm.hashtags else []
    context = _number_context(norm, matches, cues, named)
    if named:
        for kind in sorted(named):
            feats.append(_KIND_FEATURE.get(kind) or f"__ENT_{kind.upper()}__")
    # R1: numbers and hand signs count only inside an election context.
    if context and len(named) < len(matches) and any(m.kind == "ballot_number" for m in matches):
        feats.append("__BALLOT__")
    if context and norm.hand_numbers:
        feats.append("__HAND_SIGN__")
    original = norm.original
    if not original.isascii():
        chars = set(original)
        for name, group in (("POS", POS_EMOJI), ("NEG", NEG_EMOJI)):
            if not group.isdisjoint(chars):
                feats.append(f"__EMO_{name}__")
                if named:
                    feats.append(f"__EMO_{name}_ENT__")
    if any(cues):  # the groups, in _CUE_FEATURES order (the field order of Cues)
        for i, plain, with_ent in _CUE_FEATURES:
            if cues[i]:
                feats.append(plain)
                if named:
                    feats.append(with_ent)
    if len(matches) > 1 and (multi_pair_races(matches) if races is None else races):
        feats.append("__MULTI_PAIRS__")
    if not named and not context and not cues.political:
        feats.append("__NO_EVIDENCE__")
    return feats


# "pilih" is also everyday "choose": in "pilih 2 gratis 1" the verb of the push is the only
# support cue, and a push cannot be its own election context (R1).
EVERYDAY_SUPPORT = frozenset({"pilih", "pilih nomor", "memilih"})


# Support cues that are everyday words first ("gas kuy", "sikat habis", "all in gorengan", and
# "coblos", the act of voting itself, not a side):
# alone, with nothing political named, they are not R3's evidence of side-taking.
WEAK_SUPPORT = EVERYDAY_SUPPORT | {"gas", "sikat", "all in", "coblos"}


def _support_context(support: tuple[str, ...]) -> bool:
    """A support cue that gives election context: any but the everyday verb "pilih"."""
    return bool(support) and not EVERYDAY_SUPPORT.issuperset(support)


def _named_kinds(matches: Sequence[EntityMatch]) -> set[str]:
    if not matches:
        return set()
    return {m.kind for m in matches if m.kind != "ballot_number"}


def extract_features(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> list[str]:
    """Model features of one text: masked uni/bigrams, stance windows, evidence pseudo-features.

    ContentClassifier scores the same features without building them (model.scores_masked);
    this list form is for training and explanations."""
    cues = _support_read(norm, matches, cues)  # as decide() reads them
    tokens, places = _model_tokens(norm, matches, cues)
    feats = [t for t in tokens if t != PLACE_TOKEN]
    feats.extend(a + " " + b for a, b in zip(tokens, tokens[1:], strict=False))
    n = len(tokens)
    for i in places:
        t = tokens[i]
        for j in range(max(0, i - WINDOW), min(n, i + WINDOW + 1)):
            w = tokens[j]
            if w[0] != "<":
                feats.append(t + "~" + w)
    feats.extend(_pseudo_features(norm, matches, cues, _named_kinds(matches)))
    return feats


UNLISTED_RACE = ("", "unlisted")  # multi_pair_races: the race of pairs no registry lists


def multi_pair_races(matches: Sequence[EntityMatch]) -> dict[tuple[str, str], set[int]]:
    """Races in which two or more different pairs are named, with the numbers named. As in
    _targets, a bare number counts only in races named by name when any is: in "01 Anies-
    Muhaimin, 02 Prabowo-Gibran, 03 Ganjar-Mahfud" the 02 and 03 of other races are not meant."""
    by_race: dict[tuple[str, str], set[int]] = {}
    numbers: list[EntityMatch] = []
    unlisted: set[str] = set()
    for m in matches:
        p = m.pair
        if p is not None and m.kind in PAIR_KINDS:
            if m.kind == "ballot_number":
                numbers.append(m)
            else:
                by_race.setdefault((p.region_code, p.election), set()).add(p.number)
        elif p is None and m.kind == "alias" and "-" in m.name:
            unlisted.add(m.name)
    if len(unlisted) >= 2:
        # pairs no registry lists ("Survei: Haru-Dhani 18%, Farhan-Erwin 38%"; unregistered.py
        # names them "A-B"): one race of unknown size, as many pairs as names. Pair-less
        # candidates from the gazetteer do not count: a candidate and a running mate named
        # apart ("Cak Eri karo Cak Ji") are one pair.
        by_race[UNLISTED_RACE] = set(range(1, len(unlisted) + 1))
    named = set(by_race)
    for m in numbers:
        p = m.pair
        assert p is not None
        race = (p.region_code, p.election)
        if not named or race in named:
            by_race.setdefault(race, set()).add(p.number)
    return {race: nums for race, nums in by_race.items() if len(nums) >= 2}


_EVIDENCE: dict[int, tuple[EntityMatch, str]] = {}


def _match_evidence(m: EntityMatch) -> str:
    """Evidence line of one match, memoised by identity (matches are long-lived objects)."""
    hit = _EVIDENCE.get(id(m))
    if hit is not None and hit[0] is m:
        return hit[1]
    label = _KIND_LABEL.get(m.kind, m.kind)
    if m.kind == "ballot_number":
        line = f'{label}: "{m.surface}"'
    else:
        name = m.pair.candidate if m.pair is not None and m.kind != "slogan" else m.name
        line = f'{label}: {name} ("{m.surface}")' if name else f'{label}: "{m.surface}"'
    if len(_EVIDENCE) > 20_000:
        _EVIDENCE.clear()
    _EVIDENCE[id(m)] = (m, line)  # holding m keeps its id from being reused
    return line


def evidence_strings(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> list[str]:
    """Short human-readable evidence: matched entities and cue words, first seen first."""
    out = [_match_evidence(m) for m in matches]
    for label, hits in (
        ("ajakan memilih", cues.support),
        ("serangan", cues.attack),
        ("isu sipil", cues.civic),
        ("konteks pemilihan", cues.election),
    ):
        if hits:
            out.extend(f'{label}: "{hit}"' for hit in hits)
    if norm.hand_numbers:
        out.append("simbol jari: " + ", ".join(str(n) for n in norm.hand_numbers))
        if _winks(norm.tokens):
            out.append('kode: simbol jari disertai kedipan ("tau kan maksudnya" dan sejenisnya)')
    return list(dict.fromkeys(out))[:12]


MOBILISING_VERBS = frozenset({"coblos", "pilih", "memilih", "menangkan", "memenangkan", "vote"})


def _ballot_push(matches: Sequence[EntityMatch]) -> bool:
    """An explicit call to vote a ballot number ("coblos no 2")."""
    return any(
        m.kind == "ballot_number" and m.surface.split()[0] in MOBILISING_VERBS for m in matches
    )


def _name_push(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """A call to vote a named candidate: a vote verb right before the name, opening the text,
    after a word of urging ("ayo coblos Hendy!", "yuk kita menangkan Luthfi-Yasin", "ayo
    dukung Andika") or opening a sentence or clause ("... lancar. Pilih Ahmad Luthfi!",
    "Warga Jateng, coblos Andika!"), as "coblos no 2" is for a number. Not a headline's verb
    ("Golkar resmi dukung RK-Suswono", "mayoritas warga pilih Andika", "ASN wajib dukung ...
    dilaporkan"), nor a quoted banner ("spanduk bertuliskan 'Pilih Andika'")."""
    toks = norm.tokens
    if NAME_PUSH_VERBS.isdisjoint(toks):
        return False
    named = {m.surface.split()[0] for m in matches if m.kind in _PUSHED_KINDS}
    marks: list[int] | None = None
    for i, t in enumerate(toks[:-1]):
        if t not in NAME_PUSH_VERBS or toks[i + 1] not in named:
            continue
        lead = toks[i - 2] if i >= 2 and toks[i - 1] in ("kita", "kami") else _before(toks, i)
        urged = lead in (SUPPORT_URGING_WORDS if t == "dukung" else URGING_WORDS)
        if urged or (i == 0 and t != "dukung"):
            if marks is None:
                marks = _quote_marks(norm.original)
            if not _quoted_verb(norm.original, t, marks):
                return True
    return _clause_opening_push(norm.original, named)


def _before(toks: Sequence[str], i: int) -> str:
    return toks[i - 1] if i else ""


_PUSHED_KINDS = frozenset({"candidate", "running_mate", "alias", "slogan"})
# vote verbs in the imperative ("dukung" only after a call: it is a headline's verb too)
NAME_PUSH_VERBS = frozenset({"coblos", "pilih", "pilihlah", "menangkan", "vote", "dukung"})
SUPPORT_URGING_WORDS = frozenset({"ayo", "ayok", "yuk", "yok", "kuy", "mari", "lupa"})
URGING_WORDS = SUPPORT_URGING_WORDS | {
    "wajib", "harus", "pokoknya", "pokoke", "fix", "tetap", "tetep", "kudu", "sing",
    # ... or the day to do it: "besok 27 November coblos Andika"
    "besok", "lusa", "nanti", "november", "nov", "desember",
}  # fmt: skip
# a vote verb opening a sentence or a clause, and the word after it
_CLAUSE_OPENING_VOTE = re.compile(
    r"(?i)(?:^|[.!?\n,:;])\s*(?:coblos|nyoblos|pilih|pilihlah|menangkan|vote)\s+([^\s,.!?]+)"
)
# quotation marks (an apostrophe inside a word, "do'a", or before a digit, "'24", is none)
_QUOTE_MARK = re.compile(
    r"[\"\u201c\u201d]|(?<!\w)['\u2018\u2019](?!\d)|(?<=\w)['\u2018\u2019](?!\w)"
)


def _quote_marks(original: str) -> list[int]:
    return [m.start() for m in _QUOTE_MARK.finditer(original)]


def _quoted_verb(original: str, verb: str, marks: list[int]) -> bool:
    """Every use of `verb` as a word in the text is inside a quotation."""
    if len(marks) < 2:
        return False
    uses = [m.start() for m in re.finditer(rf"(?i)\b{re.escape(verb)}\b", original)]
    return bool(uses) and all(_inside(marks, at) for at in uses)


def _inside(marks: list[int], at: int) -> bool:
    """An odd number of quotation marks before position `at`."""
    return bisect_left(marks, at) % 2 == 1


def _clause_opening_push(original: str, named: set[str]) -> bool:
    marks: list[int] | None = None
    for found in _CLAUSE_OPENING_VOTE.finditer(original):
        name = normalize(found.group(1)).tokens
        if name and name[0] in named:
            if marks is None:
                marks = _quote_marks(original)
            if not _inside(marks, found.start(1)):
                return True
    return False


def _at(toks: Sequence[str], i: int) -> str:
    return toks[i] if i < len(toks) else ""


# "silakan coblos nomor 1 atau 2 sesuai hati nurani" permits, it does not urge
PERMISSION_WORDS = frozenset(
    {"boleh", "silakan", "silahkan", "terserah", "bebas", "dipersilakan", "dipersilahkan"}
)


def _one_number_urged(norm: Normalized) -> bool:
    """A vote verb before one number, neither permitted ("boleh coblos nomor 1") nor one of a
    list ("nomor 1, 2 atau 3"): a side, whatever even-handed words stand around it."""
    toks = norm.tokens
    for i, t in enumerate(toks):
        if t not in MOBILISING_VERBS:
            continue
        j = i + 1
        while j < len(toks) and toks[j] in NUMBER_LEADS:
            j += 1
        if j >= len(toks) or not toks[j].isdigit():
            continue
        if not PERMISSION_WORDS.isdisjoint(toks[max(0, i - 2) : i]):
            continue
        if _another_number(toks, j + 1):
            continue  # "nomor 1, 2 atau 3": the choices, not one of them
        return True
    return False


NUMBER_LEADS = frozenset({"nomor", "no", "urut", "paslon", "jari", "yang", "yg"})
MONTHS = frozenset(
    {"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
     "oktober", "november", "desember", "nov", "des"}
)  # fmt: skip


def _another_number(toks: Sequence[str], k: int) -> bool:
    """Another ballot number from toks[k]: "2", "atau 2", "dan 3" (not a date, "27 November")."""
    if k < len(toks) and toks[k] in ("atau", "dan"):
        k += 1
    return k < len(toks) and toks[k].isdigit() and _at(toks, k + 1) not in MONTHS


def _strong_push(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> bool:
    """R5's ballot-push, name-push, pronoun-push, party-push or named-attack clause (not the
    support-cue clause)."""
    return (
        _ballot_push(matches)
        or _name_push(norm, matches)
        or _pronoun_push(cues)
        or (bool(cues.attack) and any(m.kind in NAMED_KINDS for m in matches))
        or _party_push(norm, matches)
        or not ASKS.isdisjoint(cues.support)
        or _empty_box_push(norm)
        or (not CHEERS.isdisjoint(cues.support) and not _reported_plain(norm))
        or _vote_against(norm, matches, cues)
    )


# A call not to vote for someone (cues.yaml "attack"): mobilisation against a side, named or
# not ("yang mukanya nempel di beras bansos itu jangan dipilih"; bench guideline, "partisan":
# "whether or not a name is used"). In the hand-written training rows 113 of 132 such calls
# are partisan; the rest are advice on how to choose ("jangan pilih karena amplop", below),
# vote-buying warnings (R11 keeps those civic) and private life.
VOTE_AGAINST = frozenset(
    {"jangan pilih", "jangan coblos", "jangan dipilih", "ojo pilih", "ojo milih", "ulah milih",
     "ulah dipilih", "jan piliah", "jangan sampai menang", "jangan sampai terpilih",
     "ora usah milih", "gak usah dipilih", "jangan kasih kesempatan"}
    # "jangan coblos 2 kali ini": not pair 2 this time (cues.yaml)
    | {f"jangan coblos {n} kali {this}" for n in range(1, 6) for this in ("ini", "iki", "ni")}
)  # fmt: skip


# "jangan pilih karena amplop" is advice on how to choose, not a call against a side.
_VOTE_VERBS = frozenset({"pilih", "dipilih", "milih", "coblos", "piliah"})
_BECAUSE = frozenset({"karena", "gara", "mergo", "sebab", "hanya", "cuma", "cuman", "mung"})


def _vote_against(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> bool:
    """R5: a call not to vote for someone, in a text about politics (a name or a political,
    election or civic word: "jangan pilih yg itu lagi" about an ex is not)."""
    if VOTE_AGAINST.isdisjoint(cues.attack) or cues.even:
        return False
    if not (matches or cues.political or cues.election or cues.civic):
        return False
    toks = norm.tokens
    return not any(
        t in _VOTE_VERBS
        and (
            toks[i + 1] in _BECAUSE
            # "jangan coblos dua kolom": how to vote, not whom
            or (toks[i + 1].isdigit() and _at(toks, i + 2) in COUNTED_AFTER_A_VOTE)
        )
        for i, t in enumerate(toks[:-1])
    )


# Cheering a victory or claiming a candidate as one's own ("RIDO pasti menang", "gubernurku"):
# a fan's voice, not news of an endorsement, so R5_KEEP_CIVIC does not apply (unless the text
# is a news report, see REPORTING_WORDS).
CHEERS = frozenset(
    {"pasti menang", "auto menang", "menang 1 putaran", "1 putaran", "menang telak", "wajib menang",
     "kudu menang", "kudu meunang", "kedah meunang", "semoga menang", "pasti jadi", "harus jadi",
     "presidenku", "gubernurku", "bupatiku", "walikotaku", "calonku", "capresku", "cagubku",
     "wapresku", "jagoanku", "pilihanku", "paslon kita", "calon kita", "jagoan kita",
     "paslon kami", "calon kami", "kemenangan di depan mata", "menang di depan mata",
     "2 periode di depan mata", "kemenangan sudah di depan mata", "menang sudah di depan mata",
     "2 periode sudah di depan mata", "dukungan tidak terbendung"}
)  # fmt: skip


def _slogan_hashtag(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """A campaign slogan written as a hashtag ("#AMINajaDulu", "#SatSet"): campaigning, as
    hashtags are how a slogan is spread."""
    if not norm.hashtags:
        return False
    slogans = [m.surface for m in matches if m.kind == "slogan"]
    if not slogans:
        return False
    tags = [_tag_words(tag) for tag in norm.hashtags]
    # a one-word slogan must be the whole hashtag: "#Perubahan", not "#TokohPerubahan"
    return any(
        words == slogan or (" " in slogan and f" {slogan} " in f" {words} ")
        for slogan in slogans
        for words in tags
    )


@lru_cache(maxsize=4096)
def _tag_words(tag: str) -> str:
    """A hashtag body as normalised words ("aminajadulu" -> "amin saja dulu")."""
    return " ".join(normalize(" ".join(segment(tag))).tokens)


def _empty_box_push(norm: Normalized) -> bool:
    """ "Coblos kotak kosong", "mending kotak kosong", "kotak kosong aja": campaigning for the
    empty box against a single pair is taking a side (bench guideline: kotak-kosong campaigning
    is partisan). News and explanations ("kotak kosong menang", "lawan kotak kosong") are not."""
    toks = norm.tokens
    if "kosong" not in toks:
        return False
    n = len(toks)
    for i in range(n - 1):
        if toks[i + 1] != "kosong" or toks[i] not in ("kotak", "kolom"):
            continue
        after = toks[i + 2] if i + 2 < n else ""
        if after not in PREFERENCE_PARTICLES and not BALLOT_RULE_WORDS.isdisjoint(toks):
            # "mencoblos kolom kosong itu sah", "sah kok mencoblos kotak kosong", "mengajak
            # memilih kolom kosong ... diperbolehkan" explain the ballot or the campaign rules:
            # the model decides ("coblos kotak kosong aja, itu legal" still pushes)
            continue
        if (
            (i > 0 and toks[i - 1] in EMPTY_BOX_PUSH_BEFORE)
            or after in PREFERENCE_PARTICLES
            or (after == "lebih" and i + 3 < n and toks[i + 3] in PREFERENCE_ADJECTIVES)
        ):
            return True
    return False


# Words of a rule about the empty column (its vote is valid, campaigning for it is allowed or
# forbidden): what the text says is the rule, not a push. "boleh" is left out: "coblos kotak
# kosong aja, boleh kok" pushes.
BALLOT_RULE_WORDS = frozenset(
    {"sah", "diperbolehkan", "dibolehkan", "diizinkan", "dilarang", "legal", "konstitusional"}
)


# Words that make "kotak kosong" a push: a vote verb or a preference before it ("mending kotak
# kosong"), a "just that one" particle after it ("kotak kosong aja"), or a judgement in its
# favour ("kotak kosong lebih jujur"). In the training rows the forms added to "coblos kotak
# kosong" match 8 texts, all partisan.
EMPTY_BOX_PUSH_BEFORE = MOBILISING_VERBS | {
    "dukung", "mendukung", "menangin", "pilihlah", "coblosen", "mending", "mendingan",
}  # fmt: skip
PREFERENCE_PARTICLES = frozenset({"saja", "aja", "aje", "wae", "bae", "ae", "lah", "wes"})
PREFERENCE_ADJECTIVES = frozenset({"baik", "jujur", "bagus", "terhormat", "bermartabat", "mending"})


# A candidate's own ask for support (cues.yaml): "mohon doa dan dukungannya", "kulo nyuwun
# dukungan". An ask is campaigning, not news of an endorsement, so R5_KEEP_CIVIC does not apply.
ASKS = frozenset(
    {"mohon doa dan dukungan", "mohon dukungannya", "minta dukungannya", "nyuwun dukungan",
     "nyuwun donga lan dukungan", "nyuhunkeun dukungan"}
)  # fmt: skip


def _party_push(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """ "Coblos PKB", "pilih partainya": a vote verb right before a named party or "partainya"."""
    parties = {m.surface.split()[0] for m in matches if m.kind == "party"}
    if not parties:
        return False
    toks = norm.tokens
    return any(
        toks[i] in MOBILISING_VERBS and (toks[i + 1] in parties or toks[i + 1] == "partainya")
        for i in range(len(toks) - 1)
    )


# "coblos dia", "pilih beliau", "menangkan mereka" (cues.yaml): a push whose candidate was named
# before or is in the picture. Only in an election text: "pilih dia jadi ketua kelas" is not.
PRONOUN_PUSHES = frozenset(
    f"{verb} {who}"
    for verb in ("coblos", "pilih", "dukung", "menangkan")
    for who in ("dia", "beliau", "mereka", "doi", "yang ini")
)


def _pronoun_push(cues: Cues) -> bool:
    return bool(cues.support and cues.election) and not PRONOUN_PUSHES.isdisjoint(cues.support)


def _bare_ballot(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> bool:
    """R5 exception: a "pilih/coblos <number>" that is the text's ONLY political evidence (no
    name, no election/political/civic/attack cue, no hand sign), as in "pilih 2 gratis 1"."""
    return (
        R5_BARE_BALLOT
        and not _named_kinds(matches)
        and not (cues.election or cues.political or cues.civic or cues.attack)
        and not norm.hand_numbers
    )


def _names_any(matches: Sequence[EntityMatch]) -> bool:
    """R6 evidence: a party, figure, alias or slogan is named. A lone candidate or running-mate
    name is not enough ("Gibran anak bu kos"): those names are also ordinary given names
    (this variant was better on the held-out split). Nor is a historical figure ("makam Gus
    Dur", "museum Bung Karno"): their names label places and films as often as politics."""
    return any(
        m.kind not in _PERSON_ONLY and not (m.kind == "figure" and m.name in _historical())
        for m in matches
    )


PARTY_LIST_MIN = 3


# R2 for parties: a list of parties judged ("kompak", "salut", "solid pisan ... 💪") cheers a
# coalition; a plain list ("delapan partai yang lolos ke Senayan") is news.
# Cheers: a party list judged as one side, a registration cheered rather than reported (R13)
CHEERING_WORDS = frozenset(
    {"salut", "solid", "kompak", "mantap", "mantab", "hebat", "keren", "bangga", "menyala",
     "lanjutkan"}
)  # fmt: skip
CHEERING_EMOJI = frozenset("\U0001f4aa\U0001f525\U0001f4af\U0001f44f\u270a")  # 💪🔥💯👏✊
SCORNING_WORDS = frozenset({"rakus", "busuk", "munafik", "payah", "muak", "bobrok"})
# ... but all of them judged alike is even-handed: "PDIP, Golkar, Gerindra, semuanya sama
# aja", "... PKB semuanya payah"; "semua solid!" still cheers them
ALL_OF_THEM = frozenset({"semua", "semuanya", "kabeh", "sadayana"})
ALIKE = frozenset({("sama", "aja"), ("sama", "saja"), ("podo", "wae"), ("sami", "mawon")})


# "KPU lanjutkan rekapitulasi": an election body carries on with a stage, which is neither a
# call to vote nor a cheer. Read on the raw text, because cue phrases are matched on tokens
# across punctuation ("ditetapkan KPU, lanjutkan! Tahapan berikutnya ..." cheers).
_STAGE_CARRIED_ON_RE = re.compile(
    r"(?<!\w)(?:kpud?|kip|bawaslu|panwaslu|ppk|pps|kpps|pleno)(?:\s+[^\W\d_]+)?"  # "KPU DKI"
    r"\s+(?:me)?lanjut(?:ka+n+|i+n+|kn)\s+"
    r"(?:rekapitulasi|rekap|penghitungan|perhitungan|pemeriksaan|sidang|pleno|tahapan|pemungutan|"
    r"pencoblosan|pemutakhiran|pencocokan|coklit|verifikasi|distribusi|pendistribusian|"
    r"pelipatan|sortir|penyortiran)(?!\w)",
    re.IGNORECASE,
)


def _stage_carried_on(norm: Normalized) -> bool:
    """Every "lanjutkan" of the text is an election body carrying on with a stage (one more
    "lanjutkan" elsewhere, as in "... Golkar, PAN: lanjutkan!", still cheers)."""
    n = norm.tokens.count("lanjutkan")
    return 0 < n <= len(_STAGE_CARRIED_ON_RE.findall(norm.original))


def _support_read(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> Cues:
    """The cues without support that is none: a candidate's own vote ("Pak Luthfi nyoblos di
    TPS 5") and an election body carrying on with a stage ("KPU lanjutkan rekapitulasi")."""
    support = cues.support
    if not support:
        return cues
    if VOTING_ACTS.issuperset(support) and _candidate_votes(norm, matches):
        return cues._replace(support=())
    if "lanjutkan" in support and _stage_carried_on(norm):
        return cues._replace(support=tuple(s for s in support if s != "lanjutkan"))
    return cues


def _cheering_words(norm: Normalized) -> bool:
    """A cheering word, but not the "lanjutkan" of a stage carried on ("KPU lanjutkan
    rekapitulasi, saksi PDIP, Golkar, Gerindra hadir" reports)."""
    cheers = CHEERING_WORDS.intersection(norm.tokens)
    if cheers == {"lanjutkan"} and _stage_carried_on(norm):
        return False
    return bool(cheers)


def _judged(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """A list of parties judged as one side: cheered ("kompak", "salut", 💪) or scorned as a
    coalition ("rakus jabatan, muak!"), not all judged alike."""
    toks = norm.tokens
    if not ALIKE.isdisjoint(zip(toks, toks[1:], strict=False)):
        return False
    original = norm.original
    if _cheering_words(norm) or (
        not original.isascii() and not CHEERING_EMOJI.isdisjoint(original)
    ):
        return True
    return _scorned_coalition(norm, matches)


# Scorn counts right after a coalition's parties, across intensifiers ("... PAN itu memang
# sangat rakus jabatan", "PAN isinya orang rakus jabatan") and at most SCORN_GAP other words
# ("PAN pada dasarnya rakus"; not "PAN berantas birokrasi bobrok")
SCORN_GAP = 1
SCORN_FILLERS = frozenset(
    {"itu", "ini", "tuh", "memang", "emang", "sangat", "sungguh", "terlalu", "makin", "semakin",
     "udah", "sudah", "jelas", "pada", "sama", "dan", "juga", "benar", "bener", "betul", "amat",
     "paling", "begitu", "banget", "kok", "ternyata", "isinya", "orang", "para", "kumpulan",
     "sarang"}
)  # fmt: skip
# ... unless the scorn is reported or denied ("membantah tudingan rakus jabatan", "..., ujar
# pengamat", "kata Bawaslu"; "menurut saya" is an opinion, "berita ini bikin muak" a reaction)
DENIAL_WORDS = frozenset(
    {"tudingan", "tuduhan", "menilai", "dinilai", "membantah", "bantah", "kata", "ujarnya"}
)
NOT_A_REPORT = frozenset({"berita"})
# "susah payah", "jerih payah": effort; "muak dengan politik uang": the coalition is fed up
EFFORT_BEFORE_PAYAH = frozenset({"susah", "bersusah", "jerih", "berjerih"})
FED_UP_WITH = frozenset({"dengan", "sama", "ama", "terhadap", "dg", "dgn"})
# "koalisi A vs koalisi B: keduanya busuk" judges both sides alike
BOTH_SIDES = frozenset({"keduanya", "duaduanya", "dua-duanya"})


def _party_ends(toks: Sequence[str], matches: Sequence[EntityMatch]) -> list[int]:
    """The index of the last token of each party name as written ("PAN", "partai kebangkitan
    bangsa"), so that the generic words of a long name ("bangsa") elsewhere do not count."""
    ends = {
        start + len(form) - 1
        for form in {tuple(m.surface.split()) for m in matches if m.kind == "party"}
        for start in phrase_starts(toks, form)
    }
    return sorted(ends)


def _scorned_coalition(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """Scorn of a coalition named as one, right after its parties ("Koalisi Golkar, Gerindra,
    PAN rakus jabatan, muak!", "Golkar, Gerindra, PAN ini koalisi busuk"); not of parties in
    general ("partai-partai sekarang rakus"), nor all or both judged alike, nor scorn of
    something else ("berjanji membenahi birokrasi yang bobrok", "susah payah", "muak dengan
    politik uang"), nor a report or denial of it ("..., ujar pengamat")."""
    toks = norm.tokens
    if toks.count("koalisi") != 1 or SCORNING_WORDS.isdisjoint(toks):
        return False
    if not ALL_OF_THEM.isdisjoint(toks) or not BOTH_SIDES.isdisjoint(toks):
        return False
    if not ALIKE.isdisjoint(zip(toks, toks[1:], strict=False)):
        return False
    if any(
        (t in DENIAL_WORDS or (t in REPORTING_WORDS and t not in NOT_A_REPORT))
        and not (t == "menurut" and _at(toks, i + 1) in FIRST_PERSON)
        for i, t in enumerate(toks)
    ):
        return False
    coalition = toks.index("koalisi")
    for end in _party_ends(toks, matches):
        if coalition > end + 3:
            continue  # the coalition is named before its parties or just after them
        if _scorn_follows(toks, end):
            return True
    return False


def _scorn_follows(toks: Sequence[str], end: int) -> bool:
    """A scorn word after toks[end] with only intensifiers and SCORN_GAP other words between."""
    others = 0
    for i in range(end + 1, len(toks)):
        t = toks[i]
        if t in SCORNING_WORDS:
            effort = t == "payah" and toks[i - 1] in EFFORT_BEFORE_PAYAH
            fed_up = t == "muak" and _at(toks, i + 1) in FED_UP_WITH
            if not (effort or fed_up):
                return True
        if t not in SCORN_FILLERS and t != "koalisi":
            others += 1
            if others > SCORN_GAP:
                return False
    return False


def _party_list(matches: Sequence[EntityMatch]) -> bool:
    """R2 for parties: PARTY_LIST_MIN or more parties and nothing else named ("Gerindra, PDIP,
    Golkar, PKB ... lolos ke Senayan"): a list of parties takes no side without a push."""
    parties = {m.name for m in matches if m.kind == "party"}
    return len(parties) >= PARTY_LIST_MIN and all(m.kind == "party" for m in matches)


def _no_evidence(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> bool:
    """R3: nothing matched, or only numbers outside an election context (R1: "vote number 2
    for best dancer tonight")."""
    if not matches:
        return True
    return all(m.kind == "ballot_number" for m in matches) and not _number_context(
        norm, matches, cues, set()
    )


def _pair_programme(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """A ballot number in a text that talks of a pair's programme, slogan or debate ("visi misi
    nomor 1"): a campaign_topic_words word anywhere in it, not necessarily next to the number."""
    return any(m.kind == "ballot_number" for m in matches) and not (
        load_gazetteer().campaign_topic_words.isdisjoint(norm.tokens)
    )


def _names_party(matches: Sequence[EntityMatch]) -> bool:
    """R12: a party is named by a form that is a party's name only (not "garuda", "pan")."""
    return any(m.kind == "party" and m.surface not in _ambiguous_parties() for m in matches)


PARTY_WORDS = frozenset({"partai", "parpol", "koalisi"})


def _figures_only(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> bool:
    """R9: only politicians who run in no current race are named ("Sri Mulyani naikin pajak
    lagi", "Jokowi pulang ke Solo"), with no election or support cue and no hand sign."""
    if not matches or cues.support or norm.hand_numbers:
        return False
    if cues.election and not PARTY_WORDS.issuperset(cues.election):
        return False  # "tiap ultah partai" is party news (guideline borderline 4), not a vote
    running = _running_figures()
    titled = not TITLE_WORDS.isdisjoint(norm.tokens)
    return all(
        (m.kind == "figure" and m.name not in running) or (titled and _sitting_official(m, norm))
        for m in matches
    )


# "Presiden Prabowo", "Wapres Gibran": the winners of the 2024 national race named by their office
# are officeholders (guideline borderline 2: "makasih Pak Presiden" is civic). A loser's "Presiden
# Anies" is a campaign wish, so only gazetteer figures who are both 2024 candidates and
# (vice-)presidents count.
OFFICE_TITLES = ("presiden", "wapres", "wakil presiden", "pak presiden", "pak wapres")
TITLE_WORDS = frozenset(t.split()[-1] for t in OFFICE_TITLES)  # a text without one has no title


def _sitting_official(m: EntityMatch, norm: Normalized) -> bool:
    """R9: the sitting president or vice-president right after an office title."""
    if m.kind not in ("candidate", "running_mate") or m.name not in _officeholders():
        return False
    text = f" {norm.text} "
    for title in OFFICE_TITLES:
        needle = f" {title} {m.surface} "
        at = text.find(needle)
        while at != -1:
            if text[:at].rpartition(" ")[2] not in WISH_WORDS:
                return True
            at = text.find(needle, at + 1)
    return False


# "jadi presiden Prabowo", "calon presiden Prabowo": the office wished for, not held.
WISH_WORDS = frozenset(
    {"jadi", "menjadi", "calon", "bakal", "semoga", "untuk", "capres", "cawapres", "nyapres"}
)


@cache
def _officeholders() -> frozenset[str]:
    """Gazetteer figures who ran in 2024 and hold the (vice-)presidency."""
    return frozenset(
        f.name
        for f in load_gazetteer().figures
        if "candidate_2024" in f.roles and {"president", "vice_president"} & set(f.roles)
    )


SIMILE_WORDS = frozenset(
    {"kayak", "seperti", "macam", "mirip", "ibarat", "bagaikan", "bak", "layaknya"}
)
# R19: the names of state elections.
ELECTION_NAMES = frozenset(
    {"pilkada", "pilpres", "pemilu", "pilgub", "pilbup", "pilwalkot", "pilwako", "pileg",
     "pemilukada"}
)  # fmt: skip
DENIALS = frozenset({"bukan", "bukannya", "dudu", "sanes", "lain"})


def _side_number(m: EntityMatch, norm: Normalized) -> bool:
    """A pair's ballot number that takes a side in even-handed words: written out, or a hand
    sign winked at ("✌️ tau kan maksudnya"), not a ✌️ of peace."""
    if m.kind != "ballot_number" or m.pair is None:
        return False
    return not m.surface.startswith("jari") or _gazetteer_forms("wink_forms").found_in(norm.tokens)


# "cuma satu", "mung siji", "hanya 1": of all the candidates, one is set apart (R4 yields)
ONLY_WORDS = frozenset({"cuma", "cuman", "hanya", "mung", "mek", "ngan"})
ONE_WORDS = frozenset({"1", "siji", "hiji"})


def _singles_one_out(tokens: Sequence[str]) -> bool:
    return any(t in ONLY_WORDS and tokens[i + 1] in ONE_WORDS for i, t in enumerate(tokens[:-1]))


def _names_an_election(norm: Normalized) -> bool:
    """R19: an election named as such, not in a comparison ("kayak pilkada") and not denied
    right after ("pilkada? bukan, ...")."""
    toks = norm.tokens
    if ELECTION_NAMES.isdisjoint(toks):
        return False
    return any(
        t in ELECTION_NAMES
        and not (i and toks[i - 1] in SIMILE_WORDS)
        and DENIALS.isdisjoint(toks[i + 1 : i + 3])
        for i, t in enumerate(toks)
    )


def _other_contest(
    norm: Normalized, matches: Sequence[EntityMatch], tokens: Sequence[str] | None = None
) -> bool:
    """R10: a vote or contest that is not a state election ("pilih paslon 2 ketua OSIS"), or a
    sport or music scene without a ballot number ("dukung timnas", "salam tiga jari buat
    metalhead"): no candidate, unambiguous party or figure is named and no state-election word
    is used (gazetteer.yaml: other_contest_words, other_scene_words, state_election_words)."""
    contest, scene, state = _contest_forms()
    if tokens is None:
        tokens = norm.tokens
    if not SIMILE_WORDS.isdisjoint(tokens):
        # "kayak lomba pidato anak SD": a contest in a comparison is not the text's topic
        tokens = [t for i, t in enumerate(tokens) if not (i and tokens[i - 1] in SIMILE_WORDS)]
    if not contest.found_in(tokens) and not (
        scene.found_in(tokens) and not any(m.kind == "ballot_number" for m in matches)
    ):
        return False
    if state.found_in(tokens):
        return False
    # an unregistered pair in such a vote is its own pair ("paslon 2 ketua OSIS, Rara-Dimas")
    return not any(
        m.kind in NAMED_KINDS
        and not (m.kind == "party" and m.surface in _ambiguous_parties())
        and not (m.kind == "alias" and m.pair is None)
        for m in matches
    )


@cache
def _contest_triggers() -> frozenset[str]:
    """First words of every other-contest and other-scene form: R10's cheap pre-check."""
    contest, scene, _state = _contest_forms()
    return contest.firsts | scene.firsts


def _contest_forms() -> tuple[PhraseIndex, PhraseIndex, PhraseIndex]:
    """The other-contest, other-scene and state-election forms of the gazetteer."""
    return (
        _gazetteer_forms("other_contest_forms"),
        _gazetteer_forms("other_scene_forms"),
        _gazetteer_forms("state_election_forms"),
    )


# R11: a warning against vote buying ("ulah daék dibéré duit ku tim sukses", "nerima amplop
# bisa kena pidana") attacks the practice, not a candidate. A named pair, party or ballot number
# makes it an offer or an accusation, which stays with the other rules.
WARNING_WORDS = frozenset(
    {"tolak", "tolaklah", "jangan", "ulah", "ojo", "ojok", "pidana", "dipidana", "haram",
     "dilarang", "larangan", "laporkan", "lapor", "melanggar", "pelanggaran", "tegas"}
)  # fmt: skip

# ... but "petahana bagi-bagi bansos, jangan pilih" or "jangan dipilih, itu beras negara bukan
# dari kantong dia" points at a candidate without a name.
TARGET_WORDS = frozenset(
    {"petahana", "incumbent", "mantan", "kubu", "timses", "dia", "beliau", "doi"}
)


def _money_warning(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> bool:
    """R11: a warning against vote buying that names no pair, party or number (nor points at
    someone: "yang fotonya di karung bansos itu jangan dipilih" is a call against a side, and
    "calon kami gak pernah bagi amplop ... pilih yg ini" is a campaign's own voice)."""
    toks = norm.tokens
    if MONEY_WORDS.isdisjoint(toks) or WARNING_WORDS.isdisjoint(toks) or norm.hand_numbers:
        return False
    return (
        not matches
        and TARGET_WORDS.isdisjoint(toks)
        and POINTED_VOTE_AGAINST.isdisjoint(cues.attack)
        and not _pronoun_push(cues)
        and CHEERS.isdisjoint(cues.support)
    )


# "X jangan dipilih": the passive has a subject, someone in particular.
POINTED_VOTE_AGAINST = frozenset({"jangan dipilih", "gak usah dipilih", "ulah dipilih"})


@cache
def _running_figures() -> frozenset[str]:
    """Gazetteer figures who are candidates in a 2024 race (role `candidate_2024`)."""
    return frozenset(f.name for f in load_gazetteer().figures if "candidate_2024" in f.roles)


@cache
def _historical() -> frozenset[str]:
    """Names of the gazetteer's historical figures (role `historical`)."""
    return frozenset(f.name for f in load_gazetteer().figures if "historical" in f.roles)


_PERSON_ONLY = frozenset({"ballot_number", "candidate", "running_mate"})


def _explicit_push(
    norm: Normalized,
    matches: Sequence[EntityMatch],
    cues: Cues,
    races: dict[tuple[str, str], set[int]],
) -> bool:
    """R5: an explicit call to vote a ballot number ("coblos no 2") or an attack cue aimed at
    a named candidate or party ("RK ... jangan mau ditipu") is partisan whatever the model
    says, unless the text names several pairs of one race (`races`: multi_pair_races(matches))
    or, but for a call to vote a number, is even-handed."""
    if races:
        return False
    if _ballot_push(matches) and _one_number_urged(norm):
        return True  # "beda pilihan tetap saudara, tapi coblos nomor 2 ya": even so, a side
    if cues.even:
        return False
    if _pronoun_push(cues) or _empty_box_push(norm) or _slogan_hashtag(norm, matches):
        return True
    if cues.attack and any(m.kind in NAMED_KINDS for m in matches):
        return True
    if _vote_against(norm, matches, cues):
        return True
    if _name_with_own_number(norm, matches):
        return True
    # Support cue aimed at a named candidate, slogan or unambiguous party ("saya dukung Ridwan
    # Kamil", "RIDO menang!"): partisan even if the model hesitates. Party names that are also
    # ordinary words ("dukung timnas garuda") do not count here.
    return bool(cues.support) and any(
        m.kind in NAMED_KINDS and not (m.kind == "party" and m.surface in _ambiguous_parties())
        for m in matches
    )


# The ballot-number draw and other official stages: "Wahid-SF dapat nomor urut 1" is news.
DRAW_WORDS = frozenset(
    {"kpu", "kpud", "kip", "undian", "pengundian", "diundi", "mengundi", "penetapan",
     "ditetapkan", "tetapkan", "menetapkan", "pleno"}
)  # fmt: skip
# ... and so is a pair that "gets" its number; elsewhere "dapat" is "can" ("pasti dapat menang").
GETS_NUMBER = frozenset({"dapat", "mendapat", "mendapatkan", "memperoleh", "meraih"})


def _name_with_own_number(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """R5: one pair named together with its own ballot number ("Wahid-SF nomor 1, Bersama
    Membangun Riau!"), as campaign material is written, and no other pair named; not news of
    the number draw or another official stage (DRAW_WORDS, GETS_NUMBER)."""
    named = {id(m.pair): m.pair for m in matches if m.pair is not None and m.kind in NAMED_KINDS}
    if len(named) != 1:
        return False
    pair = next(iter(named.values()))
    if not any(m.kind == "ballot_number" and m.pair is pair for m in matches):
        return False
    toks = norm.tokens
    if not DRAW_WORDS.isdisjoint(toks):
        return False
    if any(t == "nomor" and i and toks[i - 1] in GETS_NUMBER for i, t in enumerate(toks)):
        return False
    return not _candidate_votes(norm, matches)


def _candidate_votes(norm: Normalized, matches: Sequence[EntityMatch]) -> bool:
    """A candidate named right before a voting verb casts their own vote, news of the day:
    "Calon wali kota nomor urut 3 Wartabone mencoblos bersama keluarga" (a push names the
    candidate after the verb: "coblos Wartabone")."""
    if VOTING_ACTS.isdisjoint(norm.tokens):
        return False
    toks = norm.tokens
    spans = candidate_spans(load_gazetteer(), norm, matches)
    return any(end < len(toks) and toks[end] in VOTING_ACTS for _start, end in spans)


@cache
def _ambiguous_parties() -> frozenset[str]:
    """Party forms that the gazetteer marks as needing context (garuda, pan, demokrat, …)."""
    return frozenset(
        " ".join(form) for party in load_gazetteer().parties for form in party.context_forms
    )


# R8: what a voter shows after voting. The inked index finger reads as the hand sign ☝️ (one),
# so "udah nyoblos ☝️ tinta ungu" would count as a vote for pair 1; with a having-voted cue and
# no other side-taking evidence it is the ink, not a ballot number (bench guideline item 7).
VOTED_CUES = frozenset(
    {"sudah coblos", "selesai coblos", "habis coblos", "barusan coblos", "sudah memilih",
     "sudah pilih", "wis coblos", "wes coblos", "geus coblos", "alah coblos", "tinta ungu",
     "tinta", "jari bertinta"}
)  # fmt: skip


VOTING_ACTS = frozenset({"coblos", "memilih"})  # support cues that are the act of voting


def _ink_finger(norm: Normalized, matches: Sequence[EntityMatch], cues: Cues) -> bool:
    """R8: a having-voted text whose only ballot evidence is ☝️ (see VOTED_CUES)."""
    if set(norm.hand_numbers) != {1} or VOTED_CUES.isdisjoint(cues.civic):
        return False
    if _gazetteer_forms("wink_forms").found_in(norm.tokens):
        return False  # "sudah nyoblos ☝️ tau kan maksudnya": the voting is the day's context
    # "coblos" is the voting itself ("selesai nyoblos ... biar gak ada yg nyoblos dua kali");
    # "gas", "all in" next to the ☝️ would cheer a number
    if not VOTING_ACTS.issuperset(cues.support) or cues.attack:
        return False
    return all(m.kind == "ballot_number" and m.surface.startswith("jari") for m in matches)


# R13: support cues that an official result states ("KPU tetapkan ... sebagai pasangan
# terpilih, satu putaran"), next to a result stage (tetapkan, pleno ...) and no call
RESULT_CUES = frozenset({"1 putaran", "menang 1 putaran"})
RESULT_STAGES = frozenset(
    {"tetapkan", "menetapkan", "ditetapkan", "penetapan", "rekapitulasi", "pleno"}
)
# a call or a hope makes it a cheer: "ayo satu putaran!", "targetnya menang satu putaran";
# "!" too ("... ditetapkan, menang satu putaran!!"). "Hasil pleno harus dihormati" is civic.
CALLS = frozenset(
    {"ayo", "yuk", "ayuk", "mari", "hayu", "hayuk", "yok", "ayok", "kawal", "pastikan",
     "target", "targetnya", "insyaallah"}
)  # fmt: skip


def _stated_result(norm: Normalized, cues: Cues) -> bool:
    toks = norm.tokens
    return (
        RESULT_CUES.issuperset(cues.support)
        and not RESULT_STAGES.isdisjoint(toks)
        and CALLS.isdisjoint(toks)
        and "!" not in norm.original
    )


# R13: who acts in an official stage, and the stages (word forms after normalize()).
ELECTION_BODIES = frozenset(
    {"kpu", "kpud", "bawaslu", "panwaslu", "panwascam", "mk", "dkpp", "ppk", "pps"}
)
STAGE_WORDS = frozenset(
    {"daftar", "mendaftar", "didaftarkan", "pendaftaran", "tetapkan", "menetapkan",
     "ditetapkan", "penetapan", "rekapitulasi", "pleno", "undian", "pengundian", "diundi",
     "verifikasi", "dilantik", "pelantikan", "sengketa", "gugatan", "putusan", "sidang"}
)  # fmt: skip


def _official_stage_news(norm: Normalized) -> bool:
    """R13: an election body and a stage, and nothing that takes a side by form (the caller
    checks the cues): no hashtag, hand sign or stance emoji."""
    toks = norm.tokens
    if ELECTION_BODIES.isdisjoint(toks) or STAGE_WORDS.isdisjoint(toks):
        return False
    if norm.hashtags or norm.hand_numbers:
        return False
    original = norm.original
    return original.isascii() or (POS_EMOJI.isdisjoint(original) and NEG_EMOJI.isdisjoint(original))


# Reporting verbs: "X menyebut lawannya pembohong" reports an attack, it does not make one,
# so R5's attack clause does not force partisan on such text (the model still decides).
REPORTING_WORDS = frozenset(
    {"menyebut", "mengatakan", "menyatakan", "menurut", "dilaporkan", "melaporkan", "ujar",
     "ungkap", "mengungkapkan", "menuding", "menuduh", "dituding", "laporan",
     "pengamat", "bawaslu", "wartawan", "berita", "menanggapi", "membantah", "dibantah"}
)  # fmt: skip


def _reported_plain(norm: Normalized) -> bool:
    """News-style wording (a reporting verb), whatever the cues: such text quotes a stance."""
    return not REPORTING_WORDS.isdisjoint(norm.tokens)


def _reported(norm: Normalized, cues: Cues) -> bool:
    """News-style report (reporting verb, no support cue, no ballot push)."""
    return not cues.support and not REPORTING_WORDS.isdisjoint(norm.tokens)


def _targets(matches: Sequence[EntityMatch], tokens: Sequence[str] = ()) -> tuple[Target, ...]:
    """Pairs the content is about; a bare number only counts in races named by name, or,
    when no race is named by name, in the races of the offices and regions the text names
    (and in none when it names a contender the registry lacks: _numbered_races)."""
    named_races = {
        (m.pair.region_code, m.pair.election)
        for m in matches
        if m.pair is not None and m.kind != "ballot_number"
    }
    offices = _named_offices(tokens) if not named_races and tokens else set()
    if offices:  # an office with no race in the registry narrows nothing
        offices &= {m.pair.election for m in matches if m.pair is not None}
    numbered = _numbered_races(matches, tokens, offices) if not named_races else None
    seen: dict[tuple[str, str, int], Target] = {}
    for m in matches:
        p = m.pair
        if p is None or m.kind not in PAIR_KINDS:
            continue
        if m.kind == "ballot_number":
            if named_races and (p.region_code, p.election) not in named_races:
                continue  # "coblos 3 pramono": number 3 of the other races is not meant
            if offices and p.election not in offices:
                continue  # "Pilgub besok coblos 2": not the presidential pair 2
            if numbered is not None and p.race_key not in numbered:
                continue  # "coblos 1 untuk Jatim": not pair 1 of Jakarta's race
        key = (p.region_code, p.election, p.number)
        if key not in seen:
            seen[key] = Target(p.number, p.candidate, p.region_code)
    return tuple(seen.values())


def _numbered_races(
    matches: Sequence[EntityMatch], tokens: Sequence[str], offices: set[str]
) -> set[RaceKey] | None:
    """The races a bare ballot number may be in when the text names no registered pair (None:
    every race it could be in). A contender the registry lacks (a pair "Bobby-Surya", a
    gazetteer 2024 candidate "Bu Airin") owns the number: no race, even with an office named
    ("Pilgub: coblos 1, Bobby pasti menang" is not pair 1 of another province's race); a
    person who is just named ("ambil amplop ke rumah Pak Dadang … coblos nomor 3") does not.
    When the number could be in several races (of the offices the text names, if any), a
    region the text names ("untuk Jatim", "warga Surabaya") narrows it to the regional races
    held there or above (Surabaya's and Jawa Timur's): a national race only with its office
    named ("capres")."""
    pairs = {m.pair for m in matches if m.kind == "ballot_number" and m.pair is not None}
    if not pairs:
        return None
    if any(_unregistered_contender(m) for m in matches):
        return set()
    if offices:
        pairs = {p for p in pairs if p.election in offices}
    if len({p.race_key for p in pairs}) < 2:
        return None
    regions = _named_regions(tokens, pairs)
    if not regions:
        return None
    return {
        p.race_key
        for p in pairs
        if (p.election in offices if p.is_national else _concerns(p.region_code, regions))
    }


def _unregistered_contender(m: EntityMatch) -> bool:
    """A gazetteer 2024 candidate the registry lacks, or an unregistered pair ("Bobby-Surya":
    engine/unregistered.py names it with its hyphen), not a person after "Pak"/"Bu"."""
    if m.pair is not None:
        return False
    return m.kind in ("candidate", "running_mate") or (m.kind == "alias" and "-" in m.name)


RaceKey = tuple[str, str]


def _concerns(race_region: str, regions: set[str]) -> bool:
    """Whether a race of `race_region` concerns one of `regions` (is held there or above)."""
    return any(r == race_region or r.startswith(race_region + ".") for r in regions)


def _named_regions(tokens: Sequence[str], pairs: Iterable[Pair]) -> set[str]:
    """Codes of the regions the text names: provinces by name or short form (gazetteer
    region_words), and the kabupaten/kota of `pairs` by their registry name ("Kota
    Surabaya"; "kab malang" is not Kota Malang, "nasib malang" is no region, and "Kota
    Padang Panjang" is not also Kota Padang)."""
    gaz = load_gazetteer()
    codes = named_provinces(gaz, tokens)
    text = " " + " ".join(tokens) + " "
    local = {(p.region_code, *_region_name_form(p.region_name, p.election)) for p in pairs}
    for code, kind, name in sorted(local, key=lambda c: -len(c[2])):  # longer names first
        phrase = " " + name + " "
        if "." not in code or not name or phrase not in text:
            continue  # a province is found by the gazetteer's names, where a longer name wins
        own = DESIGNATION_WORDS.get(kind, ())
        other = DESIGNATION_WORDS.get(_OTHER_KIND.get(kind, ""), ())
        if any(" " + word + phrase in text for word in own) or (
            not any(" " + word + phrase in text for word in other)
            and name not in gaz.places_needing_designation
        ):
            codes.add(code)  # "kota malang", "bupati malang", "warga surabaya"
            text = text.replace(phrase, " | ")
    return codes


# How registry names begin (the first that fits is stripped) and the kind of region each says.
REGION_DESIGNATIONS = (
    ("kabupaten administrasi", "kabupaten"), ("kota administrasi", "kota"),
    ("kabupaten", "kabupaten"), ("kab", "kabupaten"), ("kota", "kota"), ("provinsi", ""),
    ("daerah khusus ibukota", ""), ("daerah khusus", ""), ("daerah istimewa", ""),
)  # fmt: skip
KIND_OF_ELECTION = {"bupati": "kabupaten", "walikota": "kota"}
# The words before a kabupaten's or a kota's name in a text: "Kab. Malang", "Bupati Malang",
# "Pilwalkot Malang" ("wali kota malang" has "kota").
DESIGNATION_WORDS = {
    "kabupaten": ("kab", "kabupaten", "bupati", "wabup", "cabup", "pilbup", "pemkab"),
    "kota": ("kota", "walikota", "walkot", "wako", "wawali", "cawalkot", "pilwalkot",
             "pilwako", "pemkot"),
}  # fmt: skip
_OTHER_KIND = {"kabupaten": "kota", "kota": "kabupaten"}


@cache
def _region_name_form(region_name: str, election: str = "") -> tuple[str, str]:
    """A registry region name as people write it, with its kind (from the name, else from
    the election): "Kota Surabaya" -> ("kota", "surabaya"); "Kabupaten Kota Baru" ->
    ("kabupaten", "kota baru"); "Malang" for a walikota race -> ("kota", "malang")."""
    name = " ".join(normalize(region_name).tokens)
    for designation, kind in REGION_DESIGNATIONS:
        if name.startswith(designation + " "):
            return kind, name[len(designation) + 1 :]
    return KIND_OF_ELECTION.get(election, ""), name


def _named_offices(tokens: Sequence[str]) -> set[str]:
    """The elections whose office the text names (gazetteer office_words)."""
    return {
        election
        for election, words in load_gazetteer().office_words
        if not words.isdisjoint(tokens)
    }


class ContentClassifier:
    """Model + rules -> ContentVerdict; optionally told every registered pair (for R2)."""

    def __init__(self, model: ContentModel | None = None, pairs: Sequence[Pair] = ()) -> None:
        self.model = model or load_content_model()
        self._race_sizes: dict[tuple[str, str], int] = {}
        for p in pairs:
            self._race_sizes[p.race_key] = self._race_sizes.get(p.race_key, 0) + 1

    def classify(
        self, norm: Normalized, matches: Sequence[EntityMatch], cues: Cues
    ) -> ContentVerdict:
        """Classify one normalised text given its entity matches and cues."""
        cues = _support_read(norm, matches, cues)  # the evidence shows what the rules read
        cls, score = self._decide(norm, matches, cues)
        evidence = tuple(evidence_strings(norm, matches, cues)) if cls != "non_political" else ()
        if cls == "partisan" and describes_campaign_account(norm.tokens, matches):
            head = " ".join(norm.tokens[:2])
            evidence = (f'nama/bio akun, grup atau twibbon kampanye: "{head}"', *evidence)  # R7
        elif cls == "civic" and _ink_finger(norm, matches, cues):
            # R8: the ☝️ is the inked finger, so it is not shown as a ballot number
            evidence = (
                "jari bertinta sesudah mencoblos (☝️ bukan nomor urut)",
                *(e for e in evidence if not e.startswith(("nomor urut", "simbol jari"))),
            )
        targets = _targets(matches, norm.tokens) if cls == "partisan" else ()
        signals: frozenset[Signal] = frozenset()
        act = _writer_with_candidate(norm, matches) if cls == "partisan" else None
        if act == "photo":
            evidence = ("foto bersama calon", *evidence)  # R15
            signals = PHOTO_SIGNAL
        elif act == "event":
            evidence = ("hadir di kegiatan kampanye calon", *evidence)  # R15
        return ContentVerdict(cls, score, evidence, targets, signals)

    def decide(
        self, norm: Normalized, matches: Sequence[EntityMatch], cues: Cues
    ) -> tuple[ContentClass, float]:
        """The class and its score (rounded to 4 places) without evidence or targets: all that
        `posko classify` prints, so batch runs skip the rest of classify()."""
        return self._decide(norm, matches, _support_read(norm, matches, cues))

    def _decide(
        self, norm: Normalized, matches: Sequence[EntityMatch], cues: Cues
    ) -> tuple[ContentClass, float]:
        """decide() on cues whose support _support_read() has already read."""
        tokens, places = _model_tokens(norm, matches, cues)
        # one or no match never names two pairs
        races = multi_pair_races(matches) if len(matches) > 1 else {}
        extra = _pseudo_features(norm, matches, cues, _named_kinds(matches), races)
        model = self.model
        if len(model.classes) == 3:
            proba = model.proba_masked(tokens, places, WINDOW, extra)
        else:
            proba = model.predict_proba(extract_features(norm, matches, cues))
        top: ContentClass = max(proba, key=proba.__getitem__)
        cls = top
        if cls == "non_political" and (
            (
                proba["non_political"] < R6_KEEP_NON_POLITICAL
                and (
                    cues.political
                    or cues.election
                    or cues.civic
                    or _names_any(matches)
                    or any(m.kind == "ballot_number" for m in matches)
                )
            )
            or _names_party(matches)
            or (
                proba["non_political"] < R6_KEEP_NON_POLITICAL_PROGRAMME
                and _pair_programme(norm, matches)
            )
        ):
            cls = "partisan" if proba["partisan"] > proba["civic"] else "civic"  # R6, R12
        if (
            cls != "partisan"
            and _explicit_push(norm, matches, cues, races)
            and not (
                _reported_plain(norm) and not (_ballot_push(matches) or _name_push(norm, matches))
            )
            and not (cls == "non_political" and _bare_ballot(norm, matches, cues))
            and not (proba["civic"] >= R5_KEEP_CIVIC and not _strong_push(norm, matches, cues))
        ):
            cls = "partisan"  # R5
        if (
            cls != "partisan"
            and describes_campaign_account(norm.tokens, matches)
            and not _reported_plain(norm)
        ):
            cls = "partisan"  # R7 (engine/accounts.py)
        if cls == "partisan":
            cls = self._apply_rules(proba, norm, matches, cues, races)
        if cls != "partisan" and _writer_with_candidate(norm, matches, races):
            cls = "partisan"  # R15
        if cls == "civic" and not races and _ridicule(norm, matches, cues):
            cls = "partisan"  # R16
        if cls == "civic" and _thanks_to_candidate(norm, matches, cues, races):
            cls = "partisan"  # R18
        if cls == "civic" and _party_list(matches) and _scorned_coalition(norm, matches):
            cls = "partisan"  # R2: an attack on the parties of one coalition
        if cls == "non_political" and _names_an_election(norm):
            cls = "civic"  # R19: about elections; the rules above found no side
        if (
            cls != "non_political"
            and not _contest_triggers().isdisjoint(norm.tokens)
            and _other_contest(norm, matches)
        ):
            cls = "non_political"  # R10
        if cls != "partisan" and _vote_buying(norm, matches, races):
            cls = "partisan"  # R17 (after R10: "Pak RT" collects the KTPs of an offer)
        if (
            cls == "partisan"
            and proba["partisan"] < R14_KEEP_PARTISAN
            and _screen_career(norm, matches, cues)
        ):
            cls = "non_political"  # R14
        score = proba[cls]
        if cls != top:
            # Overridden by a rule: report the class's share of the non-partisan mass.
            rest = sum(v for c, v in proba.items() if c != "partisan") or 1.0
            score = max(proba[cls] / rest, 0.5)
        return cls, round(score, 4)

    def _apply_rules(
        self,
        proba: dict[ContentClass, float],
        norm: Normalized,
        matches: Sequence[EntityMatch],
        cues: Cues,
        races: dict[tuple[str, str], set[int]],
    ) -> ContentClass:
        """R2, R3, R4, R8, R9, R11, R13 and R20 for a partisan call; returns the final class
        (`races`: multi_pair_races(matches))."""
        pushes = (
            bool(cues.attack)
            or not WEAK_SUPPORT.issuperset(cues.support)
            or any(m.kind == "slogan" for m in matches)
            or _empty_box_push(norm)
        )
        if norm.hand_numbers and _ink_finger(norm, matches, cues):
            return "civic"  # R8
        # R4: even-handed wording ("siapapun", "apapun pilihanmu", "sak pilihanmu dewe") with no
        # attack and no ballot push is civic when it names no candidate, party or slogan, or
        # names several pairs of one race ("RK atau Pram, siapapun yang menang semoga amanah").
        if (
            cues.even
            and not cues.attack
            and (races or not any(m.kind in NAMED_KINDS for m in matches))
            and not _ballot_push(matches)
            # "pilih yang paling pantas ya, nomor 2 pokoknya": one pair's number is a side, but
            # not a ✌️ of peace ("beda pilihan tra papa ✌️🙏") unless winked at
            and (races or not any(_side_number(m, norm) for m in matches))
            # "telu-telune wedok, tapi mung siji sing wis dadi gubernur": one singled out
            and not _singles_one_out(norm.tokens)
            # "yang penting tidak golput, pilih yang sudah terbukti 😉": a wink (engine/advice.py)
            and not any_wink(norm)
        ):
            return "civic"
        if voter_advice(norm, matches, cues):
            return "civic"  # R20 (engine/advice.py)
        if races and not pushes:
            even = all(
                len(nums) >= self._race_sizes.get(race, len(nums)) for race, nums in races.items()
            )
            if even:
                return "civic"  # R2
        if not pushes and _party_list(matches) and not _judged(norm, matches):
            return "civic"  # R2 for parties
        if _figures_only(norm, matches, cues):
            return "civic"  # R9
        if _money_warning(norm, matches, cues):
            return "civic"  # R11
        if (
            # "resmi daftar ke KPU, ayo coblos Hendy!" cheers; "ditetapkan ... menang satu
            # putaran" reports the result
            (not cues.support or _stated_result(norm, cues))
            and not cues.attack
            and not any(m.kind == "slogan" for m in matches)
            and not _empty_box_push(norm)
            # "Mantap, Mas Pram sudah daftar ke KPU, Jakarta menyala!" cheers
            and not _cheering_words(norm)
            and proba["partisan"] < R13_KEEP_PARTISAN
            and _official_stage_news(norm)
        ):
            return "civic"  # R13
        if (
            not pushes
            and _no_evidence(norm, matches, cues)
            and proba["partisan"] < R3_KEEP_PARTISAN
        ):
            # R3; political vocabulary keeps it political, as in R6 ("Menkominfo goblok")
            political = cues.political or cues.election or cues.civic
            if political or proba["civic"] >= proba["non_political"]:
                return "civic"
            return "non_political"
        return "partisan"
