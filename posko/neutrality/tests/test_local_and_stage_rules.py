"""A local candidate addressed by name, news of an official stage (R13), the inked finger (R8)."""

from __future__ import annotations

import pytest

from posko.candidates.registry import Pair, Registry
from posko.neutrality.engine.checker import Engine
from posko.neutrality.engine.types import ContentClass

# Pilbup Jember 2024 (KPU Jember's number draw, 23 September 2024)
HENDY = Pair("35.09", "Kabupaten Jember", "bupati", 1, "Hendy Siswanto", "Muhammad Balya Firjaun")
FAWAIT = Pair("35.09", "Kabupaten Jember", "bupati", 2, "Muhammad Fawait", "Djoko Susanto")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Registry((HENDY, FAWAIT)))


THANKS = "matur suwun Pak Hendy, jalan ke kebun kopi wis diaspal. petani gampang ngangkut panen"


def test_a_local_candidate_addressed_by_name_is_that_candidate(engine: Engine) -> None:
    # posted in Jember: its bupati, who runs again, is thanked (guideline borderline 2)
    verdict = engine.classify(THANKS, "35.09")
    assert verdict.content_class == "partisan", verdict
    assert [t.number for t in verdict.targets] == [1]


def test_elsewhere_or_without_a_form_of_address_the_name_is_anybody(engine: Engine) -> None:
    assert engine.classify(THANKS, "31.71").content_class == "non_political"
    assert engine.classify(THANKS, None).content_class == "non_political"
    unaddressed = "Hendy temen sekelas aku, jalan ke kebun kopinya wis diaspal"
    assert engine.classify(unaddressed, "35.09").content_class == "non_political"


@pytest.mark.parametrize(
    "text",
    [
        "Khofifah kembali gandeng Emil Dardak, pasangan petahana resmi daftar ke KPU Jatim",
        "Bawaslu Jember gelar sidang sengketa pencalonan Hendy-Firjaun hari ini",
    ],
)
def test_news_of_an_official_stage_is_civic(engine: Engine, text: str) -> None:
    assert engine.classify(text).content_class == "civic"


@pytest.mark.parametrize(
    "text",
    [
        "Hendy-Firjaun sudah daftar ke KPU, coblos nomor 1 ya!",
        "Alhamdulillah Bu Khofifah sudah daftar ke KPU, insyaAllah menang lagi",
        "Hendy resmi daftar ke KPU Jember, jangan pilih yang lain! #HendyLagi",
    ],
)
def test_a_stage_with_a_push_stays_partisan(engine: Engine, text: str) -> None:
    assert engine.classify(text, "35.09").content_class == "partisan"


def test_the_inked_finger_after_voting_twice_mentioned_is_civic(engine: Engine) -> None:
    text = "Selesai nyoblos jangan lupa celup jari ke tinta ☝️ biar gak ada yg nyoblos dua kali"
    assert engine.classify(text).content_class == "civic"
    assert engine.classify("Sudah nyoblos ☝️, kalian coblos nomor 1 ya").content_class == (
        "partisan"
    )


@pytest.mark.parametrize(
    ("partisan", "expected"),
    [(0.62, "civic"), (0.45, "non_political"), (0.7, "partisan")],
)
def test_r3_without_evidence_keeps_what_the_model_heard(
    engine: Engine, partisan: float, expected: str
) -> None:
    # R3: no name, number, cue: partisan only above R3_KEEP_PARTISAN; below it, a model that
    # still gives partisan a majority heard political talk (civic), else non_political
    from posko.neutrality.engine.cues import find_cues
    from posko.neutrality.engine.normalize import normalize

    norm = normalize("pemimpin terbaik kok hasilnya gini, jangan berlebihan")
    cues = find_cues(norm)
    assert not any(cues)
    rest = 1.0 - partisan
    proba: dict[ContentClass, float] = {
        "partisan": partisan,
        "civic": 0.01,
        "non_political": rest - 0.01,
    }
    assert engine.classifier._apply_rules(proba, norm, [], cues, {}) == expected
