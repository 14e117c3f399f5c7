"""The dataset card (the built README.md): YAML front matter from the features, every number from the corpus stats."""
from __future__ import annotations

import json
from collections import Counter
from typing import Any

import yaml
from datasets import ClassLabel, Features, List, Value

from ..labels import ANNOTATION_LAYERS, Inventory
from ..stats import markdown_table, stats_tables
from .features import CONFIGS, DEFAULT_CONFIG

PRETTY_NAME = "Caveat"
CITATION = """@misc{caveat,
  title  = {Caveat: an open corpus and benchmark of English news annotated for named entities, claims and their sources, and uncertainty hedges},
  note   = {Dataset card and data built by `caveat build`; see manifest.json for the exact corpus version},
}"""


def front_matter(features: dict[str, Features], splits_present: list[str], licence_yaml: dict, n_docs: int) -> str:
    """The YAML front matter: card metadata, ``configs`` with data files per split, and ``dataset_info`` features."""
    size = "n<1K" if n_docs < 1000 else "1K<n<10K" if n_docs < 10_000 else "10K<n<100K"
    meta: dict[str, Any] = {
        "pretty_name": PRETTY_NAME,
        "language": ["en"],
        **licence_yaml,
        "multilinguality": ["monolingual"],
        "size_categories": [size],
        "task_categories": ["token-classification", "text-classification"],
        "task_ids": ["named-entity-recognition", "fact-checking"],
        "tags": ["hedging", "uncertainty", "claim-detection", "attribution", "news"],
        "configs": [
            {"config_name": c, **({"default": True} if c == DEFAULT_CONFIG else {}),
             "data_files": [{"split": s, "path": f"data/{c}/{s}.parquet"} for s in splits_present]}
            for c in CONFIGS
        ],
        "dataset_info": [{"config_name": c, "features": features[c]._to_yaml_list()} for c in CONFIGS],
    }
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


def licence_metadata(docs_licences: Counter) -> dict:
    """The card's licence keys: cc-by-4.0 when every document carries it, otherwise ``other`` with a name."""
    if set(docs_licences) == {"CC-BY-4.0"}:
        return {"license": "cc-by-4.0"}
    return {"license": "other", "license_name": "cc-by-4.0-with-publisher-copyright-seed-articles"}


def type_name(feature: Any) -> str:
    """A short human-readable type of a feature, for the data-fields tables."""
    if isinstance(feature, ClassLabel):
        return "class label"
    if isinstance(feature, Value):
        return feature.dtype
    if isinstance(feature, List):
        return f"list of {type_name(feature.feature)}"
    if isinstance(feature, dict):
        return "struct {" + ", ".join(f"{k}: {type_name(v)}" for k, v in feature.items()) + "}"
    return type(feature).__name__


def _class_labels(feature: Any, path: str, out: list[tuple[str, list[str]]]) -> None:
    """Every ClassLabel inside a feature, with its dotted path."""
    if isinstance(feature, ClassLabel):
        out.append((path, feature.names))
    elif isinstance(feature, List):
        _class_labels(feature.feature, path + "[]", out)
    elif isinstance(feature, dict):
        for k, v in feature.items():
            _class_labels(v, f"{path}.{k}", out)


