"""`caveat schema`: regenerate (or --check) the JSON Schemas under schema/ from schema/labels.json."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..cliutil import add_quiet, parser, run
from ..fileio import atomic_write_text
from ..labels import schema_dir
from ..schemas import GENERATED, render_schema


def main(argv: Sequence[str] | None = None) -> int:
    p = parser("schema", "Write schema/document.schema.json and schema/prediction.schema.json from the label inventory.",
               "caveat schema --check")
    p.add_argument("--out", default=str(schema_dir()), metavar="DIR", help="output directory (default: schema/)")
    p.add_argument("--check", action="store_true", help="exit 1 if the files differ from what would be generated")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        stale = []
        for name, make in GENERATED.items():
            target = Path(args.out) / name
            text = render_schema(make())
            if args.check:
                if not target.is_file() or target.read_text(encoding="utf-8") != text:
                    stale.append(str(target))
            else:
                atomic_write_text(target, text)
                if not args.quiet:
                    print(f"wrote {target}")
        for s in stale:
            print(f"error: {s} is out of date with schema/labels.json. Fix: run `caveat schema`.")
        return 1 if stale else 0

    return run(body)
