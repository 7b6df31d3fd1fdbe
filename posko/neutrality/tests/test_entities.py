"""EntityMatcher: candidates, aliases, ballot numbers in context, parties, figures."""

from __future__ import annotations

import pytest

from posko.candidates.registry import Pair
from posko.neutrality.engine.entities import (
    EntityMatch,
    EntityMatcher,
    clean_person_name,
    load_gazetteer,
)
from posko.neutrality.engine.normalize import normalize

PILPRES = [
    Pair("", "Indonesia", "presiden", 1, "H. ANIES RASYID BASWEDAN, Ph.D.",
         "Dr. (H.C.) H. A. MUHAIMIN ISKANDAR", ("AMIN",)),
    Pair("", "Indonesia", "presiden", 2, "H. PRABOWO SUBIANTO", "GIBRAN RAKABUMING RAKA",
         ("Pragib",)),
    Pair("", "Indonesia", "presiden", 3, "H. GANJAR PRANOWO, S.H., M.I.P.",
         "Prof. Dr. H. M. MAHFUD MD", ("Gama",)),
]  # fmt: skip
JAKARTA = [
    Pair("31", "DKI Jakarta", "gubernur", 1, "Ridwan Kamil", "Suswono", ("RIDO", "RK")),
    Pair("31", "DKI Jakarta", "gubernur", 2, "Dharma Pongrekun", "Kun Wardana"),
    Pair("31", "DKI Jakarta", "gubernur", 3, "Pramono Anung", "Rano Karno", ("Pramono-Rano",)),
]


@pytest.fixture(scope="module")
def pilpres() -> EntityMatcher:
    return EntityMatcher(PILPRES)


def found(matcher: EntityMatcher, raw: str) -> list[tuple[str, str, int | None]]:
    return [
        (m.kind, m.surface, m.pair.number if m.pair else None)
        for m in matcher.match(normalize(raw))
    ]


def test_clean_person_name_strips_titles_and_degrees() -> None:
    assert clean_person_name("H. ANIES RASYID BASWEDAN, Ph.D.") == ("anies", "rasyid", "baswedan")
    assert clean_person_name("Prof. Dr. H. M. MAHFUD MD") == ("mahfud", "md")
    assert clean_person_name("Dr. (H.C.) H. A. MUHAIMIN ISKANDAR") == ("muhaimin", "iskandar")


def test_candidate_names_and_nicknames(pilpres: EntityMatcher) -> None:
    assert found(pilpres, "anies rasyid baswedan") == [("candidate", "anies rasyid baswedan", 1)]
    assert found(pilpres, "Anies Baswedan dan Cak Imin") == [
        ("candidate", "anies baswedan", 1),
        ("running_mate", "cak imin", 1),  # gazetteer nickname linked to the registry pair
    ]
    assert found(pilpres, "mas gibran keren") == [("running_mate", "mas gibran", 2)]
    assert found(pilpres, "Mahfud MD") == [("running_mate", "mahfud md", 3)]
    assert found(pilpres, "Pragib menang") == [("alias", "pragib", 2)]


def test_common_name_parts_do_not_match_alone() -> None:
    matcher = EntityMatcher(
        [Pair("32", "Jawa Barat", "gubernur", 4, "Dedi Mulyadi", "Erwan Setiawan")]
    )
    assert found(matcher, "dedi") == []
    assert found(matcher, "pak dedi mulyadi") == [("candidate", "dedi mulyadi", 4)]
    assert found(matcher, "kdm") == [("candidate", "kdm", 4)]


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("Bsk jgn lupa nyoblos no 3 yaaa ✌️✌️ #AyoCoblosNomor3", 3),
        ("pilih nomer opat", 4),
        ("pilgub jateng nomer telu", 3),
        ("nomor urut tiga", 3),
        ("coblos 3", 3),
        ("paslon 2", 2),
        ("no. 03 ganjar mahfud", 3),
        ("01 lanjutkan!", 1),
        ("#02LanjutkanPrabowo", 2),
        ("✌️ prabowo gibran", 2),
        ("capres 01 anies", 1),
        ("Besok coblos 2, jan golput", 2),  # "jan" is "jangan", not January
        # "paket" is a pair too: it counts goods only after a bare vote verb and number
        ("Coblos nomor 2 paket lengkap, tegas dan merakyat!", 2),
        ("Pilih 02 paket lengkap", 2),
    ],
)
def test_ballot_numbers_in_context(pilpres: EntityMatcher, raw: str, number: int) -> None:
    ballots = [m for m in pilpres.match(normalize(raw)) if m.kind == "ballot_number"]
    assert {m.name for m in ballots} == (
        {str(number)} if number == 4 else {PILPRES[number - 1].candidate}
    )
    assert all(m.pair is None or m.pair.number == number for m in ballots)


