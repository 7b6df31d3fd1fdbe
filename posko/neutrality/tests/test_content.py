"""Content classification end to end (normalise -> entities -> cues -> model + rules)."""

from __future__ import annotations

import time

import pytest

from posko.neutrality.engine.content import ContentClassifier, extract_features
from posko.neutrality.engine.cues import find_cues
from posko.neutrality.engine.entities import EntityMatcher, load_gazetteer
from posko.neutrality.engine.normalize import normalize
from posko.neutrality.engine.types import ContentVerdict
from posko.neutrality.tests.misreads import MODEL_EDGE
from posko.neutrality.training.train import registry_pairs


@pytest.fixture(scope="module")
def classify():
    pairs = registry_pairs()
    matcher = EntityMatcher(pairs, load_gazetteer())
    classifier = ContentClassifier(pairs=pairs)

    def run(text: str) -> ContentVerdict:
        norm = normalize(text)
        return classifier.classify(norm, matcher.match(norm), find_cues(norm))

    return run


@pytest.mark.parametrize(
    "text",
    [
        "Ayo coblos nomor 3 Pramono-Rano, Jakarta menyala!! 🔥",
        # R14 steps aside for election talk, leading, a sure model, everyday screen words
        "Bang Doel makin ganteng aja, Jakarta butuh pemimpin kayak dia",
        "Rano Karno nonton konser bareng relawan, Jakarta menyala",
        "Bang Doel idola dari Si Doel Anak Sekolahan, sekarang saatnya pimpin Jakarta",
        "Lagu Pram-Doel enak banget, auto hafal sekeluarga",
        "Jangan kebanyakan drama Pak Ridwan Kamil, warga Jakarta gak butuh drama",
        "Ronal Surapradja pelawak lucu, semoga sukses mendampingi Jeje",
        "Rano Karno presenter acara tv, pemimpin kita",
        "Bang Doel udah sepuh, pensiun aja main sinetron di rumah",  # told to retire: an attack
        # a gazetteer contender's name chanted for a province is its own context
        "Airin untuk Banten!",
        # "whichever suits you" with one pair's number still pushes it
        "Pilgub Jateng: pilih yang paling pantas ya, nomor 2 pokoknya 👍",
        "Dipilih sing paling cocok, nomer 1 wae lur",
        # everyday readings give way to the election sense nearby
        "Yang coblos nomor 2 dapat anting emas, bilang ke tim sukses ya",
        "Lawan oligarki! Tabel hasil survei bohong, pilih kolom kosong",
        "Logistik sudah diangkut ke TPS, besok nomor 2 ya bestie ✌️",
        # every pair named, one of them preferred: not even-handed (R2 steps aside)
        "Debat tadi: Luluk, Khofifah, Risma. Yang paling masuk akal jawabannya Risma sih",
        "Pilihan kita jelas: Airin for Banten! 💙",
        # epithets and mocking phrases of candidates, in election talk
        "si kang konten jadi gubernur, nanti rapat dinas pun di-upload ke youtube 📹😂",
        # a pair no registry lists, in coalition talk
        "Ruhama-Shinta berani lawan koalisi gemuk! dukung yg berani beda",
        "#JokowiLagi 2 periode gas terus!",
        "#2019GantiPresiden harga2 naik terus",
        "prabowo gibran satu putaran ✌️ menang menang menang",
        "jangan pilih anies, cuma jago retorika doang",
        "ayo dulur, nyoblos nomer 2 pak luthfi kanggo jateng luwih apik",
        "hayu urang pilih KDM, nomer 4 pasti meunang",
        "semoga pak ganjar jadi presiden 2024 aamiin",
        # a camp's name for a politician, in election talk
        "Kroni Raja Jawa ada di semua pilkada, tolak titipan istana!",
    ],
)
def test_partisan(classify, text):
    verdict = classify(text)
    assert verdict.content_class == "partisan", verdict
    assert verdict.evidence
    assert 0.5 <= verdict.score <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Jangan lupa 27 November datang ke TPS, gunakan hak pilihmu ya!",
        "Pilkada damai, beda pilihan tetap saudara #PilkadaDamai",
        "tolak politik uang, laporkan serangan fajar ke bawaslu",
        "ASN wajib netral, dilarang like dan share postingan kampanye paslon",
        "KPU DKI tetapkan nomor urut paslon gubernur hari ini",
        "hoaks jelang pilkada makin banyak, cek fakta dulu sebelum share",
        "ojo golput yo rek, teko nang TPS tanggal 27",
        "Debat capres malam ini, ulun handak manonton lawan abah di rumah",  # Banjar: father
        # an office in its possessive forms
        "Gubernurnya kemana pas banjir?",
        # partisan 0.69 since the 2026-12-07 retraining (tests/misreads.py)
        pytest.param(
            "bupatine ra tau mudun nang deso",
            marks=pytest.mark.xfail(strict=True, raises=AssertionError, reason=MODEL_EDGE),
        ),
    ],
)
def test_civic(classify, text):
    assert classify(text).content_class == "civic"


def test_civic_text_naming_all_pairs_is_not_partisan(classify):
    verdict = classify(
        "Debat perdana pilgub Jakarta malam ini: Ridwan Kamil-Suswono, Dharma-Kun dan "
        "Pramono-Rano adu gagasan soal banjir"
    )
    assert verdict.content_class == "civic"
    assert verdict.targets == ()


def test_choose_whichever_suits_you_is_even_handed(classify):
    # "sing paling cocok" is "whichever suits", not "the one who suits" (a support cue)
    listed = classify(
        "Pilgub Jateng mung loro calone: nomer 1 Andika-Hendi, nomer 2 Luthfi-Yasin. Monggo "
        "dipilih sing paling cocok, sing penting ojo golput"
    )
    assert listed.content_class == "civic"
    assert classify("Pak Luthfi yang paling cocok jadi gubernur").content_class == "partisan"


