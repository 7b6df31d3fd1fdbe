"""normalize(): slang, numbers, hashtags, emoji and the placeholders of scraped tweets."""

from __future__ import annotations

import pytest

from posko.neutrality.engine.normalize import Normalized, normalize, segment


def text(raw: str) -> str:
    return normalize(raw).text


def test_campaign_tweet_with_hashtag_and_hand_signs() -> None:
    norm = normalize("Bsk jgn lupa nyoblos no 3 yaaa ✌️✌️ #AyoCoblosNomor3")
    assert norm.text == "besok jangan lupa coblos nomor 3 ya jari 2 ayo coblos nomor 3"
    assert norm.hashtags == ("ayocoblosnomor3",)
    assert norm.hand_numbers == (2,)  # a run of the same sign counts once
    assert norm.original.startswith("Bsk")
    assert isinstance(norm, Normalized) and norm.tokens[0] == "besok"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("pilih nomer opat", "pilih nomor 4"),  # Sundanese four after a number-context word
        ("nomer telu", "nomor 3"),  # Javanese three
        ("no urut tiga", "nomor urut 3"),
        ("coblos nmr loro", "coblos nomor 2"),
        ("aku loro", "aku loro"),  # Javanese "sick": no number context, no conversion
        ("no way", "no way"),  # "no" becomes "nomor" only before a number
        ("no. 03", "nomor 03"),  # zero padding is kept as the marker for entities
        ("01 lanjutkan!", "01 lanjutkan"),
        ("mega sale 12.12", "mega sale 12 12"),
    ],
)
def test_numbers(raw: str, expected: str) -> None:
    assert text(raw) == expected


def test_reduplication_elongation_and_leetspeak() -> None:
    assert text("kuning2 hati2") == "kuning kuning hati hati"
    assert text("mantaaap bangeeeet") == "mantap banget"
    assert text("saat maaf") == "saat maaf"  # real double letters survive
    assert text("saaaat") == "saat"
    assert text("s3mang4t g4njar") == "semangat ganjar"
    assert text("2024 pilkada2024") == "2024 pilkada 2024"  # pure numbers stay numbers


def test_slang_and_regional_function_words() -> None:
    raw = "gak ga nggak yg sy bgt dgn utk tdk krn aja udh blm jgn bs dr sm kl klo tp org"
    assert text(raw) == (
        "tidak tidak tidak yang saya banget dengan untuk tidak karena saja sudah belum jangan "
        "bisa dari sama kalau kalau tapi orang"
    )
    assert text("nyoblos milih mileh pilihen") == "coblos pilih pilih pilih"


def test_hashtag_splitting() -> None:
    assert text("#PilkadaDamai2024") == "pilkada damai 2024"
    assert text("#pilkadadamai #jokowilagi") == "pilkada damai jokowi lagi"
    assert text("#02LanjutkanPrabowo") == "02 lanjutkan prabowo"
    assert normalize("#PilkadaDamai2024 #JokowiLagi").hashtags == ("pilkadadamai2024", "jokowilagi")
    assert segment("AMINAjaDulu") == ("amin", "aja", "dulu")
    assert segment("NasDemNoMore") == ("nasdem", "no", "more")  # a camel-cased party name
    # a stray capital inside one word: "agama" (religion), not "a" + the pair alias "Gama"
    assert segment("aGama") == ("agama",)
    assert segment("eKTP") == ("e", "ktp")  # the whole is no word: split as before


def test_a_hashtag_with_a_stray_capital_names_no_pair() -> None:
    from posko.candidates.registry import shipped_registry
    from posko.neutrality.engine.checker import Engine

    text = "tlg diingatkn aj jgn sampai #musyrik #Sragen #haram #aGama"
    verdict = Engine(shipped_registry()).classify(text, None)
    assert verdict.targets == ()
    assert verdict.content_class == "non_political"


def test_mentions_urls_and_dataset_placeholders() -> None:
    assert text("@aniesbaswedan @prabowo mantap") == "anies baswedan prabowo mantap"
    assert text("RT USER: Ayo dukung paslon 02 URL https://t.co/abc") == "ayo dukung paslon 02"
    assert text("cek dpt di www.kpu.go.id ya") == "cek dpt di ya"
    assert text("Ketua RT 05 RW 02") == "ketua rt 05 rw 02"  # neighbourhood RT is not a retweet
    assert text("Pemilihan ketua RT, Pak RT pamit") == "pemilihan ketua rt pak rt pamit"


