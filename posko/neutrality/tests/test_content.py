"""Content classification end to end (normalise -> entities -> cues -> model + rules)."""

from __future__ import annotations

import time

import pytest

from posko.neutrality.engine.content import ContentClassifier, extract_features
from posko.neutrality.engine.cues import find_cues
from posko.neutrality.engine.entities import EntityMatcher, load_gazetteer
from posko.neutrality.engine.normalize import normalize
from posko.neutrality.engine.types import ContentVerdict
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
        "#JokowiLagi 2 periode gas terus!",
        "#2019GantiPresiden harga2 naik terus",
        "prabowo gibran satu putaran ✌️ menang menang menang",
        "jangan pilih anies, cuma jago retorika doang",
        "ayo dulur, nyoblos nomer 2 pak luthfi kanggo jateng luwih apik",
        "hayu urang pilih KDM, nomer 4 pasti meunang",
        "semoga pak ganjar jadi presiden 2024 aamiin",
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
    start = time.perf_counter()
    for _ in range(2000):
        classifier.model.predict_proba(extract_features(norm, matches, cues))
    per_text = (time.perf_counter() - start) / 2000
    assert per_text < 200e-6  # generous bound for slow CI; typical is ~10 µs