@pytest.mark.parametrize(
    "text",
    [
        "nomor 1 di hatiku tetap nasi goreng mang ujang",
        "alhamdulillah juara 2 lomba balap karung 17an",
        "✌️ makasih kak, paketnya udah sampai",
        "partai final liga champions nanti malam, real madrid vs dortmund",
        "kampanye diskon 11.11 gila2an, checkout 5 barang",
        "calon suami idaman: sabar dan bisa masak",
        "dukung timnas garuda! marselino semangat",
        "antrian nomor urut 45 di puskesmas lama bgt",
        "pemilihan ketua OSIS besok, calon nomor 2 janji kantin murah",
        "urang mah resep pisan kana seblak, raos pisan",
        "sego pecel neng pasar enak tenan, murah meriah",
        "macet parah di tol cikampek dari jam 5 pagi",
        # a province is a chant's context ("salam 2 jari untuk Jawa Timur"), not a number's
        "Jakarta nomor 1 kota termacet di Asia, parah",
        "Best nasi padang in Jakarta? Need recs pls, number 1 priority is the rendang",
        "Korban kecelakaan di Jawa Barat kehilangan 2 jari tangan kanannya",
        "Pekerja pabrik kehilangan 2 jari di Jawa Tengah, perusahaan harus tanggung jawab",
        "Resep rendang khas Sumbar: lengkuas 2 jari, serai 3 batang",
        # ... and a short form such as "Jabar" names a region, so its numbers are rankings
        "Persib nomor 1 di Jabar, gak ada obat",
        "Bakso nomor 1 di Jatim ya di Malang, gak ada lawan",
        # R14: a candidate in their screen career
        "nonton ulang Si Doel Anak Sekolahan, Rano Karno muda ganteng bgt",
        "Rano Karno main Si Doel lagi? Kangen banget sama Mandra",
        "Rano Karno dulu pemeran utama Si Doel Anak Sekolahan, legend",
        "Ronal Surapradja pelawak terbaik Extravaganza",
        # a pair of athletes is no pair of candidates; a village head's child is no epithet
        "dukung terus Fajar-Rian di All England 🏸",
        "Fajar-Rian diusung PBSI jadi andalan di Olimpiade",
        "Anak Pak Lurah mau nikah minggu depan, calon suaminya polisi",
        "Kang konten favoritku review makanan tiap minggu",
        # ... nor are everyday names and words that are also a camp's nickname for someone
        "Raja Jawa Hayam Wuruk memerintah Majapahit",
        "Pak Samsul tetangga saya baik banget, suka bagi rambutan",
        "Abah pulang kerja bawa martabak, slepet sarung dulu sama adek",
        "Ayah saya pensiun tahun depan, mending pensiun aja daripada capek",
        "Kado dari Airin untuk Bali, oleh-oleh khas Bandung",  # a gift, not a chant
        "Kiriman paket Bobby buat Sumut sudah sampai",  # the sentence goes on: no chant
        "Pemilihan Pak RT besok malam, jangan lupa coblos nomor 2 ya warga",  # R10
        # "TPS" by a market that smells is a rubbish dump
        "TPS deket pasar baunya minta ampun, lalat di mana-mana",
        "Mau coblos hidung di salon deket kampus, sakit gak ya?",  # piercing
        "Korban kecelakaan di Jabar kehilangan 2 jari tangan kanannya",
    ],
)
def test_non_political(classify, text):
    verdict = classify(text)
    assert verdict.content_class == "non_political", verdict
    assert verdict.targets == ()


def test_ballot_number_alone_is_not_evidence(classify):
    norm = normalize("pesanan nomor 3 udah siap kak")
    feats = extract_features(norm, [], find_cues(norm))
    assert "__BALLOT__" not in feats and "__HAND_SIGN__" not in feats
    assert classify("pesanan nomor 3 udah siap kak").content_class == "non_political"
    assert classify("✌️").content_class == "non_political"


def test_partisan_targets_name_the_pair(classify):
    verdict = classify("coblos 3 pramono rano, menangkan satu putaran!")
    assert verdict.content_class == "partisan"
    assert any(t.number == 3 for t in verdict.targets)


def test_inference_speed(classify):
    pairs = registry_pairs()
    matcher = EntityMatcher(pairs, load_gazetteer())
    classifier = ContentClassifier(pairs=pairs)
    norm = normalize("ayo coblos nomor 3 pramono rano, jakarta menyala!! #PilkadaDamai")
    matches, cues = matcher.match(norm), find_cues(norm)
    classifier.model.predict_proba(extract_features(norm, matches, cues))  # one-time loading
    start = time.perf_counter()
    for _ in range(2000):
        classifier.model.predict_proba(extract_features(norm, matches, cues))
    per_text = (time.perf_counter() - start) / 2000
    assert per_text < 200e-6  # generous bound for slow CI; typical is ~10 µs


def test_entity_names_are_masked_in_features() -> None:
    pairs = registry_pairs()
    matcher = EntityMatcher(pairs, load_gazetteer())
    norm = normalize("coblos 3 pramono menang, PDIP jaya")
    feats = extract_features(norm, matcher.match(norm), find_cues(norm))
    assert "pramono" not in feats and "pdip" not in feats
    assert {"coblos <num>", "<cand> menang", "<party> jaya", "<cand>~menang"} <= set(feats)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rezim ini gagal urus harga beras, pemerintah cuma bisa janji", "civic"),
        ("KPK tetapkan anggota DPR jadi tersangka suap", "civic"),
        ("siapapun gubernurnya nanti, tolong jalan desa diperbaiki", "civic"),
        ("sak pilihanmu dewe, sing penting ojo golput", "civic"),
        ("Mas Respati paling siap, besok coblos dia di TPS!", "partisan"),
        ("gas kuy mabar ntar malem", "non_political"),
        ("kampanye imunisasi polio di posyandu", "non_political"),
    ],
)
def test_breadth_even_handed_and_hard_negatives(classify, text: str, expected: str) -> None:
    assert classify(text).content_class == expected, text


def test_camp_slurs_are_political(classify) -> None:
    assert classify("cebong sama kadrun ribut terus di timeline").content_class != "non_political"


def test_unseen_registry_candidate_is_partisan() -> None:
    from posko.candidates.registry import Pair

    pairs = [
        Pair("99", "Kab. Contoh", "bupati", 1, "Wirasena Kartanegara", "Lintang Prameswari"),
        Pair("99", "Kab. Contoh", "bupati", 2, "Kresna Wibisana", "Anggita Larasati"),
    ]
    matcher = EntityMatcher(pairs, load_gazetteer())
    classifier = ContentClassifier(pairs=pairs)
    for text in (
        "ayo dukung Wirasena jadi bupati, pasti menang",
        "Kresna cuma pencitraan, jangan dipilih",
    ):
        norm = normalize(text)
        verdict = classifier.classify(norm, matcher.match(norm), find_cues(norm))
        assert verdict.content_class == "partisan", text


