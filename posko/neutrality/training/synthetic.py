"""Expand data/training/synthetic_templates.yaml into labelled social-media-style text.

Deterministic (fixed seed); the output is shipped as data/training/synthetic.jsonl.gz so that
training never depends on re-running this.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from posko.neutrality.training.sources import Row


@dataclass(frozen=True, slots=True)
class SynthPair:
    """A candidate pair as the templates need it: names, nicknames, number and race."""

    race: str  # e.g. "gubernur|DKI Jakarta"
    number: int
    candidate: str
    mate: str
    nicks: tuple[str, ...]
    pair_labels: tuple[str, ...]


# Real Pilpres 2024 and a few Pilkada 2024 governor races (public KPU ballot numbers), so the
# synthetic text names the same people the demo registry and real tweets do.
_PAIRS: tuple[tuple[str, int, str, str, str, str], ...] = (
    ("presiden|Indonesia", 1, "Anies Baswedan", "Muhaimin Iskandar",
     "anies;abah anies;pak anies;cak imin;gus imin", "AMIN;Anies-Imin;Anies-Muhaimin"),
    ("presiden|Indonesia", 2, "Prabowo Subianto", "Gibran Rakabuming Raka",
     "prabowo;pak prabowo;wowo;gibran;mas gibran;pak bowo", "Prabowo-Gibran;Pragib;Wowo-Gibran"),
    ("presiden|Indonesia", 3, "Ganjar Pranowo", "Mahfud MD",
     "ganjar;pak ganjar;mahfud;prof mahfud", "Ganjar-Mahfud;GAMA;Ganjar-Mahfud MD"),
    ("gubernur|Jakarta", 1, "Ridwan Kamil", "Suswono",
     "rk;kang emil;ridwan kamil;suswono", "RIDO;RK-Suswono;Ridwan Kamil-Suswono"),
    ("gubernur|Jakarta", 2, "Dharma Pongrekun", "Kun Wardana",
     "dharma;pak dharma;kun wardana", "Dharma-Kun;Dharma-Kun Wardana"),
    ("gubernur|Jakarta", 3, "Pramono Anung", "Rano Karno",
     "pramono;mas pram;bang doel;si doel;rano karno", "Pramono-Rano;Pram-Doel;Pramono-Doel"),
    ("gubernur|Jawa Barat", 1, "Acep Adang Ruhiat", "Gitalis Dwi Natarina",
     "acep;kang acep;gita", "Acep-Gita"),
    ("gubernur|Jawa Barat", 2, "Jeje Wiradinata", "Ronal Surapradja",
     "jeje;kang jeje;ronal", "Jeje-Ronal"),
    ("gubernur|Jawa Barat", 3, "Ahmad Syaikhu", "Ilham Habibie",
     "syaikhu;ilham habibie", "ASIH;Syaikhu-Ilham"),
    ("gubernur|Jawa Barat", 4, "Dedi Mulyadi", "Erwan Setiawan",
     "kdm;kang dedi;dedi mulyadi;erwan", "Dedi-Erwan;DMS;KDM-Erwan"),
    ("gubernur|Jawa Tengah", 1, "Andika Perkasa", "Hendrar Prihadi",
     "andika;jenderal andika;hendi", "Andika-Hendi"),
    ("gubernur|Jawa Tengah", 2, "Ahmad Luthfi", "Taj Yasin",
     "luthfi;pak luthfi;gus yasin;taj yasin", "Luthfi-Yasin;Luthfi-Taj Yasin"),
    ("gubernur|Jawa Timur", 1, "Luluk Nur Hamidah", "Lukmanul Khakim",
     "luluk;mbak luluk;lukman", "Luluk-Lukman"),
    ("gubernur|Jawa Timur", 2, "Khofifah Indar Parawansa", "Emil Dardak",
     "khofifah;bu khofifah;emil dardak;mas emil", "Khofifah-Emil;Berkah"),
    ("gubernur|Jawa Timur", 3, "Tri Rismaharini", "Zahrul Azhar Asumta",
     "risma;bu risma;gus hans", "Risma-Gus Hans;Risma-Hans"),
    ("gubernur|Sumatera Utara", 1, "Bobby Nasution", "Surya",
     "bobby;bang bobby;bobby nasution", "Bobby-Surya"),
    ("gubernur|Sumatera Utara", 2, "Edy Rahmayadi", "Hasan Basri Sagala",
     "edy;pak edy;edy rahmayadi", "Edy-Hasan"),
    # Round 4: more 2024 governor races, so that masked stance patterns are learned on races
    # outside Java too (names in hand-written rows of these races are masked the same way).
    ("gubernur|Banten", 1, "Airin Rachmi Diany", "Ade Sumardi",
     "airin;bu airin;ade sumardi", "Airin-Ade"),
    ("gubernur|Banten", 2, "Andra Soni", "Dimyati Natakusumah",
     "andra soni;pak andra;dimyati", "Andra-Dimyati"),
    ("gubernur|Sulawesi Selatan", 1, "Danny Pomanto", "Azhar Arsyad",
     "danny;pak danny;danny pomanto;azhar", "Danny-Azhar"),
    ("gubernur|Sulawesi Selatan", 2, "Andi Sudirman Sulaiman", "Fatmawati Rusdi",
     "andi sudirman;pak andi sudirman;fatmawati", "Andalan Hati;Sudirman-Fatma"),
    ("gubernur|Bali", 1, "Made Muliawan Arya", "Putu Agus Suradnyana",
     "de gadjah;muliawan;pak mulia", "Mulia-PAS"),
    ("gubernur|Bali", 2, "Wayan Koster", "Nyoman Giri Prasta",
     "koster;pak koster;giri prasta", "Koster-Giri"),
    ("gubernur|Kalimantan Timur", 1, "Isran Noor", "Hadi Mulyadi",
     "isran;pak isran;hadi mulyadi", "Isran-Hadi"),
    ("gubernur|Kalimantan Timur", 2, "Rudy Mas'ud", "Seno Aji",
     "rudy;rudy masud;seno aji", "Rudy-Seno"),
    ("gubernur|Sumatera Barat", 1, "Mahyeldi Ansharullah", "Vasko Ruseimy",
     "mahyeldi;buya mahyeldi;vasko", "Mahyeldi-Vasko"),
    ("gubernur|Sumatera Barat", 2, "Epyardi Asda", "Ekos Albar",
     "epyardi;pak epyardi;ekos albar", "Epyardi-Ekos"),
    ("gubernur|Lampung", 1, "Arinal Djunaidi", "Sutono",
     "arinal;pak arinal;sutono", "Arinal-Sutono"),
    ("gubernur|Lampung", 2, "Rahmat Mirzani Djausal", "Jihan Nurlela",
     "mirza;bang mirza;jihan", "Mirza-Jihan"),
    ("gubernur|Aceh", 1, "Bustami Hamzah", "Fadhil Rahmi",
     "bustami;bustami hamzah;fadhil rahmi", "Bustami-Fadhil"),
    ("gubernur|Aceh", 2, "Muzakir Manaf", "Fadhlullah",
     "mualem;muzakir manaf;dek fadh", "Mualem-Dek Fadh"),
)  # fmt: skip


def builtin_pairs() -> list[SynthPair]:
    """The fixed pair list the templates are expanded with."""
    return [
        SynthPair(race, num, cand, mate, tuple(nicks.split(";")), tuple(labels.split(";")))
        for race, num, cand, mate, nicks, labels in _PAIRS
    ]


def _camel(text: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[\s\-]+", text) if w)


def _noisy(text: str, rng: random.Random) -> str:
    """Social-media noise: casing, elongation, abbreviations, mentions, URLs."""
    if rng.random() < 0.15:
        text = text.upper() if rng.random() < 0.3 else text.capitalize()
    if rng.random() < 0.2:
        for long, short in (("yang", "yg"), ("tidak", "gak"), ("banget", "bgt"), ("sudah", "udh")):
            text = re.sub(rf"\b{long}\b", short, text)
    if rng.random() < 0.12:
        text = re.sub(r"(\w)(\W*)$", lambda m: m.group(1) * rng.randint(2, 5) + m.group(2), text)
    if rng.random() < 0.08:
        text = "RT @" + rng.choice(["warga62", "infoku", "akun_receh", "mbak_ayu"]) + ": " + text
    if rng.random() < 0.06:
        text += " https://t.co/" + "".join(rng.choice("abcdefXYZ0123") for _ in range(10))
    return re.sub(r"\s+", " ", text).strip()


class _Filler:
    """Fills one template's slots consistently (same pair for {cand}, {num}, {tag})."""

    def __init__(self, spec: dict[str, Any], pairs: list[SynthPair], rng: random.Random) -> None:
        self.spec, self.pairs, self.rng = spec, pairs, rng

    def fill(self, template: str) -> str:
        rng, spec = self.rng, self.spec
        pair = rng.choice(self.pairs)
        race = [p for p in self.pairs if p.race == pair.race]
        rival = rng.choice([p for p in race if p is not pair])
        office, region = pair.race.split("|")
        nick = rng.choice(pair.nicks + (pair.candidate, pair.candidate.split()[0]))
        nums = [str(p.number) for p in race]
        all_nums = ", ".join(nums[:-1]) + " dan " + nums[-1]
        all_pairs = ", ".join(f"{rng.choice(p.pair_labels)} ({p.number})" for p in race)

        def tag() -> str:
            t = rng.choice(spec["hashtags"]["partisan"])
            return t.format(
                Nick=_camel(rng.choice(pair.nicks + pair.pair_labels)),
                Office=_camel(office),
                num=pair.number,
            )

        hands = spec["hand_emoji"].get(pair.number, [str(pair.number)])
        values = {
            "cand": nick,
            "mate": pair.mate,
            "pair": rng.choice(pair.pair_labels),
            "num": str(pair.number),
            "othernum": str(rival.number),
            "office": office if rng.random() < 0.8 else {"gubernur": "cagub"}.get(office, "capres"),
            "region": region if office != "presiden" else "indonesia",
            "tag": tag(),
            "tag2": tag(),
            "hand": rng.choice(hands),
            "emo": rng.choice(spec["emoji"]),
            "neg": rng.choice(spec["neg_emoji"]),
            "other": rng.choice(rival.nicks + (rival.candidate,)),
            "all_nums": all_nums,
            "all_pairs": all_pairs,
            "n": str(rng.randint(1, 9)),
            "celeb": rng.choice(spec["celeb"]),
            "player": rng.choice(spec["player"]),
            "club": rng.choice(spec["club"]),
            "club2": rng.choice(spec["club"]),
            "food": rng.choice(spec["food"]),
            "food2": rng.choice(spec["food"]),
            "place": rng.choice(spec["place"]),
            "date": rng.choice(spec["date"]),
        }
        # Each {n} gets its own random digit so "{n}{n}" reads like a queue number.
        text = re.sub(r"\{n\}", lambda _: str(rng.randint(1, 9)), template)
        return _noisy(text.format(**values), rng)


def generate(templates_path: Path, per_template: int = 40, seed: int = 20241127) -> list[Row]:
    """All synthetic rows, deduplicated, in a stable order."""
    spec = yaml.safe_load(templates_path.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    filler = _Filler(spec, builtin_pairs(), rng)
    rows: list[Row] = []
    seen: set[str] = set()
    for label in ("partisan", "civic", "non_political"):
        for template in spec[label]:
            for _ in range(per_template):
                text = filler.fill(template)
                if text.lower() not in seen:
                    seen.add(text.lower())
                    rows.append(Row(text, label, "synthetic_" + label, "synthetic"))
    return rows
