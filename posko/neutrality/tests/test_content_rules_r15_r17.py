"""Photos and campaign events (R15, SKB 2/2022), ridicule (R16), vote buying (R17)."""

from __future__ import annotations

import copy

import pytest
import yaml

from posko.candidates.registry import shipped_registry
from posko.neutrality.engine.checker import Engine
from posko.neutrality.engine.parse import parse_act
from posko.neutrality.engine.rules import RULES_PATH, RuleTableError, parse_rule_table


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(shipped_registry())


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Foto bareng Pak Luthfi tadi pagi", 2),
        ("Foto bersama Cagub Andika di acara HUT Korpri", 1),
        ("fotbar sm pak Luthfi pas kampanye akbar", 2),
        ("selfie sama mas Hendi pas car free day", 1),  # the running mate
        # told anywhere in the text, not only at its start; a link's "?" is no question
        ("Seneng banget foto bareng Pak Luthfi", 2),
        ("Ini foto aku bareng Pak Luthfi", 2),
        ("Ga nyangka bisa foto bareng Pak Luthfi", 2),
        ("Alhamdulillah bisa foto bareng Pak Luthfi, kapan lagi ya?", 2),
        ("Foto bareng Pak Luthfi tadi pagi https://www.instagram.com/p/C9xyz/?igsh=MTIz", 2),
        ("Foto bareng Pak Luthfi, menurut saya beliau paling pantas", 2),
        ("Foto bareng Pak Luthfi teman-teman, ramah banget", 2),  # friends addressed
        ("Aku sama ibu foto bareng Pak Luthfi tadi pagi, seneng banget", 2),
        # Javanese passive; met, then a photo told later
        ("Dipoto bareng Pak Luthfi pas blusukan nang pasar, grapyak banget", 2),
        ("Ketemu Pak Luthfi di pasar, sempat foto bareng, orangnya ramah", 2),
    ],
)
def test_a_photo_with_a_candidate_is_partisan_for_that_pair(
    engine: Engine, text: str, number: int
) -> None:
    verdict = engine.classify(text, "33")
    assert verdict.content_class == "partisan", verdict
    assert [t.number for t in verdict.targets] == [number]
    assert "photo_with_candidate" in verdict.signals
    assert verdict.evidence[0] == "foto bersama calon"


@pytest.mark.parametrize(
    "text",
    [
        "Ahmad Luthfi berfoto bersama warga saat blusukan di pasar",  # news of the candidate
        "foto bersama Andika Perkasa dan Ahmad Luthfi usai debat kedua",  # both pairs
        "foto bareng Jokowi di istana",  # a politician who runs for nothing
        "Foto bareng Pak Andika guru olahraga kami yang pensiun",  # a namesake
        "Pak Luthfi kunjungi pasar, foto produk UMKM dipajang",  # no company word
        # news, a warning, a fact-check, someone else's photo, a namesake with a role
        "Viral, kepala desa di Blora foto bersama cagub Ahmad Luthfi, Bawaslu periksa",
        "Jangan foto bareng Pak Luthfi ya, kita ASN harus netral",
        "Hoaks! Foto bareng Pak Luthfi itu editan",
        "Ratusan emak-emak antre selfie bersama Andika Perkasa di Pasar Johar",
        "Foto bareng Pak Luthfi guru ngaji di TPQ",
        "Foto bareng Pak Luthfi boleh nggak sih buat PNS?",
        "Ahmad Luthfi berfoto bersama Taj Yasin usai debat",  # the candidate as the subject
        # asked about, supposed, negated, someone else's, a namesake written otherwise
        "Foto bareng Pak Luthfi, boleh nggak sih?",
        "Kalau kita foto bareng Pak Luthfi di CFD, kena sanksi gak ya?",
        "Aku gak pernah foto bareng Pak Luthfi",
        "Ogah foto bareng Pak Luthfi",
        "Oknum kepala sekolah di Kendal kedapatan foto bareng Pak Luthfi",
        "Foto bareng Pak Luthfi teman sekantor bapakku",
        "Foto bareng Pak Luthfi temen sekantor bapakku",  # the role in slang spelling
        "Seneng banget foto bareng Pak Luthfiii guru ngaji kami",
        # met, then a photo: someone else's, a namesake (a role in slang spelling), no photo
        "Warga ketemu Pak Luthfi di pasar, banyak yang minta foto bareng",
        "Ketemu Pak Luthfi temen bapakku, foto bareng dulu",
        "Ketemu Pak Luthfi di pasar, tapi gak sempat foto bareng",
        "Kemarin ketemu Pak Luthfi di pasar? boleh foto bareng gak?",
        # a photo told far away, of something else, or only wished for
        "Pagi ini ketemu Pak Luthfi di pasar pas beli sayur. Sorenya foto keluarga buat KTP",
        "Ketemu Pak Luthfi di pasar, pengen foto bareng tapi malu, jadi cuma salaman",
    ],
)
def test_other_photos_are_not(engine: Engine, text: str) -> None:
    verdict = engine.classify(text, "33")
    assert not verdict.signals, verdict
    assert "foto bersama calon" not in verdict.evidence