@pytest.mark.parametrize(
    "raw",
    [
        "nomor 1 di hatiku nasi goreng",
        "juara 2",
        "kamar no 3",
        "lantai 2",
        "jam 3",
        "2 orang",
        "✌️ makasih",
        "nomer telu",  # a number word alone is not a candidate
        "coblos 2 kali",
        "jam 01 lanjutkan tidur",
        "debat capres 12 Desember",  # a date
        "Pemilu 01 Desember",
        "nyoblos dua surat suara",  # how many ballots, not which pair
        "antrean nomor urut 3",  # a queue number
        "diskon 50% pilih 2 gratis 1",  # a shop's deal
        "Promo sembako murah! Pilih 1 paket cuma 50 ribu",  # goods counted
        "beras lagi naik, pilih 2 karung aja",
    ],
)
def test_numbers_without_political_context_are_not_candidates(
    pilpres: EntityMatcher, raw: str
) -> None:
    assert pilpres.match(normalize(raw)) == []


def test_ballot_number_points_to_every_pair_with_that_number() -> None:
    matcher = EntityMatcher(PILPRES + JAKARTA)
    pairs = {m.pair for m in matcher.match(normalize("coblos 3"))}
    assert pairs == {PILPRES[2], JAKARTA[2]}


def test_hand_sign_loses_to_an_explicit_number(pilpres: EntityMatcher) -> None:
    numbers = {m.pair.number for m in pilpres.match(normalize("coblos no 3 ✌️")) if m.pair}
    assert numbers == {3}


def test_parties_and_ambiguous_short_forms(pilpres: EntityMatcher) -> None:
    assert found(pilpres, "PDI-P dan gerindra") == [
        ("party", "pdi p", None),
        ("party", "gerindra", None),
    ]
    assert found(pilpres, "PAN mendukung") == [("party", "pan", None)]  # capitals count
    assert found(pilpres, "pan gimana dong") == []
    assert found(pilpres, "kader pan solid") == [("party", "pan", None)]  # context word
    assert found(pilpres, "bayar pbb tahun ini") == []


def test_figures_that_need_context(pilpres: EntityMatcher) -> None:
    assert found(pilpres, "mega sale 12.12") == []
    assert found(pilpres, "Bu Mega ketum PDIP") == [
        ("figure", "bu mega", None),
        ("party", "pdip", None),
    ]
    assert found(pilpres, "mega hadir di kampanye") == [("figure", "mega", None)]
    assert found(pilpres, "bobby ganteng") == []
    assert found(pilpres, "jokowi") == [("figure", "jokowi", None)]
    assert [m.name for m in pilpres.match(normalize("Pak Jokowi"))] == ["Joko Widodo"]


def test_alias_that_is_a_common_word(pilpres: EntityMatcher) -> None:
    assert found(pilpres, "aamiin ya allah") == []
    # "coblos" in election talk names the pair; "pilih" is also everyday "choose"
    assert found(pilpres, "besok coblos amin di TPS") == [("alias", "amin", 1)]
    assert found(pilpres, "pilih amin") == []
    assert found(pilpres, "AMIN aja dulu") == [("slogan", "amin saja dulu", 1)]


