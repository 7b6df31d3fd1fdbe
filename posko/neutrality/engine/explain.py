"""Plain-Indonesian explanations of verdicts: evidence, rule, article and sanction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from posko.candidates.registry import Pair
from posko.neutrality.engine.rules import Rule
from posko.neutrality.engine.types import Action, ContentVerdict, Target

ACTION_PHRASES: dict[Action, str] = {
    "post": "mengunggah",
    "like": "menyukai (like)",
    "comment": "mengomentari",
    "share": "membagikan (share/repost)",
    "follow": "mengikuti (follow) akun",
    "join_group": "bergabung dengan grup",
    "profile_photo": "memasang sebagai foto profil",
    "view": "hanya melihat",
}
CLASS_PHRASES = {
    "partisan": "partisan (mendukung, menyerang, atau mengajak memilih calon/partai)",
    "civic": "sipil/netral (informasi atau ajakan pemilihan yang tidak berpihak)",
    "non_political": "tidak berkaitan dengan politik atau pemilihan",
}
ELECTION_PHRASES = {
    "presiden": "Pilpres",
    "gubernur": "Pilgub",
    "bupati": "Pilbup",
    "walikota": "Pilwalkot",
}


def describe_target(target: Target, pairs: Mapping[tuple[str, int], Pair]) -> str:
    """'paslon nomor 3 Pramono Anung–Rano Karno (Pilgub DKI Jakarta)'."""
    pair = pairs.get((target.region_code, target.number))
    if pair is None:
        return f"paslon nomor {target.number} {target.candidate}"
    return f"paslon nomor {pair.number} {pair_names(pair)} ({race_name(pair)})"


def pair_names(pair: Pair) -> str:
    """'Pramono Anung–Rano Karno'."""
    return pair.candidate + (f"–{pair.running_mate}" if pair.running_mate else "")


def race_name(pair: Pair) -> str:
    """'Pilgub DKI Jakarta', 'Pilpres'."""
    race = ELECTION_PHRASES.get(pair.election, pair.election)
    place = f" {pair.region_name}" if pair.region_name and pair.election != "presiden" else ""
    return race + place


def _evidence(content: ContentVerdict) -> str:
    if not content.evidence:
        return ""
    return " Bukti: " + "; ".join(content.evidence[:6]) + "."


def explain(
    *,
    rule: Rule,
    action: Action,
    asn: bool,
    content: ContentVerdict,
    pairs: Mapping[tuple[str, int], Pair],
    readings: Sequence[str],
) -> str:
    """A short explanation naming the evidence, the rule and article, and the sanction range."""
    targets = ", ".join(describe_target(t, pairs) for t in content.targets[:3])
    about = f" terhadap {targets}" if targets and content.content_class == "partisan" else ""
    klass = f"Konten dinilai {CLASS_PHRASES[content.content_class]}{about}."
    if rule.violation:
        parts = [
            f"MELANGGAR netralitas ASN: {ACTION_PHRASES[action]} konten ini dilarang.",
            klass + _evidence(content),
            f"Dasar: {rule.citation}.",
            f"Sanksi: {rule.sanction.text} ({rule.sanction.citation}).",
        ]
        if readings:
            parts.append(
                "Sumber hukum memberi lebih dari satu bacaan: "
                + " | ".join(readings)
                + ". Penentuan jenis sanksi ada pada PPK/BKN."
            )
        return " ".join(parts)
    if rule.id == "NEUTRAL-VIEW":
        lead = "BUKAN pelanggaran: hanya melihat konten tidak dilarang."
    elif not asn:
        lead = "BUKAN pelanggaran netralitas ASN: pelaku bukan ASN."
    else:
        lead = f"BOLEH: {rule.summary}"
    return " ".join([lead, klass + _evidence(content), f"Dasar: {rule.citation}."])