def test_r6_named_figure_with_moderate_non_political_is_political(classify) -> None:
    # Informal complaint about a government figure: no campaign cue, but clearly political.
    assert classify("Mundur aja pak jokowi, utang makin bengkak") != "non_political"


def test_r5_bare_ballot_push_without_context_is_left_to_the_model(classify) -> None:
    # "pilih 2" in a shop promo is no call to vote: nothing else in the text is political.
    assert classify("ada diskon besar, pilih 2 gratis 1 di minimarket depan").content_class == (
        "non_political"
    )
    # With an election cue or a hand sign the same push stays partisan (R5).
    assert classify("besok ke TPS, coblos 2 ya ✌️").content_class == "partisan"


def test_r5_support_clause_yields_to_a_confident_civic_model(classify) -> None:
    # Neutral news of a party's endorsement: a support cue and a name, but no side taken.
    verdict = classify("Partai Golkar resmi mendukung Ridwan Kamil-Suswono di Pilkada Jakarta")
    assert verdict.content_class == "civic", verdict
    # A first-person endorsement stays partisan.
    assert classify("saya dukung Ridwan Kamil, RIDO menang!").content_class == "partisan"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # R7: the name or bio of a campaign account, group or frame is partisan ...
        ("Akun resmi Ridwan Kamil - Suswono, Cagub-Cawagub Jakarta 2024", "partisan"),
        ("Official account Dedi Mulyadi", "partisan"),
        ("Halaman resmi DPD Partai Gerindra Jawa Barat", "partisan"),
        ("Komunitas Milenial for Prabowo-Gibran", "partisan"),
        # ... but not that of an election body, a club, or a warning about a fake account
        ("Akun resmi KPU Provinsi Jawa Tengah", "civic"),
        ("Akun resmi Bawaslu Kota Surabaya", "civic"),
        ("Akun resmi Persib Bandung", "non_political"),
        ("Grup WA Alumni SMAN 3 Semarang angkatan 2005", "non_political"),
    ],
)
def test_campaign_account_descriptions(classify, text, expected):
    assert classify(text).content_class == expected


def test_warning_about_a_fake_candidate_account_is_not_the_account(classify):
    verdict = classify("Waspada akun palsu Ridwan Kamil minta transfer dana kampanye")
    assert verdict.content_class != "partisan", verdict


@pytest.mark.parametrize(
    "text",
    [
        "RK, Dharma, atau Pram, siapapun yang menang semoga amanah",
        "Ketiga capres kompak pakai baju putih saat debat semalam",
        # cynical, but about all of them
        "mau pilih yg mana juga sama aja, semua cuma janji",
    ],
)
def test_even_handed_text_about_several_contenders_is_civic(classify, text):
    assert classify(text).content_class == "civic"


def test_even_handed_words_do_not_hide_a_ballot_push(classify):
    assert classify("Siapapun lawannya, coblos nomor 3 Pram-Doel!").content_class == "partisan"


def test_the_mocking_name_of_the_court_is_an_attack():
    cues = find_cues(normalize("MK jadi Mahkamah Keluarga, putusannya buat Gibran doang"))
    assert "mahkamah keluarga" in cues.attack


def test_a_wink_makes_a_hand_sign_a_ballot_number(classify):
    # bench guideline 7: "... 🤟 tau kan maksudnya"
    assert classify("Tanggal 14 jangan lupa ✌️ tau kan maksudnya 😉").content_class == "partisan"
    winked = classify("besok jangan lupa ☝️☝️ paham kan maksudnya")
    assert winked.content_class == "partisan"
    assert any(e.startswith("kode: simbol jari") for e in winked.evidence), winked.evidence
    # a wink alone is no election talk, nor a wink at a sign without a day to remember
    valentine = classify("Tanggal 14 jangan lupa 🌹 tau kan maksudnya 😉")
    assert valentine.content_class == "non_political"
    assert classify("Diet gagal lagi ✌️ tau kan maksudnya 😂").content_class == "non_political"
    assert classify("Malam minggu ☝️ doang, tau lah maksudnya").content_class == "non_political"
    umbrella = classify("Jangan lupa bawa payung ✌️ tau kan maksudnya")
    assert umbrella.content_class == "non_political"


def test_a_ballot_sign_next_to_a_province_is_a_campaign_chant(classify):
    assert classify("salam 4 jari buat Jabar").content_class == "partisan"
    assert classify("Jawa Barat 4 jari, gas!").content_class == "partisan"
    assert classify("Jabar 4 jari 🖐️").content_class == "partisan"
    # a short form spoken of, not a place: its numbers are the province's ballot numbers
    for text, target in (
        ("Jabar butuh nomor 4", (4, "32")),
        ("DKI nomor 3 menyala", (3, "31")),
        ("warga Jatim ingat nomor 2 ya", (2, "35")),
    ):
        verdict = classify(text)
        assert verdict.content_class == "partisan", verdict
        assert [(t.number, t.region_code) for t in verdict.targets] == [target], verdict
    chant = classify("nomor 2 buat Jateng!")
    assert chant.content_class == "partisan"
    assert [(t.number, t.region_code) for t in chant.targets] == [(2, "33")]
    javanese = classify("Nomer 1 kanggo Jatim")
    assert [(t.number, t.region_code) for t in javanese.targets] == [(1, "35")]
    assert classify("✌️ makasih gaes, sampai jumpa di Bali").content_class == "non_political"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # R8: the inked index finger after voting is not a vote for pair 1 ...
        ("Alhamdulillah sudah mencoblos, ini jariku ☝️ ungu", "civic"),
        ("udh nyoblos dong ☝️ kalian kapan?", "civic"),
        # ... but a number or an invitation next to it still is
        ("Sudah nyoblos ☝️☝️ nomor 1 pokoknya", "partisan"),
        ("jangan lupa nyoblos ya ☝️ tau kan maksudnya", "partisan"),
    ],
)
def test_ink_finger_after_voting(classify, text, expected):
    assert classify(text).content_class == expected


def test_a_historical_figure_alone_does_not_force_a_political_call():
    from posko.neutrality.engine.content import _names_any

    gazetteer = load_gazetteer()
    museum = normalize("Rumah kelahiran Bung Karno di Blitar jadi tujuan wisata")
    party = normalize("Bung Karno dan Megawati, bapak dan anak di PDIP")
    assert not _names_any(EntityMatcher([], gazetteer).match(museum))
    assert _names_any(EntityMatcher([], gazetteer).match(party))