def test_regional_race_aliases() -> None:
    matcher = EntityMatcher(JAKARTA)
    assert found(matcher, "Mas Pram dan Bang Doel") == [
        ("candidate", "mas pram", 3),
        ("running_mate", "bang doel", 3),
    ]
    assert ("alias", "rido", 1) in found(matcher, "#RIDO menang pilgub")


def test_gazetteer_is_cached_and_complete() -> None:
    gaz = load_gazetteer()
    assert gaz is load_gazetteer()
    assert len(gaz.parties) == 24 and len(gaz.figures) >= 200
    assert ("pdip",) in next(p for p in gaz.parties if p.abbr == "PDIP").forms
    assert all(isinstance(m, EntityMatch) for m in EntityMatcher([]).match(normalize("sby")))


def test_model_place_names_are_the_kemendagri_kab_kota_names() -> None:
    """gazetteer model_place_names is every one-word kab/kota name of the shipped Kemendagri
    codes but the listed exceptions, so a new code file cannot leave the list behind."""
    import re

    import yaml

    from posko.neutrality.engine.normalize import DATA_DIR
    from posko.regions.lookup import iter_region_records

    raw = yaml.safe_load((DATA_DIR / "gazetteer.yaml").read_text(encoding="utf-8"))
    provinces = {str(form) for forms in raw["region_words"].values() for form in forms}
    names = set()
    for region in iter_region_records():
        if region.level == "provinsi":
            provinces.add(region.name.lower())
        elif region.level == "kabkota":
            name = re.sub(r"^(kabupaten|kota) ", "", region.name.lower())
            if name.isalpha() and normalize(name).tokens == (name,):
                names.add(name)
    left_out = {*raw["places_needing_designation"], *raw["model_place_names_left_out"]}
    assert set(raw["model_place_names_left_out"]) <= names  # each one a real kab/kota name
    expected = names - provinces - left_out
    listed = set(raw["model_place_names"])
    assert listed == expected, (sorted(expected - listed), sorted(listed - expected))
    assert load_gazetteer().model_place_names == frozenset(listed)
    assert {"bantul", "kendari", "cianjur"} <= listed and not {"malang", "jabar"} & listed


JATIM = [
    Pair("35", "Jawa Timur", "gubernur", 3, "Tri Rismaharini", "Zahrul Azhar Asumta", ("Risma",)),
]
JABAR = [Pair("32", "Jawa Barat", "gubernur", 2, "Jeje Wiradinata", "Ronal Surapradja")]


def _kinds(matcher: EntityMatcher, text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.name) for m in matcher.match(normalize(text))]


def test_names_inside_hashtags_and_next_to_own_hand_sign() -> None:
    matcher = EntityMatcher(JATIM + JABAR + JAKARTA)
    assert ("alias", "Tri Rismaharini") in _kinds(matcher, "#RismaHans3 Jatim Rumah Bersama")
    assert ("alias", "Jeje Wiradinata") in _kinds(matcher, "#JejeRonal2 untuk Jabar")
    assert ("alias", "Ridwan Kamil") in _kinds(matcher, "☝️ RIDO")
    assert _kinds(matcher, "#rano") == []  # the bare ambiguous name is still not enough


def test_elongated_and_leetspeak_names() -> None:
    matcher = EntityMatcher(PILPRES + JAKARTA)
    assert ("running_mate", "GIBRAN RAKABUMING RAKA") in _kinds(matcher, "G1br4n wapresku")
    assert any(k == "alias" for k, _ in _kinds(matcher, "RIDOOOO menaaang kang emil"))


def test_names_from_all_races_but_numbers_only_from_the_region() -> None:
    matcher = EntityMatcher(JAKARTA, name_pairs=JAKARTA + JATIM)
    found = matcher.match(normalize("bu risma tegas, coblos nomor 3"))
    names = {(m.kind, m.pair.region_code if m.pair else None) for m in found}
    assert ("candidate", "35") in names  # Jatim candidate named in a Jakarta act
    assert ("ballot_number", "31") in names and ("ballot_number", "35") not in names
    # the positional form still works and names default to the given pairs
    found = EntityMatcher(JAKARTA, None).match(normalize("bu risma tegas"))
    # not a registered pair without name_pairs: a 2024 candidate of no pair
    assert [(m.kind, m.pair) for m in found] == [("candidate", None)]


