"""`caveat models`: the trained baselines in a models directory, a name per line."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..baselines import persist
from ..cliutil import add_quiet, parser, run
from ..errors import CaveatError, message
from ..fileio import read_bytes

DEFAULT_MODELS = "baselines/models"


def model_files(models_dir: str) -> dict[str, Path]:
    """Trained model files by name (sorted); a CaveatError if there are none."""
    d = Path(models_dir)
    files = {f.name[: -len(persist.SUFFIX)]: f for f in sorted(d.glob(f"*{persist.SUFFIX}"))} if d.is_dir() else {}
    if not files:
        raise CaveatError(message("baselines.no_models", dir=models_dir))
    return files


def main(argv: Sequence[str] | None = None) -> int:
    p = parser("models", "List the trained baselines, one name per line (the names `caveat predict --model` takes).",
               "caveat models --long")
    p.add_argument("--models", default=DEFAULT_MODELS, metavar="DIR", help=f"models directory (default: {DEFAULT_MODELS}/)")
    p.add_argument("--long", action="store_true", help="also show track, kind, selection score and corpus version")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        for name, path in model_files(args.models).items():
            if not args.long:
                print(name)
                continue
            meta = persist.read_meta(read_bytes(path), str(path))
            score = meta.get("selection_score")
            print("\t".join([name, meta["track"], meta["kind"], "-" if score is None else f"{score:.3f}",
                             str(meta.get("corpus_version"))]))
        return 0

    return run(body)