def test_a_zero_padded_number_next_to_a_campaign_word_is_a_ballot_number(classify):
    assert classify("kalo 02 menang, siap2 aja harga naik semua").content_class == "partisan"


def test_the_ink_finger_is_not_shown_as_a_ballot_number(classify):
    verdict = classify("udh nyoblos dong ☝️ kalian kapan?")
    assert verdict.evidence[0].startswith("jari bertinta")
    assert not any(e.startswith("nomor urut") for e in verdict.evidence)


def test_kampret_alone_is_a_swear_word_not_a_camp_slur(classify):
    assert classify("kuota 11 GB raib gitu aja, kampret emang").content_class == "non_political"
    assert classify("cebong sama kampret ribut terus soal capres").content_class != "non_political"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a vote pushed onto "him" in an election text (R5), not in a class election
        ("Mas Respati paling siap, besok coblos dia di TPS!", "partisan"),
        ("pilih dia jadi ketua kelas aja", "non_political"),
        # plain "kampanye" is also a health or marketing campaign
        ("kampanye imunisasi polio di posyandu", "non_political"),
    ],
)
def test_pronoun_pushes_and_plain_campaign_words(classify, text, expected):
    assert classify(text).content_class == expected


def test_a_ballot_number_list_naming_every_pair_without_a_region_is_civic(classify):
    # bare "02"/"03" also match the other races' pairs; only the named race counts (R2)
    verdict = classify(
        "Nomor urut capres 2024: 01 Anies-Muhaimin, 02 Prabowo-Gibran, 03 Ganjar-Mahfud. "
        "Pilih sesuai hati nurani."
    )
    assert (verdict.content_class, verdict.targets) == ("civic", ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a vote verb right before a party, or "partainya", is a push even in ballot-paper words
        ("PKB nomor urut 1 di surat suara, coblos partainya ya", "partisan"),
        ("PKS nomor urut 8 di surat suara pileg, simak daftar partai lainnya", "civic"),
        # everyday support words alone are not side-taking (R3)
        ("gas kuy", "non_political"),
        ("sikat habis martabaknya gan", "non_political"),
        # a three-letter name part ("Kun") needs election context
        ("Kun, jangan lupa beli gas elpiji pas pulang ya nak", "non_political"),
        # the 2019 camp slurs as a tribe
        ("Kaum bani kampret sj yang bereaksi negatif", "partisan"),
        # leetspeak and glued words in hashtags
        ("#D3d1Mulyad1 untuk J4b4r 1st1m3w4", "partisan"),
        ("#Ay0C0bl0s2 biar menang satu putaran", "partisan"),
        # English "vote number 2" is a ballot push in an election text, not at a dance contest
        ("Pilkada Jakarta tomorrow, vote number 2 guys", "partisan"),
        ("vote number 2 for best dancer tonight", "non_political"),
    ],
)
def test_party_pushes_weak_support_words_short_names_and_hashtags(classify, text, expected):
    assert classify(text).content_class == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # R9: politicians who run in no current race, nothing else taking a side
        ("Sri Mulyani lagi-lagi naikin pajak, kelas menengah makin kejepit", "civic"),
        ("Jokowi kembali ke Solo setelah purnatugas sebagai presiden.", "civic"),
        # ... but an election push or a 2024 candidate keeps it partisan
        ("Jokowi turun gunung, ayo coblos nomor 2 di TPS!", "partisan"),
        # a candidate's own ask for support, in krama Javanese, with the ballot number
        (
            "Monggo bapak ibu, kulo nyuwun donga lan dukungan kagem Pak Andika Perkasa kalih "
            "Mas Hendi, nomer setunggal 🙏",
            "partisan",
        ),
        # "kampanye akbar" is a rally, not Ilham Akbar Habibie next to his rival
        ("besok jam 7 kumpul di lapangan desa, kampanye akbar KDM, yg dtg dapet kaos", "partisan"),
        # the voice of a campaign team
        ("Bapak ibu kader, besok pakai kaos paslon kita ke pasar, bagikan stiker", "partisan"),
    ],
)
def test_non_candidate_politicians_asks_and_campaign_team_voice(classify, text, expected):
    assert classify(text).content_class == expected