def _act(text: str, action: str, asn: bool = True) -> dict[str, object]:
    return {"id": "x", "actor": {"asn": asn}, "action": action, "region": "33",
            "content": {"text": text}}  # fmt: skip


def test_posting_a_photo_with_a_candidate_is_the_photo_item(engine: Engine) -> None:
    verdict = engine.check(parse_act(_act("Foto bareng Pak Luthfi tadi pagi", "post")))
    assert verdict.violation and verdict.rule_id == "SKB2022-A4-A5-PHOTO-POST"
    assert "angka 5 huruf a" in verdict.citation and "tabel B angka 6" in verdict.citation
    assert verdict.sanction.startswith("Hukuman disiplin berat")  # no lighter than any post
    # table B item 7 asks for a symbol, attribute or prop in the image: a conditional reading
    conditional = [r for r in verdict.readings if "tabel B angka 7" in r]
    assert conditional and conditional[0].startswith("Jika foto menunjukkan")
    as_profile = engine.check(parse_act(_act("Foto bareng Pak Luthfi", "profile_photo")))
    assert as_profile.violation and as_profile.rule_id == "SKB2022-A5-B7-PHOTO"
    # liking someone else's photo is the social-media item; a citizen breaks no ASN rule
    liked = engine.check(parse_act(_act("Foto bareng Pak Luthfi tadi pagi", "like")))
    assert liked.violation and liked.rule_id == "SKB2022-A4-B6-SOCIAL"
    citizen = engine.check(parse_act(_act("Foto bareng Pak Luthfi", "post", asn=False)))
    assert not citizen.violation and citizen.content_class == "partisan"


def test_a_post_of_other_partisan_content_stays_the_social_media_item(engine: Engine) -> None:
    verdict = engine.check(parse_act(_act("Ayo coblos Pak Luthfi nomor 2!", "post")))
    assert verdict.violation and verdict.rule_id == "SKB2022-A4-B6-SOCIAL"


def test_an_unknown_signal_in_the_rule_table_is_rejected() -> None:
    data = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    photo = next(r for r in broken["rules"] if r["id"] == "SKB2022-A4-A5-PHOTO-POST")
    photo["when"]["signals"] = ["selfie_with_cat"]
    with pytest.raises(RuleTableError, match="unknown values"):
        parse_rule_table(broken)


@pytest.mark.parametrize(
    "text",
    [
        "Cagub Acep-Gita? saha eta? 😂",
        "RK ngaku anak Jakarta buat pilgub. ga nyambung bro 😂",
        "Demokrat dapet kursi menteri langsung manis 😏",  # a party mocked
        "Menurut saya Cagub Acep-Gita gak jelas programnya 😂",  # an opinion, not news
    ],
)
def test_laughing_at_a_named_contender_is_ridicule(engine: Engine, text: str) -> None:
    assert engine.classify(text, "32").content_class == "partisan"  # R16


