"""JSON Schemas (Draft 2020-12) for documents and prediction files, generated from the label inventory."""
from __future__ import annotations

import json
from .labels import ANNOTATION_LAYERS, Inventory, inventory

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ORIGINS = ["seed", "authored", "imported"]
STATUSES = ["draft", "double-annotated", "reviewed", "adjudicated"]  # reviewed = one pass + a full second review; adjudicated = two passes + adjudication
PASS_KINDS = ["annotation", "review", "adjudication", "import"]
ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:-]*$"


def _offset() -> dict:
    return {"type": "integer", "minimum": 0}


def _attribute_schema(spec: dict) -> dict:
    return {"enum": list(spec["values"])} if spec["type"] == "enum" else {"type": "boolean"}


def _span_schema(inv: Inventory, layer: str, *, prediction: bool) -> dict:
    """Schema of one annotation span of ``layer``; predictions need fewer keys."""
    props: dict = {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "start": _offset(),
        "end": _offset(),
        "text": {"type": "string"},
        "label": {"enum": inv.labels(layer)},
    }
    attrs = inv.attributes(layer)
    for name, spec in attrs.items():
        props[name] = _attribute_schema(spec)
    if prediction:
        props["score"] = {"type": "number"}
        required = ["start", "end"] + (["label"] if len(inv.labels(layer)) > 1 else [])
    else:
        required = ["id", "start", "end", "text", "label"] + [n for n, s in attrs.items() if s.get("required")]
    return {"type": "object", "required": required, "properties": props, "additionalProperties": False}


def _relation_schema(inv: Inventory, *, prediction: bool) -> dict:
    props = {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "type": {"enum": inv.relation_types},
        "from": {"type": "string"},
        "to": {"type": "string"},
    }
    if prediction:
        props["score"] = {"type": "number"}
    required = ["type", "from", "to"] if prediction else ["id", "type", "from", "to"]
    return {"type": "object", "required": required, "properties": props, "additionalProperties": False}


def _annotation_props(inv: Inventory, *, prediction: bool) -> dict:
    props = {
        layer: {"type": "array", "items": {"$ref": f"#/$defs/{layer}_span"}} for layer in ANNOTATION_LAYERS
    }
    props["relations"] = {"type": "array", "items": {"$ref": "#/$defs/relation"}}
    return props


def _defs(inv: Inventory, *, prediction: bool) -> dict:
    defs = {f"{layer}_span": _span_schema(inv, layer, prediction=prediction) for layer in ANNOTATION_LAYERS}
    defs["relation"] = _relation_schema(inv, prediction=prediction)
    return defs


def document_schema(inv: Inventory | None = None) -> dict:
    """The schema of one Caveat document (standoff JSON)."""
    inv = inv or inventory()
    segment = {
        "type": "object",
        "required": ["start", "end"],
        "properties": {"start": _offset(), "end": _offset()},
        "additionalProperties": False,
    }
    paragraph = json.loads(json.dumps(segment))
    paragraph["properties"]["kind"] = {"enum": inv.paragraph_kinds}
    paragraph["required"].append("kind")
    nullable_str = {"type": ["string", "null"]}
    annotation_pass = {
        "type": "object",
        "required": ["annotator", "kind"],
        "properties": {
            "annotator": {"type": "string"},
            "kind": {"enum": PASS_KINDS},
            "date": nullable_str,
            "file": nullable_str,
            "notes": nullable_str,
        },
        "additionalProperties": True,
    }
    meta = {
        "type": "object",
        "required": ["title", "origin", "license", "language"],
        "properties": {
            "title": {"type": "string", "minLength": 1},
            "date": {"type": ["string", "null"], "pattern": "^\\d{4}(-\\d{2}(-\\d{2})?)?$"},
            "publisher": nullable_str,
            "url": nullable_str,
            "origin": {"enum": ORIGINS},
            "license": {"type": "string", "minLength": 1},
            "language": {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]+)*$"},
            "notes": nullable_str,
            "register": nullable_str,
            "subject": nullable_str,
            "annotation": {
                "type": "object",
                "required": ["status", "passes"],
                "properties": {
                    "status": {"enum": STATUSES},
                    "passes": {"type": "array", "items": annotation_pass},
                },
                "additionalProperties": True,
            },
        },
        "additionalProperties": True,
    }
    props = {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "meta": meta,
        "text": {"type": "string"},
        "paragraphs": {"type": "array", "items": paragraph},
        "sentences": {"type": "array", "items": segment},
        "tokens": {"type": "array", "items": segment},
        **_annotation_props(inv, prediction=False),
    }
    return {
        "$schema": DRAFT,
        "$id": f"urn:caveat:schema:document:{inv.version}",
        "title": "Caveat document",
        "description": "One annotated news document. Every span is a half-open [start, end) interval of Unicode code-point offsets into `text`.",
        "type": "object",
        "required": list(props),
        "properties": props,
        "additionalProperties": False,
        "$defs": _defs(inv, prediction=False),
    }


def prediction_schema(inv: Inventory | None = None) -> dict:
    """The schema of one line of a prediction (or outside gold) JSON Lines file."""
    inv = inv or inventory()
    props = {
        "doc_id": {"type": "string", "minLength": 1},
        "text": {"type": "string"},
        "meta": {"type": "object"},
        **_annotation_props(inv, prediction=True),
    }
    return {
        "$schema": DRAFT,
        "$id": f"urn:caveat:schema:prediction:{inv.version}",
        "title": "Caveat prediction (one JSON Lines record per document)",
        "description": "A system's output for one document: any of the annotation layers, spans as half-open [start, end) code-point offsets into the document text. Relations refer to span ids.",
        "type": "object",
        "required": ["doc_id"],
        "properties": props,
        "additionalProperties": False,
        "$defs": _defs(inv, prediction=True),
    }


GENERATED = {"document.schema.json": document_schema, "prediction.schema.json": prediction_schema}


def render_schema(schema: dict) -> str:
    """The canonical text of a generated schema file."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
