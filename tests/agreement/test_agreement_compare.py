"""The agreement scorer on hand-worked cases: identical, disjoint, a partial case, kappa, and bad inputs."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agreement_cases import TEXT, doc, pass_a, pass_b, rel, span
from caveat.agreement import cohen_kappa, compare
from caveat.errors import CaveatError
from caveat.labels import ANNOTATION_LAYERS, inventory


def test_identical_annotations_agree_perfectly() -> None:
    a = pass_a()
    rep = compare([a], [pass_a()], date="2026-01-01")
    for layer in ANNOTATION_LAYERS:
        for m in ("exact", "overlap"):
            assert rep["spans"][layer][m]["f1"] == 1.0
            assert rep["spans"][layer]["unlabelled"][m]["f1"] == 1.0
    for rtype in inventory().relation_types:
        assert rep["relations"][rtype]["exact"]["f1"] == 1.0
        assert rep["relations"][rtype]["overlap"]["f1"] == 1.0
    assert rep["attributes"]["claims.claim_type"]["kappa"] == 1.0  # two categories, all pairs equal
    assert rep["attributes"]["hedges.hedge_type"]["kappa"] == 1.0
    assert rep["sentences"]["contains_claim"]["kappa"] == 1.0
    assert rep["disagreements"] == {"d1": []}
    assert rep["documents"] == ["d1"] and rep["date"] == "2026-01-01"
    assert rep["counts"]["a"] == rep["counts"]["b"] == {"entities": 4, "claims": 2, "sources": 1, "hedges": 2, "relations": 3}


def test_disjoint_annotations_score_zero() -> None:
    t = TEXT
    a = doc(entities=[span("e1", t, "Huawei", "ORG")],
            claims=[span("c1", t, "Huawei may buy about 90% of chips", "CLAIM", claim_type="FACTUAL", checkworthy=True)],
            sources=[span("s1", t, "Huawei", "SOURCE")],
            hedges=[span("h1", t, "may", "HEDGE", hedge_type="EPISTEMIC")],
            relations=[rel("r1", "attributed_to", "c1", "s1"), rel("r2", "hedges", "h1", "c1")])
    b = doc(entities=[span("e1", t, "Apple", "ORG")],
            claims=[span("c1", t, "Apple sells phones", "CLAIM", claim_type="FACTUAL", checkworthy=True)],
            sources=[span("s1", t, "Apple", "SOURCE")],
            hedges=[span("h1", t, "will", "HEDGE", hedge_type="EPISTEMIC")],
            relations=[rel("r1", "attributed_to", "c1", "s1"), rel("r2", "hedges", "h1", "c1")])
    rep = compare([a], [b])
    for layer in ANNOTATION_LAYERS:
        for m in ("exact", "overlap"):
            assert rep["spans"][layer][m]["f1"] == 0.0
    for rtype in inventory().relation_types:
        assert rep["relations"][rtype]["overlap"]["f1"] == 0.0
    assert rep["attributes"]["claims.claim_type"]["n"] == 0
    assert rep["attributes"]["claims.claim_type"]["kappa"] is None
    # sentences: A has a claim only in sentence 1, B only in sentence 3 -> po = 1/3, pe = 5/9, kappa = -0.5
    assert rep["sentences"]["contains_claim"]["kappa"] == pytest.approx(-0.5)


def test_partial_case_matches_the_hand_worked_values() -> None:
    rep = compare([pass_a()], [pass_b()])
    ent = rep["spans"]["entities"]
    # ORG: A {Huawei, Google, Apple}, B {Huawei, Google} -> tp 2, 3 vs 2 -> F1 4/5
    assert ent["labels"]["ORG"]["exact"]["f1"] == pytest.approx(0.8)
    assert ent["labels"]["ORG"]["exact"]["precision"] == 1.0 and ent["labels"]["ORG"]["exact"]["recall"] == pytest.approx(2 / 3)
    # PERCENT "about 90%" vs "90%": exact 0, overlap 1
    assert ent["labels"]["PERCENT"]["exact"]["f1"] == 0.0
    assert ent["labels"]["PERCENT"]["overlap"]["f1"] == 1.0
    assert ent["labels"]["GPE"]["overlap"]["f1"] == 0.0
    assert ent["labels"]["PERSON"]["exact"]["f1"] is None  # nobody used it
    # labelled layer totals: exact tp 2 of 4+4, overlap tp 3; unlabelled: exact 3, overlap 4
    assert ent["exact"]["f1"] == pytest.approx(0.5)
    assert ent["overlap"]["f1"] == pytest.approx(0.75)
    assert ent["unlabelled"]["exact"]["f1"] == pytest.approx(0.75)
    assert ent["unlabelled"]["overlap"]["f1"] == 1.0
    # claims: exact tp 1 of 2 vs 3 -> 2/5; overlap tp 2 -> 4/5
    assert rep["spans"]["claims"]["exact"]["f1"] == pytest.approx(0.4)
    assert rep["spans"]["claims"]["overlap"]["f1"] == pytest.approx(0.8)
    # hedges: tp 1 of 2 vs 1 -> 2/3
    assert rep["spans"]["hedges"]["exact"]["f1"] == pytest.approx(2 / 3)
    # checkworthy over the two overlap pairs: (T,T), (T,F): po 1/2, pe 1*1/2 -> kappa 0
    cw = rep["attributes"]["claims.checkworthy"]
    assert (cw["n"], cw["observed_agreement"], cw["kappa"]) == (2, 0.5, 0.0)
    assert cw["confusion"] == {"true": {"true": 1, "false": 1}}
    # hedge_type: one pair, one category: kappa undefined, observed 1
    ht = rep["attributes"]["hedges.hedge_type"]
    assert (ht["n"], ht["observed_agreement"], ht["kappa"]) == (1, 1.0, None)
    # attributed_to: c2 and k2 match only with overlap; hedges: h1->c1 matched, h2->c1 not -> 2/3
    assert rep["relations"]["attributed_to"]["exact"]["f1"] == 0.0
    assert rep["relations"]["attributed_to"]["overlap"]["f1"] == 1.0
    assert rep["relations"]["hedges"]["exact"]["f1"] == pytest.approx(2 / 3)
    # sentences with a claim: A (1,1,0), B (1,1,1): po 2/3, pe 2/3 -> kappa 0; hedges identical -> 1
    assert rep["sentences"]["contains_claim"]["kappa"] == pytest.approx(0.0)
    assert rep["sentences"]["contains_claim"]["a_only"] == 0 and rep["sentences"]["contains_claim"]["b_only"] == 1
    assert rep["sentences"]["contains_hedge"]["kappa"] == pytest.approx(1.0)
    kinds = sorted((d["kind"], d.get("layer") or d.get("type")) for d in rep["disagreements"]["d1"])
    assert kinds == sorted([
        ("boundary", "entities"), ("label", "entities"), ("boundary", "claims"), ("attribute", "claims"),
        ("only_in_b", "claims"), ("only_in_a", "hedges"), ("relation_only_in_a", "hedges"),
    ])


def test_cohen_kappa_hand_worked() -> None:
    # 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15 -> po 0.7, pe 0.5*0.6+0.5*0.4 = 0.5 -> 0.4
    a = [True] * 20 + [True] * 5 + [False] * 10 + [False] * 15
    b = [True] * 20 + [False] * 5 + [True] * 10 + [False] * 15
    res = cohen_kappa(a, b)
    assert res["n"] == 50 and res["observed_agreement"] == pytest.approx(0.7)
    assert res["kappa"] == pytest.approx(0.4)
    assert cohen_kappa([], [])["kappa"] is None


def test_only_shared_documents_are_compared() -> None:
    rep = compare([pass_a(), doc("only-a")], [pass_b(), doc("only-b")])
    assert rep["documents"] == ["d1"]
    assert rep["only_in_a"] == ["only-a"] and rep["only_in_b"] == ["only-b"]


def test_different_texts_for_the_same_id_is_a_clear_error() -> None:
    b = pass_b()
    b["text"] = TEXT.replace("Apple", "Apricot")
    with pytest.raises(CaveatError) as err:
        compare([pass_a()], [b], names=("first", "second"))
    msg = err.value.message
    assert "'d1'" in msg and "first" in msg and "second" in msg and "Fix:" in msg
    assert f"code point {TEXT.index('Apple') + 2}" in msg  # "Ap" is shared, the texts differ at "p" vs "r"


@pytest.mark.parametrize("a, b, needle", [
    ([doc("x")], [doc("y")], "no document id occurs in both"),
    ([doc("x"), doc("x")], [doc("x")], "occurs more than once"),
    ([{"text": TEXT}], [doc("x")], "has no \"id\""),
])
def test_bad_inputs_are_clear_errors(a: list, b: list, needle: str) -> None:
    with pytest.raises(CaveatError) as err:
        compare(a, b)
    assert needle in err.value.message


QUOTES = ["Huawei", "may", "about 90%", "chips", "Google", "it will leave", "Apple", "sells phones", "90%"]


@st.composite
def entity_layers(draw) -> list[dict]:
    picks = draw(st.lists(st.sampled_from(QUOTES), unique=True, max_size=6))
    labels = inventory().entity_labels[:4]
    return [span(f"e{i}", TEXT, q, draw(st.sampled_from(labels))) for i, q in enumerate(picks)]


@settings(max_examples=60, deadline=None)
@given(entity_layers(), entity_layers())
def test_f1_is_symmetric_and_self_agreement_is_one(ents_a: list[dict], ents_b: list[dict]) -> None:
    a, b = doc(entities=ents_a), doc(entities=ents_b)
    ab, ba = compare([a], [b])["spans"]["entities"], compare([b], [a])["spans"]["entities"]
    for m in ("exact", "overlap"):
        assert ab[m]["f1"] == ba[m]["f1"]
        assert ab[m]["precision"] == ba[m]["recall"]
        assert (ab[m]["f1"] or 0.0) <= (ab["unlabelled"][m]["f1"] or 0.0) + 1e-12
    assert ab["exact"]["tp"] <= ab["overlap"]["tp"]
    self_f1 = compare([a], [a])["spans"]["entities"]["exact"]["f1"]
    assert self_f1 == (1.0 if ents_a else None)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("XYZ"), st.sampled_from("XYZ")), min_size=1, max_size=40))
def test_kappa_matches_scikit_learn(pairs: list[tuple[str, str]]) -> None:
    from sklearn.metrics import cohen_kappa_score

    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    ours = cohen_kappa(a, b)["kappa"]
    if len(set(a) | set(b)) < 2:
        assert ours is None
    elif len(set(a)) == 1 and len(set(b)) == 1:
        assert ours is None or ours == pytest.approx(0.0)
    else:
        assert ours == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
