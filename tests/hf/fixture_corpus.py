"""A small annotated corpus made from the seed documents: every layer, label, attribute value and relation type."""
from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path

from caveat.document import dumps
from caveat.labels import inventory

ROOT = Path(__file__).resolve().parents[2]
REGISTERS = ("brief", "wire", "analysis", "opinion")
SUBJECTS = ("export-controls", "xinjiang", "social-credit")


def seed_documents() -> list[dict]:
    """The two seed documents as stored in the repository."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus" / "documents").glob("seed-*.json"))]


def annotate(doc: dict, salt: int) -> dict:
    """``doc`` with spans in every layer on token boundaries, cycling through every label and attribute value."""
    inv = inventory()
    doc = copy.deepcopy(doc)
    text, tokens, sents = doc["text"], doc["tokens"], doc["sentences"]
    words = [t for t in tokens if text[t["start"]:t["end"]].isalpha()]
    ent_labels = itertools.cycle(inv.entity_labels[salt % 18:] + inv.entity_labels[:salt % 18])
    claim_types = itertools.cycle(inv.claim_types)
    hedge_types = itertools.cycle(inv.hedge_types[salt % 4:] + inv.hedge_types[:salt % 4])
    doc["entities"] = [{"id": f"e{i}", "start": t["start"], "end": t["end"], "text": text[t["start"]:t["end"]],
                        "label": next(ent_labels)} for i, t in enumerate(w for w in words if w["start"] % 3 == salt % 3)]
    # a two-token entity, and one overlapping it that BIO must drop
    two = next(j for j in range(len(tokens) - 1) if tokens[j]["end"] + 1 == tokens[j + 1]["start"]
               and all(tokens[j]["start"] != e["start"] and tokens[j + 1]["start"] != e["start"] for e in doc["entities"]))
    a, b = tokens[two], tokens[two + 1]
    doc["entities"] += [{"id": "e-long", "start": a["start"], "end": b["end"], "text": text[a["start"]:b["end"]], "label": "ORG"},
                        {"id": "e-inner", "start": b["start"], "end": b["end"], "text": text[b["start"]:b["end"]], "label": "GPE"}]
    claims, sources, hedges, relations = [], [], [], []
    for i, s in enumerate(sents[2:]):
        if i % 2:
            continue
        end = sents[2 + i + 1]["end"] if i == 4 and 2 + i + 1 < len(sents) else s["end"]  # one claim crosses a sentence
        claims.append({"id": f"c{i}", "start": s["start"], "end": end, "text": text[s["start"]:end],
                       "claim_type": next(claim_types), "checkworthy": bool(i % 4), "label": "CLAIM"})
        in_sent = [t for t in words if s["start"] <= t["start"] < s["end"]]
        src, cue = in_sent[0], in_sent[-1]
        sources.append({"id": f"s{i}", "start": src["start"], "end": src["end"], "text": text[src["start"]:src["end"]], "label": "SOURCE"})
        hedges.append({"id": f"h{i}", "start": cue["start"], "end": cue["end"], "text": text[cue["start"]:cue["end"]],
                       "hedge_type": next(hedge_types), "label": "HEDGE"})
        relations += [{"id": f"r-a{i}", "type": "attributed_to", "from": f"c{i}", "to": f"s{i}"},
                      {"id": f"r-h{i}", "type": "hedges", "from": f"h{i}", "to": f"c{i}"}]
    if doc["entities"] and claims:
        relations.append({"id": "r-ent", "type": "attributed_to", "from": claims[0]["id"], "to": doc["entities"][0]["id"]})
    doc.update(claims=claims, sources=sources, hedges=hedges, relations=relations)
    return doc


def fixture_documents(n_authored: int = 10) -> list[dict]:
    """Both seeds plus ``n_authored`` annotated copies marked authored, with varied register and subject."""
    seeds = seed_documents()
    docs = [annotate(d, k) for k, d in enumerate(seeds)]
    for k in range(n_authored):
        d = annotate(seeds[k % 2], k + 2)
        d["id"] = f"fx-{k:02d}"
        d["meta"].update(origin="authored", license="CC-BY-4.0", register=REGISTERS[k % 4], subject=SUBJECTS[k % 3],
                         annotation={"status": "adjudicated", "passes": [
                             {"annotator": f"annotator-{k % 3}", "kind": "annotation", "date": "2026-11-28"}]})
        docs.append(d)
    return docs


def write_corpus(root: Path, docs: list[dict], splits: dict | None = None) -> Path:
    """A corpus directory with these documents (and a split file if given)."""
    (root / "documents").mkdir(parents=True, exist_ok=True)
    for d in docs:
        (root / "documents" / f"{d['id']}.json").write_text(dumps(d), encoding="utf-8")
    if splits is not None:
        (root / "splits.json").write_text(json.dumps(splits, indent=2), encoding="utf-8")
    return root
