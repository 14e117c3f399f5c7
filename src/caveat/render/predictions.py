"""A system's prediction records checked for display: schema-valid, one per known document, offsets inside the gold text. Pure."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Sequence

import jsonschema

from ..errors import CaveatError, message
from ..labels import Inventory, inventory
from ..schemas import prediction_schema
from ..scoring import pair_documents


@lru_cache(maxsize=4)
def _validator(inv: Inventory) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(prediction_schema(inv))


def _path(parts: Sequence[Any]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def check_predictions(records: Sequence[Any], docs: Sequence[dict], where: Sequence[str],
                      inv: Inventory | None = None) -> dict[str, dict]:
    """``{doc_id: record}``; raises a CaveatError naming the line and the field of the first bad record.

    Unlike scoring, a file may cover only some of the documents (e.g. the test split); the others show no diff.
    """
    inv = inv or inventory()
    for rec, name in zip(records, where):
        err = next(iter(sorted(_validator(inv).iter_errors(rec), key=lambda e: list(map(str, e.absolute_path)))), None)
        if err is not None:
            reason = err.message if len(err.message) < 200 else err.message[:197] + "..."
            raise CaveatError(message("render.pred_schema", where=name, path=_path(list(err.absolute_path)), reason=reason))
    known = {d["id"] for d in docs}
    for rec, name in zip(records, where):
        if rec["doc_id"] not in known:
            raise CaveatError(message("render.pred_unknown_doc", where=name, doc_id=rec["doc_id"], n=len(known)))
    wanted = {rec["doc_id"] for rec in records}
    pair_documents([d for d in docs if d["id"] in wanted], list(records), list(where))
    return {rec["doc_id"]: rec for rec in records}