def test_minister_abbreviations_are_political(classify):
    assert classify("Menkominfo goblok, yg salah orangnya kok aplikasinya diblokir").political


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a keycap digit alone is shown like a hand sign; a province name gives it context
        ("Jabar 4️⃣ #Jabar4Ever", "partisan"),
        ("Resep nasi goreng Jakarta: 1️⃣ tumis bawang 2️⃣ masukin nasi 3️⃣ kecap", "non_political"),
        # campaigning for the empty box against a single pair
        (
            "Arek Suroboyo, ojok wedi nyoblos kotak kosong! Demokrasi gak oleh dimonopoli",
            "partisan",
        ),
        (
            "Di pilkada calon tunggal, surat suara punya kolom kosong di sebelah foto paslon",
            "civic",
        ),
        ("Mending kotak kosong.", "partisan"),
        ("Pilbup tahun ini kolom kosong aja lah, biar kapok partai2", "partisan"),
        ("Pilbup besok? kolom kosong lebih baik", "partisan"),
        ("KPU: di 37 daerah paslon tunggal akan melawan kotak kosong", "civic"),
        # a rule about campaigning for the empty column is not a push for it
        ("Mengajak orang memilih kolom kosong diperbolehkan, asal sesuai aturan kampanye", "civic"),
        ("Ingat ya, ajakan coblos kotak kosong itu tidak dilarang undang-undang", "civic"),
        ("Coblos kotak kosong aja, itu legal kok, lawan dinasti!", "partisan"),
        # English and regional support words
        ("Risma for governor! she actually listens", "partisan"),
        ("Putrane Mbah Moen kudu menang! Taj Yasin for Jateng", "partisan"),
        # "semoga menang" after voting is not only the ink finger (R8)
        ("Sudah nyoblos! ☝️ yang paling kiri, semoga menang 🙏", "partisan"),
        # "sby" is also Surabaya; "Pak Edy" is also the tyre man down the road
        ("otw sby naik kereta, ada yg mau nitip lapis kukus?", "non_political"),
        ("Pak Edy tukang tambal ban depan gang buka 24 jam", "non_political"),
        # English civic election words
        ("Regional elections across Indonesia today, polls close at 1 PM", "civic"),
    ],
)
def test_keycaps_empty_box_english_and_ambiguous_short_names(classify, text, expected):
    assert classify(text).content_class == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a campaign slogan spread as a hashtag, even in leetspeak
        ("#AM1NAjaDulu #P3rub4h4n", "partisan"),
        # a one-word slogan only when it is the whole hashtag
        (
            "#TokohPerubahan adalah mereka yang memajukan masyarakat lewat pendidikan",
            "non_political",
        ),
    ],
)
def test_slogans_as_hashtags(classify, text, expected):
    assert classify(text).content_class == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # R10: votes and contests that are not state elections
        ("Besok pemilihan ketua OSIS, coblos paslon nomor 2 ya gaes! 📚", "non_political"),
        ("Rapat warga malam ini milih ketua RT baru, nomor 3 kayaknya menang", "non_political"),
        ("Ayo dukung timnas Indonesia, Garuda pasti bisa! 🇮🇩⚽", "non_political"),
        ("Konser semalam gila 🤘🤘 salam tiga jari buat semua metalhead", "non_political"),
        ("Presiden FIFA hadir di final, stadion penuh", "non_political"),
        # ... but a state election or a named candidate keeps the text political
        ("Pilkada itu bukan pemilihan ketua OSIS, pilih yang programnya jelas", "civic"),
        ("Habis konser langsung ke TPS, coblos nomor 3 Pramono-Rano!", "partisan"),
        ("Keren paslon 1, programnya bisa dinyanyiin. Jabar butuh kerja, bukan konser", "partisan"),
        # the pair of a school vote is not a registered pair
        ("Pilih paslon nomor 2 ketua OSIS, Rara-Dimas! Kantin sehat 📚", "non_political"),
        # a party chair's speech at the party's anniversary is party news (R9)
        ("Megawati pidato 2 jam lagi? Yaudah lah, tiap ultah partai emang gitu 😅", "civic"),
        # the president named by office is the officeholder (R9), his ballot number is not
        ("Sri Mulyani kembali jadi Menteri Keuangan di kabinet Presiden Prabowo", "civic"),
        ("Presiden Prabowo hebat, 02 lanjut dua periode!", "partisan"),
        ("Kami para pedagang kecil mendoakan bapak jadi presiden Prabowo", "partisan"),
        # a camel-cased party name in a hashtag
        ("#NasDemNoMore udah cukup pindah-pindah dukungan demi kursi", "partisan"),
        # R1: a campaign topic next to a number makes it a pair's number
        ("Visi misi nomor 1 panjangnya kayak skripsi, bacanya aja capek 🥲", "partisan"),
        ("Nomer 2 janjine wis sak truk, sing dilakoni sak kresek 😂", "partisan"),
        # ... unless the number ranks something else
        ("Visi misi perusahaan nomor 1 adalah kepuasan pelanggan", "non_political"),
    ],
)
def test_other_contests_and_campaign_topics(classify, text, expected):
    assert classify(text).content_class == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # R11: warnings against vote buying attack the practice, not a side
        ("Ulah daék dibéré duit ku tim sukses mana waé. Milih mah kudu tina haté", "civic"),
        ("Nerima amplop pas pilkada bisa kena pidana lho, tolak aja dari awal", "civic"),
        ("Jangan mau dibeli pakai sembako, suaramu bukan barang dagangan", "civic"),
        # ... an offer naming a number stays partisan
        ("Ada amplop 50rb per kepala, asal coblos nomor 1. Minat? DM", "partisan"),
        # cheering a victory is a fan's voice even in endorsement news
        ("Jokowi blusukan bareng RK, tanda restu sudah jelas. RIDO pasti menang!", "partisan"),
        # "whoever wins" in Javanese is even-handed
        ("Wis nyoblos rek 😅 sopo wae sing menang sing penting Jatim ayem", "civic"),
    ],
)
def test_vote_buying_warnings_and_regional_even_handed_words(classify, text, expected):
    assert classify(text).content_class == expected


@pytest.mark.parametrize(
    "text",
    [
        # R12: a party named by its own name makes the text political, whatever the other words
        # (the model alone says non_political at 0.78 and 0.97)
        "Ternyata PDIP juga jago masak ya, skill terpendam",
        "NasDem ternyata suka kopi tubruk juga, sama dong",
    ],
)
def test_a_party_named_by_its_own_name_is_political(classify, text):
    assert classify(text).content_class != "non_political"


def test_pssi_is_the_football_association_not_the_party_psi(classify):
    # "ss" is not an elongation here: collapsed, PSSI would read as the party PSI (R12)
    assert normalize("PSSI").tokens == ("pssi",)
    verdict = classify("PSSI kalah lagi di kandang, wasitnya parah banget")
    assert verdict.content_class == "non_political"
    assert verdict.targets == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a club's former boss who runs for mayor: the office words (R10 does not apply)
        pytest.param(
            "mantan manajer klub liga 1 mau jadi walkot? ngurus tim aja degradasi 😂",
            "partisan",
            marks=pytest.mark.xfail(strict=True, raises=AssertionError, reason=MODEL_EDGE),
        ),
        # a contest in a comparison is not the topic (R10 does not apply)
        (
            "Debat tadi malam paslon 2 kayak lomba cerdas cermat anak SMP, jawabannya ngawur. "
            "Pilih 1 aja lah",
            "partisan",
        ),
        # a list of parties and nothing else takes no side (R2 for parties) ...
        ("PDIP, Golkar, Gerindra, NasDem: partai yang kursinya paling banyak periode ini", "civic"),
        # ... but a coalition cheered is a side
        (
            "Golkar, Gerindra, PAN, PKB satu barisan di Jatim, kompak pisan, moal aya lawan 💪",
            "partisan",
        ),
        # every pair of the race named; "coblos" alone is the act of voting, not a side (R2)
        (
            "Kenali dulu, cagub Jatim ada tiga: 1 Luluk-Lukman, 2 Khofifah-Emil, "
            "3 Risma-Gus Hans. Baru coblos",
            "civic",
        ),
        # "coblos 1 pasangan calon" counts pairs; it names none
        (
            "Di bilik suara nanti coblos 1 pasangan calon saja ya, kalau lebih dari satu "
            "surat suaranya tidak sah",
            "civic",
        ),
        # a call not to vote for someone in particular is partisan without a name (R5) ...
        (
            "yang fotonya nempel di karung beras bansos itu jangan dipilih lagi, itu uang negara "
            "bukan uang pribadinya",
            "partisan",
        ),
        # ... advice on how to choose is not
        ("Jangan pilih karena amplop, pilih karena programnya jelas", "civic"),
        # tyre pressure, not the party PSI (acronym readings, gazetteer.yaml)
        ("Tekanan angin ban depan cukup 29 PSI aja, jangan kebanyakan", "non_political"),
    ],
)
def test_comparisons_party_lists_pair_counts_and_calls_against_a_side(classify, text, expected):
    assert classify(text).content_class == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jersey nomor 10 timnas yang ori mahal banget, pilih yang kw aja", "non_political"),
        ("Janjinye nomor 4 kaga masuk akal dah", "partisan"),
        # "2 dari 3 <things>" is one of some things; "2 dari 3 paslon" is still a pair
        ("GIVEAWAY! pilih nomor 2 dari 3 kotak hadiah ini, tulis di komen", "non_political"),
        ("Pilih nomor 2 dari 3 kotak hadiah ini, tulis di komen ya", "non_political"),
        ("Pilih nomor 2 dari 3 paslon, cuma dia yg programnya masuk akal", "partisan"),
        # "don't forget number N" is a ballot reminder, unless a task follows the number
        ("Besok jangan lupa nomor 4 ya warga Jabar", "partisan"),
        ("Ojo lali, sing nomer telu", "partisan"),
        ("Jangan lupa nomor 3 dikerjain ya, dikumpul besok", "non_political"),
        ("aku lupa nomor 3 jawabannya apa ya", "non_political"),
        ("Jangan lupa nomor 2 dan 3 dikerjakan, dikumpul Senin", "non_political"),
    ],
)
def test_shirt_numbers_and_betawi_campaign_topics(classify, text, expected):
    assert classify(text).content_class == expected


