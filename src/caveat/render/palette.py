"""Colours for labels and attribute values, taken from matplotlib colour maps over the inventory's own lists. Pure."""
from __future__ import annotations

from matplotlib import colormaps
from matplotlib.colors import to_hex

from ..labels import ANNOTATION_LAYERS, Inventory
from .marks import css_ident

# the colour map used for each layer's colour key (a presentation choice, not a label list)
CMAPS = {"entities": "tab20", "claims": "Dark2", "sources": "Set2", "hedges": "Set1"}


def colour_key(layer: str, inv: Inventory) -> tuple[str, list[str]] | None:
    """What colours a layer's spans: ``("label", labels)`` if it has several labels, else its first enum attribute."""
    labels = inv.labels(layer)
    if len(labels) > 1:
        return "lab", labels
    for name, spec in inv.attributes(layer).items():
        if spec["type"] == "enum":
            return name, [str(v) for v in spec["values"]]
    return None


def _light(hex_colour: str, amount: float) -> str:
    """Mix a colour with white (amount 0 = unchanged, 1 = white)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def colour_rules(inv: Inventory) -> list[dict]:
    """One rule per layer value: ``{layer, cls, value, colour, light}``; ``cls`` is the class the marks carry."""
    rules = []
    for layer in ANNOTATION_LAYERS:
        key = colour_key(layer, inv)
        if key is None:
            continue
        name, values = key
        cmap = colormaps[CMAPS.get(layer, "tab10")]
        n = getattr(cmap, "N", 10)
        for i, value in enumerate(values):
            colour = to_hex(cmap(i % n))
            prefix = "lab" if name == "lab" else css_ident(name)
            rules.append({"layer": layer, "cls": f"{prefix}-{css_ident(value)}", "value": value,
                          "colour": colour, "light": _light(colour, 0.55)})
    return rules
