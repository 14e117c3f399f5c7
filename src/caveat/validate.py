"""The layered validator: (1) JSON Schema, (2) offsets, (3) labels and attributes, (4) relations, (5) corpus.

Every check returns all the problems it finds, as :class:`caveat.errors.Problem` records.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import jsonschema
import jsonschema_rs

from .errors import Problem
from .labels import ANNOTATION_LAYERS, Inventory, inventory
from .schemas import document_schema
from .spans import nearest_boundaries

SPLITS = ("train", "validation", "test")
BETWEEN_PARAGRAPHS = re.compile(r"^[\s•◦▪‣·\-*–]*$")
_WHITESPACE = re.compile(r"\s")  # the characters str.isspace() accepts


@lru_cache(maxsize=4)
def _validator(inv: Inventory) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(document_schema(inv))


@lru_cache(maxsize=4)
def _fast_validator(inv: Inventory) -> Any:
    """A compiled (Rust) validator of the same schema: a quick yes for valid documents, before the detailed pass."""
    return jsonschema_rs.validator_for(document_schema(inv))


def _fast_valid(doc: Any, inv: Inventory) -> bool:
    """True only if the compiled validator accepts ``doc``; any doubt (an error, an odd value) means False."""
    try:
        return bool(_fast_validator(inv).is_valid(doc))
    except Exception:  # e.g. an integer too large for the compiled validator: let jsonschema decide
        return False


def _path(parts: Iterable[Any]) -> str:
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _schema_problems(doc: Any, file: str, inv: Inventory) -> list[Problem]:
    """Level 1 (and the enum parts of level 3): JSON Schema errors mapped to stable codes."""
    if _fast_valid(doc, inv):
        return []
    problems = []
    attributes = {name for layer in ANNOTATION_LAYERS for name in inv.attributes(layer)}
    for err in sorted(_validator(inv).iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        parts = list(err.absolute_path)
        path = _path(parts)
        last = parts[-1] if parts else None
        layer = parts[0] if parts else None
        if err.validator == "enum" and last == "label" and layer in ANNOTATION_LAYERS:
            problems.append(Problem("E301", file, path, {"actual": err.instance, "layer": layer},
                                    expected=f"one of {inv.labels(layer)}", actual=repr(err.instance)))
        elif last in attributes and err.validator in ("enum", "type"):
            problems.append(Problem("E302", file, path, {"attribute": last, "actual": err.instance},
                                    expected=str(err.validator_value), actual=repr(err.instance)))
        elif err.validator == "required":
            for key in [k for k in err.validator_value if isinstance(err.instance, dict) and k not in err.instance]:
                code = "E303" if key in attributes and layer in ANNOTATION_LAYERS else "E103"
                problems.append(Problem(code, file, path, {"key": key, "attribute": key}, expected=f"key {key!r}", actual="missing"))
        elif err.validator == "additionalProperties":
            allowed = set(err.schema.get("properties", {}))
            for key in sorted(k for k in err.instance if k not in allowed):
                problems.append(Problem("E104", file, _path(parts + [key]), {"key": key},
                                        expected=f"only {sorted(allowed)}", actual=repr(key)))
        else:
            reason = err.message if len(err.message) < 160 else err.message[:157] + "..."
            problems.append(Problem("E102", file, path, {"reason": reason}))
    return problems


def _is_span(item: Any) -> bool:
    return isinstance(item, dict) and type(item.get("start")) is int and type(item.get("end")) is int


def _segment_problems(doc: dict, text: str, file: str) -> tuple[list[Problem], list[int], list[int]]:
    """Level 2 for the segmentation layers; also returns sorted token starts and ends."""
    problems: list[Problem] = []
    n = len(text)
    layers: dict[str, list[tuple[int, int, int]]] = {}
    for layer in ("paragraphs", "sentences", "tokens"):
        good, prev_end = [], -1
        items = doc.get(layer) if isinstance(doc.get(layer), list) else []
        for i, item in enumerate(items):
            if not _is_span(item):
                continue
            s, e = item["start"], item["end"]
            if not 0 <= s < e <= n:
                problems.append(Problem("E201", file, _path([layer, i]), {"start": s, "end": e, "length": n}))
                continue
            if s < prev_end:
                problems.append(Problem("E205", file, _path([layer, i]), {"start": s, "end": e},
                                        expected=f"start >= {prev_end}", actual=str(s)))
            prev_end = max(prev_end, e)
            good.append((s, e, i))
        layers[layer] = good

    def container_check(inner: str, outer: str, code: str) -> None:
        starts = [s for s, _, _ in layers[outer]]
        for s, e, i in layers[inner]:
            j = bisect_right(starts, s) - 1
            if j < 0 or not (layers[outer][j][0] <= s and e <= layers[outer][j][1]):
                problems.append(Problem(code, file, _path([inner, i]), {"start": s, "end": e}, actual=repr(text[s:e][:60])))

    container_check("sentences", "paragraphs", "E203")
    container_check("tokens", "sentences", "E210")

    tokens = layers["tokens"]
    for s, e, i in tokens:
        if text[s].isspace() or text[e - 1].isspace():
            problems.append(Problem("E208", file, _path(["tokens", i]), {"start": s, "end": e}, actual=repr(text[s:e])))
    # every non-space character inside a paragraph is in a token; only spaces and list markers lie between paragraphs
    t_starts = [s for s, _, _ in tokens]
    prev_end = 0
    for p_start, p_end, pi in layers["paragraphs"]:
        gap = text[prev_end:p_start]
        if not BETWEEN_PARAGRAPHS.match(gap):
            k = next(k for k, ch in enumerate(gap) if not (ch.isspace() or BETWEEN_PARAGRAPHS.match(ch)))
            problems.append(Problem("E209", file, _path(["paragraphs", pi]), {"char": gap[k], "offset": prev_end + k}))
        prev_end = max(prev_end, p_end)
        cursor = p_start
        j = bisect_right(t_starts, p_start - 1)
        while cursor < p_end:
            next_start = t_starts[j] if j < len(tokens) and t_starts[j] < p_end else p_end
            for k in range(cursor, next_start):
                if not text[k].isspace():
                    problems.append(Problem("E204", file, _path(["paragraphs", pi]), {"char": text[k], "offset": k}))
                    break
            if j < len(tokens) and t_starts[j] < p_end:
                cursor = max(cursor, tokens[j][1])
                j += 1
            else:
                cursor = p_end
    tail = text[prev_end:]
    if not BETWEEN_PARAGRAPHS.match(tail):  # also when there are no paragraphs at all
        k = next(k for k, ch in enumerate(tail) if not (ch.isspace() or BETWEEN_PARAGRAPHS.match(ch)))
        problems.append(Problem("E209", file, "$.paragraphs", {"char": tail[k], "offset": prev_end + k}))
    return problems, t_starts, sorted(e for _, e, _ in tokens)


def _bounds(items: Any) -> tuple[list[int], list[int]] | None:
    """Starts and ends of a layer whose items are all ``{start: int, end: int}`` dicts, else None."""
    try:
        starts, ends = [it["start"] for it in items], [it["end"] for it in items]
    except (KeyError, TypeError):
        return None
    return (starts, ends) if set(map(type, starts)) | set(map(type, ends)) <= {int} else None


def _segmentation_sound(doc: dict, text: str) -> tuple[list[int], list[int]] | None:
    """Token starts and ends if the segmentation layers are certainly free of level-2 problems, else None.

    A fast path over whole layers at once; whenever it is unsure, :func:`_segment_problems` decides.
    """
    import numpy as np

    layers = [_bounds(doc.get(name)) if isinstance(doc.get(name), list) else None
              for name in ("paragraphs", "sentences", "tokens")]
    if any(b is None for b in layers):
        return None
    n = len(text)
    arrays = []
    for starts, ends in layers:
        try:
            s, e = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
        except OverflowError:
            return None
        if len(s) and not (s[0] >= 0 and e[-1] <= n and (s < e).all() and (s[1:] >= e[:-1]).all()):
            return None  # out of range, empty, unsorted or overlapping
        arrays.append((s, e))
    for (outer_s, outer_e), (inner_s, inner_e) in zip(arrays, arrays[1:]):
        j = np.searchsorted(outer_s, inner_s, side="right") - 1
        if len(inner_s) and ((j < 0).any() or (inner_e > outer_e[np.maximum(j, 0)]).any()):
            return None  # a sentence outside one paragraph, or a token outside one sentence
    (p_starts, p_ends), _, (t_starts, t_ends) = layers
    if _WHITESPACE.search("".join(map(text.__getitem__, t_starts + [e - 1 for e in t_ends]))):
        return None  # a token starts or ends with whitespace
    gap_starts, gap_ends = sorted(p_starts + t_ends), sorted(t_starts + p_ends)
    uncovered = "".join(text[a:b] for a, b in zip(gap_starts, gap_ends))
    if uncovered and not uncovered.isspace():
        return None  # a non-space character inside a paragraph is in no token
    between = [text[a:b] for a, b in zip([0] + p_ends, p_starts + [n])]
    if not all(BETWEEN_PARAGRAPHS.match(gap) for gap in between):
        return None  # something other than whitespace or a list marker outside the paragraphs
    return t_starts, t_ends


def _annotation_problems(doc: dict, text: str, file: str, starts: list[int], ends: list[int],
                         inv: Inventory) -> list[Problem]:
    """Level 2 for annotation spans, level 3 id uniqueness and level 4 relations."""
    problems: list[Problem] = []
    n = len(text)
    start_set, end_set = set(starts), set(ends)
    layer_of: dict[str, str] = {}
    seen_ids: set[str] = set()
    for layer in ANNOTATION_LAYERS:
        items = doc.get(layer) if isinstance(doc.get(layer), list) else []
        for i, span in enumerate(items):
            if not isinstance(span, dict):
                continue
            sid = span.get("id")
            if isinstance(sid, str):
                if sid in seen_ids:
                    problems.append(Problem("E304", file, _path([layer, i, "id"]), {"actual": sid}, actual=sid))
                seen_ids.add(sid)
                layer_of[sid] = layer
            if not _is_span(span):
                continue
            s, e = span["start"], span["end"]
            if not 0 <= s < e <= n:
                problems.append(Problem("E201", file, _path([layer, i]), {"start": s, "end": e, "length": n}))
                continue
            if isinstance(span.get("text"), str) and span["text"] != text[s:e]:
                problems.append(Problem("E202", file, _path([layer, i, "text"]), {"start": s, "end": e},
                                        expected=repr(text[s:e]), actual=repr(span["text"])))
            if starts:
                for side, offset, pool, allowed in (("start", s, starts, start_set), ("end", e, ends, end_set)):
                    if offset not in allowed:
                        before, after = nearest_boundaries(pool, offset)
                        nearest = " or ".join(str(b) for b in (before, after) if b is not None)
                        problems.append(Problem("E206", file, _path([layer, i, side]),
                                                {"side": side, "offset": offset, "nearest": nearest},
                                                expected=nearest, actual=str(offset)))
    relations = doc.get("relations") if isinstance(doc.get("relations"), list) else []
    seen_rel: set[tuple] = set()
    for i, rel in enumerate(relations):
        if not isinstance(rel, dict):
            continue
        rid, rtype = rel.get("id"), rel.get("type")
        if isinstance(rid, str):
            if rid in seen_ids:
                problems.append(Problem("E304", file, _path(["relations", i, "id"]), {"actual": rid}, actual=rid))
            seen_ids.add(rid)
        if rtype not in inv.relation_types:
            continue  # reported by the schema
        spec = inv.relation(rtype)
        for end, key, allowed in (("from", "from", spec["from"]), ("to", "to", spec["to"])):
            target = rel.get(key)
            if not isinstance(target, str):
                continue
            if target not in layer_of:
                problems.append(Problem("E401", file, _path(["relations", i, key]),
                                        {"rel_id": rid, "end": end, "actual": target}, actual=target))
            elif layer_of[target] not in allowed:
                problems.append(Problem("E402", file, _path(["relations", i, key]),
                                        {"rel_id": rid, "type": rtype, "end": end, "actual": layer_of[target],
                                         "from_layers": "/".join(spec["from"]), "to_layers": "/".join(spec["to"])},
                                        expected=" or ".join(allowed), actual=layer_of[target]))
        key3 = (rtype, rel.get("from"), rel.get("to"))
        if not all(isinstance(x, str) for x in key3):
            continue  # an end that is not a string is reported by the schema
        if key3 in seen_rel:
            problems.append(Problem("E403", file, _path(["relations", i]), {"rel_id": rid}))
        seen_rel.add(key3)
    return problems


def validate_document(doc: Any, file: str, inv: Inventory | None = None) -> list[Problem]:
    """All problems of one parsed document, levels 1 to 4."""
    inv = inv or inventory()
    problems = _schema_problems(doc, file, inv)
    if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
        return problems
    text = doc["text"]
    if "\r" in text or unicodedata.normalize("NFC", text) != text:
        problems.append(Problem("E207", file, "$.text", {}))
    sound = _segmentation_sound(doc, text)
    if sound is None:
        seg_problems, starts, ends = _segment_problems(doc, text, file)
        problems += seg_problems
    else:
        starts, ends = sound
    problems += _annotation_problems(doc, text, file, starts, ends, inv)
    return problems


@dataclass(frozen=True)
class DocSummary:
    """What the corpus level needs to know of one document."""

    file: str
    stem: str
    id: str | None
    origin: str | None


def summarize(doc: Any, file: str, stem: str) -> DocSummary:
    """The corpus-level facts of one parsed document."""
    if not isinstance(doc, dict):
        return DocSummary(file, stem, None, None)
    meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
    doc_id = doc.get("id") if isinstance(doc.get("id"), str) else None
    return DocSummary(file, stem, doc_id, meta.get("origin"))


def validate_corpus(docs: list[DocSummary], splits: Any, splits_file: str | None) -> list[Problem]:
    """Level 5: unique ids, file names, and (when a split file exists) one split per document."""
    problems: list[Problem] = []
    first_file: dict[str, str] = {}
    for d in docs:
        if d.id is None:
            continue
        if d.id in first_file:
            problems.append(Problem("E501", d.file, "$.id", {"actual": d.id, "other": first_file[d.id]}, actual=d.id))
        else:
            first_file[d.id] = d.file
        if d.stem != d.id:
            problems.append(Problem("W505", d.file, "$.id", {"actual": d.id}, expected=f"{d.id}.json", actual=f"{d.stem}.json"))
    if splits_file is None:
        return problems
    if not isinstance(splits, dict):
        return problems + [Problem("E504", splits_file, "$", {"actual": type(splits).__name__}, expected="an object")]
    for doc_id, split in splits.items():
        if split not in SPLITS:
            problems.append(Problem("E504", splits_file, _path([doc_id]), {"actual": split}, expected=" | ".join(SPLITS), actual=repr(split)))
        if doc_id not in first_file:
            problems.append(Problem("E503", splits_file, _path([doc_id]), {"actual": doc_id}))
    for d in docs:
        if d.id is None or first_file.get(d.id) != d.file:
            continue
        if d.id not in splits:
            problems.append(Problem("E502", d.file, "$.id", {"actual": d.id}))
        elif d.origin == "seed" and splits[d.id] != "test":
            problems.append(Problem("E506", splits_file, _path([d.id]), {"actual": d.id, "split": splits[d.id]}))
    return problems