def test_a_ballot_number_in_campaign_talk_is_political_evidence(classify):
    # R1 accepts the number (a campaign topic is next to it); R6 then keeps the text political
    text = "Visi misi nomor 1 panjangnya ngalahin antrean tiket konser jam 8 pagi. Capek bacanya"
    assert classify(text).content_class != "non_political"


def test_an_epithet_names_a_candidate_outside_the_registry_in_election_talk(classify):
    # "mantan walkot Padang" is Mahyeldi (gazetteer epithets), running for governor in 2024
    assert classify("Mantan walkot Padang itu cocok jadi gubernur lagi, coblos!").content_class == (
        "partisan"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # R1: hand signs with nothing election-related around them are not ballot numbers
        ("Anak TK belajar berhitung pake jari: satu ☝️ dua ✌️ terus bingung yg tiga 😂",
         "non_political"),
        ("Pas tahiyat akhir telunjuk diangkat ☝️, itu sunnah ya nak", "non_political"),
        ("Jabar ✌️ menang", "partisan"),
        ("☝️☝️☝️ pokoknya 27 Nov nyoblos yg ini aja", "partisan"),
    ],
)  # fmt: skip
def test_hand_signs_count_only_in_an_election_context(classify, text, expected):
    assert classify(text).content_class == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a full table of pairs no registry lists is even-handed (guideline borderline 5)
        ("Survei Pilwalkot Bandung: Haru-Dhani 18%, Arfi-Yena 15%, Dandan-Arif 9%, "
         "Farhan-Erwin 38%, belum memilih 20%", "civic"),
        ("Ayo menangkan Arfi-Yena di pilwalkot, jangan pilih Farhan-Erwin!", "partisan"),
    ],
)  # fmt: skip
def test_pairs_no_registry_lists_named_together(classify, text, expected):
    assert classify(text).content_class == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # R5: one pair with its own ballot number, as campaign material is written
        ("Wahid-SF nomor 1, Bersama Membangun Riau! Jangan lupa 27 November ke TPS", "partisan"),
        # news of the draw is not
        ("Wahid-SF dapat nomor urut 1 dalam pengundian KPU Riau", "civic"),
        ("Wahid-SF mendapat nomor urut 1", "civic"),
        # "dapat" elsewhere is "can"
        (
            "Wahid-SF nomor 1 pasti dapat menang, Bersama Membangun Riau! Ke TPS 27 November",
            "partisan",
        ),
    ],
)
def test_a_pair_named_with_its_own_number(text, expected):
    from posko.candidates.registry import Pair

    pairs = [
        Pair("14", "Riau", "gubernur", 1, "Abdul Wahid", "SF Hariyanto", ("Wahid-SF",)),
        Pair("14", "Riau", "gubernur", 2, "M Nasir", "M Wardan"),
    ]
    norm = normalize(text)
    matches = EntityMatcher(pairs, load_gazetteer()).match(norm)
    verdict = ContentClassifier(pairs=pairs).classify(norm, matches, find_cues(norm))
    assert verdict.content_class == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a campaign's own voice: "our candidate ... choose this one"; R11 steps aside
        ("Calon kami satu2nya yg gak pernah bagi2 amplop. Jangan tergiur sembako dari sebelah. "
         "Pilkada nanti pilih yg ini ya, fotonya di atas", "partisan"),
        ("Tolak amplop serangan fajar! Pilih pemimpin yang jujur di pilkada", "civic"),
    ],
)  # fmt: skip
def test_our_candidate_and_this_one_against_vote_buying_warnings(classify, text, expected):
    assert classify(text).content_class == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pesanan nomor 01 atas nama Dinda silakan diambil", "non_political"),
        ("Kampanye diskon 12.12 semua skincare 50%! coblos keranjang sekarang", "non_political"),
        ("Dukung kontestan nomor 4 di ajang putri batik kabupaten ya, vote lewat IG",
         "non_political"),
        ("Mau dukung siapa aja silakan, asal jangan fitnah & sebar hoaks ya", "civic"),
        # the inked finger is the election's, whatever the shop
        ("Promo diskon 20% untuk warga yang sudah nyoblos, tunjukkan jari bertinta di kasir",
         "civic"),
        ("Coblos nomor 2 nanti dapat diskon sembako", "partisan"),
    ],
)  # fmt: skip
def test_orders_shops_pageants_and_even_handed_invitations(classify, text, expected):
    assert classify(text).content_class == expected


