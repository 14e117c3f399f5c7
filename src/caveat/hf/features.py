"""The `datasets` features of every config, generated from the label inventory (never typed by hand)."""
from __future__ import annotations

import pyarrow as pa
from datasets import ClassLabel, Features, List, Value

from ..labels import ANNOTATION_LAYERS, Inventory, inventory
from ..schemas import ORIGINS, STATUSES
from ..validate import SPLITS  # re-exported: the one list of split names

CONFIGS = ("documents", "ner", "hedges", "claims")
DEFAULT_CONFIG = "documents"
# The CoNLL-2010 task 1 sentence classes; a sentence is uncertain when it holds a hedge cue.
CERTAINTY = ("certain", "uncertain")

_INT = Value("int32")
_STR = Value("string")


def bio_names(labels: list[str]) -> list[str]:
    """BIO tag names in the CoNLL-2003 order: O, then B-X, I-X for each label X."""
    return ["O"] + [f"{prefix}-{label}" for label in labels for prefix in ("B", "I")]


def _attribute_feature(spec: dict):
    """The feature of one span attribute: enum -> ClassLabel, boolean -> bool, otherwise a string."""
    if spec["type"] == "enum":
        return ClassLabel(names=list(spec["values"]))
    return Value("bool") if spec["type"] == "boolean" else _STR


def span_feature(layer: str, inv: Inventory) -> dict:
    """The struct of one annotation span of ``layer``: id, offsets, text, label and the layer's attributes."""
    out = {"id": _STR, "start": _INT, "end": _INT, "text": _STR, "label": ClassLabel(names=inv.labels(layer))}
    for name, spec in inv.attributes(layer).items():
        out[name] = _attribute_feature(spec)
    return out


def _sentence_base() -> dict:
    """Columns every sentence-level config starts with (offsets in a row are relative to the row's ``text``)."""
    return {"id": _STR, "doc_id": _STR, "sentence_index": _INT, "sentence_start": _INT, "sentence_end": _INT,
            "text": _STR, "tokens": List(_STR), "token_starts": List(_INT), "token_ends": List(_INT)}


def documents_features(inv: Inventory) -> Features:
    """One row per document: meta fields, text, segmentation, span layers and relations."""
    meta = {"title": _STR, "date": _STR, "publisher": _STR, "url": _STR, "origin": ClassLabel(names=ORIGINS),
            "license": _STR, "language": _STR, "register": _STR, "subject": _STR, "notes": _STR,
            "writer": _STR, "fact_notes": List(_STR),
            "annotation_status": ClassLabel(names=STATUSES),
            "annotation_passes": List({"annotator": _STR, "kind": _STR, "date": _STR, "file": _STR, "notes": _STR})}
    seg = {"paragraphs": List({"start": _INT, "end": _INT, "kind": ClassLabel(names=inv.paragraph_kinds)}),
           "sentences": List({"start": _INT, "end": _INT}), "tokens": List({"start": _INT, "end": _INT})}
    layers = {layer: List(span_feature(layer, inv)) for layer in ANNOTATION_LAYERS}
    rel = {"relations": List({"id": _STR, "type": ClassLabel(names=inv.relation_types), "from": _STR, "to": _STR})}
    return Features({"id": _STR, **meta, "text": _STR, **seg, **layers, **rel})


def ner_features(inv: Inventory) -> Features:
    """One row per sentence: tokens and BIO entity tags (the CoNLL-2003 shape)."""
    return Features({**_sentence_base(), "ner_tags": List(ClassLabel(names=bio_names(inv.entity_labels)))})


def hedges_features(inv: Inventory) -> Features:
    """One row per sentence: BIO cue tags by hedge type, the cues, and certain/uncertain (CoNLL-2010 shapes)."""
    cue = {"id": _STR, "start": _INT, "end": _INT, "text": _STR, "hedge_type": ClassLabel(names=inv.hedge_types)}
    return Features({**_sentence_base(), "cue_tags": List(ClassLabel(names=bio_names(inv.hedge_types))),
                     "cues": List(cue), "label": ClassLabel(names=list(CERTAINTY))})


def claims_features(inv: Inventory) -> Features:
    """One row per sentence: has_claim and the claims in it with their type, check-worthiness and attributed sources."""
    claim = {"id": _STR, "start": _INT, "end": _INT, "text": _STR, "clipped": Value("bool")}
    claim.update({name: _attribute_feature(spec) for name, spec in inv.attributes("claims").items()})
    claim["sources"] = List(_STR)
    return Features({**_sentence_base(), "has_claim": Value("bool"), "claims": List(claim)})


def all_features(inv: Inventory | None = None) -> dict[str, Features]:
    """Features of every config, in config order."""
    inv = inv or inventory()
    return {"documents": documents_features(inv), "ner": ner_features(inv),
            "hedges": hedges_features(inv), "claims": claims_features(inv)}


def storage_type(feature) -> pa.DataType:
    """The Arrow type a feature is stored as in the data files (ClassLabels as their names, checked at load time)."""
    if isinstance(feature, ClassLabel):
        return pa.string()
    if isinstance(feature, Value):
        return feature.pa_type
    if isinstance(feature, List):
        return pa.list_(storage_type(feature.feature))
    if isinstance(feature, dict):
        return pa.struct([(name, storage_type(sub)) for name, sub in feature.items()])
    raise TypeError(f"no storage type for {feature!r}")


def storage_schema(features: Features) -> pa.Schema:
    """The Arrow schema of a config's data files."""
    return pa.schema([(name, storage_type(f)) for name, f in features.items()])
