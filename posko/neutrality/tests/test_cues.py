"""find_cues(): support, attack, civic and election phrases, incl. regional forms."""

from __future__ import annotations

import pytest

from posko.neutrality.engine.cues import Cues, expand_alternatives, find_cues, load_cues
from posko.neutrality.engine.normalize import normalize


def cues(raw: str) -> Cues:
    return find_cues(normalize(raw))


def test_support_and_hashtag_patterns() -> None:
    found = cues("#JokowiLagi menang satu putaran, fix pilih 02!")
    assert "menang 1 putaran" in found.support
    assert "#jokowilagi" in found.support
    assert "fix pilih" in found.support
    assert found.attack == ()


def test_attack_wins_over_support_inside_longer_phrase() -> None:
    found = cues("jangan pilih dia, koruptor! #2019GantiPresiden")
    assert found.support == ()
    assert {"jangan pilih", "koruptor", "#2019gantipresiden"} <= set(found.attack)


def test_civic_regional_forms() -> None:
    found = cues(
        "Ayo ka TPS tanggal 27 November! #PilkadaDamai2024 tong golput, tolak politik uang"
    )
    assert {"ayo ka tps", "tanggal 27 november", "pilkada damai", "tong golput"} <= set(found.civic)
    assert "tolak politik uang" in found.civic
    assert "tolak" not in found.attack  # hidden by the longer civic phrase
    assert "pilkada" in found.election  # election word inside a civic phrase still counts
    assert cues("ojo golput yo, pilkada adem").civic == ("ojo golput", "pilkada adem")


def test_slang_forms_line_up_with_formal_cues() -> None:
    found = cues("bsk nyoblos di tps, jgn lupa")
    assert "coblos" in found.support and "tps" in found.election


def test_non_political_text_has_no_cues() -> None:
    assert cues("makan nasi goreng enak banget wkwk") == Cues()


def test_lexicon_loads_once() -> None:
    assert load_cues() is load_cues()


def test_alternatives_in_a_phrase_stand_for_each_of_them() -> None:
    assert expand_alternatives("{cocok|layak} jadi {gubernur|wali kota}") == [
        "cocok jadi gubernur",
        "cocok jadi wali kota",
        "layak jadi gubernur",
        "layak jadi wali kota",
    ]
    assert expand_alternatives("jangan lupa nomor") == ["jangan lupa nomor"]
    for broken in ("{cocok|layak jadi", "cocok} jadi", "{cocok||layak} jadi"):
        with pytest.raises(ValueError, match="cues.yaml"):
            expand_alternatives(broken)
    # cues.yaml uses them: saying someone should hold an office is support
    assert "cocok menjadi gubernur" in cues("Pak Dedi cocok menjadi gubernur Jabar").support
    assert "layak jadi presiden" in cues("beliau layak jd presiden").support
    assert cues("Resep ini cocok jadi menu sarapan").support == ()


def test_a_reminder_of_homework_is_no_ballot_reminder() -> None:
    assert cues("Jangan lupa nomor 3 dikerjain ya").support == ()
    assert cues("Besok jangan lupa nomor 4 ya warga Jabar").support == ("jangan lupa nomor",)
    # other phrases ending in "nomor" stay, whatever task follows ("bawa", "cek")
    assert cues("Yuk coblosan nomor 2 besok, bawa undangan").support == ("coblosan nomor",)