FIELD_NOTES = {
    "id": "row id (the document id, or `<doc_id>-<sentence index>` for sentence rows)",
    "doc_id": "the document the sentence belongs to",
    "sentence_index": "position of the sentence in its document, from 0",
    "sentence_start": "offset of the sentence in the document text",
    "sentence_end": "end offset of the sentence in the document text",
    "text": "the document text (documents) or the sentence text (sentence configs)",
    "tokens": "token strings (spaCy tokenizer, as stored in the corpus); in `documents`, token offsets",
    "token_starts": "token start offsets, relative to `text`",
    "token_ends": "token end offsets, relative to `text`",
    "ner_tags": "BIO entity tag of each token",
    "cue_tags": "BIO hedge-cue tag of each token, typed by hedge_type",
    "cues": "the hedge cues in the sentence, offsets relative to `text`",
    "label": "certain / uncertain: uncertain when the sentence holds a hedge cue (CoNLL-2010 task 1)",
    "has_claim": "whether any claim overlaps the sentence",
    "claims": "claims (documents: document offsets; claims config: offsets relative to `text`, `clipped` when the claim runs past the sentence, `sources` = texts of the spans it is attributed to, empty = the author's own claim)",
    "entities": "named entities (OntoNotes 5 types)",
    "sources": "spans naming who makes a claim",
    "hedges": "minimal uncertainty cues",
    "relations": "attributed_to (claim -> source or entity) and hedges (hedge -> claim), by span id",
    "paragraphs": "paragraphs with their kind",
    "sentences": "sentence offsets",
    "origin": "seed = a real published article; authored = written for this corpus; imported = from another corpus",
    "annotation_status": "draft; double-annotated; reviewed (one pass and a full review: gold); adjudicated (two passes and adjudication: gold)",
    "annotation_passes": "the recorded annotation passes (annotator id, kind, date, pass file, notes)",
    "writer": "authored documents: the AI writing session that wrote the text",
    "fact_notes": "authored documents: the real public facts the writer relied on, and what it left out as unsure",
}


def data_fields(features: dict[str, Features]) -> str:
    """Per config, a table of its columns, their types and meaning, then the class-label names."""
    parts = []
    for config in CONFIGS:
        rows = [[f"`{name}`", type_name(f), FIELD_NOTES.get(name, "document metadata")] for name, f in features[config].items()]
        parts += [f"#### `{config}`", "", markdown_table(["field", "type", "meaning"], rows), ""]
        labels: list[tuple[str, list[str]]] = []
        for name, f in features[config].items():
            _class_labels(f, name, labels)
        if labels:
            parts += ["Class labels (names in id order):", ""]
            parts += [f"- `{path}`: {', '.join(f'`{n}`' for n in names)}" for path, names in labels]
            parts.append("")
    return "\n".join(parts)


def _shorten(value: Any, budget: int = 160, items: int = 3) -> Any:
    """An instance for display: long strings cut and long lists shortened (the card says so)."""
    if isinstance(value, str):
        return value if len(value) <= budget else value[:budget] + f"… [{len(value)} characters]"
    if isinstance(value, list):
        head = [_shorten(v, budget, items) for v in value[:items]]
        return head + ([f"… [{len(value)} items]"] if len(value) > items else [])
    if isinstance(value, dict):
        return {k: _shorten(v, budget, items) for k, v in value.items()}
    return value