def test_emoji() -> None:
    norm = normalize("Ma'ruf Amin ☝️ 😍🔥 🤟🏻 3️⃣")
    assert norm.text == "maruf amin jari 1 jari 3 jari 3"
    assert norm.hand_numbers == (1, 3, 3)
    assert text("𝗣𝗶𝗹𝗶𝗵 𝗻𝗼𝗺𝗼𝗿 𝟮 café") == "pilih nomor 2 cafe"


def test_empty_and_punctuation_only() -> None:
    assert normalize("").tokens == ()
    assert normalize("!!! 😂😂").tokens == ()


def test_compiled_lexicon_cache_agrees_with_a_fresh_build():
    """The pickled lexicon (slang, known words, gazetteer, cues) equals a rebuild from data."""
    from posko.neutrality.engine import cues, entities
    from posko.neutrality.engine import normalize as nz

    assert nz.load_slang() == nz.build_slang()
    assert nz.known_words() == nz.build_known_words()
    assert entities.load_gazetteer() == entities.build_gazetteer()
    assert cues.load_cues() == cues.build_cues()
    assert nz._compiled_store()["__key__"] == nz.compiled_key()


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("D3d1Mulyad1", ("dedi", "mulyadi")),  # leetspeak inside a camel-case hashtag
        ("AsyikM3nang", ("asyik", "menang")),
        ("Ay0C0bl0s2", ("ayo", "coblos", "2")),  # leetspeak, then a ballot number
        ("Prabowo2", ("prabowo", "2")),  # a known word keeps its number
        ("Menang1", ("menang", "1")),
        ("AMINajaDulu", ("amin", "aja", "dulu")),  # capitals glued to a lower-case word
        ("RIDOmenang", ("rido", "menang")),
        ("PDIPerjuangan", ("pdi", "perjuangan")),  # ... unless the last capital starts it
        ("KPUJabar", ("kpu", "jabar")),
        ("KDM4Jabar", ("kdm", "4", "jabar")),
        ("COBLOS02", ("coblos", "02")),
    ],
)
def test_hashtag_segmentation_reads_leetspeak_and_acronyms(
    body: str, words: tuple[str, ...]
) -> None:
    assert segment(body) == words


def test_english_number_before_a_digit_is_nomor() -> None:
    assert text("vote number 2 guys") == "vote nomor 2 guys"
    assert text("my phone number is new") == "my phone number is new"


def test_english_possessive_keeps_the_name() -> None:
    # "RK's" is RK's, not a word "rks"; the curly apostrophe of phones too
    assert text("RK's debate was so bad") == "rk debate was so bad"
    assert text("Anies’s team") == "anies team"
    assert text("\U0001d5e5\U0001d5de\u2019s debate") == "rk debate"  # styled letters too
    assert text("Ma'ruf Amin") == "maruf amin"  # an apostrophe inside a word joins it
    assert text("#Jum\u2019atBerkah #RK's") == "jumat berkah rk"  # and a hashtag stays whole


def test_mojibake_no_break_space_is_a_space() -> None:
    # UTF-8 read as Latin-1 glues "Â" to the word before a no-break space
    assert text("KEPADA PRESIDEN\u00c2\u00a0SOEHARTO") == "kepada presiden soeharto"
    assert text("Ângela") == "angela"  # a real Â is only an accent


def test_keycaps_one_digit_is_a_sign_lists_and_dates_are_numbers() -> None:
    one = normalize("3️⃣3️⃣3️⃣ 🔥")
    assert (one.text, one.hand_numbers) == ("jari 3", (3,))
    listed = normalize("Resep: 1️⃣ tumis bawang 2️⃣ goreng nasi")
    assert (listed.text, listed.hand_numbers) == ("resep 1 tumis bawang 2 goreng nasi", ())
    assert text("tgl 2️⃣7️⃣ nov") == "tanggal 27 nov"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("PR4B0W0G1BR4N2024", ("prabowo", "gibran", "2024")),  # all-capitals leetspeak
        ("AM1NAjaDulu", ("amin", "aja", "dulu")),
        ("J4b4rJu4r4", ("jabar", "juara")),
        ("RK1Periode", ("rk", "1", "periode")),  # before a camel-case word it is a number
        ("Menang1Putaran", ("menang", "1", "putaran")),
    ],
)
def test_leetspeak_digits_inside_words(body: str, words: tuple[str, ...]) -> None:
    assert segment(body) == words


