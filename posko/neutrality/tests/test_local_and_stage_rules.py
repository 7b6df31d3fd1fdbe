"""A local candidate addressed by name, news of an official stage (R13), the inked finger (R8)."""

from __future__ import annotations

import pytest

from posko.candidates.registry import Pair, Registry, shipped_registry
from posko.neutrality.engine.checker import Engine
from posko.neutrality.tests.misreads import PLACE_EDGE

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
        "Makasih Mas Hendy, lagi jalan ke rumah",  # "jalan" is no public work here
        # a role right after the name: someone else ("guru", "tetangga")
        "Makasih Pak Hendy tetangga sebelah, jalan gang sudah dicor bareng warga",
        "Foto bareng Pak Hendy guru ngaji waktu khataman di langgar",
        "Foto bareng Pak Hendy wali kelas anakku pas perpisahan",
        "Foto bareng Pak Hendy guruku waktu SD, masih ingat aku",
    ],
)
def test_in_other_talk_the_name_is_anybody(engine: Engine, text: str) -> None:
    verdict = engine.classify(text, "35.09")
    assert verdict.content_class == "non_political", verdict


def test_a_nickname_is_not_a_name_part() -> None:
    nicknamed = Pair(
        "35.09", "Kabupaten Jember", "bupati", 1, "Hendy Siswanto", "Muhammad Balya Firjaun",
        ("Hensis",),
    )  # fmt: skip
    engine = Engine(Registry((nicknamed, FAWAIT)))
    text = "Makasih Mas Hensis, jalan desa sudah diaspal"
    assert engine.classify(text, "35.09").content_class == "non_political"
    assert engine.classify("Trimakasih Pak Hendy, jalan desa sudah diaspal", "35.09").targets
    # a gazetteer nickname ("Rido", Ridwan Kamil-Suswono) is matched as the candidate, but it
    # is no part of his name: in Jakarta a "Mas Rido" thanked for a road is somebody else
    shipped = Engine(shipped_registry())
    thanks = shipped.classify("Makasih Mas Rido, jalan kampung sudah dicor", "31.71")
    assert thanks.targets == ()


@pytest.mark.parametrize(
    "text",
    [
        "Khofifah kembali gandeng Emil Dardak, pasangan petahana resmi daftar ke KPU Jatim",
        "Bawaslu Jember gelar sidang sengketa pencalonan Hendy-Firjaun hari ini",
        # a ballot number reported with the stage takes no side by itself
        "Luluk nomor 1 daftar ke KPU Jatim, diantar kader PKB",
        # the result as the body states it, not the campaign's "satu putaran" cheer
        "Pleno KPU Jember: Fawait-Djoko ditetapkan sebagai pasangan terpilih, selesai satu putaran",
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
        "Hendy-Firjaun resmi daftar ke KPU, ayo satu putaran!",
        "Hendy-Firjaun resmi daftar ke KPU, targetnya menang satu putaran dan terpilih lagi",
        # a registration cheered, not reported
        "Mantap, Mas Pram dan Bang Doel sudah daftar ke KPU, Jakarta menyala!",
        "Keren, Kang Dedi resmi daftar ke KPU Jabar, Jabar istimewa!",
    ],
)
def test_a_stage_with_a_push_stays_partisan(engine: Engine, text: str) -> None:
    assert engine.classify(text, "35.09").content_class == "partisan"


def test_a_wink_after_voting_keeps_the_finger_a_number(engine: Engine) -> None:
    text = "Udah nyoblos dong ☝️ paham kan maksudnya"
    assert engine.classify(text).content_class == "partisan"


def test_the_inked_finger_after_voting_twice_mentioned_is_civic(engine: Engine) -> None:
    text = "Selesai nyoblos jangan lupa celup jari ke tinta ☝️ biar gak ada yg nyoblos dua kali"
    assert engine.classify(text).content_class == "civic"
    assert engine.classify("Sudah nyoblos ☝️, kalian coblos nomor 1 ya").content_class == (
        "partisan"
    )


def test_r3_takes_the_likelier_of_civic_and_non_political(engine: Engine) -> None:
    # the model leans partisan (0.58) on words alone; nothing political is named
    text = "Makasih Mas Rido udah bantuin angkat galon"
    assert engine.classify(text, "31.71").content_class == "non_political"


def test_thanks_to_a_registered_candidate_by_office_and_name(engine: Engine) -> None:
    # R18 (guideline borderline 2): the regent who runs again, thanked for a school grant
    text = "Matur nuwun Pak Bupati Fawait, bantuan seragam sekolah kanggo anakku wis cair 🙏"
    verdict = engine.classify(text, "35.09")
    assert verdict.content_class == "partisan"
    assert [t.number for t in verdict.targets] == [2]
    # news of the thanks, or a namesake thanked for something else, are not support
    news = "Menurut warga, terima kasih kepada Pak Fawait disampaikan saat penyaluran bantuan"
    assert engine.classify(news, "35.09").content_class != "partisan"


