"""Train baselines on documents and run them on documents. Pure: documents in, models and prediction records out."""
from __future__ import annotations

from itertools import islice
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from ..document import Document
from .base import Baseline, Record, finish, new_record
from .data import view
from .registry import closure, create

BATCH = 64  # documents per classifier call: amortises scikit-learn's per-call overhead, bounds memory


def train(names: Sequence[str], train_docs: Sequence[Document], validation_docs: Sequence[Document], *,
          seed: int = 0, on_start: Callable[[str], None] | None = None,
          wrap: Callable[[Sequence[str]], Iterable[str]] | None = None) -> dict[str, Baseline]:
    """Fit each named baseline on the annotated train documents (validation for choosing hyper-parameters).

    Documents are taken in id order, so the same documents give the same models whatever order they come in.
    ``wrap`` wraps the iteration over names (a progress bar); ``on_start`` is told each name as it starts.
    """
    train_views = [view(d) for d in sorted(train_docs, key=lambda d: d["id"])]
    val_views = [view(d) for d in sorted(validation_docs, key=lambda d: d["id"])]
    models: dict[str, Baseline] = {}
    for name in (wrap(names) if wrap else names):
        if on_start:
            on_start(name)
        models[name] = create(name, seed=seed).fit(train_views, val_views)
    return models


def predict(models: Mapping[str, Baseline], names: Sequence[str], docs: Iterable[Document]) -> Iterator[Record]:
    """Prediction records (prediction-file shape, text included) of the named models and of what they require."""
    order = closure(names)
    missing = [n for n in order if n not in models]
    if missing:
        raise KeyError(f"models not given: {missing}")
    it = iter(docs)
    while batch := list(islice(it, BATCH)):
        views = [view(d) for d in batch]
        recs = [new_record(v) for v in views]
        for name in order:
            models[name].annotate(views, recs)
        yield from (finish(r) for r in recs)