def test_auto_menang_is_a_cheer_not_party_news(classify):
    text = "Gerindra resmi usung KDM di Pilgub Jabar, auto menang ini mah 🔥"
    assert classify(text).content_class == "partisan"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # complaints about national programmes and regulated prices are policy talk (civic)
        ("Pertalite dibatasi lagi? Ojol kayak kami yang paling kena", "civic"),
        ("Anak saya cerita menu MBG hari ini ikan kembung, semoga dapurnya tetap bersih", "civic"),
        ("Uang kuliah tunggal naik lagi, anak petani makin susah kuliah", "civic"),
        # "mbg" is no longer slang for "mbak"; queues and purchases stay everyday life
        ("Mbak, saya pilih nomor 2 aja, paket ayam geprek sama es teh", "non_political"),
        ("Nomor antrian BPJS ku 127, sabar sabar", "non_political"),
        ("Isi pertalite full tank dulu buat mudik", "non_political"),
        ("Bayar UKT semester ini udah lunas, lega", "non_political"),
    ],
)
def test_policy_complaints_are_civic(classify, text, expected):
    assert classify(text).content_class == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a candidate casting their own vote is news of polling day
        ("Paslon 2 Ahmad Luthfi nyoblos di TPS 12 Sragen pagi ini", "civic"),
        ("Cagub nomor urut 1 Andika Perkasa mencoblos di TPS 05 Semarang bersama istri", "civic"),
        # a call to vote names the candidate after the verb, or the number after it
        ("Coblos Luthfi nomor 2!", "partisan"),
        ("Pak Luthfi coblos nomor 2 ya gaes", "partisan"),
    ],
)
def test_a_candidate_casting_their_vote_is_news(classify, text, expected):
    assert classify(text).content_class == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a rally told as a victory on its way takes a side (guideline borderline 1)
        ("Ribuan warga padati kampanye akbar Pramono-Rano di GBK, kemenangan sudah di depan mata",
         "partisan"),
        ("Ribuan warga padati kampanye akbar Pramono-Rano, gelombang dukungan tak terbendung",
         "partisan"),
        # the same rally reported plainly does not
        ("Ribuan warga hadiri kampanye akbar Pramono-Rano di GBK, Minggu (17/11)", "civic"),
    ],
)  # fmt: skip
def test_a_rally_told_as_a_coming_victory_is_partisan(classify, text, expected):
    assert classify(text).content_class == expected


def _rules_only(intercept: list[float]):
    """A classifier whose model gives every text the same scores, to test the rules alone."""
    from posko.neutrality.engine.model import ContentModel

    model = ContentModel.from_json(
        {"classes": ["partisan", "civic", "non_political"], "intercept": intercept, "weights": {}}
    )
    pairs = registry_pairs()
    matcher = EntityMatcher(pairs, load_gazetteer())
    classifier = ContentClassifier(model, pairs)

    def run(text: str) -> str:
        norm = normalize(text)
        return classifier.classify(norm, matcher.match(norm), find_cues(norm)).content_class

    return run


@pytest.fixture(scope="module")
def sure_of_non_political():
    return _rules_only([0.0, 1.0, 6.0])


@pytest.fixture(scope="module")
def sure_of_civic():
    return _rules_only([0.0, 6.0, 1.0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # R5: a vote verb right before a candidate's name is a push, however newsy the rest
        ("Andika resmi daftar ke KPU Jateng, ayo coblos Andika!", "partisan"),
        ("Pendaftaran Ahmad Luthfi di KPU lancar. Pilih Ahmad Luthfi!", "partisan"),
        # a survey report's "memilih" is no imperative, nor a headline's verb or a quoted banner
        ("Survei: 40 persen warga memilih Andika, 38 persen Luthfi", "civic"),
        ("Partai Golkar resmi dukung Ridwan Kamil-Suswono di Pilgub Jakarta", "civic"),
        ("Bawaslu menyebut ada spanduk bertuliskan 'Pilih Andika' dipasang di masjid", "civic"),
        # R5: a call to vote a number holds against even-handed words and rule words nearby
        ("Sekeluarga berlima, kelimanya kompak coblos nomor 2 besok", "partisan"),
        ("Jangan mau dilarang-larang, coblos kotak kosong aja!", "partisan"),
        # calls with a clause of their own, "kita", a day or an apostrophe elsewhere
        ("Warga Jateng, coblos Andika!", "partisan"),
        ("Yuk kita menangkan Luthfi-Yasin!", "partisan"),
        ("Ayo dukung Andika!", "partisan"),
        ("Jumat berkah, ayo coblos Andika, jangan lupa do'a", "partisan"),
        ("Andika resmi daftar ke KPU Jateng hari ini, besok 27 November coblos Andika", "partisan"),
        # ... but a survey's verb, permission and lists of numbers, rules of the empty column
        ("Pilih mana? Survei LSI: mayoritas warga pilih Andika", "civic"),
        ("Sosialisasi KPU: pemilih boleh coblos nomor 1, 2 atau 3, yang penting datang", "civic"),
        ("Sah kok mencoblos kotak kosong, bukan golput", "civic"),
        ("Apakah dilarang mengajak orang coblos kotak kosong?", "civic"),
        ("jangan coblos dua kolom, nanti suaranya hangus", "civic"),
        # one number urged with "dan ajak ...", a date or "yg" after it is still one number
        ("Jangan golput, coblos no 1 dan ajak tetangga", "partisan"),
        ("Coblos nomor 2 pada 27 November", "partisan"),
        ("Siapapun pilihanmu tetap saudara, tapi coblos yg nomor 1 ya", "partisan"),
        # a push opening the text, spelt loosely or after a symbol
        ("Cblos Andika! Hari ini resmi daftar ke KPU Jateng", "partisan"),
        ("🔥 Coblos Andika-Hendi!", "partisan"),
        # "dukung" after "wajib/harus/tetap" reports, it does not urge
        ("Camat minta ASN wajib dukung Luthfi-Yasin, kini dilaporkan ke Bawaslu", "civic"),
        ("PDIP tetap dukung Andika meski elektabilitas turun", "civic"),
        # quotes elsewhere in the text, or an apostrophe before a year, quote no push
        ("Pilkada '24 makin dekat, ayo coblos Andika! 'Jateng maju'", "partisan"),
        ('Ayo dukung Andika! "Dukungan rakyat adalah segalanya" kata beliau', "partisan"),
        # "2 kali ini" is "this time", not a count
        ("Pilgub Jateng: jangan coblos 2 kali ini, sudah cukup dibohongi", "partisan"),
    ],
)
def test_a_vote_verb_before_a_name_is_a_push(sure_of_civic, text, expected):
    assert sure_of_civic(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # R19: a text that names an election is about elections, whatever the model says
        ("Libur pilkada enaknya kemana ya, rekomendasi wisata dong", "civic"),
        ("Pas pemilu kemarin aku malah sakit tipes", "civic"),
        # ... not when the election is only a comparison or is denied
        ("Rapat RT kemarin ribut kayak pilkada", "non_political"),
        ("pilkada? bukan, ini pilih kado buat adik", "non_political"),
    ],
)
def test_a_named_election_is_never_non_political(sure_of_non_political, text, expected):
    assert sure_of_non_political(text) == expected