def test_a_photo_with_a_local_candidate_addressed_by_name(engine: Engine) -> None:
    # in Jember "Pak Hendy" in a photo is its bupati (R15); elsewhere he is anybody
    text = "Selfie bareng Pak Hendy pas senam pagi di alun-alun, orangnya ramah"
    verdict = engine.classify(text, "35.09")
    assert verdict.content_class == "partisan"
    assert [t.number for t in verdict.targets] == [1]
    assert engine.classify(text, "31.71").content_class == "non_political"
    met = "Ketemu Pak Hendy nang warung kopi, ngobrol terus foto bareng"
    assert [t.number for t in engine.classify(met, "35.09").targets] == [1]
    for met in ("Ketemu Pak Hendy di CFD, sempet selfie dong", "Alhamdulillah ketemu Pak Hendy, "
                "beliau mau difoto bareng aku"):  # fmt: skip
        assert [t.number for t in engine.classify(met, "35.09").targets] == [1], met
    wished = "Ketemu Pak Hendy di pasar, pengen banget foto bareng tapi malu"
    assert engine.classify(wished, "35.09").content_class == "non_political"
    assert engine.classify(met, "31.71").content_class == "non_political"


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=PLACE_EDGE)
def test_congratulations_outside_the_candidates_region_name_nobody(engine: Engine) -> None:
    # outside Jember "Pak Hendy" is anybody: the model reads "<place> makin maju, amanah" as
    # praise of a term in office (partisan 0.88; 0.61 before, which R3 kept non-political)
    text = "Selamat Pak Hendy! Jember makin maju, amanah terus ya"
    assert engine.classify(text, "31.71").content_class == "non_political"


def test_congratulations_to_a_local_candidate_addressed_by_name(engine: Engine) -> None:
    # in Jember "Selamat Pak Hendy!" congratulates its bupati; a birthday wish is anybody's
    text = "Selamat Pak Hendy! Jember makin maju, amanah terus ya"
    assert [t.number for t in engine.classify(text, "35.09").targets] == [1]
    assert engine.classify(text, "31.71").targets == ()  # his race is not in view there
    won = "Selamat Pak Hendy atas kemenangannya!"
    assert [t.number for t in engine.classify(won, "35.09").targets] == [1]
    for private in (
        "Selamat Pak Hendy, suara bapak paling merdu pas lomba karaoke kantor",
        "Selamat Pak Hendy, panjang umur di hari ulang tahunnya",
        "Selamat Pak Hendy atas kelulusan putrinya, semoga jadi dokter yang amanah",
        "Selamat Pak Hendy, sudah jadi kakek! Sehat selalu",
    ):
        assert engine.classify(private, "35.09").content_class == "non_political", private


def test_an_office_after_the_name_is_still_the_candidate(engine: Engine) -> None:
    # "ketua fraksi" is a political office, not a namesake's role
    text = "Matur suwun Pak Fawait ketua fraksi, jalan ke kebun wis diaspal"
    assert [t.number for t in engine.classify(text, "35.09").targets] == [2]


@pytest.mark.parametrize(
    "text",
    [
        "Terima kasih atas bantuannya Pak Maidi, beasiswa sekolah sudah cair",
        "Pak Wali Maidi, matur nuwun bantuan seragam kanggo anakku wis cair",
        "Matur nuwun sanget Pak Wali Maidi, seragam sekolah wis teko",
        # a new clause after the name is no role
        "Terima kasih Pak Maidi, guru honorer sudah terima insentif bulan ini",
    ],
)
def test_thanks_addressed_to_a_candidate_in_other_orders(text: str) -> None:
    # Kota Madiun's mayor, who runs again (R18)
    maidi = Pair("35.77", "Kota Madiun", "walikota", 2, "Maidi", "F. Bagus Panuntun")
    bonie = Pair("35.77", "Kota Madiun", "walikota", 1, "Bonie Laksmana", "Bagus Rizki")
    verdict = Engine(Registry((bonie, maidi))).classify(text, "35.77")
    assert verdict.content_class == "partisan"
    assert [t.number for t in verdict.targets] == [2]


def test_a_candidate_thanking_others_is_not_thanked() -> None:
    maidi = Pair("35.77", "Kota Madiun", "walikota", 2, "Maidi", "F. Bagus Panuntun")
    text = "Pak Maidi bilang terima kasih ke warga Madiun"
    assert Engine(Registry((maidi,))).classify(text, "35.77").content_class != "partisan"
