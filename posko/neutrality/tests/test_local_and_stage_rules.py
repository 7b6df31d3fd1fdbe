"""A local candidate addressed by name, news of an official stage (R13), the inked finger (R8)."""

from __future__ import annotations

import pytest

from posko.candidates.registry import Pair, Registry
from posko.neutrality.engine.checker import Engine

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


@pytest.mark.parametrize("region", ["31.71", None, ""])
def test_elsewhere_the_name_is_anybody(engine: Engine, region: str | None) -> None:
    assert engine.classify(THANKS, region).content_class == "non_political"


@pytest.mark.parametrize(
    "text",
    [
        "Hendy temen sekelas aku, jalan ke kebun kopinya wis diaspal",  # no form of address
        "Selamat ulang tahun Mas Hendy, semoga sehat selalu",  # no thanks for public works
        "Makasih Pak Hendy udah bantuin angkat galon",
    ],
)
def test_in_other_talk_the_name_is_anybody(engine: Engine, text: str) -> None:
    verdict = engine.classify(text, "35.09")
    assert verdict.content_class == "non_political", verdict


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
        # cheers R13 must not silence: everyday support words, a bare ballot number
        "Hendy resmi daftar ke KPU Jember, ayo coblos Hendy!",
        "Prabowo-Gibran resmi daftar ke KPU, all in 02",
        "Sidang gugatan di MK ditolak, Prabowo-Gibran gas!",
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
