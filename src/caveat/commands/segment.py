"""`caveat segment RAW.txt...`: raw article files to segmented documents under --out."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..cliutil import add_quiet, parser, progress, run
from ..document import dumps
from ..errors import ERROR, CaveatError, message
from ..fileio import atomic_write_text, read_json, read_text
from ..ingest import documents_from_raw
from ..labels import ANNOTATION_LAYERS
from ..schemas import ORIGINS
from ..validate import validate_document


def sidecar(raw_path: Path) -> list[dict] | None:
    """The metadata beside a raw file (``x.meta.json`` for ``x.txt``): one object, or a list for a multi-article file."""
    side = raw_path.with_suffix(".meta.json")
    if not side.is_file():
        return None
    meta = read_json(side)
    metas = meta if isinstance(meta, list) else [meta]
    if not all(isinstance(m, dict) for m in metas):
        raise CaveatError(message("segment.sidecar_shape", file=side))
    return metas


def main(argv: Sequence[str] | None = None) -> int:
    p = parser("segment", "Split raw text files into articles (at two or more blank lines) and segment each into "
               "paragraphs, sentences and tokens. A sidecar x.meta.json beside x.txt gives the metadata.",
               "caveat segment corpus/raw/seed/articles.txt --origin seed --out corpus/documents")
    p.add_argument("raw", nargs="+", metavar="RAW.txt", help="UTF-8 text files")
    p.add_argument("--out", default="corpus/documents", metavar="DIR", help="directory for <id>.json (default: corpus/documents)")
    p.add_argument("--origin", choices=ORIGINS, default="imported", help="where the text came from (default: imported)")
    p.add_argument("--force", action="store_true", help="overwrite existing documents that hold no annotations")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        out = Path(args.out)
        planned = []
        origin: dict[str, str] = {}
        for raw in progress(args.raw, total=len(args.raw), description="segmenting", quiet=args.quiet):
            path = Path(raw)
            docs = documents_from_raw(read_text(path), sidecar(path), args.origin, str(path))
            if not docs:
                raise CaveatError(message("segment.no_articles", file=path))
            for n, doc in enumerate(docs, start=1):
                problems = [pr for pr in validate_document(doc, f"{path} (article {n})") if pr.severity == ERROR]
                if problems:  # e.g. a sidecar id or date the schema does not allow
                    raise CaveatError("\n".join(pr.render() for pr in problems[:5]) + "\nNothing was written.")
                where = f"{path} (article {n})"
                if doc["id"] in origin:
                    raise CaveatError(message("segment.same_id", second=where, first=origin[doc["id"]], doc_id=doc["id"]))
                origin[doc["id"]] = where
            planned += docs
        for doc in planned:
            target = out / f"{doc['id']}.json"
            if target.exists():
                old = read_json(target)
                layers = [old.get(k, []) for k in (*ANNOTATION_LAYERS, "relations")] if isinstance(old, dict) else None
                if layers is None or not all(isinstance(v, list) for v in layers):
                    found = type(old).__name__ if layers is None else "annotation layers that are not lists"
                    raise CaveatError(message("segment.exists_not_document", target=target, found=found))
                n_ann = sum(map(len, layers))
                if not args.force or n_ann:
                    why = f"it holds {n_ann} annotation(s)" if n_ann else "use --force to replace it"
                    raise CaveatError(message("segment.exists", target=target, why=why))
        for doc in planned:
            atomic_write_text(out / f"{doc['id']}.json", dumps(doc))
            if not args.quiet:
                print(f"wrote {out / (doc['id'] + '.json')}: {len(doc['paragraphs'])} paragraphs, "
                      f"{len(doc['sentences'])} sentences, {len(doc['tokens'])} tokens")
        return 0

    return run(body)
