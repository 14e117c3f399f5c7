"""`caveat build`: the Hugging Face dataset directory (Parquet configs, card, Croissant, manifest) from the corpus."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..cliutil import add_corpus, add_quiet, parser, run
from ..errors import CaveatError, message
from ..fileio import atomic_write_bytes, read_json
from ..hf.build import MANIFEST, BuiltDataset, build_dataset, check_directory
from ..corpusio import load_agreement_reports, load_split_file, load_valid_corpus

DEFAULT_OUT = "corpus/hf"


def build_from_corpus(corpus: str, *, quiet: bool = True) -> BuiltDataset:
    """Read, validate and build the corpus directory (no writing)."""
    docs = load_valid_corpus(corpus, quiet=quiet)
    return build_dataset(docs, load_split_file(corpus), load_agreement_reports(corpus))


def files_on_disk(out: Path) -> dict[str, bytes]:
    """Every non-hidden file under ``out`` by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)}


def write_build(built: BuiltDataset, out: Path) -> list[str]:
    """Write every file atomically and remove the files an older build listed that this one no longer has."""
    if out.exists() and not out.is_dir():
        raise CaveatError(message("hf.out_not_dir", out=out), exit_code=2)
    old_manifest = out / MANIFEST
    if out.is_dir() and any(out.iterdir()) and not old_manifest.is_file():
        raise CaveatError(message("hf.not_built", out=out, manifest=MANIFEST), exit_code=2)
    old = read_json(old_manifest) if old_manifest.is_file() else {"files": {}}
    if not isinstance(old, dict) or not isinstance(old.get("files"), dict):
        raise CaveatError(message("hf.bad_manifest", path=old_manifest, out=out), exit_code=1)
    for path, data in built.files.items():
        if path != MANIFEST:
            atomic_write_bytes(out / path, data)
    root = out.resolve()  # an old manifest may only remove files inside the build directory
    removed = sorted(p for p in old["files"] if p not in built.files and (out / p).resolve().is_relative_to(root))
    for path in removed:
        (out / path).unlink(missing_ok=True)
    atomic_write_bytes(out / MANIFEST, built.files[MANIFEST])  # last: the manifest marks a complete build
    return removed


def main(argv: Sequence[str] | None = None) -> int:
    p = parser("build", "Build the Hugging Face dataset directory from the corpus: Parquet data for the documents, ner, "
               "hedges and claims configs, the dataset card (README.md), croissant.json and manifest.json.",
               "caveat build --corpus corpus --out corpus/hf && python -c \"import datasets; "
               "print(datasets.load_dataset('corpus/hf', 'ner'))\"")
    add_corpus(p)
    p.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help=f"output directory (default: {DEFAULT_OUT}/)")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 unless DIR equals a fresh build")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        built = build_from_corpus(args.corpus, quiet=args.quiet)
        out = Path(args.out)
        if args.check:
            problems = check_directory(built.files, files_on_disk(out) if out.is_dir() else {})
            if problems:
                raise CaveatError(message("hf.check_failed", out=out, corpus=args.corpus, count=len(problems),
                                          first=problems[0]))
            if not args.quiet:
                print(f"{out} is up to date (corpus version {built.manifest['corpus_version']})")
            return 0
        removed = write_build(built, out)
        if not args.quiet:
            m = built.manifest
            print(f"built {out}: {m['documents']} documents, corpus version {m['corpus_version']}")
            for config, per_split in m["rows"].items():
                print(f"  {config:<10} " + ", ".join(f"{s} {n}" for s, n in per_split.items()))
            for path in removed:
                print(f"  removed {path} (no longer part of the build)")
        return 0

    return run(body)
