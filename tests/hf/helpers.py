"""Test helpers: decode loaded rows to label names, and read a build's files."""
from __future__ import annotations

from typing import Any

from datasets import ClassLabel, Features, List


def decode(feature: Any, value: Any) -> Any:
    """A loaded value with every ClassLabel id replaced by its name."""
    if value is None:
        return None
    if isinstance(feature, ClassLabel):
        return feature.int2str(value)
    if isinstance(feature, List):
        return [decode(feature.feature, v) for v in value]
    if isinstance(feature, dict):
        return {k: decode(f, value.get(k)) for k, f in feature.items()}
    return value


def decoded_rows(loaded_config: dict) -> dict[str, list[dict]]:
    """{split: rows with label names} of one loaded config."""
    features = Features.from_dict(loaded_config["features"])
    return {split: [decode(dict(features), row) for row in rows] for split, rows in loaded_config["splits"].items()}
