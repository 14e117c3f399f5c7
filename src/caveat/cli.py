"""`caveat <command>`: a dispatcher over thin command modules, each ``main(argv) -> int``."""
from __future__ import annotations

import importlib
import sys
from typing import Sequence

# command -> (module under caveat.commands, one-line summary)
COMMANDS: dict[str, tuple[str, str]] = {
    "segment": ("segment", "split raw text files into segmented documents"),
    "validate": ("validate", "check documents and the corpus; report every problem"),
    "schema": ("schema", "regenerate schema/*.schema.json from schema/labels.json"),
    "splits": ("splits", "assign documents to train/validation/test (corpus/splits.json)"),
    "stats": ("stats", "corpus counts per split, layer, label and attribute, and agreement"),
    "build": ("build", "build the Hugging Face dataset directory (Parquet, card, Croissant)"),
    "anchor": ("anchor", "resolve anchored pass files (quotes, not offsets) into documents"),
    "agreement": ("agreement", "inter-annotator agreement of two annotations of the same documents"),
    "render": ("render", "write the static HTML corpus browser (documents, diffs, statistics, leaderboard)"),
    "evaluate": ("evaluate", "score a prediction file per track, with bootstrap intervals and an error listing"),
    "leaderboard": ("leaderboard", "validate and score every submission; write results.json and LEADERBOARD.md"),
    "ls": ("ls", "Label Studio round trip: config, export/import files, push/pull a server"),
    "train": ("train", "train every baseline, save the models, submit their test predictions"),
    "models": ("models", "list the trained baselines, one name per line"),
    "predict": ("predict", "run trained baselines on new text; write a prediction file"),
}


def usage() -> str:
    """The top-level help text."""
    width = max(map(len, COMMANDS))
    lines = ["usage: caveat <command> [options]   (caveat <command> --help for details)", "", "commands:"]
    lines += [f"  {name:<{width}}  {summary}" for name, (_, summary) in COMMANDS.items()]
    lines += ["", "example:", "  caveat validate corpus/"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a subcommand; exit 2 on an unknown one."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(usage(), file=sys.stdout if args else sys.stderr)  # no command is a usage error
        return 0 if args else 2
    if args[0] not in COMMANDS:
        print(f"error: unknown command {args[0]!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(f"caveat.commands.{COMMANDS[args[0]][0]}")
    try:
        return module.main(args[1:])
    except SystemExit as exc:  # argparse usage errors
        return exc.code if isinstance(exc.code, int) else 2


if __name__ == "__main__":
    sys.exit(main())