def test_a_named_election_alone_takes_no_side():
    # R19 says what the text is about, not whose side it takes, whatever the model leans to
    leaning_partisan = _rules_only([1.0, 0.0, 6.0])
    assert leaning_partisan("Anakku lahir pas hari pemilu, alhamdulillah sehat") == "civic"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a complaint about all the candidates alike takes no side (guideline: heated but even)
        ("Tiga-tiganya janji jalan mulus ke kampung kami, dari dulu janji terus", "civic"),
        ("Telu-telune padha bae, pas kampanye mampir warteg, bar menang lali dalan mulih", "civic"),
        ("Ketiganya sama aja, janji manis doang pas kampanye", "civic"),
        # "ketiganya" alone is any three people
        ("Ketiganya ditangkap polisi karena pesta miras", "non_political"),
        # ... unless one of them is set apart
        pytest.param(
            "Telu-telune wedok, tapi mung siji sing wis tau dadi gubernur. Cetha to",
            "partisan",
            marks=pytest.mark.xfail(strict=True, raises=AssertionError, reason=MODEL_EDGE),
        ),
    ],
)
def test_all_the_candidates_alike_is_even(classify, text, expected):
    assert classify(text).content_class == expected


@pytest.fixture(scope="module")
def sure_of_partisan():
    return _rules_only([6.0, 1.0, 0.0])


def test_a_peace_sign_among_even_words_is_no_ballot_number(sure_of_partisan):
    # ✌️🙏 with "beda pilihan tidak apa-apa" is peace, not pair 2 (R4); a written number is a side
    peace = "Hari coblos kita jaga rukun. Beda pilihan tidak apa-apa, jangan baku marah ✌️🙏"
    assert sure_of_partisan(peace) == "civic"
    side = "Hari coblos kita jaga rukun. Beda pilihan tidak apa-apa, tapi coblos nomor 2 ya"
    assert sure_of_partisan(side) == "partisan"
    winked = "Besok hari coblos. Siapapun pilihanmu gpp, ✌️ tau kan maksudnya 😉"
    assert sure_of_partisan(winked) == "partisan"


@pytest.mark.parametrize(
    "text",
    [
        "Jangan coblos 2 kali ya, nanti suaranya tidak sah",
        "Satu orang jangan nyoblos 2 kali di TPS berbeda",
    ],
)
def test_do_not_vote_twice_is_voter_education(classify, text):
    assert classify(text).content_class == "civic"


@pytest.mark.parametrize(
    "template",
    [
        "Jalan rusak di {} belum diperbaiki, warga tanam pohon pisang",
        "Banjir lagi di {}, warga mengungsi ke masjid",
        "Relawan {} siap menangkan paslon nomor 2, gas terus",
    ],
)
def test_which_kab_kota_a_text_names_does_not_change_its_reading(classify, template):
    # the training sets are about particular races: a place must not weigh as its race's talk
    readings = {
        place: (v.content_class, v.score)
        for place in ("Bantul", "Kendari", "Cianjur", "Semarang", "Jayapura")
        for v in [classify(template.format(place))]
    }
    assert len(set(readings.values())) == 1, readings


def test_place_names_are_one_model_token_and_keep_the_stance_windows():
    from posko.neutrality.engine.content import PLACE_TOKEN, _model_tokens

    pairs = registry_pairs()
    matcher = EntityMatcher(pairs, load_gazetteer())
    norm = normalize("Sleman, Bantul, Gunungkidul dukung Prabowo sampai menang")
    matches, cues = matcher.match(norm), find_cues(norm)
    tokens, places = _model_tokens(norm, matches, cues)
    assert list(tokens[:3]) == [PLACE_TOKEN, "dukung", "<cand>"]
    assert [tokens[i] for i in places] == ["<cand>"]
    feats = extract_features(norm, matches, cues)
    # no weight for a place as such, only for what is said around it
    assert PLACE_TOKEN not in feats and f"{PLACE_TOKEN} dukung" in feats
    assert "<cand>~dukung" in feats and "<cand>~sampai" in feats


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Jakarta nomor 1 kota termacet di Asia, parah", False),
        ("toko ini no 2 terlaris di marketplace", False),
        ("Coblos nomor 1, yang terpopuler untuk Jakarta", True),  # a ballot number stays
        ("nomor 1 di hatiku nasi goreng", True),  # no superlative: R1 reads it elsewhere
        ("02 termuda, 02 pilihanku", True),  # zero-padded: a pair's way of writing it
        ("Nomor 2 terbaik pokoknya", True),  # praise a pair also gets is no rank
        ("AMIN nomor 1 terpopuler", True),  # a named pair: its number may be meant
    ],
)
def test_a_number_a_superlative_ranks_is_no_model_word(text, kept):
    from posko.neutrality.engine.content import _model_tokens

    pairs = registry_pairs()
    norm = normalize(text)
    matches = EntityMatcher(pairs, load_gazetteer()).match(norm)
    tokens, _ = _model_tokens(norm, matches, find_cues(norm))
    assert any(t[0].isdigit() or t == "<num>" for t in tokens) is kept, tokens
    assert ("nomor" in tokens) is (kept and "omor" in text), tokens


def test_a_rank_never_breaks_an_alias_that_holds_a_number():
    from posko.candidates.registry import Pair
    from posko.neutrality.engine.content import _model_tokens

    pairs = [
        Pair("35.09", "Kab. Jember", "bupati", 1, "Hendy Siswanto", "Firjaun", ("Hendy 2 Periode",))
    ]
    norm = normalize("Hendy 2 periode terpopuler se-Jember")
    matches = EntityMatcher(pairs, load_gazetteer()).match(norm)
    tokens, places = _model_tokens(norm, matches, find_cues(norm))
    assert tokens[0] == "<cand>" and places == [0], tokens