def test_a_common_given_name_counts_next_to_a_rival_of_the_same_race() -> None:
    jakarta = EntityMatcher(JAKARTA)
    assert ("candidate", "dharma", 2) in found(jakarta, "RK, Dharma, atau Pram, sama aja")
    assert found(jakarta, "Dharma wacana di pura tadi pagi khidmat") == []
    # a rival of another race does not vouch for the name
    both = EntityMatcher([*JAKARTA, *PILPRES])
    assert ("candidate", "dharma", 2) not in found(both, "Dharma dukung Ganjar?")
    # titles and markers ("MD" of Mahfud MD) never stand alone, even next to a rival
    pilpres = EntityMatcher(PILPRES)
    assert ("running_mate", "iskandar", 1) in found(pilpres, "Prabowo atau Iskandar?")
    assert all(m[1] != "md" for m in found(pilpres, "Prabowo atau MD?"))


def test_number_then_jari_is_a_ballot_chant_only_in_context() -> None:
    jakarta = EntityMatcher(JAKARTA)
    assert found(jakarta, "Jakarta 3 jari, pilgub kali ini") == [("ballot_number", "3 jari", 3)]
    assert found(jakarta, "jariku luka 2 jari kena pisau") == []
    # "salam 2 jari" is one chant, found once
    assert found(jakarta, "salam 2 jari pilgub") == [("ballot_number", "salam 2 jari", 2)]


def test_a_hyphenated_pair_of_unregistered_names_in_an_election_text() -> None:
    jakarta = EntityMatcher(JAKARTA)
    assert found(jakarta, "Ayo menangkan Respati-Astrid di Pilwalkot Solo") == [
        ("alias", "respati astrid", None)
    ]
    # not without election words, not for places, days or known names
    assert found(jakarta, "Persib-Persija menang di kandang") == []
    assert found(jakarta, "Tiket Jakarta-Surabaya habis jelang pilkada") == []
    assert found(jakarta, "Kampanye pilkada Senin-Jumat saja") == []
    assert ("alias", "pramono rano", 3) in found(jakarta, "Pilgub: Pramono-Rano kampanye")
    # a volunteer team or a campaign post is election talk too
    assert found(jakarta, "Yg mau gabung relawan Arfi-Yena DM ya") == [("alias", "arfi yena", None)]


def test_a_campaign_hashtag_of_two_unregistered_names_and_a_number() -> None:
    jakarta = EntityMatcher(JAKARTA)
    assert found(jakarta, "#AnsyJaneNomor1 🔥🔥") == [("alias", "ansy jane", None)]
    assert found(jakarta, "#YoyokJoss02") == [("alias", "yoyok joss", None)]
    assert found(jakarta, "#𝗔𝗻𝘀𝘆𝗝𝗮𝗻𝗲𝗡𝗼𝗺𝗼𝗿𝟭") == [("alias", "ansy jane", None)]
    # without a number, or of common words, a hashtag is no pair
    assert found(jakarta, "#AnsyJane keren") == []
    assert found(jakarta, "#PilkadaDamai2024") == []
    assert found(jakarta, "#MakanEnak1") == []
    assert found(jakarta, "#BlessedSunday1") == []  # a number alone is no ballot number here


def test_epithets_name_a_candidate_only_in_election_talk() -> None:
    jakarta = EntityMatcher(JAKARTA)
    # the registered pair's candidate, through the gazetteer's epithet
    assert ("candidate", "mantan seskab", 3) in found(jakarta, "Mantan seskab jadi cagub? skip")
    # not registered here: the gazetteer's 2024 candidate, of no pair
    assert found(jakarta, "Bah, mantu pakde pulak yang nyalon gubernur") == [
        ("candidate", "mantu pakde", None)
    ]
    # outside election talk the same words describe somebody else
    assert found(jakarta, "Mantan seskab hadiri pernikahan anak sahabatnya") == []
    assert found(EntityMatcher([]), "Mantan kapolda Jateng ditangkap polisi") == []


