"""`caveat anchor PASS.anchors.json...`: resolve anchored pass files into documents (or --from-doc: the reverse)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

from ..anchor import AnchorErrors, resolve, to_anchors
from ..cliutil import add_corpus, add_quiet, corpus_dir, parser, run
from ..document import dumps
from ..errors import ERROR, CaveatError, message
from ..fileio import atomic_write_json, atomic_write_text, read_json
from ..labels import ANNOTATION_LAYERS
from ..validate import validate_document


def main(argv: Sequence[str] | None = None) -> int:
    p = parser("anchor", "Resolve anchored pass files (annotations given by quoting the text, see docs/annotating.md) "
               "against the corpus's segmented documents, validate them, and write one document per pass file.",
               "caveat anchor corpus/annotation/seed/pass-a/*.anchors.json --out corpus/annotation/seed/pass-a")
    p.add_argument("files", nargs="+", metavar="PASS.anchors.json")
    add_corpus(p)
    p.add_argument("--out", required=True, metavar="DIR", help="directory for the resolved <doc_id>.json")
    p.add_argument("--from-doc", action="store_true",
                   help="reverse: read documents and write <doc_id>.anchors.json pass files into --out")
    p.add_argument("--annotator", default="unknown", help="with --from-doc: the annotator name to record")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        out = Path(args.out)
        if args.from_doc:
            from ..corpusio import problem_of

            for f in args.files:
                doc = read_json(f)
                problem = problem_of(doc, f, f)
                if problem:
                    raise CaveatError(problem)
                atomic_write_json(out / f"{doc['id']}.anchors.json", to_anchors(doc, args.annotator))
            return 0
        docs_dir = corpus_dir(args.corpus) / "documents"
        failed = 0
        for f in args.files:
            anchors = read_json(f)
            if not isinstance(anchors, dict):
                raise CaveatError(message("anchor_not_object", file=f, found=type(anchors).__name__))
            target = docs_dir / f"{anchors.get('doc_id')}.json"
            if not target.is_file():
                raise CaveatError(message("anchor_no_document", file=f, doc_id=anchors.get("doc_id"), corpus=docs_dir))
            try:
                doc = resolve(anchors, read_json(target))
            except AnchorErrors as exc:
                failed += 1
                for prob in exc.problems:
                    print(f"{f}: {prob}", file=sys.stderr)
                continue
            problems = [pr for pr in validate_document(doc, f"{f} (resolved)") if pr.severity == ERROR]
            if problems:
                failed += 1
                for pr in problems:
                    print(pr.render(), file=sys.stderr)
                continue
            atomic_write_text(out / f"{doc['id']}.json", dumps(doc))
            if not args.quiet:
                counts = ", ".join(f"{len(doc[k])} {k}" for k in (*ANNOTATION_LAYERS, "relations"))
                print(f"{f} -> {out / (doc['id'] + '.json')}: {counts}")
        if failed:
            print(f"{failed} of {len(args.files)} pass file(s) have problems; nothing was written for them", file=sys.stderr)
        return 1 if failed else 0

    return run(body)