def pretty_json(value: Any, indent: int = 0, width: int = 110) -> str:
    """JSON with any value that fits in ``width`` characters on one line (readable instances)."""
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) + indent <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k)}: {pretty_json(v, indent + 2, width)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + pretty_json(v, indent + 2, width) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def data_instances(instances: dict[str, tuple[str, dict]]) -> str:
    """A real row of every config (from the given split), shortened for reading."""
    parts = ["Real rows from the built data; long strings and lists are cut for display (marked `…`), "
             "and class labels are shown by name as stored in the data files.", ""]
    for config in CONFIGS:
        if config not in instances:
            continue
        split, row = instances[config]
        parts += [f"#### `{config}` (from `{split}`)", "", "```json",
                  pretty_json(_shorten(row)), "```", ""]
    return "\n".join(parts)


def split_table(rows_per_split: dict[str, dict[str, int]], splits: list[str]) -> str:
    """Rows per config and split."""
    body = [[f"`{c}`", *(str(rows_per_split[c].get(s, 0)) for s in splits), str(sum(rows_per_split[c].values()))]
            for c in CONFIGS]
    return markdown_table(["config", *splits, "all"], body)


def agreement_section(st: dict) -> str:
    """The agreement figures of every report, or a plain statement that none exists yet."""
    reports = st["agreement"]
    if not reports:
        return ("No agreement report exists yet: no file in `corpus/agreement/`. Agreement on the double-annotated set "
                "will be reported here, per layer and label, once `caveat agreement` has been run.")
    table = next(t for t in stats_tables(st) if t[0] == "Inter-annotator agreement")
    lines = ["Figures as found in `corpus/agreement/*.json` (spans: pairwise F1 between annotators; categorical "
             "attributes: Cohen's kappa on matched spans, where the report gives them).", ""]
    if table[2]:
        lines.append(markdown_table(table[1], table[2]))
    else:
        lines.append("The reports exist but hold no figure this build could read: " +
                     ", ".join(f"`{r['name']}`" for r in reports) + ".")
    return "\n".join(lines)


def _count(st: dict, key: str, value: str, split: str = "all") -> int:
    return st[key].get(value, {}).get(split, 0)


def render_card(*, features: dict[str, Features], st: dict, splits_present: list[str],
                rows_per_split: dict[str, dict[str, int]], instances: dict[str, tuple[str, dict]],
                docs_facts: dict, manifest_summary: dict, inv: Inventory) -> str:
    """The whole card: front matter, the Hugging Face sections, the datasheet answers and the statistics."""
    n_docs = st["documents"]["all"]
    seed, authored = _count(st, "origin", "seed"), _count(st, "origin", "authored")
    empty_splits = [s for s in st["splits"] if s not in splits_present and s != "unassigned"]
    layers_total = {layer: st["layers"][layer]["spans"]["all"] for layer in ANNOTATION_LAYERS}
    annotated = sum(layers_total.values()) > 0
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(docs_facts["statuses"].items())) or "none recorded"
    stats_md = "\n\n".join(
        f"### {title}\n\n" + (markdown_table(head, rows) if rows else "None yet.")
        for title, head, rows in stats_tables(st) if title != "Inter-annotator agreement"
    )
    sec = []
    sec.append(front_matter(features, splits_present, licence_metadata(docs_facts["licences"]), n_docs))
    sec.append(f"""# {PRETTY_NAME}

English news annotated for named entities, claims (and who makes them) and uncertainty hedges: {n_docs} documents,
{st['sentences']['all']} sentences and {st['tokens']['all']} tokens, of which {seed} are real published articles
(`origin: seed`) and {authored} were written for this corpus (`origin: authored`).

## Dataset description

Caveat asks three questions of every sentence of a news article: which named entities does it mention, which claims
does it make and who makes them, and which words signal that the writer is less than certain. The documents carry
every layer as standoff spans over the same text, so the layers can be studied together (a hedged claim attributed
to an anonymous official) or one at a time in the shapes existing tools expect.

- Corpus version: `{manifest_summary['corpus_version']}` (SHA-256 of the canonical documents and split file; see `manifest.json`).
- Label inventory: version `{inv.version}`, SHA-256 `{inv.sha256[:16]}…` (`schema/labels.json`).
- Built by `caveat build`; every number on this card is computed from the corpus at build time.

## Supported tasks and leaderboards

- `ner` (default shape of CoNLL-2003): named-entity recognition over the {len(inv.entity_labels)} OntoNotes 5 types, BIO tags per token.
- `hedges`: hedge-cue detection typed by {', '.join(f'`{t}`' for t in inv.hedge_types)} (BIO per token, the CoNLL-2010
  task 2 cue shape without scopes) and sentence certainty `certain`/`uncertain` (CoNLL-2010 task 1).
- `claims`: claim detection per sentence, claim type ({', '.join(f'`{t}`' for t in inv.claim_types)}), check-worthiness,
  and attribution to the source the text names (no source = the author's own claim).
- `documents`: every layer and the relations together, for joint or document-level models.

Systems are scored with Caveat's own scorer and leaderboard (see the project's README); there is no leaderboard on
the Hugging Face Hub.

## Languages

English (`en`), news register: {', '.join(f'{k} ({v["all"]})' for k, v in st['register'].items())}.

## Dataset structure

Load a config with `datasets.load_dataset(PATH_TO_THIS_DIRECTORY, CONFIG)`; it works offline. All configs share the
same splits, assigned by document (never by sentence). Offsets are half-open `[start, end)` code-point offsets
(Python string indices): `text[start:end]` is the span's text.

### Data instances

{data_instances(instances)}
### Data fields

{data_fields(features)}
### Data splits

Rows per config and split (documents for `documents`, sentences for the others):

{split_table(rows_per_split, splits_present)}

The split file `corpus/splits.json` assigns documents about 65/15/20 to train/validation/test, stratified by register
and subject with a fixed seed; both seed articles are always in `test`.{(' Splits with no document yet, and so not declared as data files: ' + ', '.join(f'`{s}`' for s in empty_splits) + '.') if empty_splits else ''}

## Dataset creation

### Curation rationale

Hedging and attribution decide how much a reader should believe a news sentence, yet the public corpora that annotate
them (CoNLL-2010 for hedges, NewsClaims for claims) annotate one without the others, and none does so for news on
technology policy. Caveat annotates entities, claims, sources and hedges on the same text so that systems can learn
which claims are weakened, by whom they are made, and how.

### Source data

- `origin: seed` ({seed} document(s)): real articles published in 2019, included for research and kept in the test
  split. Their copyright stays with the original publisher.
- `origin: authored` ({authored} document(s)): articles written for this corpus in English news register (briefs, wire
  reports, explainers, analyses, opinion columns, interviews, Q&As and corrections) on the seed articles' subject: US
  export controls and the Entity List, the Chinese surveillance and AI firms named in the seed articles, facial and
  voice recognition, the surveillance campaign in Xinjiang, China's social credit system and the trade negotiations
  around them. The writers' rules: facts (names, dates, numbers, events) are real public facts to the best of the
  writer's knowledge and are left out when unsure; no invented quotation is attributed to a real, named person
  (invented speakers are unnamed roles such as "a trade lawyer in Washington"); no sentence is copied from any
  published text. Each document's metadata says which it is. In this release the authored articles were written by
  AI writing sessions (a large language model; `meta.writer`, `meta.notes`), and their facts were not checked by a
  human fact-checker; each lists the facts it relied on and what its writer left out as unsure (`meta.fact_notes`).

Raw text was segmented into paragraphs, sentences and tokens with spaCy's rule-based English tokenizer and Caveat's
own rules (`caveat segment`); the text is NFC-normalised and otherwise unchanged.

### Annotations

#### Annotation process

Annotators follow the written guidelines (`corpus/GUIDELINES.md`). Each pass is an anchored file that quotes the text
(`caveat anchor` resolves it to offsets and rejects quotes that do not match the text or its token boundaries); the
corpus's Label Studio configuration is generated from the same label inventory. A random selection of documents (and
both seed articles) gets two independent passes that are adjudicated; the rest get one pass and a second full review.
Every document passes `caveat validate` before it is built. Annotation status of the documents in this build:
{statuses}.{'' if annotated else ' No annotation layer holds a span yet in this build: the corpus is still being annotated.'}

#### Who are the annotators?

The passes recorded in the documents name {docs_facts['annotators']} distinct annotator id(s) and
{docs_facts['passes']} pass(es) in all (kinds: {', '.join(f'{k} {v}' for k, v in sorted(docs_facts['pass_kinds'].items())) or 'none yet'}).
Annotators are identified by pseudonymous ids only; no demographic information is collected. In this release every
pass (annotation, review, adjudication) was made by an AI session of one large-language-model family following the
guidelines, not by human annotators. Agreement between two such sessions measures how reproducible the guidelines
are for such annotators; it overstates human agreement, and the gold may carry that model family's systematic readings.

#### Agreement

{agreement_section(st)}

### Personal and sensitive information

The subject matter is sensitive: the articles discuss the surveillance of ethnic and religious minorities (Uyghurs and
other Muslim minorities in Xinjiang), detention, biometric identification (face and voice recognition), blacklisting
of people and companies, and the credit records of individuals. The seed articles name public figures, officials and
companies as published. The authored articles name real public figures, officials and companies only in connection
with public facts, quote no invented words of any named person, and identify invented speakers only by role. No
private individual's personal data is included; no annotator's personal data is included beyond a pseudonymous id.

## Considerations for using the data

### Social impact of dataset

Models trained on Caveat could help readers and fact-checkers see which claims are hedged and who stands behind them.
The same models could be used to profile writers or sources, or to filter critical reporting; the data is too small
and too narrow for any automated decision about people. Because the subject is the surveillance of minorities, errors
(for example attributing a claim to the wrong party) can misrepresent serious allegations.

### Discussion of biases

The topic range is narrow (one policy area, 2014 onward), and the perspective is that of English-language news. Most documents were written for the corpus by a small number of AI writing sessions, so their style, and the mix of
hedges and attributions, reflect those writers more than the news at large.

### Other known limitations

- Size: {n_docs} documents; rare labels have few examples (see the statistics below), and scores on the test split have
  wide confidence intervals.
- Only {seed} document(s) are real published news; results on authored text may not transfer to real news.
- Hedge cues are annotated without scopes; claims are annotated as spans, and a claim that runs over a sentence
  boundary is clipped in the `claims` config (marked `clipped`).
- In the BIO configs, a span that overlaps a longer span of the same layer is dropped (this build dropped
  {manifest_summary['bio_dropped']['ner']} entity and {manifest_summary['bio_dropped']['hedges']} hedge span(s)).
- Facts in authored articles were checked by their writers, not by independent fact-checkers.

## Additional information

### Dataset curators

The Caveat project.

### Licensing information

{chr(10).join(f'- {n} document(s): {lic}' for lic, n in sorted(docs_facts['licences'].items()))}

The annotations, the authored articles and this card are released under CC BY 4.0. The seed articles remain under their
publishers' copyright and are included for research only.

### Citation information

```bibtex
{CITATION}
```

## Datasheet

Answers to the Datasheets for Datasets questions not already answered above.

- **Motivation — who created the dataset and why?** The Caveat project, to provide a benchmark that joins entities,
  claims, attribution and hedging on the same news text (see Curation rationale).
- **Composition — what do the instances represent?** News articles (documents) and their sentences. Is anything
  missing? Hedge scopes, coreference and event structure are not annotated. Are there recommended splits? Yes, the
  document-level splits above. Is the dataset self-contained? Yes; it needs no external resource.
- **Composition — confidential data?** None; see Personal and sensitive information.
- **Collection — time frame.** The seed articles date from 2019; the authored articles describe events from 2014 on
  (document dates in this build: {docs_facts['date_range']}).
- **Preprocessing.** Segmentation only; the raw text is kept (`corpus/raw/`) and every offset points into the stored text.
- **Uses — what else could it be used for, and what should it not be used for?** Studying hedging and attribution in
  news, evaluating claim-detection and attribution systems. It should not be used to make decisions about people or
  to rate the credibility of real journalists or outlets.
- **Distribution.** As this directory (Parquet data, this card, `croissant.json` with SHA-256 of every file, and
  `manifest.json`), built from the Caveat repository with `caveat build`.
- **Maintenance.** Errors are corrected in the repository's documents; every rebuild gets a new corpus version in
  `manifest.json`, and this card is regenerated with it.

## Statistics

Computed by `caveat stats` from the same corpus.

{stats_md}
""")
    return "".join(sec)