@pytest.mark.parametrize(
    "text",
    [
        "Debat tadi RK sama Pram sama-sama grogi 😂",  # two pairs of one race
        "Hoaks! Video RK joget itu editan 😂",  # a fact-check
        "Menurut Bawaslu, RK belum lapor dana kampanye 😂",  # news
        "Jokowi lucu juga ya kalau lagi ngevlog 😂",  # runs for nothing
    ],
)
def test_laughter_that_takes_no_side_stays_civic(engine: Engine, text: str) -> None:
    assert engine.classify(text, "32").content_class == "civic"


@pytest.mark.parametrize(
    "text",
    [
        "Hadir di kampanye akbar Pak Luthfi hari ini, rame banget",
        "otw kampanye akbar Andika-Hendi di Simpang Lima",
        "gue dateng ke deklarasi relawan Luthfi-Yasin",
    ],
)
def test_going_to_a_candidates_campaign_event_is_partisan(engine: Engine, text: str) -> None:
    verdict = engine.classify(text, "33")
    assert verdict.content_class == "partisan", verdict
    assert verdict.evidence[0] == "hadir di kegiatan kampanye calon"


@pytest.mark.parametrize(
    "text",
    [
        "Hadiri kampanye akbar di Simpang Lima, Luthfi-Yasin ajak warga jaga TPS",  # a headline
        "Bawaslu awasi kampanye Luthfi-Yasin, warga diminta ikut melapor",
        "Nonton debat Andika dan Luthfi di TV, dua-duanya janji banyak",
        # a refusal, a question, residents' news
        "Warga Desa Sukamaju hadir di kampanye Pak Luthfi kemarin sore",
        "Maaf gak bisa hadir di kampanye Pak Luthfi, ASN dilarang",
        "Bisa datang ke orasi Pak Luthfi? Nanti Bawaslu awasi",
    ],
)
def test_reports_of_campaign_events_are_not_attendance(engine: Engine, text: str) -> None:
    verdict = engine.classify(text, "33")
    assert "hadir di kegiatan kampanye calon" not in verdict.evidence
    assert verdict.content_class == "civic", verdict


@pytest.mark.parametrize(
    "text",
    [
        "Sing milih nomer 1 oleh beras sak karung, jenenge kumpulno nang Pak RT",
        "Yg mau amplop 200rb, syaratnya foto surat suara nomor 2 kirim ke aku",
        "100 per kepala, asal nomor 3. japri",
        "Serangan fajar 50rb, syaratnya nomor 3",
        "Ambil amplop 50rb/orang, asal nomor 1 ya",
    ],
)
def test_an_offer_of_money_for_a_ballot_number_is_partisan(engine: Engine, text: str) -> None:
    assert engine.classify(text, None).content_class == "partisan"  # R17


@pytest.mark.parametrize(
    "text",
    [
        "Antrian nomor 12 di bank, mau setor uang 500 ribu",
        "Soto nomor 1 di hatiku, 10rb udah kenyang sampai sore",
        "Nomor 3 di daftar belanja: sembako buat ibu, 150 ribu",
        # a menu, a phone number, a meter number
        "Pilih menu nomor 3, nasi goreng spesial cuma 25rb",
        "Pulsa 50rb, kirim ke nomor 0812345678 asal bayar dulu",
        "Token listrik 100rb, masukkan nomor 1234 5678",
        # a promise, a ballot box, a village's dues
        "Sumbangan 50rb per KK untuk perbaikan jalan, syarat KTP nomor 1 di KK",
        "Promo sembako murah! Pilih 1 paket cuma 50 ribu",
        "Beras naik lagi, milih 2 karung aja 600 ribu",
        "Pilih 1 paket cuma 50 ribu",
    ],
)
def test_money_and_a_number_are_no_offer_without_a_vote(engine: Engine, text: str) -> None:
    assert engine.classify(text, None).content_class == "non_political"