def test_one_word_of_a_name_or_alias_needs_political_context() -> None:
    semarang = [
        Pair("33.74", "Kota Semarang", "walikota", 1, "Agustina Wilujeng Pramestuti",
             "Iswar Aminuddin", ("Mbak Agustina", "Dinda")),
    ]  # fmt: skip
    matcher = EntityMatcher(semarang)
    # namesakes: a birthday wish, a partner, a classmate
    assert found(matcher, "Agustina, selamat ulang tahun ya cantik") == []
    assert found(matcher, "Dinda, makasih udah nemenin aku 5 tahun ini") == []
    assert found(matcher, "Ayo dukung Agustina jadi walikota") == [("candidate", "agustina", 1)]
    assert found(matcher, "Dinda pasti menang") == [("alias", "dinda", 1)]
    # two words of the name, or a two-word alias, need nothing else
    assert found(matcher, "Agustina Wilujeng mantap") == [("candidate", "agustina wilujeng", 1)]
    assert found(matcher, "Mbak Agustina mantap") == [("alias", "mbak agustina", 1)]


def test_a_famous_one_word_name_keeps_its_gazetteer_policy() -> None:
    # "Prabowo" alone is a gazetteer figure that needs no context; as a registered candidate
    # it keeps that reading instead of the one-word-of-a-name rule
    assert found(EntityMatcher(PILPRES), "Prabowo ganteng") == [("candidate", "prabowo", 2)]


def test_mualem_alone_is_also_a_ship_officer() -> None:
    matcher = EntityMatcher([])
    assert found(matcher, "Abangku sekarang jadi mualem 2 di kapal tanker") == []
    assert ("candidate", "mualem", None) in found(matcher, "Mualem maju lagi di pilgub Aceh")


def test_a_2024_candidate_no_pair_lists_is_a_candidate_not_a_figure() -> None:
    text = "Bang Midji emang hebat, mantap jadi gubernur lagi"
    assert found(EntityMatcher([]), text) == [("candidate", "bang midji", None)]
    # training reads them as figures; people who ran for nothing stay figures
    as_figures = EntityMatcher([], unlisted_candidates=False)
    assert found(as_figures, text) == [("figure", "bang midji", None)]
    assert found(EntityMatcher([]), "Jokowi resmikan tol") == [("figure", "jokowi", None)]


def test_an_unknown_name_after_a_form_of_address_in_election_talk() -> None:
    matcher = EntityMatcher([])
    assert found(matcher, "Bang Harun orangnya merakyat, cocok jadi bupati Langkat") == [
        ("alias", "bang harun", None)
    ]
    assert found(matcher, "Kaka Ansy tu pintar, NTT butuh gubernur macam begini") == [
        ("alias", "kakak ansy", None)
    ]
    # not without election words, not a title or a trade, not written in lower case
    assert found(matcher, "Bang Harun tukang cukur langganan, rapi banget") == []
    assert found(matcher, "Pak Camat hadiri kampanye damai") == []
    assert found(matcher, "pak harun cocok jadi bupati") == []
    assert found(matcher, "kata Pak Harun cocok jadi bupati") == [("alias", "pak harun", None)]
    # only spaces between: "Siap pak! Laksanakan" is no name
    assert found(matcher, "Siap pak! Laksanakan, kawal pilkada damai") == []
    # styled letters, as pasted from a "font generator", are plain letters
    assert found(matcher, "𝗕𝗮𝗻𝗴 𝗛𝗮𝗿𝘂𝗻 cocok jadi bupati") == [("alias", "bang harun", None)]
    # a known figure is not read again as somebody new
    assert [k for k, *_ in found(matcher, "Dulu Pak Harto juga kampanye pakai kuning")] == [
        "figure"
    ]


