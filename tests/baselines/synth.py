"""A synthetic annotated corpus for the baseline tests: templated news sentences with entities, claims, sources,
hedges and both relation types, segmented by caveat.segment and valid under caveat.validate."""
from __future__ import annotations

import json
import random
from pathlib import Path

from caveat.document import dumps
from caveat.labels import inventory
from caveat.segment import segment

FIRST = ["Maria", "David", "Aisha", "Tomas", "Lena", "Kwame", "Priya", "Oleg", "Sofia", "Hiro", "Nadia", "Pedro",
         "Grace", "Ivan", "Mei", "Samuel", "Yara", "Lucas", "Amara", "Felix"]
LAST = ["Chen", "Okafor", "Haddad", "Novak", "Berg", "Mensah", "Rao", "Petrov", "Lindqvist", "Tanaka", "Karimi",
        "Alves", "Murphy", "Sokolov", "Wong", "Adeyemi", "Costa", "Fischer", "Nwosu", "Keller"]
ORG_A = ["Helix", "Northwind", "Apex", "Solara", "Quantix", "Meridian", "Vertex", "Bluewater", "Ironclad", "Lumen",
         "Crestline", "Orbis", "Tessera", "Halcyon"]
ORG_B = ["Systems", "Bank", "Robotics", "Semiconductor", "Holdings", "Labs", "Networks", "Energy", "Group", "Motors"]
GPE = ["China", "Germany", "Brazil", "Kenya", "Ohio", "Texas", "India", "Canada", "Japan", "Nigeria", "Chile", "Poland"]
NORP = ["Chinese", "German", "Brazilian", "Kenyan", "Indian", "Japanese"]
ROLE = ["an analyst", "a spokesperson", "a researcher", "a director", "an economist", "a lawyer"]
VAGUE = ["officials", "analysts", "critics", "executives", "experts"]
VERB = ["sold", "shipped", "bought", "exported", "imported", "delivered"]
THING = ["chips", "cameras", "servers", "turbines", "batteries", "sensors"]
NUMWORD = ["two", "three", "five", "eight", "eleven"]
MONTH = ["January", "March", "May", "June", "August", "October", "May"]
CUES = {  # cue -> hedge type, where the cue goes
    "may": "EPISTEMIC", "could": "EPISTEMIC", "might": "EPISTEMIC", "likely": "EPISTEMIC",
    "about": "APPROXIMATOR", "roughly": "APPROXIMATOR", "nearly": "APPROXIMATOR",
    "reportedly": "ATTRIBUTION",
}
EVAL = ["was a serious mistake", "is deeply unfair", "was a reckless gamble", "is good news for workers"]
FILLER = ["The meeting lasted two hours.", "Reporters waited outside the building.", "What happens next?",
          "The statement was released on Friday.", "Shares were little changed.", "Reporters asked about the deal.",
          "The talks were about trade.", "Nobody said anything about prices."]


