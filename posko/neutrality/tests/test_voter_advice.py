"""Content rule R20: advice on how to choose is civic; a call that winks at one side is not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from posko.neutrality.engine.advice import voter_advice
from posko.neutrality.engine.checker import Engine
from posko.neutrality.engine.content import _support_read
from posko.neutrality.engine.cues import find_cues
from posko.neutrality.engine.normalize import normalize
from posko.neutrality.training.train import registry_pairs

POSKO = str(Path(sys.executable).with_name("posko"))

ADVICE = [
    "Gunakan hak pilihmu, pilih pemimpin yang terbaik untuk Jawa Barat",
    "Coblos yang menurutmu terbaik, yang penting jangan golput",
    "Jangan golput ya! Pilihlah calon yang jujur dan peduli wong cilik",
    "Mari kita gunakan hak pilih, pilih aja calon gubernur yang paling amanah",
]
# the same calls, winking at one side, naming it, or telling the writer's own choice
WINKS = [
    "Gunakan hak pilihmu, pilih pemimpin yang sudah terbukti kerjanya, lanjutkan!",
    "Jangan golput! Pilih yang jujur, bukan yang suka bohong. Tau lah yang mana",
    "Gunakan hak pilihmu, pilih pemimpin yang terbaik: Pramono-Rano nomor 3",
    "Jangan golput, pilih pemimpin yang merakyat kayak beliau 👍",
    "Coblos yang menurutmu terbaik, kalau aku sih yang sebelah kanan 😉",
    "Pilih yang sudah terbukti kerjanya, lanjutkan! Yang penting tidak golput",
    "Aku sih pilih pemimpin yang sudah kerja nyata, kalian jangan golput ya",
    # a party colour as the thing chosen (civic 1.00 through R20 at 378b526)
    "Ayo ke TPS, pilih yang merakyat, pilih yang merah 🔴",
]
# voter education that holds words of a wink ("nomor urut", "lawan", "bukan yang ...", "warna",
# "hanya 1", "sebelah", "beliau"): a wink keeps R20 from overruling the model, it never makes a
# text partisan by itself
CIVIC_WITH_WINK_WORDS = [
    "Coblos yang benar: satu lubang di kolom nomor urut paslon, jangan sampai rusak suaranya.",
    "Lawan politik uang! Pilih pemimpin yang jujur dan amanah, gunakan hak pilihmu.",
    "Pilih pemimpin yang jujur, bukan yang bagi-bagi amplop. Tolak politik uang!",
    "Surat suara warna abu-abu untuk pilgub; coblos yang sesuai pilihanmu, jangan golput.",
    "Tata cara mencoblos: coblos yang sah hanya satu kali di dalam kotak paslon. Jangan golput!",
    "Bingung pilih yang mana? Bandingkan visi misi semua paslon, jangan lihat warna partainya.",
    # a wink word in another clause points at nobody
    "Jangan golput! Pilih pemimpin yang jujur, lalu lanjutkan pengawasan sampai rekapitulasi.",
    "Coblos yang sah cukup satu lubang; kolom sebelah kanan dan kiri sama saja.",
    "Coblos yang benar ya, di kolom foto paslon. Paham kan? Kalau ragu tanya petugas KPPS.",
    "Pesan Ketua KPU: pilih yang sesuai hati nurani, kata beliau, dan jangan golput.",
    # a colour is a wink only as the thing chosen ("yang merah")
    "Ayo ke TPS, pilih pemimpin yang peduli petani padi kuning menguning",
]
# everyday text in the words of voter education
EVERYDAY = [
    "Pemegang saham menggunakan hak suaranya dalam RUPS tahunan",
    "Coblos yang menurutmu paling enak, ini polling menu baru kafe kami",
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    from posko.candidates.registry import Registry

    return Engine(Registry(tuple(registry_pairs())))


# every line with the class it must read as, and an id that says which list it is from
READINGS = [
    *(pytest.param(text, "civic", id=f"advice-{i}") for i, text in enumerate(ADVICE)),
    *(pytest.param(text, "partisan", id=f"wink-{i}") for i, text in enumerate(WINKS)),
    *(
        pytest.param(text, "civic", id=f"civic-wink-words-{i}")
        for i, text in enumerate(CIVIC_WITH_WINK_WORDS)
    ),
    *(pytest.param(text, "non_political", id=f"everyday-{i}") for i, text in enumerate(EVERYDAY)),
]


@pytest.mark.parametrize(("text", "expected"), READINGS)
def test_each_line_reads_as_its_class(engine: Engine, text: str, expected: str) -> None:
    assert engine.classify_label(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("Gunakan hak pilihmu, pilih pemimpin yang jujur", True),
        ("Ayo ke TPS, coblos sing amanah", True),  # Javanese relative "sing"
        ("Jangan golput, pilih aja calon gubernur yang paling amanah", True),
        ("Pilih pemimpin yang jujur dan amanah", False),  # no civic cue
        # without one, a next clause can point at a side in ways no list holds
        ("Pilih yang jujur dan merakyat, pilih mas dhito", False),
        ("Jangan golput, pilih yang betul-betul amanah ya", True),  # "betul-betul" first
        ("Jangan golput, pilih yang benar", True),  # "benar": a virtue and an intensifier
        ("Jangan golput, urang kudu milih nu bener-bener jujur", True),  # Sd
        ("Ayo ke TPS, milih pemimpin iku kudu sing paham wong cilik", True),  # Jv "iku kudu"
        # a name the matcher does not know: a hyphenated pair, a form of address and a name
        ("Jangan golput! Pilih yang berani dan jujur: Respati-Astrid", False),
        ("Jangan golput, pilih yang amanah, ya Mas Respati", False),
        ("Jangan golput, pilih yang amanah, ya Om Respati", False),
        ("Jangan golput, pilih pemimpin sing jujur, dudu sing asal comot", False),  # Jv contrast
        ("Jangan golput, pilih pemimpin yang merakyat 🐂", False),  # a party symbol
        ("Jangan golput, pilih yang jujur, pilih yang ijo", False),  # a colour chosen
        ("Jangan golput. Sa pilih pemimpin yang merakyat", False),  # Papuan "sa": own choice
        # a contrast is a wink: R20 leaves the reading to the model
        ("Gunakan hak pilihmu, pilih yang jujur, jangan yang korup", False),
        ("Saya ajak kalian pilih pemimpin yang amanah, jangan golput", True),  # an appeal
        ("Gunakan hak pilihmu, menangkan pemimpin yang jujur, pilih yang amanah", False),
        ("Gunakan hak pilihmu dengan bijak", False),  # no call to choose
        ("Jangan golput, pilih yang jujur nomor 2", False),  # a number
        ("Jangan golput, pilih yang kumisan", False),  # a description, not a virtue
        ("Aku sih pilih pemimpin yang jujur, jangan golput ya", False),  # the writer's choice
        ("Jangan golput, pilih yang terbaik ya 😉", False),  # a wink emoji
    ],
)
def test_voter_advice_reads_the_shape_of_the_call(engine: Engine, text: str, advice: bool) -> None:
    norm = normalize(text)
    matches = engine.matcher_for(None).match(norm)
    cues = _support_read(norm, matches, find_cues(norm))  # as content.py reads them
    assert voter_advice(norm, matches, cues) is advice


def test_an_asn_may_share_voter_advice_but_not_a_winking_call(tmp_path: Path) -> None:
    """As an officer runs it: `posko check` on shares by an ASN."""
    acts = [
        {"id": "advice", "text": ADVICE[0]},
        {"id": "wink", "text": WINKS[0]},
    ]
    payload = "".join(
        json.dumps(
            {
                "id": a["id"],
                "actor": {"asn": True},
                "action": "share",
                "content": {"text": a["text"]},
            }
        )
        + "\n"
        for a in acts
    )
    proc = subprocess.run(
        [POSKO, "check"],
        input=payload,
        capture_output=True,
        text=True,
        env={**os.environ, "POSKO_DATA_DIR": str(tmp_path / "var")},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = {o["id"]: o for o in map(json.loads, proc.stdout.splitlines())}
    assert (out["advice"]["violation"], out["advice"]["content_class"]) == (False, "civic")
    assert (out["wink"]["violation"], out["wink"]["content_class"]) == (True, "partisan")
