"""The baselines on a synthetic annotated corpus: the real scorer, persistence, determinism, refusals, edge cases."""
from __future__ import annotations

import json

import jsonschema
import pytest
import skops.io as sio

import synth
from caveat.baselines import TRAINABLE, persist, predict, train, tracks_of
from caveat.baselines.data import from_text
from caveat.baselines.registry import CLASSES, TRACKS, closure, create, default_names
from caveat.errors import CaveatError
from caveat.labels import ANNOTATION_LAYERS, inventory
from caveat.schemas import prediction_schema
from caveat.scoring import score

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def split_docs():
    docs = [synth.document(f"t-{i:02d}", 100 + i) for i in range(14)]
    return docs[:8], docs[8:10], docs[10:]


@pytest.fixture(scope="module")
def models(split_docs):
    train_docs, val_docs, _ = split_docs
    out = train(list(TRAINABLE), train_docs, val_docs, seed=0)
    out["oracle"] = create("oracle")
    return out


def test_every_oracle_scores_one_with_the_real_scorer(models, split_docs):
    test_docs = split_docs[2]
    records = list(predict(models, ["oracle"], test_docs))
    result = score(test_docs, records)
    assert set(result) == set(TRACKS)
    for track, r in result.items():
        assert r["value"] == 1.0, (track, r)


def test_learned_baselines_beat_their_floors_on_synthetic_test_documents(models, split_docs):
    test_docs = split_docs[2]
    for track in TRACKS:
        by_kind = {CLASSES[n].kind: n for n in TRAINABLE if CLASSES[n].track == track}
        floor, learned = (score(test_docs, list(predict(models, [by_kind[k]], test_docs)), [track])[track]["value"]
                          for k in ("floor", "learned"))
        assert learned > floor, (track, learned, floor)


def test_predictions_are_valid_prediction_records(models, split_docs):
    validator = jsonschema.Draft202012Validator(prediction_schema(inventory()))
    docs = list(split_docs[2]) + [from_text("empty", ""), from_text("spaces", "  \n\n "), from_text("emoji", "🙄 Helix Labs may sell 5 percent of its chips to Chile.")]
    for name in TRAINABLE:
        for rec, doc in zip(predict(models, [name], docs), docs):
            assert not list(validator.iter_errors(rec)), (name, rec["doc_id"])
            assert rec["doc_id"] == doc["id"] and rec["text"] == doc["text"]
            ids = set()
            for layer in ANNOTATION_LAYERS:
                for span in rec.get(layer, []):
                    assert 0 <= span["start"] < span["end"] <= len(doc["text"])
                    assert doc["text"][span["start"]:span["end"]] == span["text"]
                    ids.add(span["id"])
            for rel in rec.get("relations", []):
                assert rel["from"] in ids and rel["to"] in ids
            layers = {layer for n in closure([name]) for layer in ANNOTATION_LAYERS if layer in rec}
            assert layers, name


def test_a_record_holds_the_layers_of_the_model_and_its_requirements(models, split_docs):
    rec = next(predict(models, ["attribution-ranker"], split_docs[2][:1]))
    assert {"entities", "claims", "sources", "relations"} <= set(rec) and "hedges" not in rec
    rec = next(predict(models, ["ner-gazetteer"], split_docs[2][:1]))
    assert set(rec) == {"doc_id", "text", "entities"}


def test_saved_models_predict_the_same(models, split_docs):
    for name in TRAINABLE:
        meta = persist.metadata(models[name], corpus_version="v", n_train=1, n_validation=1)
        data = persist.dumps(models[name], meta)
        assert sio.get_untrusted_types(data=data) == []
        loaded, meta2 = persist.loads(data, f"{name}.skops")
        assert meta2["name"] == name and meta2["inventory_sha256"] == inventory().sha256
        assert {"scikit-learn", "skops", "numpy", "python"} <= set(meta2["libraries"])
        a = list(predict({**models, name: loaded}, [name], split_docs[2]))
        b = list(predict(models, [name], split_docs[2]))
        assert a == b


def test_a_model_of_another_label_inventory_is_refused(models):
    meta = persist.metadata(models["ner-tagger"], corpus_version="v", n_train=1, n_validation=1)
    meta["inventory_sha256"] = "0" * 64
    meta["inventory_version"] = "0.9.0"
    with pytest.raises(CaveatError) as err:
        persist.loads(persist.dumps(models["ner-tagger"], meta), "old/ner-tagger.skops")
    text = err.value.message
    assert "old/ner-tagger.skops" in text and "0.9.0" in text and inventory().version in text and "caveat train" in text


def test_damaged_and_untrusted_model_files_are_refused(models):
    meta = persist.metadata(models["ner-gazetteer"], corpus_version="v", n_train=1, n_validation=1)
    data = persist.dumps(models["ner-gazetteer"], meta)
    with pytest.raises(CaveatError, match="not a readable Caveat model"):
        persist.loads(data[: len(data) // 2], "x.skops")
    from collections import Counter

    bad = sio.dumps({"format": persist.FORMAT, "meta": meta, "state": {"lexicon": Counter(a=1)}})
    with pytest.raises(CaveatError, match="collections.Counter"):
        persist.loads(bad, "x.skops")
    with pytest.raises(CaveatError, match="format"):
        persist.loads(sio.dumps({"format": 99, "meta": meta, "state": {}}), "x.skops")


def test_training_is_deterministic(split_docs):
    train_docs, val_docs, test_docs = split_docs
    names = ["ner-tagger", "claim-tagger", "hedge-tagger"]
    a = train(names, train_docs, val_docs, seed=3)
    b = train(names, list(reversed(train_docs)), val_docs, seed=3)
    assert [a[n].selection() for n in names] == [b[n].selection() for n in names]
    assert list(predict(a, names, test_docs)) == list(predict(b, names, test_docs))


def test_without_validation_documents_hyper_parameters_come_from_cross_validation(split_docs):
    model = train(["ner-tagger"], split_docs[0], [], seed=0)["ner-tagger"]
    assert "CV" in model.selection()["tagger"]["chosen_by"]
    model = train(["ner-tagger"], split_docs[0][:1], [], seed=0)["ner-tagger"]
    assert model.selection()["tagger"]["chosen_by"] == "default"


def test_training_on_documents_without_some_layers_does_not_fail(split_docs):
    def strip(docs):
        return [dict(d, hedges=[], relations=[r for r in d["relations"] if r["type"] != "hedges"]) for d in docs]

    models = train(["claim-majority", "claim-tagger", "hedge-lexicon", "hedge-tagger"], strip(split_docs[0][:4]),
                   strip(split_docs[1]), seed=0)
    rec = next(predict(models, ["hedge-tagger", "hedge-lexicon"], split_docs[2][:1]))
    assert rec["hedges"] == []
    assert json.dumps(rec)


def test_default_names_pick_the_best_learned_model_of_every_track():
    names = default_names({"ner-tagger": 0.5, "claim-tagger": None}, ["ner-tagger", "ner-gazetteer", "claim-tagger"])
    assert names == ["ner-tagger", "claim-tagger"]
    assert [tracks_of(n) for n in ("oracle", "hedge-lexicon")] == [list(TRACKS), ["hedge"]]
    assert closure(["attribution-ranker"]) == ["claim-tagger", "ner-tagger", "attribution-ranker"]
