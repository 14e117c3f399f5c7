"""Every problem Caveat reports: stable codes, severities, message templates and fix hints, in one place."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"

# code -> (severity, level, message template, fix hint). Templates use str.format(**details).
CATALOG: dict[str, tuple[str, int, str, str]] = {
    # level 1: JSON and JSON Schema
    "E101": (ERROR, 1, "not valid JSON: {reason}", "Fix the JSON syntax at the given line and column (a missing comma or quote, or a truncated file)."),
    "E102": (ERROR, 1, "does not match the document schema: {reason}", "Make the value match schema/document.schema.json at this path."),
    "E103": (ERROR, 1, "missing required key {key!r}", "Add the key; see schema/document.schema.json for its type."),
    "E104": (ERROR, 1, "unexpected key {key!r}", "Remove the key or move it under meta.notes; the schema allows no other keys here."),
    # level 2: offsets and segmentation
    "E201": (ERROR, 2, "span [{start}, {end}) is outside the text (length {length}) or empty", "Offsets are half-open code-point offsets with 0 <= start < end <= len(text)."),
    "E202": (ERROR, 2, "span text does not match the document text at [{start}, {end})", "Set the span's text to text[start:end], or fix the offsets (code points, not bytes or UTF-16 units)."),
    "E203": (ERROR, 2, "sentence [{start}, {end}) is not inside one paragraph", "Re-run `caveat segment`, or split the sentence at the paragraph boundary."),
    "E204": (ERROR, 2, "character {char!r} at offset {offset} is not covered by any token", "Re-run `caveat segment`; every non-space character inside a paragraph belongs to exactly one token."),
    "E205": (ERROR, 2, "segment [{start}, {end}) overlaps or precedes the one before it", "Segments of one layer are sorted and disjoint; re-run `caveat segment`."),
    "E206": (ERROR, 2, "span {side} {offset} is not on a token boundary", "Move the {side} to a token boundary (nearest: {nearest}), or re-segment if the tokenizer split the word wrongly."),
    "E207": (ERROR, 2, "document text is not NFC-normalised or has \\r line ends", "Normalise the text with unicodedata.normalize('NFC', text) and \\n line ends, then re-segment."),
    "E208": (ERROR, 2, "token [{start}, {end}) starts or ends with whitespace, or lies outside every paragraph", "Tokens hold no whitespace at their edges and lie inside paragraphs; re-run `caveat segment`."),
    "E209": (ERROR, 2, "non-space character {char!r} at offset {offset} lies outside every paragraph", "Only whitespace and list markers may lie between paragraphs; widen a paragraph or re-run `caveat segment`."),
    "E210": (ERROR, 2, "token [{start}, {end}) is not inside one sentence", "Tokens lie inside sentences; re-run `caveat segment`."),
    # level 3: labels and attributes
    "E301": (ERROR, 3, "label {actual!r} is not in the inventory for layer {layer}", "Use one of the labels in schema/labels.json for this layer."),
    "E302": (ERROR, 3, "attribute {attribute!r} has value {actual!r}, which the inventory does not allow", "Use one of the values listed in schema/labels.json."),
    "E303": (ERROR, 3, "required attribute {attribute!r} is missing", "Add the attribute with one of the values in schema/labels.json."),
    "E304": (ERROR, 3, "id {actual!r} is used by more than one span or relation in this document", "Give every span and relation a document-unique id."),
    # level 4: relations
    "E401": (ERROR, 4, "relation {rel_id!r} points {end} to id {actual!r}, which does not exist", "Point the relation at an existing span id, or remove it."),
    "E402": (ERROR, 4, "relation {rel_id!r} of type {type!r} goes {end} a span of layer {actual}", "A {type} relation goes from {from_layers} to {to_layers}."),
    "E403": (ERROR, 4, "relation {rel_id!r} repeats another relation with the same type and ends", "Remove the duplicate relation."),
    # level 5: corpus
    "E501": (ERROR, 5, "document id {actual!r} is also used by {other}", "Document ids are unique in the corpus; rename one document."),
    "E502": (ERROR, 5, "document {actual!r} is not assigned to a split", "Add the document id to corpus/splits.json with train, validation or test."),
    "E503": (ERROR, 5, "split file names document {actual!r}, which is not in the corpus", "Remove the entry from corpus/splits.json or add the document."),
    "E504": (ERROR, 5, "split file entry {actual!r} is not valid", "corpus/splits.json maps each document id once to \"train\", \"validation\" or \"test\"."),
    "W505": (WARNING, 5, "file name does not match document id {actual!r}", "Name the file <id>.json so the id is easy to find."),
    "E506": (ERROR, 5, "seed document {actual!r} is in split {split!r}, not test", "The published seed articles are kept in the test split."),
}

# Messages of the other stages live below, one section each; every CaveatError text is built from these.
MESSAGES: dict[str, str] = {
    # --- annotation (anchored pass files) ---
    "anchor_item_shape": "{where}: expected an object with a non-empty \"q\" (the quoted span text)",
    "anchor_context": "{where}: the `in` context {ctx!r} occurs {count} times in the text; it must occur exactly once. Fix: quote a longer, unique context",
    "anchor_not_found": "{where}: quote {q!r} not found: {hint}",
    "anchor_ambiguous": "{where}: quote {q!r} occurs {count} times on token boundaries (at offsets {offsets}). Fix: add \"in\": a unique longer quote around it, or \"n\": its 1-based occurrence, or \"n\": \"all\"",
    "anchor_bad_n": "{where}: n={n!r} but quote {q!r} occurs {count} time(s). Fix: n is 1..{count} or \"all\"",
    "anchor_unknown_keys": "{where}: unknown key(s) {keys}; allowed: {allowed}",
    "anchor_id_all": "{where}: an item with an \"id\" must pick exactly one occurrence (drop \"n\": \"all\" or the id)",
    "anchor_relation_shape": "{where}: expected {{\"type\", \"from\", \"to\"}} with span ids",
    "anchor_doc_id": "doc_id {actual!r} does not match the document {expected!r}",
    "anchor_no_document": "{file}: no document {doc_id!r} in {corpus}. Fix: segment the article first (caveat segment) or fix doc_id",
    # --- agreement ---
    # --- labelstudio ---
    # --- hf ---
    "hf.no_split": "{count} document(s) have no split in corpus/splits.json (first: {first!r}). Fix: run `caveat splits`, then build again.",
    "hf.empty": "the corpus has no documents. Fix: add documents under corpus/documents/ before building.",
    "hf.invalid": "{file}: {count} validation error(s); first: {first} Fix: run `caveat validate {corpus}` and fix every error before building.",
    "hf.check_missing": "{path}: missing from the built directory",
    "hf.check_stale": "{path}: differs from a fresh build of the corpus",
    "hf.check_extra": "{path}: not part of a fresh build (left over from an older build)",
    "hf.check_failed": "{out} is not up to date with {corpus}: {count} problem(s); {first}. Fix: run `caveat build --corpus {corpus} --out {out}`.",
    "hf.out_not_dir": "{out}: exists and is not a directory. Fix: pass --out DIR with a directory path.",
    "hf.not_built": "{out}: no {manifest} in this directory, so it was not made by `caveat build`; refusing to write into it. Fix: pass an empty or new directory.",
    "splits.bad_file": "{file}: expected a JSON object mapping document ids to \"train\", \"validation\" or \"test\"; found {found}. Fix: repair the file, or rebuild it with `caveat splits --reassign`.",
    "splits.stale": "{file} is not up to date: {count} document(s) would change (first: {first}). Fix: run `caveat splits --corpus {corpus}`.",
    "stats.bad_report": "{file}: an agreement report must be a JSON object; found {found}. Fix: rewrite it with `caveat agreement ... --out {file}`.",
    # --- scoring / evaluate / leaderboard ---
    "scoring.no_gold": "there are no gold documents to score. Fix: check --corpus and --split (that split may hold no documents yet), or pass --gold FILE.",
    "scoring.unknown_track": "unknown track {track!r}; expected one of: {tracks}.",
    "scoring.bad_record": "{where}: {path}: expected {expected}, found {found}. Fix: make the record match schema/prediction.schema.json (`python scripts/evaluate.py` checks it).",
    "scoring.bad_offsets": "{where}: {path}: span [{start}, {end}) is empty or outside the text of {doc_id!r} (length {length}). Fix: offsets are half-open code-point offsets with 0 <= start < end <= len(text).",
    "scoring.span_text": "{where}: {path}: span text {pred!r} does not match the document text {gold!r} at [{start}, {end}). Fix: count offsets in Unicode code points (Python str indices), not bytes or UTF-16 units; set text to text[start:end] or leave it out.",
    "scoring.relation_end": "{where}: {path}: the {type} relation points {end} {target!r}, which is no span id in this record. Fix: give the span that id, or drop the relation.",
    "scoring.relation_layer": "{where}: {path}: the {type} relation goes {end} a span of {layer}; expected a span of {allowed}. Fix: point it at the right span, as schema/labels.json defines the relation.",
    "scoring.duplicate_span_id": "{where}: {path}: span id {sid!r} is used by more than one span in this record. Fix: make span ids unique within a record.",
    "scoring.duplicate_prediction": "{where}: document {doc_id!r} already has a prediction record ({first}). Fix: keep one record per document.",
    "scoring.unknown_document": "{where}: document {doc_id!r} is not among the {n_gold} gold document(s) (for example {example!r}). Fix: predict exactly the gold documents; check --split and the doc_id spelling.",
    "scoring.missing_document": "the predictions have no record for gold document {doc_id!r} ({n_missing} of {n_gold} gold documents are missing; this is the first in gold order). Fix: add a record with that doc_id; a system that finds nothing writes empty lists.",
    "scoring.text_mismatch": "{where}: the text of document {doc_id!r} differs from the gold at offset {offset} (line {line}, column {column}): gold has {gold!r}, the predictions have {pred!r}. Fix: predict on the exact gold text (NFC, \\n line ends) or leave \"text\" out.",
    "evaluate.schema": "{file}: {n} record(s) do not match schema/prediction.schema.json:\n{problems}\nFix: correct those lines (one JSON object per document; spans {{start, end, label, ...}} with code-point offsets).",
    "evaluate.empty": "{file}: holds no records. Fix: write one JSON object per line, one per document.",
    "evaluate.no_split": "{splits}: no document is in split {split!r}. Fix: choose another --split (train, validation, test or all) or assign documents to it.",
    "evaluate.split_fallback": "note: {corpus} has no splits.json yet, so all {n} gold document(s) are scored (split \"all\").",
    "evaluate.gold_text": "{where}: an outside gold record needs the document text as \"text\". Fix: add the text its offsets point into.",
    "leaderboard.metadata": "{file}: {path}: {reason}. Fix: metadata.json holds name, description, url, date (YYYY-MM-DD) and external_data (true if the system used data outside the train split); see leaderboard/README.md.",
    "leaderboard.no_predictions": "{dir}: no {name}. Fix: put the system's prediction file there (JSON Lines, one object per document), or name it in metadata.json as \"predictions\".",
    "leaderboard.invalid": "{n} of {total} submission(s) were left off the board because they are invalid (errors above). Fix: correct them and run `caveat leaderboard` again.",
    "leaderboard.not_dir": "{dir}: not a submissions directory. Fix: pass --submissions DIR, a folder holding one folder per system.",
    # --- baselines / predict ---
    # --- render ---
}


def message(key: str, **details: Any) -> str:
    """The user-facing text of a non-validator failure, from :data:`MESSAGES`."""
    return MESSAGES[key].format(**details)


@dataclass(frozen=True)
class Problem:
    """One validation finding: a stable code, where it is, what was expected vs found, and how to fix it."""

    code: str
    file: str
    path: str
    details: dict[str, Any] = field(default_factory=dict)
    expected: str | None = None
    actual: str | None = None

    @property
    def severity(self) -> str:
        return CATALOG[self.code][0]

    @property
    def level(self) -> int:
        return CATALOG[self.code][1]

    @property
    def message(self) -> str:
        return CATALOG[self.code][2].format(**self.details)

    @property
    def hint(self) -> str:
        return CATALOG[self.code][3].format(**self.details)

    def render(self) -> str:
        """One human-readable line: file, path, code, message, expected vs actual, fix."""
        parts = [f"{self.file}: {self.path}: {self.code} {self.severity}: {self.message}"]
        if self.expected is not None or self.actual is not None:
            parts.append(f"(expected {self.expected}; found {self.actual})")
        parts.append(f"Fix: {self.hint}")
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record of the problem."""
        out = asdict(self)
        out.update(severity=self.severity, level=self.level, message=self.message, hint=self.hint)
        return out


class CaveatError(Exception):
    """A user-facing failure: one clear message and an exit code (1 bad data, 2 bad usage)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class UsageError(CaveatError):
    """Bad command-line usage (exit code 2)."""

    def __init__(self, message: str):
        super().__init__(message, exit_code=2)