@pytest.mark.parametrize(
    "text",
    [
        "Lho ternyata kantor DPD Golkar pindah ke Jalan Pemuda 😆",  # a grin, not mockery
        "Hahaha Gerindra vs PDIP debat soal stunting seru juga 😂",  # two targets
        "PDIP, Golkar, Gerindra, semuanya sama aja 🙄",  # all alike
        "Delapan partai lolos ke Senayan: PDIP, Golkar, Gerindra, PKB, NasDem, PKS, PAN 👍",
    ],
)
def test_laughter_or_judgement_of_several_or_all_is_no_side(engine: Engine, text: str) -> None:
    assert engine.classify(text, None).content_class == "civic"


def test_an_offer_in_an_rt_election_is_no_state_election(engine: Engine) -> None:
    rt_vote = "Pemilihan Pak RT besok, yang pilih nomor 2 dapat amplop 50rb"
    assert engine.classify(rt_vote, "33").content_class == "non_political"
    state = "Ketua RT bagi amplop 100rb, syaratnya coblos nomor 2 di pilkada"
    assert engine.classify(state, "33").content_class == "partisan"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salut buat PKB, PPP, PKS, semua solid!", "partisan"),  # cheered, all of them
        ("Koalisi Golkar, Gerindra, PAN rakus jabatan, muak!", "partisan"),  # one coalition
        ("PDIP, Golkar, Gerindra, PKB semuanya payah", "civic"),  # all scorned alike
        ("PDIP, Golkar, Gerindra, NasDem, PKB, partai-partai sekarang rakus jabatan", "civic"),
        # scorn of something else, a denial, a report: no side
        ("Dengan susah payah, koalisi PDIP, PKB dan Nasdem akhirnya sepakat soal cagub", "civic"),
        ("Koalisi Golkar, Gerindra dan PAN membantah tudingan rakus jabatan", "civic"),
        ("Koalisi PKS, PAN dan Demokrat berjanji membenahi birokrasi yang bobrok", "civic"),
        ("Koalisi Golkar, PKB dan PAN resmi daftar ke KPU, warga sudah muak jalan rusak", "civic"),
        ("Pengamat menilai koalisi PDIP, PPP, Hanura payah dalam konsolidasi", "civic"),
        (
            "Koalisi Partai Kebangkitan Bangsa, Golkar, PAN bangun bangsa, bukan birokrasi bobrok",
            "civic",
        ),  # a long party name's generic words are no party
        ("Koalisi Golkar, PKB dan PAN bersusah payah menyatukan suara", "civic"),
        # scorn across intensifiers, after a list that names the coalition last, as an opinion
        ("Golkar, Gerindra, PAN, koalisi rakus jabatan, muak!", "partisan"),
        ("Koalisi Golkar, Gerindra dan PAN itu memang sangat rakus jabatan", "partisan"),
        ("Menurut saya koalisi Golkar, Gerindra, PAN rakus jabatan, muak!", "partisan"),
        ("Koalisi Golkar, Gerindra, PAN benar-benar rakus jabatan", "partisan"),
        ("Koalisi Golkar, Gerindra, PAN isinya orang rakus jabatan", "partisan"),
        ("Koalisi Golkar, Gerindra, PAN busuk, muak! Mending PKS", "partisan"),
        ("Golkar, Gerindra, PAN ini koalisi busuk", "partisan"),
        # reported after the fact, effort, fed up with something else, both sides, another noun
        ("Koalisi Golkar, Gerindra, PAN rakus jabatan, ujar pengamat politik Unair.", "civic"),
        ("Koalisi Golkar, PKB dan PAN jerih payah kader terbayar", "civic"),
        ("Koalisi Golkar, PKB dan PAN sudah muak dengan politik uang", "civic"),
        ("Koalisi Gerindra, Golkar vs koalisi PDIP, PKB, PPP: keduanya busuk", "civic"),
        ("Koalisi Golkar, PKB dan PAN berantas birokrasi bobrok", "civic"),
        # an election body carrying on with a stage is no "lanjutkan!" cheer ...
        ("KPU lanjutkan rekapitulasi, saksi PDIP, Golkar, Gerindra hadir", "civic"),
        ("KPU DKI lanjutkan rekapitulasi, saksi PDIP, Golkar, Gerindra hadir", "civic"),
        ("Bawaslu lanjutkan pemeriksaan, saksi PKS, PAN, Demokrat hadir", "civic"),
        (
            "Rapat dilanjutkan. KPU lanjutkan rekapitulasi, saksi PDIP, Golkar, Gerindra hadir",
            "civic",
        ),  # fmt: skip
        # ... but another cheer still judges the list, and one more "lanjutkan" cheers
        (
            "KPU lanjutkan rekapitulasi, saksi PDIP, Golkar, Gerindra kompak mengawal, salut!",
            "partisan",
        ),  # fmt: skip
        ("KPU lanjutkan rekapitulasi hari ini. Golkar, PAN, Demokrat: lanjutkan!", "partisan"),
        ("PDIP, PPP, Perindo, Hanura lanjutkan! Pencoblosan tinggal seminggu lagi", "partisan"),
        ("PDIP, Golkar, Gerindra menang di pleno, lanjutkan tahapan berikutnya!", "partisan"),
        (
            "PDIP, Golkar, Gerindra sah ditetapkan KPU, lanjutin! Tahapan berikutnya pelantikan",
            "partisan",
        ),  # fmt: skip
    ],
)
def test_a_judged_party_list(engine: Engine, text: str, expected: str) -> None:
    assert engine.classify(text, None).content_class == expected