def test_a_registered_candidate_is_linked_to_a_one_word_gazetteer_name() -> None:
    # Suswono is one word in the gazetteer: his nicknames point to the registered pair
    assert found(EntityMatcher(JAKARTA), "Suswono cocok jadi wagub") == [
        ("running_mate", "suswono", 1)
    ]
    assert found(EntityMatcher(JAKARTA), "Mantan mentan cocok jadi wagub Jakarta") == [
        ("running_mate", "mantan mentan", 1)
    ]


def test_a_former_office_names_a_candidate_when_someone_runs() -> None:
    matcher = EntityMatcher([])
    assert found(matcher, "mantan wawako Palembang nak jadi wako, dulu ngapoi bae?") == [
        ("alias", "mantan wawako", None)
    ]
    assert found(matcher, "Mantan gubernur Riau maju lagi di pilgub") == [
        ("alias", "mantan gubernur riau", None)  # the province belongs to the epithet
    ]
    # nobody runs: a former official in the news
    assert found(matcher, "Mantan bupati Bogor ditangkap KPK") == []
    # a known candidate's epithet stays that candidate's
    assert [k for k, *_ in found(matcher, "Mantan walkot Medan maju pilgub")] == ["candidate"]


def test_an_acronym_that_spells_the_races_place_names_the_place() -> None:
    # Maidi-Panuntun's acronym MADIUN is the name of the city whose race it is
    madiun = [
        Pair("35.77", "Kota Madiun", "walikota", 1, "Bonie Laksmana", "Bagus Rizki"),
        Pair("35.77", "Kota Madiun", "walikota", 2, "Maidi", "F. Bagus Panuntun", ("MADIUN",)),
    ]
    matcher = EntityMatcher(madiun)
    assert found(matcher, "Debat kedua Pilwalkot Madiun: tiga paslon adu gagasan") == []
    named = found(matcher, "Maidi-Panuntun lanjutkan, MADIUN makin maju!")
    assert ("alias", "madiun", 2) in named
    # another pair named: the place is still the place
    rival = found(matcher, "Bonie Laksmana tidak layak memimpin Madiun, jangan pilih dia")
    assert {number for _kind, _surface, number in rival} == {1}