def test_check_compiled_wants_the_current_key_and_every_entry(tmp_path, capsys) -> None:
    """`make lint` runs this check: a stale key or a missing entry fails it."""
    import pickle

    from posko.neutrality.engine import normalize as nz

    def check(store: dict[str, object]) -> int:
        path = tmp_path / "compiled_lexicon.pickle"
        path.write_bytes(pickle.dumps(store))
        return nz._check_compiled(path)

    full: dict[str, object] = {"__key__": nz.compiled_key()}
    full.update(dict.fromkeys(nz.COMPILED_ENTRIES, b""))
    assert check(full) == 0
    assert check({**full, "__key__": "old"}) == 1
    assert check({k: v for k, v in full.items() if k != "segment_vocab"}) == 1
    assert "--rebuild-compiled" in capsys.readouterr().out
    assert nz._check_compiled(tmp_path / "missing.pickle") == 1


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # acronyms with a doubled letter are not elongations: "NTT" is not "nanti", "KPPU" is not
        # the election body "kpu", "PPPK" (contract civil servants) is not the "ppk" committee
        ("Banjir di NTT", ("banjir", "di", "ntt")),
        ("KPPU denda kartel", ("kppu", "denda", "kartel")),
        ("formasi PPPK 2024", ("formasi", "pppk", "2024")),
        ("PSSI kalah", ("pssi", "kalah")),
        ("berantas KKN", ("berantas", "kkn")),
    ],
)
def test_acronyms_with_a_doubled_letter_are_kept_whole(text: str, tokens: tuple[str, ...]) -> None:
    assert normalize(text).tokens == tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # an acronym's everyday reading is written out next to a telling word ...
        ("bayar PKB motor", ("bayar", "pajak", "kendaraan", "motor")),
        ("UTS MK Statistik", ("uts", "mata", "kuliah", "statistik")),
        ("otw sby naik kereta", ("otw", "surabaya", "naik", "kereta")),
        ("TPS deket pasar baunya", ("tempat", "pembuangan", "sampah", "dekat", "pasar", "baunya")),
        ("nyoblos kuping adek", ("tindik", "kuping", "adek")),
        ("telinga adek dicoblos, pasang anting", ("telinga", "adek", "tindik", "pasang", "anting")),
        ("formulir: kolom kosong", ("formulir", "kolom", "isian", "kosong")),
        # (five words either side: "TPS di kampungku penuh lagi, sampah ...")
        (
            "TPS di desaku penuh lagi, sampah",
            ("tempat", "pembuangan", "sampah", "di", "desaku", "penuh", "lagi", "sampah"),
        ),
        # ... and left alone elsewhere
        ("PKB solid dukung Gus Imin", ("pkb", "solid", "dukung", "gus", "imin")),
        ("putusan MK soal batas usia", ("putusan", "mk", "soal", "batas", "usia")),
        ("ke TPS tanggal 27", ("ke", "tps", "tanggal", "27")),
        ("nyoblos nomor 2", ("coblos", "nomor", "2")),
        ("coblos kolom kosong", ("coblos", "kolom", "kosong")),
        ("isi formulir, pilih kolom kosong", ("isi", "formulir", "pilih", "kolom", "kosong")),
        ("coblos 2 dapat anting", ("coblos", "2", "dapat", "anting")),
        ("ke TPS, coblos yang pakai anting", ("ke", "tps", "coblos", "yang", "pakai", "anting")),
        ("coblos Risma, yang pakai anting", ("coblos", "risma", "yang", "pakai", "anting")),
        ("logistik diangkut ke TPS", ("logistik", "diangkut", "ke", "tps")),
    ],
)
def test_acronym_readings(text: str, tokens: tuple[str, ...]) -> None:
    assert normalize(text).tokens == tokens


def test_a_pressure_unit_after_a_small_number_but_not_after_a_year() -> None:
    assert normalize("isi 33 PSI").tokens == ("isi", "33", "satuan", "tekanan")
    assert normalize("Pemilu 2024 PSI gagal").tokens == ("pemilu", "2024", "psi", "gagal")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a y o c o b l o s 0 2 ya", "ayo coblos 02 ya"),
        ("J O K O W I  turun", "jokowi turun"),  # capitals, double spaces
        ("skor akhir 2 1 3 0", "skor akhir 2 1 3 0"),  # single numbers stay numbers
        ("dapat nilai a b", "dapat nilai a b"),  # too short a run to be a spelled word
    ],
)
def test_letters_spaced_out_are_read_as_words(raw: str, expected: str) -> None:
    assert text(raw) == expected


def test_a_percent_sign_is_the_word_persen() -> None:
    # a share, so that the number before it is a quantity ("belum memilih 12%")
    assert text("belum memilih 12,7%") == "belum memilih 12 7 persen"
    assert "persen" in text("PILGUB JAKARTA: belum memilih 3%")  # after the placeholder pass


def test_a_list_of_answers_is_not_a_spaced_out_word() -> None:
    assert text("Jawaban: 1 a 2 b 3 c 4 d").startswith("jawaban 1 a 2 b 3 c 4 ")
