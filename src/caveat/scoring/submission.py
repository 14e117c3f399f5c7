"""Checking a submission before it is scored: JSON Lines syntax, the prediction schema line by line, and metadata.json."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import jsonschema

from ..errors import CaveatError
from ..labels import Inventory
from ..schemas import prediction_schema
from .core import TRACKS

MAX_SHOWN = 20
METADATA_FILE = "metadata.json"
PREDICTIONS_FILE = "predictions.jsonl"
KINDS = ("floor", "learned", "oracle", "system")
METADATA_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Caveat leaderboard submission metadata (leaderboard/submissions/<system>/metadata.json)",
    "type": "object",
    "required": ["name", "description", "date", "external_data"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "description": {"type": "string", "minLength": 1},
        "url": {"type": ["string", "null"]},
        "date": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
        "external_data": {"type": "boolean", "description": "true if the system used any data outside Caveat's train split"},
        "kind": {"enum": list(KINDS), "description": "floor, learned or oracle for Caveat's baselines; system otherwise"},
        "tracks": {"type": "array", "items": {"enum": list(TRACKS)}, "minItems": 1, "uniqueItems": True},
        "authors": {"type": ["string", "array", "null"]},
        "predictions": {"type": "string", "pattern": "^[^/\\\\]+$"},
    },
    "additionalProperties": True,
}
HINTS = {
    "enum": "use one of the allowed values (labels come from schema/labels.json)",
    "required": "add the missing key",
    "additionalProperties": "remove the key; the prediction schema allows no other keys",
    "type": "give the value the expected type",
    "minimum": "offsets are non-negative code-point offsets",
    "pattern": "match the pattern (ids: letters, digits and _.:-; dates: YYYY-MM-DD)",
    "minLength": "give a non-empty value",
}


@lru_cache(maxsize=4)
def _prediction_validator(inv: Inventory | None = None) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(prediction_schema(inv))


def json_path(parts: Any) -> str:
    """A JSON path such as ``$.entities[0].label`` from a jsonschema error's path parts."""
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def schema_errors(record: Any, inv: Inventory | None = None) -> list[jsonschema.ValidationError]:
    """Every prediction-schema error of one record, in path order (the one check behind evaluate, render and ls)."""
    return sorted(_prediction_validator(inv).iter_errors(record), key=lambda e: list(map(str, e.absolute_path)))


def first_schema_error(record: Any, inv: Inventory | None = None) -> tuple[str, str] | None:
    """``(JSON path, message)`` of a record's first prediction-schema error, or None if it is valid."""
    errors = schema_errors(record, inv)
    return (json_path(errors[0].absolute_path), _short(errors[0].message, 200)) if errors else None


def _describe(err: jsonschema.ValidationError) -> str:
    hint = HINTS.get(str(err.validator))
    return f"{json_path(err.absolute_path)}: {_short(err.message)}" + (f" (fix: {hint})" if hint else "")


def parse_lines(text: str, where: str) -> tuple[list[tuple[int, Any]], list[str]]:
    """Parse JSON Lines text: ``[(line_number, object)]`` plus one problem per line that is not valid JSON."""
    from ..fileio import JsonInputError, parse_json  # parse_json is pure; it only builds messages

    records, problems = [], []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((n, parse_json(line, f"{where}:{n}")))
        except JsonInputError as exc:
            problems.append(f"{where}:{n}: not valid JSON: {exc.reason} (fix: one complete JSON object per line)")
    return records, problems


def record_problems(records: list[tuple[int, Any]], where: str) -> list[str]:
    """Every schema problem of prediction records, one line each (``file:line: path: what; fix``), plus repeated doc_ids."""
    problems = []
    first: dict[str, int] = {}
    for n, rec in records:
        for err in schema_errors(rec):
            problems.append(f"{where}:{n}: {_describe(err)}")
        doc_id = rec.get("doc_id") if isinstance(rec, dict) else None
        if isinstance(doc_id, str):
            if doc_id in first:
                problems.append(f"{where}:{n}: $.doc_id: {doc_id!r} already has a record on line {first[doc_id]} "
                                "(fix: one record per document)")
            first.setdefault(doc_id, n)
    return problems


def metadata_problems(meta: Any, where: str) -> list[str]:
    """Every problem of a submission's metadata.json, one line each."""
    validator = jsonschema.Draft202012Validator(METADATA_SCHEMA)
    return [f"{where}: {_describe(err)}" for err in sorted(validator.iter_errors(meta), key=lambda e: list(map(str, e.absolute_path)))]


def shown(problems: list[str], limit: int = MAX_SHOWN) -> str:
    """Problems as indented lines, at most ``limit`` of them, with a count of the rest."""
    lines = [f"  {p}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"  ... and {len(problems) - limit} more")
    return "\n".join(lines)


def _line_of(problem: str, where: str) -> int:
    rest = problem[len(where) + 1:] if problem.startswith(where + ":") else ""
    head = rest.split(":", 1)[0]
    return int(head) if head.isdigit() else 0


def line_problems(text: str, where: str) -> tuple[list[tuple[int, Any]], list[str]]:
    """Parse and schema-check JSON Lines text: the records, and every problem in line order (nothing raised)."""
    records, problems = parse_lines(text, where)
    problems += record_problems(records, where)
    return records, sorted(problems, key=lambda p: _line_of(p, where))


def checked_records(text: str, where: str) -> list[tuple[int, dict]]:
    """Parse and schema-check a prediction (or outside gold) file's text; one CaveatError listing the problems if any."""
    from ..errors import message

    records, problems = line_problems(text, where)
    if problems:
        raise CaveatError(message("evaluate.schema", file=where, n=len({p.split(": ")[0] for p in problems}),
                                  problems=shown(problems)))
    if not records:
        raise CaveatError(message("evaluate.empty", file=where))
    return records