class Builder:
    """Appends text and records spans and relations over what it appends."""

    def __init__(self, rng: random.Random):
        self.rng, self.text = rng, ""
        self.layers: dict[str, list[dict]] = {"entities": [], "claims": [], "sources": [], "hedges": []}
        self.relations: list[dict] = []
        self.n = 0

    def put(self, s: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += s
        return start, len(self.text)

    def span(self, layer: str, start: int, end: int, **attrs) -> str:
        self.n += 1
        sid = f"{layer[0]}{self.n}"
        self.layers[layer].append({"id": sid, "start": start, "end": end, "text": self.text[start:end], **attrs})
        return sid

    def ent(self, s: str, label: str) -> str:
        a, b = self.put(s)
        return self.span("entities", a, b, label=label)

    def rel(self, kind: str, a: str, b: str) -> None:
        self.relations.append({"id": f"r{len(self.relations) + 1}", "type": kind, "from": a, "to": b})


def _person(r: random.Random) -> str:
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def _org(r: random.Random) -> str:
    return f"{r.choice(ORG_A)} {r.choice(ORG_B)}"


def _claim_body(b: Builder) -> tuple[str, bool, list[str]]:
    """Append a claim's words; returns (claim_type, checkworthy, hedge ids inside it)."""
    r = b.rng
    hedges: list[str] = []

    def cue(word: str) -> None:
        a, e = b.put(word)
        hedges.append(b.span("hedges", a, e, label="HEDGE", hedge_type=CUES[word]))

    kind = r.choice(["quant", "quant", "fact", "pred", "eval", "cause"])
    b.ent(_org(r), "ORG")
    if kind == "eval":
        b.put(" ")
        b.put(r.choice(EVAL))
        return "EVALUATIVE", False, hedges
    b.put(" ")
    if kind == "pred":
        b.put("will ")
        if r.random() < 0.4:
            cue("likely")
            b.put(" ")
        b.put("open a factory in ")
        b.ent(r.choice(GPE), "GPE")
        b.put(" next year")
        return "PREDICTIVE", False, hedges
    if r.random() < 0.45:
        cue(r.choice(["may", "could", "might"]))
        b.put(" have ")
    b.put(r.choice(VERB) + " ")
    if kind == "quant":
        if r.random() < 0.5:
            cue(r.choice(["about", "roughly", "nearly"]))
            b.put(" ")
        if r.random() < 0.5:
            b.ent(f"${r.randint(2, 900)} million", "MONEY")
            b.put(" worth of ")
        else:
            b.ent(f"{r.randint(3, 95)} percent", "PERCENT")
            b.put(" of its ")
        b.put(r.choice(THING))
    else:
        b.ent(r.choice(NUMWORD), "CARDINAL")
        b.put(" batches of " + r.choice(THING))
    b.put(" to ")
    b.ent(r.choice(GPE), "GPE")
    if kind == "cause":
        b.put(" because ")
        b.ent(r.choice(NORP), "NORP")
        b.put(" demand rose")
        return "CAUSAL", True, hedges
    if r.random() < 0.5:
        b.put(" in ")
        b.ent(f"{r.choice(MONTH)} {r.randint(2015, 2024)}", "DATE")
    return ("QUANTITATIVE" if kind == "quant" else "FACTUAL"), True, hedges


def _claim(b: Builder) -> str:
    start = len(b.text)
    ctype, worthy, hedges = _claim_body(b)
    cid = b.span("claims", start, len(b.text), label="CLAIM", claim_type=ctype, checkworthy=worthy)
    for h in hedges:
        b.rel("hedges", h, cid)
    return cid


def _source(b: Builder) -> str:
    r = b.rng
    start = len(b.text)
    if r.random() < 0.3:
        b.put(r.choice(VAGUE))
        return b.span("sources", start, len(b.text), label="SOURCE")
    b.ent(_person(r), "PERSON")
    if r.random() < 0.6:
        b.put(", " + r.choice(ROLE) + " at ")
        b.ent(_org(r), "ORG")
    return b.span("sources", start, len(b.text), label="SOURCE")


def _sentence(b: Builder) -> None:
    r = b.rng
    form = r.choice(["author", "author", "said_after", "said_before", "according", "quote", "filler"])
    if form == "filler":
        b.put(r.choice(FILLER))
        return
    if form == "author":
        if r.random() < 0.2:
            a, e = b.put("Reportedly")
            h = b.span("hedges", a, e, label="HEDGE", hedge_type=CUES["reportedly"])
            b.put(", ")
            cid = _claim(b)
            b.rel("hedges", h, cid)
        else:
            _claim(b)
        b.put(".")
    elif form == "said_after":
        cid = _claim(b)
        b.put(", ")
        sid = _source(b)
        b.put(" said.")
        b.rel("attributed_to", cid, sid)
    elif form == "said_before":
        sid = _source(b)
        b.put(" said that ")
        cid = _claim(b)
        b.put(".")
        b.rel("attributed_to", cid, sid)
    elif form == "according":
        b.put("According to ")
        sid = _source(b)
        b.put(", ")
        cid = _claim(b)
        b.put(".")
        b.rel("attributed_to", cid, sid)
    else:
        b.put("“")
        cid = _claim(b)
        b.put(",” ")
        start = len(b.text)
        b.ent(_person(r), "PERSON")
        sid = b.span("sources", start, len(b.text), label="SOURCE")
        b.put(" told reporters.")
        b.rel("attributed_to", cid, sid)


def document(doc_id: str, seed: int, n_paragraphs: int = 4) -> dict:
    """One synthetic annotated document, deterministic in ``seed``."""
    r = random.Random(seed)
    b = Builder(r)
    b.ent(_org(r), "ORG")
    b.put(" faces new questions\n\n")
    for p in range(n_paragraphs):
        for s in range(r.randint(2, 4)):
            if s:
                b.put(" ")
            _sentence(b)
        b.put("\n\n")
    text = b.text.rstrip("\n") + "\n"
    inv = inventory()
    for layer, spans in b.layers.items():
        for s in spans:
            assert s.get("label", "") in inv.labels(layer) or layer != "entities"
            for attr in inv.attributes(layer):
                assert s[attr] in inv.attribute_values(layer, attr), (layer, attr, s[attr])
    meta = {"title": text.split("\n")[0], "origin": "authored", "license": "CC BY 4.0", "language": "en",
            "annotation": {"status": "adjudicated", "passes": []}}
    return {"id": doc_id, "meta": meta, "text": text, **segment(text), **b.layers, "relations": b.relations}


def corpus(root: Path, n_train: int = 12, n_validation: int = 4, n_test: int = 4, *, seed: int = 0,
           empty: tuple[str, ...] = ()) -> Path:
    """Write a corpus directory (documents/ and splits.json); documents of the ``empty`` splits have empty layers."""
    docs_dir = root / "documents"
    docs_dir.mkdir(parents=True, exist_ok=True)
    splits = {}
    n = 0
    for split, count in (("train", n_train), ("validation", n_validation), ("test", n_test)):
        for _ in range(count):
            n += 1
            doc = document(f"synth-{n:03d}", seed * 1000 + n)
            if split in empty:
                doc.update(entities=[], claims=[], sources=[], hedges=[], relations=[])
            (docs_dir / f"{doc['id']}.json").write_text(dumps(doc), encoding="utf-8")
            splits[doc["id"]] = split
    (root / "splits.json").write_text(json.dumps(splits, indent=2) + "\n", encoding="utf-8")
    return root
