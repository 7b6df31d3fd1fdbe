"""The pure-Python content model: file loading, sklearn equivalence, deterministic features."""

from __future__ import annotations

import marshal
import random

import pytest

from posko.neutrality.engine.model import ContentModel, load_content_model
from posko.neutrality.engine.types import CONTENT_CLASSES


def test_shipped_model_loads_with_metadata():
    model = load_content_model()
    assert model.classes == CONTENT_CLASSES
    assert len(model.weights) > 1000
    assert "held_out_metrics" in model.metadata
    assert len(model.metadata["training_data_sha256"]) == 64
    proba = model.predict_proba(["coblos", "__CUE_SUPPORT__"])
    assert set(proba) == set(CONTENT_CLASSES)
    assert sum(proba.values()) == pytest.approx(1.0)


def test_unknown_features_do_not_change_scores_and_repeats_count():
    model = load_content_model()
    base = model.predict_proba(["nasi", "goreng"])
    assert model.predict_proba(["nasi", "goreng", "zzz-not-a-feature"]) == base
    assert model.predict_proba([]) == model.predict_proba(["zzz-not-a-feature"])
    once, twice = model.scores(["goreng"]), model.scores(["goreng", "goreng"])
    base_scores = model.scores([])
    for k in range(3):
        assert twice[k] - base_scores[k] == pytest.approx(2 * (once[k] - base_scores[k]))


def test_json_round_trip():
    model = load_content_model()
    again = ContentModel.from_json(model.to_json())
    feats = ["pilkada", "damai", "__CUE_CIVIC__"]
    assert again.predict_proba(feats) == model.predict_proba(feats)


def test_inference_equals_sklearn_predict_proba():
    pytest.importorskip("sklearn")
    from posko.neutrality.training.train import export, fit

    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(40)] + ["__ENT_CANDIDATE__", "__CUE_SUPPORT__"]
    labels = [CONTENT_CLASSES[i % 3] for i in range(300)]
    feats = [
        [f"w{(i % 3) * 10 + rng.randrange(12)}" for _ in range(4)] + rng.sample(vocab, 3)
        for i in range(300)
    ]
    weights = [1.0 + (i % 2) for i in range(300)]
    clf, index = fit(feats, labels, weights)
    model = export(clf, index, None, {})
    from scipy.sparse import csr_matrix

    samples = feats[:25] + [["w1", "unseen"], [], ["w1", "w1", "w2", "w1"]]
    rows, cols, vals = [], [], []
    for r, f in enumerate(samples):
        for c in sorted({index[t] for t in f if t in index}):
            rows.append(r)
            cols.append(c)
            vals.append(float(sum(index.get(t) == c for t in f)))
    x = csr_matrix((vals, (rows, cols)), shape=(len(samples), len(index)))
    expected = clf.predict_proba(x)
    order = list(clf.classes_)
    for sample, exp in zip(samples, expected, strict=True):
        got = model.predict_proba(sample)
        for cls in CONTENT_CLASSES:
            assert got[cls] == pytest.approx(exp[order.index(cls)], abs=1e-9)


def test_feature_extraction_is_deterministic():
    from posko.neutrality.engine.content import extract_features
    from posko.neutrality.engine.cues import find_cues
    from posko.neutrality.engine.entities import EntityMatcher, load_gazetteer
    from posko.neutrality.engine.normalize import normalize
    from posko.neutrality.training.train import registry_pairs

    matcher = EntityMatcher(registry_pairs(), load_gazetteer())
    text = "Ayo coblos no 3 Pramono-Rano!! ✌️ #PilkadaDamai https://t.co/x"
    runs = []
    for _ in range(3):
        norm = normalize(text)
        runs.append(extract_features(norm, matcher.match(norm), find_cues(norm)))
    assert runs[0] == runs[1] == runs[2]
    assert "coblos" in runs[0]


def test_compiled_cache_agrees_with_the_json(tmp_path):
    """content_model.bin is derived from the JSON: same tables, and a stale cache is ignored."""
    from posko.neutrality.engine.model import (
        MODEL_PATH,
        cache_path,
        compiled_bytes,
        load_model_file,
        read_compiled,
        read_content_model,
    )

    fresh = read_content_model(MODEL_PATH)
    shipped = read_compiled(MODEL_PATH)
    assert shipped is not None, "content_model.bin is missing or stale: run `posko train`"
    assert shipped.compiled()[3:] == fresh.compiled()[3:]
    assert (shipped.classes, shipped.intercept) == (fresh.classes, fresh.intercept)
    assert dict(shipped.weights) == dict(fresh.weights)
    # marshal output depends on object sharing, so compare the decoded payloads
    assert (
        marshal.loads(compiled_bytes(fresh, MODEL_PATH.read_bytes()))[:2]
        == marshal.loads(cache_path(MODEL_PATH).read_bytes())[:2]
    )
    feats = ["coblos", "<cand>", "__CUE_SUPPORT__", "#pilkadadamai"]
    assert shipped.predict_proba(feats) == fresh.predict_proba(feats)
    assert shipped.proba_masked(["coblos", "<cand>"], [1], 3, feats[2:]) == fresh.proba_masked(
        ["coblos", "<cand>"], [1], 3, feats[2:]
    )
    # A cache whose JSON changed is rebuilt from the JSON.
    other = tmp_path / "m.json"
    other.write_text(MODEL_PATH.read_text(encoding="utf-8").replace('"C":', '"C" :'), "utf-8")
    cache_path(other).write_bytes(cache_path(MODEL_PATH).read_bytes())
    assert read_compiled(other) is None
    rebuilt = load_model_file(other)
    assert rebuilt.compiled()[3:] == fresh.compiled()[3:]
    assert read_compiled(other) is not None
