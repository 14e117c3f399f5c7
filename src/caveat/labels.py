"""The label inventory, loaded from ``schema/labels.json``: every label list in Caveat comes from here."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ANNOTATION_LAYERS = ("entities", "claims", "sources", "hedges")
SEGMENT_LAYERS = ("paragraphs", "sentences", "tokens")


def schema_dir() -> Path:
    """The repository's ``schema/`` directory, which holds ``labels.json`` and the JSON Schemas."""
    return Path(__file__).resolve().parents[2] / "schema"


@dataclass(frozen=True, eq=False)
class Inventory:
    """The parsed label inventory."""

    raw: dict
    sha256: str

    @property
    def version(self) -> str:
        return self.raw["version"]

    def labels(self, layer: str) -> list[str]:
        """Labels of an annotation layer, in inventory order."""
        return list(self.raw["layers"][layer]["labels"])

    def attributes(self, layer: str) -> dict[str, dict]:
        """Attribute specs of a layer: name -> {type, values?, required}."""
        return dict(self.raw["layers"][layer]["attributes"])

    def attribute_values(self, layer: str, name: str) -> list:
        """The allowed values of an attribute (booleans give ``[False, True]``)."""
        spec = self.raw["layers"][layer]["attributes"][name]
        return list(spec["values"]) if spec["type"] == "enum" else [False, True]

    @property
    def entity_labels(self) -> list[str]:
        return self.labels("entities")

    @property
    def claim_types(self) -> list[str]:
        return self.attribute_values("claims", "claim_type")

    @property
    def hedge_types(self) -> list[str]:
        return self.attribute_values("hedges", "hedge_type")

    @property
    def relation_types(self) -> list[str]:
        return list(self.raw["relations"])

    def relation(self, name: str) -> dict:
        """Spec of a relation type: from/to layer lists."""
        return self.raw["relations"][name]

    @property
    def paragraph_kinds(self) -> list[str]:
        return list(self.raw["segmentation"]["paragraph_kinds"])

    def layer_of_label(self) -> dict[str, str]:
        """Map every span label to its annotation layer."""
        return {lab: layer for layer in ANNOTATION_LAYERS for lab in self.labels(layer)}


@lru_cache(maxsize=1)
def inventory() -> Inventory:
    """The label inventory of this checkout (cached)."""
    data = (schema_dir() / "labels.json").read_bytes()
    return Inventory(raw=json.loads(data), sha256=hashlib.sha256(data).hexdigest())
