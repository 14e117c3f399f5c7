"""A system's prediction records checked for display: schema-valid, one per known document, offsets inside the gold text. Pure."""
from __future__ import annotations

from typing import Any, Sequence

from ..errors import CaveatError, message
from ..labels import Inventory, inventory
from ..scoring import pair_documents
from ..scoring.submission import first_schema_error


def check_predictions(records: Sequence[Any], docs: Sequence[dict], where: Sequence[str],
                      inv: Inventory | None = None) -> dict[str, dict]:
    """``{doc_id: record}``; raises a CaveatError naming the line and the field of the first bad record.

    Unlike scoring, a file may cover only some of the documents (e.g. the test split); the others show no diff.
    """
    inv = inv or inventory()
    for rec, name in zip(records, where):
        err = first_schema_error(rec, inv)
        if err is not None:
            raise CaveatError(message("render.pred_schema", where=name, path=err[0], reason=err[1]))
    known = {d["id"] for d in docs}
    for rec, name in zip(records, where):
        if rec["doc_id"] not in known:
            raise CaveatError(message("render.pred_unknown_doc", where=name, doc_id=rec["doc_id"], n=len(known)))
    wanted = {rec["doc_id"] for rec in records}
    pair_documents([d for d in docs if d["id"] in wanted], list(records), list(where))
    return {rec["doc_id"]: rec for rec in records}