@pytest.mark.parametrize(
    "text",
    [
        # "lanjutkan!" ends a clause: a cheer, though the next sentence opens with a stage
        "Gemoy lanjutkan! Pencoblosan tinggal 3 hari lagi",
        "Alhamdulillah Mas Pram ditetapkan KPU, lanjutkan! Tahapan berikutnya kampanye",
        # a stage carried on does not hide a cheered result (R13)
        "KPU lanjutkan rekapitulasi, Mas Pram ditetapkan KPU, mantap!",
    ],
)
def test_a_cheer_next_to_a_stage_carried_on(engine: Engine, text: str) -> None:
    assert engine.classify(text, None).content_class == "partisan"


def test_a_national_pair_has_no_province_chant(engine: Engine) -> None:
    verdict = engine.classify("Gemoy untuk Jawa Barat", "32")
    assert verdict.content_class == "non_political"


@pytest.mark.parametrize(
    "text",
    [
        # news of vote buying, or every pair accused (R17)
        "Bawaslu Kendal temukan amplop Rp50 ribu bergambar paslon nomor 2",  # news
        "Paslon 1 dan paslon 2 sama-sama bagi amplop 100rb di desa kami, Bawaslu ke mana?",
        # thanks to no running regional candidate (R18)
        "Makasih infonya min, baru tau kalau Andika Perkasa itu mantan Panglima TNI",
        "Terima kasih Pak Prabowo, program makan bergizi gratis sudah sampai di sekolah",
        # promises, a ballot box, an official result (R17, R13)
        "Dalam debat semalam, paslon nomor 1 janjikan dana desa 5 juta per RT",
        "Honor KPPS 1 juta, kotak suara nomor 4 sudah disegel di kecamatan",
        "Hasil pleno KPU harus dihormati, Luthfi-Yasin ditetapkan menang 1 putaran",  # R13
    ],
)
def test_election_talk_that_takes_no_side_stays_civic(engine: Engine, text: str) -> None:
    assert engine.classify(text, "33").content_class == "civic"


def test_training_features_read_the_support_as_the_rules_do(engine: Engine) -> None:
    """`posko train` featurises with extract_features: it must drop the "lanjutkan" of a stage
    carried on, as decide() does, or the model learns a call to vote that inference never sees."""
    from posko.neutrality.engine.content import extract_features
    from posko.neutrality.engine.cues import find_cues
    from posko.neutrality.engine.normalize import normalize

    def features(text: str) -> list[str]:
        norm = normalize(text)
        return extract_features(norm, engine.matcher_for(None).match(norm), find_cues(norm))

    assert "__CUE_SUPPORT__" not in features("KPU lanjutkan rekapitulasi, saksi PDIP hadir")
    assert "__CUE_SUPPORT__" in features("Gemoy lanjutkan! Pencoblosan tinggal 3 hari lagi")