AMBON = [
    Pair("81.71", "Kota Ambon", "walikota", 1, "Agus Ririmasse", "M. Novan Liem", ("AMAN",)),
    Pair("81.71", "Kota Ambon", "walikota", 3, "Muhammad Tadi Salampessy", "Emilyh Luhukay"),
    Pair("12.07", "Kabupaten Deli Serdang", "bupati", 3, "M. Ali Yusuf Siregar",
         "Bayu Sumantri Agung", ("AYS", "BSA")),
    Pair("72.71", "Kota Palu", "walikota", 1, "Hidayat", "Andi Nur B. Lamakarate", ("HANDAL",)),
    Pair("72.71", "Kota Palu", "walikota", 2, "Hadianto Rasyid", "Imelda Liliana Muhidin"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # an acronym that is also a word is the word unless written in capitals ("BSA" is
        # slang for "bisa"); in capitals it is the pair, as any acronym
        ("Pilkada Ambon harus aman dan damai, jangan terprovokasi", []),
        ("Penerima uang politik juga bisa dipidana, hati-hati", []),
        ("Ayo menangkan AMAN di Pilwalkot Ambon!", [("alias", "aman", 1)]),
        ("Dukung BSA jadi wakil bupati Deli Serdang", [("alias", "bisa", 3)]),
        # ... even after a vote verb or in a hashtag ("pilih aman aja", "#AmbonAman")
        ("Mending pilih aman aja, beli helm yang SNI", []),
        ("Terima kasih TNI-Polri yang berjaga #AmbonAman", []),
        # ... and not in a text all in capitals, where every word is
        ("SEMOGA AMAN DAN LANCAR, AMIN YA RABBAL ALAMIN", []),
        # a name part that is also a word counts only written as a name
        ("3 jari buat calon wali kota, nonton debat tadi malam", []),
        ("Warna yang kamu pilih tadi bagus, cocok buat kamar", []),
        ("Tadi ada kampanye calon wali kota di lapangan, ramai", []),  # a sentence's capital
        ("Update pilwalkot Ambon\nTadi pagi ada kampanye calon wali kota", []),  # a line's
        ("🙏 Tadi pagi ada kampanye calon wali kota", []),
        # capitals in election talk, and an acronym opening a hashtag, are the pair
        ("DUKUNG BSA JADI WAKIL BUPATI DELI SERDANG", [("alias", "bisa", 3)]),
        ("#AMANMenang di Pilwalkot Ambon", [("alias", "aman", 1)]),
        # ... but not a closing AMIN in capitals, an all-capitals hashtag, a quoted name
        ("YA ALLAH LINDUNGI KAMI DARI KECURANGAN PILKADA AMBON, AMAN", []),
        ("#AMANDAMAI pilkada Ambon", []),
        ('Calon wali kota "Tadi" paling merakyat', [("candidate", "tadi", 3)]),
        ("Pak Tadi calon wali kota yang paling merakyat", [("candidate", "tadi", 3)]),
        # a one-word name that is a common given name needs a rival named, as a name part
        ("Montir paling handal di Palu cuma Om Hidayat, motor mogok beres", []),
        ("Hidayat atau Hadianto, pilkada Palu tinggal seminggu", [
            ("candidate", "hidayat", 1), ("candidate", "hadianto", 2)]),
    ],
)  # fmt: skip
def test_names_and_acronyms_that_are_also_words(raw: str, expected: list[tuple]) -> None:
    matcher = EntityMatcher(AMBON)
    assert [f for f in found(matcher, raw) if f[0] != "ballot_number"] == expected


def test_a_hand_sign_does_not_make_a_common_word_a_name() -> None:
    # 🤟 is pair 3's number, but "tadi malam" is "last night", not its candidate Tadi
    matcher = EntityMatcher(AMBON)
    assert found(matcher, "🤟🤟 nonton konser metal tadi malam, leher pegel") == []


def test_a_workplace_is_no_political_context() -> None:
    # ASN work at the pemda: a colleague who shares a candidate's name part is a colleague
    matcher = EntityMatcher(AMBON)
    assert found(matcher, "Pak Hadianto dari bagian keuangan pemkot baik banget") == []


def test_an_addressed_alias_followed_by_a_role_is_a_namesake() -> None:
    tegal = [Pair("33.76", "Kota Tegal", "walikota", 2, "Dedy Yon Supriyono",
                  "Tazkiyatul Muthmainnah", ("Dedy-Iin", "Mbak Iin"))]  # fmt: skip
    matcher = EntityMatcher(tegal)
    assert found(matcher, "Mbak Iin tukang gorengan depan stasiun, mendoannya mantap") == []
    assert found(matcher, "Mbak Iin paling cocok pimpin Tegal") == [("alias", "mbak in", 2)]


def test_a_vote_verb_that_counts_is_no_ballot_number(pilpres: EntityMatcher) -> None:
    # "jangan coblos dua kolom" and "coblos 2 kali" say how many, not which pair
    assert found(pilpres, "jangan coblos dua kolom, nanti suaranya hangus") == []
    assert found(pilpres, "coblos 2 kali malah tidak sah") == []


def test_an_addressed_namesake_on_polling_day_is_a_namesake() -> None:
    jakarta = [Pair("31", "DKI Jakarta", "gubernur", 3, "Pramono Anung", "Rano Karno",
                    ("Mas Pram",))]  # fmt: skip
    matcher = EntityMatcher(jakarta)
    assert found(matcher, "Mas Pram tukang ojek langganan ikut nyoblos tadi") == []
    assert found(matcher, "Mas Pram tukang ojek? bukan, dia calon gubernur") != []
