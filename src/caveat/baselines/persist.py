"""Models as bytes: skops (not pickle) with the label-inventory hash, corpus version and library versions. Pure.

Loading refuses a model trained on another label inventory, a file of another format, and any type
outside skops' trusted set. The commands read and write the bytes.
"""
from __future__ import annotations

import platform
import zipfile
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import skops.io as sio

from ..errors import CaveatError, message
from ..labels import inventory
from .base import Baseline
from .registry import CLASSES, create

FORMAT = 2  # 2: hedge-tagger holds the whole-cue classifier; attribution-ranker features changed (2026-11-28)
SUFFIX = ".skops"
LIBRARIES = ("caveat", "scikit-learn", "skops", "numpy", "scipy", "spacy")


def library_versions() -> dict[str, str]:
    """Versions of Python and of the libraries a model depends on."""
    out = {"python": platform.python_version()}
    for lib in LIBRARIES:
        try:
            out[lib] = version(lib)
        except PackageNotFoundError:
            out[lib] = "unknown"
    return out


def metadata(model: Baseline, *, corpus_version: str, n_train: int, n_validation: int) -> dict[str, Any]:
    """The provenance saved with a model (JSON-ready)."""
    inv = inventory()
    return {
        "name": model.name, "track": model.track, "kind": model.kind, "description": model.description,
        "requires": list(model.requires), "seed": model.seed,
        "inventory_sha256": inv.sha256, "inventory_version": inv.version, "corpus_version": corpus_version,
        "train_documents": n_train, "validation_documents": n_validation,
        "selection": model.selection(), "selection_score": model.selection_score(), "libraries": library_versions(),
    }


def dumps(model: Baseline, meta: dict[str, Any]) -> bytes:
    """The model and its metadata as skops bytes."""
    return sio.dumps({"format": FORMAT, "meta": meta, "state": model.state()}, compression=zipfile.ZIP_DEFLATED)


def read_meta(data: bytes, where: str) -> dict[str, Any]:
    """The metadata of a model file, after checking it is a trusted skops file of our format."""
    try:
        untrusted = sio.get_untrusted_types(data=data)
    except Exception as exc:  # skops raises zip, JSON and key errors on damaged files
        raise CaveatError(message("baselines.model_unreadable", file=where, reason=f"{type(exc).__name__}: {exc}")) from None
    if untrusted:
        raise CaveatError(message("baselines.model_untrusted", file=where, types=", ".join(untrusted)))
    try:
        obj = sio.loads(data)
    except Exception as exc:
        raise CaveatError(message("baselines.model_unreadable", file=where, reason=f"{type(exc).__name__}: {exc}")) from None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT or not isinstance(obj.get("meta"), dict):
        found = obj.get("format") if isinstance(obj, dict) else type(obj).__name__
        raise CaveatError(message("baselines.model_format", file=where, found=found, expected=FORMAT))
    meta = obj["meta"]
    inv = inventory()
    if meta.get("inventory_sha256") != inv.sha256:
        raise CaveatError(message("baselines.inventory_mismatch", file=where, name=meta.get("name"),
                                  trained_version=meta.get("inventory_version"), trained=str(meta.get("inventory_sha256"))[:12],
                                  current_version=inv.version, current=inv.sha256[:12]))
    if meta.get("name") not in CLASSES:
        raise CaveatError(message("baselines.model_format", file=where, found=f"unknown baseline {meta.get('name')!r}", expected=FORMAT))
    meta["_state"] = obj["state"]
    return meta


def loads(data: bytes, where: str) -> tuple[Baseline, dict[str, Any]]:
    """A trained baseline and its metadata from skops bytes; CaveatError (naming ``where``) if it cannot be used."""
    meta = read_meta(data, where)
    state = meta.pop("_state")
    try:
        model = create(meta["name"], seed=meta.get("seed", 0)).load(state)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a state saved before the baseline's state changed
        found = f"a {meta['name']} state this version cannot read ({type(exc).__name__}: {exc})"
        raise CaveatError(message("baselines.model_format", file=where, found=found, expected=FORMAT)) from None
    return model, meta
