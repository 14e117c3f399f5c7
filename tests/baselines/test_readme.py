"""baselines/README.md documents every baseline and the grids the code really uses."""
from __future__ import annotations

from caveat.baselines import CLASSES
from caveat.baselines import ranker, tagger, textclf


def _fmt(values) -> str:
    """A grid as the README writes it: {1e-4, 3e-5} for small values, {1.0, 0.35} otherwise."""
    return "{" + ", ".join(f"{v:.0e}".replace("e-0", "e-") if v < 0.01 else repr(v) for v in values) + "}"


def test_readme_lists_every_baseline_and_grid(repo_root):
    text = (repo_root / "baselines" / "README.md").read_text(encoding="utf-8")
    for name in CLASSES:
        assert f"### {name}\n" in text, name
    assert _fmt(tagger.ALPHAS) in text and _fmt(tagger.O_WEIGHTS) in text
    assert tagger.GRID == [{"alpha": a, "o_weight": w} for a in tagger.ALPHAS for w in tagger.O_WEIGHTS]
    assert _fmt(textclf.ALPHA_GRID) in text
    assert _fmt(sorted({g["C"] for g in ranker.GRID}, key=[g["C"] for g in ranker.GRID].index)) in text
    assert _fmt(sorted({g["threshold"] for g in ranker.GRID}, key=[g["threshold"] for g in ranker.GRID].index)) in text
