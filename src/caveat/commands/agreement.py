"""`caveat agreement A B [--out report.json]`: inter-annotator agreement of two annotations of the same documents."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Sequence

from ..agreement import compare
from ..cliutil import add_quiet, parser, progress, run
from ..errors import ERROR, CaveatError, message
from ..fileio import atomic_write_json, document_files, read_json
from ..validate import validate_document

ANCHORED_SUFFIX = ".anchors.json"


def read_side(path: str, *, quiet: bool = True) -> list[dict]:
    """Every valid document under ``path`` (a document file or a directory of them; anchored pass files are skipped)."""
    files = [f for f in document_files([path]) if not (Path(path).is_dir() and f.name.endswith(ANCHORED_SUFFIX))]
    if not files:
        raise CaveatError(message("agreement_empty", path=path), exit_code=2)
    docs = []
    for f in progress(files, total=len(files), description=f"reading {path}", quiet=quiet):
        doc = read_json(f)
        errors = [p for p in validate_document(doc, str(f)) if p.severity == ERROR] if isinstance(doc, dict) else None
        if errors is None or errors:
            first = errors[0].render() if errors else "expected a JSON object (a Caveat document)."
            raise CaveatError(message("agreement_invalid", file=f, count=len(errors or [None]), first=first))
        docs.append(doc)
    return docs


def agreement_report(a: str, b: str, *, quiet: bool = True) -> dict[str, Any]:
    """Read both sides and compare them (the importable body of the command)."""
    return compare(read_side(a, quiet=quiet), read_side(b, quiet=quiet), names=(a, b))


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def print_report(report: dict[str, Any]) -> None:
    """The report as readable rich tables on stdout."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    c = report["counts"]
    console.print(f"[bold]Agreement[/bold] of B={report['b']} with A={report['a']} · {report['date']} · "
                  f"{c['documents']} document(s), {c['sentences']} sentence(s)")
    for side in ("only_in_a", "only_in_b"):
        if report[side]:
            console.print(f"  ({len(report[side])} document(s) {side.replace('_', ' ')} not compared)")
    spans = Table(title="Spans (F1; precision and recall of B against A)")
    for col in ("layer", "label", "A", "B", "exact F1", "overlap F1", "overlap P", "overlap R"):
        spans.add_column(col, justify="left" if col in ("layer", "label") else "right")
    for layer, res in report["spans"].items():
        rows = [("(all)", res)] + [(lab, r) for lab, r in res["labels"].items() if r["overlap"]["a"] or r["overlap"]["b"]]
        if len(rows) == 2 and rows[1][1]["overlap"] == res["overlap"]:
            rows = rows[1:]
        for label, r in rows:
            ov = r["overlap"]
            spans.add_row(layer, label, str(ov["a"]), str(ov["b"]), _num(r["exact"]["f1"]), _num(ov["f1"]),
                          _num(ov["precision"]), _num(ov["recall"]))
    console.print(spans)
    kappa = Table(title="Cohen's kappa (attributes over overlap-matched span pairs; sentences pooled)")
    for col in ("measure", "pairs / sentences", "observed", "kappa"):
        kappa.add_column(col, justify="left" if col == "measure" else "right")
    for name, r in report["attributes"].items():
        kappa.add_row(name, str(r["n"]), _num(r["observed_agreement"]), _num(r["kappa"]))
    for name, r in report["sentences"].items():
        kappa.add_row(f"sentence {name.replace('_', ' ')}", str(r["n"]), _num(r["observed_agreement"]), _num(r["kappa"]))
    console.print(kappa)
    rel = Table(title="Relations (F1; ends matched by the span matching)")
    for col in ("type", "A", "B", "exact F1", "overlap F1"):
        rel.add_column(col, justify="left" if col == "type" else "right")
    for rtype, r in report["relations"].items():
        rel.add_row(rtype, str(r["overlap"]["a"]), str(r["overlap"]["b"]), _num(r["exact"]["f1"]), _num(r["overlap"]["f1"]))
    console.print(rel)
    n = sum(len(v) for v in report["disagreements"].values())
    console.print(f"{n} disagreement(s) listed under \"disagreements\" in the JSON report (--out) for adjudication.")


def main(argv: Sequence[str] | None = None) -> int:
    p = parser("agreement", "Compare two annotations of the same documents (matched by id): span F1 (exact and overlap) "
               "per layer and label, Cohen's kappa on attributes and on sentences with a claim / a hedge, relation F1.",
               "caveat agreement corpus/annotation/first corpus/annotation/second --out corpus/agreement/seed.json")
    p.add_argument("a", metavar="A", help="first annotation: a directory of documents or one document file")
    p.add_argument("b", metavar="B", help="second annotation: a directory of documents or one document file")
    p.add_argument("--out", metavar="PATH", help="write the JSON report here (with every disagreement)")
    add_quiet(p)
    args = p.parse_args(argv)

    def body() -> int:
        report = agreement_report(args.a, args.b, quiet=args.quiet)
        if args.out:
            atomic_write_json(args.out, report)
        if not args.quiet:
            print_report(report)
            if args.out:
                print(f"wrote {args.out}", file=sys.stderr)
        return 0

    return run(body)
