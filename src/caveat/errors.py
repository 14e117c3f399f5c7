"""Every problem Caveat reports: stable codes, severities, message templates and fix hints, in one place."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"

# code -> (severity, level, message template, fix hint). Templates use str.format(**details).
CATALOG: dict[str, tuple[str, int, str, str]] = {
    # level 1: JSON and JSON Schema
    "E101": (ERROR, 1, "not valid JSON: {reason}", "Fix the JSON syntax at the given line and column (a missing comma or quote, or a truncated file)."),
    "E102": (ERROR, 1, "does not match the document schema: {reason}", "Make the value match schema/document.schema.json at this path."),
    "E103": (ERROR, 1, "missing required key {key!r}", "Add the key; see schema/document.schema.json for its type."),
    "E104": (ERROR, 1, "unexpected key {key!r}", "Remove the key or move it under meta.notes; the schema allows no other keys here."),
    # level 2: offsets and segmentation
    "E201": (ERROR, 2, "span [{start}, {end}) is outside the text (length {length}) or empty", "Offsets are half-open code-point offsets with 0 <= start < end <= len(text)."),
    "E202": (ERROR, 2, "span text does not match the document text at [{start}, {end})", "Set the span's text to text[start:end], or fix the offsets (code points, not bytes or UTF-16 units)."),
    "E203": (ERROR, 2, "sentence [{start}, {end}) is not inside one paragraph", "Re-run `caveat segment`, or split the sentence at the paragraph boundary."),
    "E204": (ERROR, 2, "character {char!r} at offset {offset} is not covered by any token", "Re-run `caveat segment`; every non-space character inside a paragraph belongs to exactly one token."),
    "E205": (ERROR, 2, "segment [{start}, {end}) overlaps or precedes the one before it", "Segments of one layer are sorted and disjoint; re-run `caveat segment`."),
    "E206": (ERROR, 2, "span {side} {offset} is not on a token boundary", "Move the {side} to a token boundary (nearest: {nearest}), or re-segment if the tokenizer split the word wrongly."),
    "E207": (ERROR, 2, "document text is not NFC-normalised or has \\r line ends", "Normalise the text with unicodedata.normalize('NFC', text) and \\n line ends, then re-segment."),
    "E208": (ERROR, 2, "token [{start}, {end}) starts or ends with whitespace, or lies outside every paragraph", "Tokens hold no whitespace at their edges and lie inside paragraphs; re-run `caveat segment`."),
    "E209": (ERROR, 2, "non-space character {char!r} at offset {offset} lies outside every paragraph", "Only whitespace and list markers may lie between paragraphs; widen a paragraph or re-run `caveat segment`."),
    "E210": (ERROR, 2, "token [{start}, {end}) is not inside one sentence", "Tokens lie inside sentences; re-run `caveat segment`."),
    # level 3: labels and attributes
    "E301": (ERROR, 3, "label {actual!r} is not in the inventory for layer {layer}", "Use one of the labels in schema/labels.json for this layer."),
    "E302": (ERROR, 3, "attribute {attribute!r} has value {actual!r}, which the inventory does not allow", "Use one of the values listed in schema/labels.json."),
    "E303": (ERROR, 3, "required attribute {attribute!r} is missing", "Add the attribute with one of the values in schema/labels.json."),
    "E304": (ERROR, 3, "id {actual!r} is used by more than one span or relation in this document", "Give every span and relation a document-unique id."),
    # level 4: relations
    "E401": (ERROR, 4, "the {end!r} end of relation {rel_id!r} names id {actual!r}, which does not exist", "Point the relation at an existing span id, or remove it."),
    "E402": (ERROR, 4, "relation {rel_id!r} of type {type!r} goes {end} a span of layer {actual}", "A relation of type {type} goes from {from_layers} to {to_layers}."),
    "E403": (ERROR, 4, "relation {rel_id!r} repeats another relation with the same type and ends", "Remove the duplicate relation."),
    # level 5: corpus
    "E501": (ERROR, 5, "document id {actual!r} is also used by {other}", "Document ids are unique in the corpus; rename one document."),
    "E502": (ERROR, 5, "document {actual!r} is not assigned to a split", "Add the document id to corpus/splits.json with train, validation or test."),
    "E503": (ERROR, 5, "split file names document {actual!r}, which is not in the corpus", "Remove the entry from corpus/splits.json or add the document."),
    "E504": (ERROR, 5, "split file entry {actual!r} is not valid", "corpus/splits.json maps each document id once to \"train\", \"validation\" or \"test\"."),
    "W505": (WARNING, 5, "file name does not match document id {actual!r}", "Name the file <id>.json so the id is easy to find."),
    "E506": (ERROR, 5, "seed document {actual!r} is in split {split!r}, not test", "The published seed articles are kept in the test split."),
}

# Messages of the other stages live below, one section each; every CaveatError text is built from these.
MESSAGES: dict[str, str] = {
    # --- foundation (fileio, cliutil, ingest) ---
    "io.json_syntax": "{where}: {reason}. Fix: repair the JSON there (a truncated file, a missing comma or quote)",
    "io.json_duplicate_key": "{where}: {reason}. Fix: each key may appear once per object",
    "io.not_utf8": "{where}: {reason}. Fix: save the file as UTF-8.",
    "io.no_file": "{path}: no such file. Fix: check the path.",
    "io.no_path": "{path}: no such file or directory. Fix: check the path.",
    "io.is_dir": "{path}: is a directory, expected a file.",
    "io.unreadable": "{path}: cannot read ({reason}). Fix: check the file's permissions.",
    "io.out_is_dir": "{path}: is a directory, expected a file path to write. Fix: name a file (e.g. {path}/out.json).",
    "io.unwritable": "{path}: cannot write here ({reason}: {where}). Fix: choose an output path whose folders can be created and written.",
    "io.no_documents": "{path}: no document files here (expected *.json in {path}/documents/ or in {path} itself). Fix: pass a corpus directory or document files.",
    "io.not_corpus": "{path}: not a corpus directory (no documents/ inside). Fix: pass --corpus DIR.",
    "ingest.origin": "origin {origin!r} is not one of {origins}",
    "ingest.meta_count": "{where}: the metadata lists {n_meta} article(s) but the text holds {n_text} (articles are separated by two or more blank lines). Fix: make the two agree.",
    # --- annotation (anchored pass files) ---
    "anchor_item_shape": "{where}: expected an object with a non-empty \"q\" (the quoted span text)",
    "anchor_context": "{where}: the `in` context {ctx!r} occurs {count} times in the text; it must occur exactly once. Fix: quote a longer, unique context",
    "anchor_not_found": "{where}: quote {q!r} not found: {hint}",
    "anchor_ambiguous": "{where}: quote {q!r} occurs {count} times on token boundaries (at offsets {offsets}). Fix: add \"in\": a unique longer quote around it, or \"n\": its 1-based occurrence, or \"n\": \"all\"",
    "anchor_bad_n": "{where}: n={n!r} but quote {q!r} occurs {count} time(s). Fix: n is 1..{count} or \"all\"",
    "anchor_unknown_keys": "{where}: unknown key(s) {keys}; allowed: {allowed}",
    "anchor_id_all": "{where}: an item with an \"id\" must pick exactly one occurrence (drop \"n\": \"all\" or the id)",
    "anchor_relation_shape": "{where}: expected {{\"type\", \"from\", \"to\"}} with span ids",
    "anchor_layer_shape": "{layer}: expected a list of items, found {actual}",
    "anchor_entity_overlap": "entities: {a!r} at {a_start} and {b!r} at {b_start} overlap; entities are flat (OntoNotes, guideline E5). Fix: keep the longer name only (an \"n\": \"all\" item may have matched inside a longer name; use \"in\" or \"n\")",
    "anchor_doc_id": "doc_id {actual!r} does not match the document {expected!r}",
    "anchor_not_object": "{file}: expected a JSON object with doc_id and the annotation layers, found {found}. Fix: see docs/annotating.md for the pass-file format",
    "anchor_no_document": "{file}: no document {doc_id!r} in {corpus}. Fix: segment the article first (caveat segment) or fix doc_id",
    # --- agreement ---
    "agreement_no_id": "{where}: document #{n} has no \"id\". Fix: compare Caveat documents (each has a string id), e.g. the output of `caveat anchor`.",
    "agreement_duplicate_id": "{where}: document id {doc_id!r} occurs more than once. Fix: keep one file per document id on each side.",
    "agreement_no_text": "{where}: document {doc_id!r} has no \"text\". Fix: compare resolved documents (`caveat anchor ... --out DIR`), not anchored pass files.",
    "agreement_text_mismatch": "document {doc_id!r}: the text in {a} differs from the text in {b} at code point {offset} ({a_text!r} vs {b_text!r}; lengths {a_len} and {b_len}). Agreement needs two annotations of the same text. Fix: resolve both passes against the same corpus/documents/{doc_id}.json (`caveat anchor`), or compare the right files.",
    "agreement_no_shared": "no document id occurs in both {a} ({n_a} document(s)) and {b} ({n_b} document(s)). Fix: pass two annotations of the same documents, e.g. corpus/annotation/first and corpus/annotation/second.",
    "agreement_empty": "{path}: no document files (*.json) found. Fix: pass a directory of resolved documents or document files.",
    "agreement_invalid": "{file}: not a valid document ({count} error(s)); first: {first} Fix: run `caveat validate {file}` and repair it before measuring agreement.",
    # --- labelstudio ---
    "ls.not_export": "{file}: not a Label Studio JSON export: expected a JSON list of tasks, found {found}. Fix: export the project in the \"JSON\" format (not JSON_MIN, CSV or CONLL), or use `caveat ls pull`.",
    "ls.task_shape": "{where}: expected {expected}, found {found}. Fix: use Label Studio's full JSON export unchanged (`caveat ls pull` takes one for you).",
    "ls.no_doc_id": "{where}: data has no \"doc_id\" string, so the task cannot be matched to a Caveat document. Fix: create tasks with `caveat ls export` or `caveat ls push`, which set data.doc_id.",
    "ls.no_text": "{where}: data has no \"text\" string. Fix: create tasks with `caveat ls export` or `caveat ls push`, which put the document text in data.text.",
    "ls.text_changed": "{where}: the task text differs from {file} at offset {offset}: Label Studio has {ls!r}, the corpus has {corpus!r}. Fix: the document changed after it was pushed; push it again (caveat ls push updates unannotated tasks) or restore the corpus text.",
    "ls.result_shape": "{where}: expected {expected}, found {found}. Fix: re-export the project as full JSON; a hand-edited result must keep Label Studio's shape.",
    "ls.unknown_from_name": "{where}: from_name {name!r} is not a control of Caveat's labeling config (expected one of {expected}). Fix: give the project the config from `caveat ls config` (`caveat ls push` does), relabel, and export again.",
    "ls.unknown_label": "{where}: label {label!r} is not in the inventory for control {control!r} (expected one of {expected}). Fix: relabel the region with a label from schema/labels.json, or update the project's config with `caveat ls push`.",
    "ls.label_count": "{where}: a region carries exactly one label, found {labels}. Fix: give the region one label in Label Studio (draw overlapping regions for spans of different layers).",
    "ls.region_twice": "{where}: region id {rid!r} appears twice as a labeled region ({controls}). Fix: delete one of them in Label Studio and draw a separate region for each label.",
    "ls.bad_offsets": "{where}: offsets [{start}, {end}) are not a non-empty range inside the text (length {length}, counted in {unit}). Fix: re-export from Label Studio; if the export comes from an older Label Studio that counted UTF-16 units, import with --offsets utf16.",
    "ls.text_mismatch": "{where}: value.text {found!r} does not match the document text {expected!r} at [{start}, {end}) (counted in {unit}). Fix: {hint}",
    "ls.hint_utf16": "these offsets match if counted in UTF-16 code units, as older Label Studio editors did: import with --offsets utf16.",
    "ls.hint_codepoint": "these offsets match if counted in code points, as Label Studio 1.23.2 does: import without --offsets utf16.",
    "ls.hint_text": "the text of the task or the export was edited after annotation; re-annotate the region in Label Studio and export again.",
    "ls.choice_no_region": "{where}: per-region choice {name!r} belongs to region {rid!r}, which this annotation does not have. Fix: delete the stray choice (or restore the region) in Label Studio and export again.",
    "ls.choice_layer": "{where}: {name!r} is an attribute of {layer} but region {rid!r} is a {label} span. Fix: clear the choice on that region in Label Studio, or relabel the region.",
    "ls.bad_choice": "{where}: {name!r} needs exactly one of {expected}, found {found}. Fix: pick one value for the region in Label Studio.",
    "ls.relation_missing": "{where}: relation {from_id!r} -> {to_id!r} points at region {missing!r}, which this annotation does not have. Fix: delete the relation in Label Studio or restore the region, then export again.",
    "ls.relation_label": "{where}: relation {from_id!r} ({from_label}) -> {to_id!r} ({to_label}) with label(s) {labels} is none of: {rules}. Fix: pick the relation's label in Label Studio, or connect the right regions.",
    "ls.duplicate_id": "{where}: id {rid!r} is used by two different spans or relations. Fix: re-export; if the file was edited, give every region a unique id.",
    "ls.pred_schema": "{where}: {reason}. Fix: make the record match schema/prediction.schema.json (one JSON object per document, as `caveat predict` writes).",
    "ls.pred_unknown_doc": "{where}: doc_id {doc_id!r} is not among the {n} document(s) being exported. Fix: predict on these documents, or pass the right --corpus / --doc.",
    "ls.pred_duplicate": "{where}: a second record for document {doc_id!r} (the first is {first}). Fix: keep one record per document in each predictions file.",
    "ls.unknown_docs": "{corpus}: no document(s) {ids}. Fix: check the ids against {corpus}/documents/.",
    "ls.no_documents": "{corpus}: no documents to send. Fix: add documents under {corpus}/documents/ or check --corpus.",
    "ls.no_url": "no Label Studio URL. Fix: pass --url http://HOST:PORT or set LABEL_STUDIO_URL.",
    "ls.no_key": "no Label Studio API token. Fix: set LABEL_STUDIO_API_KEY (or pass --api-key); the token is on the server's Account & Settings page.",
    "ls.unreachable": "cannot reach Label Studio at {url} ({reason}). Fix: start the server (see docs/labelstudio.md) and check --url or LABEL_STUDIO_URL.",
    "ls.auth": "Label Studio at {url} refused the API token (HTTP {status}). Fix: copy a current token from Account & Settings; a legacy token works only if the organization enables legacy tokens.",
    "ls.http": "Label Studio at {url} answered HTTP {status} to {action}: {detail}. Fix: {fix}",
    "ls.fix_config": "Label Studio refuses a new config that would orphan existing annotations; create a new project (--project NEW-TITLE) or remove the annotations that use the old labels.",
    "ls.fix_generic": "check the server log; if the request is right, report it with the command you ran.",
    "ls.no_project": "no project {ref!r} on {url} (projects there: {known}). Fix: pass --project with an existing title or id; `caveat ls push` creates projects.",
    "ls.ambiguous_project": "{count} projects are titled {ref!r} on {url} (ids {ids}). Fix: pass the project id with --project.",
    "ls.export_timeout": "the export of project {project} did not finish within {seconds} s (status {status!r}). Fix: try again with a larger --timeout, or export JSON in the web interface and run `caveat ls import`.",
    "ls.kept_adjudicated": "{path}: kept, because it is {status} gold ({doc_id}, annotator {annotator}). Fix: pass --overwrite-adjudicated to replace it, or pull into another --out.",
    "ls.failed_tasks": "{count} task(s) could not be read and nothing was written for them (errors above). Fix: correct them in Label Studio and pull or import again.",
    "ls.push_conflict": "{doc_id}: task {task} is annotated and its text differs from the corpus, so it was left as it is. Fix: restore the corpus text, or pull the annotations first and push the new text as a new project.",
    "ls.no_such_annotator": "no kept annotation is by {annotator!r}; annotators in this export: {seen}. Fix: pass one of them to --annotator (their e-mail, or user-<id> if the export does not name users).",
    # --- hf ---
    "hf.no_split": "{count} document(s) have no split in corpus/splits.json (first: {first!r}). Fix: run `caveat splits`, then build again.",
    "hf.empty": "the corpus has no documents. Fix: add documents under corpus/documents/ before building.",
    "hf.invalid": "{file}: {count} validation error(s); `caveat validate {corpus}` lists them all, fix each and run the command again. The first: {first}",
    "hf.check_missing": "{path}: missing from the built directory",
    "hf.check_stale": "{path}: differs from a fresh build of the corpus",
    "hf.check_extra": "{path}: not part of a fresh build (left over from an older build)",
    "hf.check_failed": "{out} is not up to date with {corpus}: {count} problem(s); {first}. Fix: run `caveat build --corpus {corpus} --out {out}`.",
    "hf.out_not_dir": "{out}: exists and is not a directory. Fix: pass --out DIR with a directory path.",
    "hf.bad_manifest": "{path}: not a manifest written by `caveat build` (expected an object with \"files\"). Fix: delete {out} or pass a new --out, then build again.",
    "hf.not_built": "{out}: no {manifest} in this directory, so it was not made by `caveat build`; refusing to write into it. Fix: pass an empty or new directory.",
    "splits.bad_file": "{file}: expected a JSON object mapping document ids to \"train\", \"validation\" or \"test\"; found {found}. Fix: repair the file, or rebuild it with `caveat splits --reassign`.",
    "splits.stale": "{file} is not up to date: {count} document(s) would change (first: {first}). Fix: run `caveat splits --corpus {corpus}`.",
    "stats.bad_report": "{file}: an agreement report must be a JSON object; found {found}. Fix: rewrite it with `caveat agreement ... --out {file}`.",
    # --- scoring / evaluate / leaderboard ---
    "scoring.no_gold": "there are no gold documents to score. Fix: check --corpus and --split (that split may hold no documents yet), or pass --gold FILE.",
    "scoring.unknown_split": "unknown split {split!r}; expected one of: {splits}.",
    "scoring.bad_folds": "cannot make {k} folds of {n} document(s). Fix: choose 2 <= k <= the number of documents.",
    "scoring.unknown_track": "unknown track {track!r}; expected one of: {tracks}.",
    "scoring.bad_record": "{where}: {path}: expected {expected}, found {found}. Fix: make the record match schema/prediction.schema.json (`python scripts/evaluate.py` checks it).",
    "scoring.bad_offsets": "{where}: {path}: span [{start}, {end}) is empty or outside the text of {doc_id!r} (length {length}). Fix: offsets are half-open code-point offsets with 0 <= start < end <= len(text).",
    "scoring.span_text": "{where}: {path}: span text {pred!r} does not match the document text {gold!r} at [{start}, {end}). Fix: count offsets in Unicode code points (Python str indices), not bytes or UTF-16 units; set text to text[start:end] or leave it out.",
    "scoring.relation_end": "{where}: {path}: the {type} relation points {end} {target!r}, which is no span id in this record. Fix: give the span that id, or drop the relation.",
    "scoring.relation_layer": "{where}: {path}: the {type} relation goes {end} a span of {layer}; expected a span of {allowed}. Fix: point it at the right span, as schema/labels.json defines the relation.",
    "scoring.duplicate_span_id": "{where}: {path}: span id {sid!r} is used by more than one span in this record. Fix: make span ids unique within a record.",
    "scoring.duplicate_prediction": "{where}: document {doc_id!r} already has a prediction record ({first}). Fix: keep one record per document.",
    "scoring.unknown_document": "{where}: document {doc_id!r} is not among the {n_gold} gold document(s) (for example {example!r}). Fix: predict exactly the gold documents; check --split and the doc_id spelling.",
    "scoring.missing_document": "the predictions have no record for gold document {doc_id!r} ({n_missing} of {n_gold} gold documents are missing; this is the first in gold order). Fix: add a record with that doc_id; a system that finds nothing writes empty lists.",
    "scoring.text_mismatch": "{where}: the text of document {doc_id!r} differs from the gold at offset {offset} (line {line}, column {column}): gold has {gold!r}, the predictions have {pred!r}. Fix: predict on the exact gold text (NFC, \\n line ends) or leave \"text\" out.",
    "evaluate.schema": "{file}: {n} record(s) do not match schema/prediction.schema.json:\n{problems}\nFix: correct those lines (one JSON object per document; spans {{start, end, label, ...}} with code-point offsets).",
    "evaluate.submission": "{dir}: the submission has {n} problem(s):\n{problems}\nFix: correct them; leaderboard/README.md describes metadata.json and predictions.jsonl.",
    "evaluate.empty": "{file}: holds no records. Fix: write one JSON object per line, one per document.",
    "evaluate.no_split": "{splits}: no document is in split {split!r}. Fix: choose another --split (train, validation, test or all) or assign documents to it.",
    "evaluate.split_fallback": "note: {corpus} has no splits.json yet, so all {n} gold document(s) are scored (split \"all\").",
    "evaluate.unannotated": "note: {n} of the {total} document(s) in split {split!r} are not annotated yet (no annotation pass, no span) and are not scored.",
    "evaluate.outside_split": "note: {n} record(s) for corpus documents outside split {split!r} were not scored.",
    "evaluate.unannotated_records": "note: {n} record(s) for documents of split {split!r} that are not annotated yet were not scored.",
    "evaluate.gold_text": "{where}: an outside gold record needs the document text as \"text\". Fix: add the text its offsets point into.",
    "leaderboard.metadata": "{file}: {path}: {reason}. Fix: metadata.json holds name, description, url, date (YYYY-MM-DD) and external_data (true if the system used data outside the train split); see leaderboard/README.md.",
    "leaderboard.no_predictions": "{dir}: no {name}. Fix: put the system's prediction file there (JSON Lines, one object per document), or name it in metadata.json as \"predictions\".",
    "leaderboard.invalid": "{n} of {total} submission(s) were left off the board because they are invalid (errors above). Fix: correct them and run `caveat leaderboard` again.",
    "leaderboard.not_dir": "{dir}: not a submissions directory. Fix: pass --submissions DIR, a folder holding one folder per system.",
    # --- baselines / predict ---
    "baselines.no_splits": "{corpus}: no splits.json, so there is no train split to learn from. Fix: run `caveat splits --corpus {corpus}` (or add {corpus}/splits.json mapping each document id to train, validation or test).",
    "baselines.no_train": "{corpus}: the train split has no annotated documents ({n} document(s) there, all with empty annotation layers), so there is nothing to learn from. Fix: annotate train documents (docs/annotating.md), then run `caveat train` again.",
    "baselines.no_validation": "note: the validation split has no annotated documents; hyper-parameters are chosen by {folds}-fold cross-validation on train instead.",
    "baselines.no_test": "note: the test split has no annotated documents, so no leaderboard submissions were written (models were saved). Annotate test documents and run `caveat train` again to submit the baselines.",
    "baselines.model_unreadable": "{file}: not a readable Caveat model ({reason}). Fix: the file is damaged or not written by `caveat train`; run `caveat train` again to rebuild it.",
    "baselines.model_untrusted": "{file}: the model holds types outside skops' trusted set ({types}), so Caveat will not load it. Fix: use only models written by `caveat train`; run it again to rebuild this one.",
    "baselines.model_format": "{file}: expected a Caveat baseline model of format {expected}, found {found}. Fix: run `caveat train` again with this version of Caveat.",
    "baselines.inventory_mismatch": "{file}: model {name!r} was trained on label inventory {trained_version} (sha256 {trained}...), but schema/labels.json is now {current_version} (sha256 {current}...); its labels may no longer exist. Fix: run `caveat train` again so the models learn the current labels.",
    "baselines.no_models": "{dir}: no trained models (no *.skops files). Fix: run `caveat train` (it writes them to baselines/models/), or pass --models DIR.",
    "baselines.model_renamed": "{file}: holds model {found!r}, not {name!r} (was the file renamed?). Fix: name the file {found}.skops, or run `caveat train` again to rebuild the models.",
    "baselines.no_learned": "{dir}: no learned model of any track (found: {available}). Fix: run `caveat train` to write every baseline, or pick one with --model NAME.",
    "baselines.unknown_model": "{name!r} is not a trained model in {dir}; trained: {available}. Fix: choose one of those (`caveat models` lists them), or run `caveat train`.",
    "baselines.missing_requirement": "model {name!r} reads the output of {dep!r}, which is not in {dir}. Fix: run `caveat train` again to write every baseline.",
    "baselines.oracle": "the oracle copies gold annotations, which new text does not have, so it cannot predict. Fix: choose a trained model (`caveat models` lists them).",
    "baselines.input_kind": "{file}: expected a JSON Lines file (.jsonl) of {{\"doc_id\", \"text\"}} records or a plain-text file (.txt). Fix: rename or convert the file.",
    "baselines.input_record": "{where}: expected a JSON object {{\"doc_id\": \"...\", \"text\": \"...\"}}, found {found}. Fix: write one such object per line.",
    "baselines.input_field": "{where}: {field!r} must be {expected}, found {found}. Fix: give every record a non-empty string \"doc_id\" and the article as a string \"text\".",
    "baselines.input_duplicate": "{where}: doc_id {doc_id!r} was already used at {first}. Fix: give every document its own doc_id (a .txt file's doc_id is its file name without .txt).",
    "baselines.input_empty": "{file}: holds no documents. Fix: write one {{\"doc_id\", \"text\"}} object per line, or pass a non-empty .txt file.",
    "baselines.out_is_input": "{path}: is also an --input file; predicting would overwrite the articles. Fix: pass another --out path (e.g. preds.jsonl).",
    "baselines.out_dir": "{path}: is a directory; --out names the predictions file to write (e.g. preds.jsonl).",
    # --- segment ---
    "segment.sidecar_shape": "{file}: expected an object or a list of objects, one per article. Fix: write the metadata (title, date, publisher, url, id...) as one JSON object, or a list of them in article order",
    "segment.no_articles": "{file}: holds no article text (it is empty or only whitespace). Fix: pass a file with at least one article, or leave it out.",
    "segment.same_id": "{second} and {first} both become document {doc_id!r}; the second would overwrite the first. Nothing was written. Fix: give one of them its own \"id\" in a sidecar x.meta.json, or change its headline.",
    "segment.exists": "{target}: already exists; {why}. Nothing was written.",
    "segment.exists_not_document": "{target}: already exists and is not a Caveat document ({found}); refusing to overwrite it. Nothing was written. Fix: move the file away or pass another --out.",
    # --- render ---
    "render.bad_document": "{file}: {path}: cannot draw this document: {problem}. Fix: run `caveat validate {file}` and repair it, then render again.",
    "render.pred_schema": "{where}: {path}: not a valid prediction record: {reason}. Fix: make the line match schema/prediction.schema.json (`python scripts/evaluate.py` checks a whole file).",
    "render.pred_unknown_doc": "{where}: document {doc_id!r} is not among the corpus's {n} document(s). Fix: pass the --corpus the predictions were made for, or correct the doc_id.",
    "render.pred_empty": "{file}: holds no prediction records. Fix: write one JSON object per line, one per document, or leave out --pred.",
    "render.system_without_pred": "--system names the system whose --pred file is shown; pass --pred FILE as well.",
    "render.no_results": "{file}: no such file. Fix: run `caveat leaderboard` first, or leave out --results.",
    "render.bad_results": "{file}: expected the JSON object that `caveat leaderboard` writes; found {found}. Fix: run `caveat leaderboard` again, or pass --results with the right file.",
    "render.out_not_dir": "{out}: exists and is not a directory. Fix: pass --out DIR with a directory path.",
    "render.out_not_site": "{out}: not empty and holds no {manifest}, so it was not made by `caveat render`; refusing to write into it. Fix: pass an empty or new directory.",
}


def message(key: str, **details: Any) -> str:
    """The user-facing text of a non-validator failure, from :data:`MESSAGES`."""
    return MESSAGES[key].format(**details)


@dataclass(frozen=True)
class Problem:
    """One validation finding: a stable code, where it is, what was expected vs found, and how to fix it."""

    code: str
    file: str
    path: str
    details: dict[str, Any] = field(default_factory=dict)
    expected: str | None = None
    actual: str | None = None

    @property
    def severity(self) -> str:
        return CATALOG[self.code][0]

    @property
    def level(self) -> int:
        return CATALOG[self.code][1]

    @property
    def message(self) -> str:
        return CATALOG[self.code][2].format(**self.details)

    @property
    def hint(self) -> str:
        return CATALOG[self.code][3].format(**self.details)

    def render(self) -> str:
        """One human-readable line: file, path, code, message, expected vs actual, fix."""
        parts = [f"{self.file}: {self.path}: {self.code} {self.severity}: {self.message}"]
        facts = [f"{k} {v}" for k, v in (("expected", self.expected), ("found", self.actual)) if v is not None]
        if facts:
            parts.append(f"({'; '.join(facts)})")
        parts.append(f"Fix: {self.hint}")
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record of the problem."""
        out = asdict(self)
        out.update(severity=self.severity, level=self.level, message=self.message, hint=self.hint)
        return out


class CaveatError(Exception):
    """A user-facing failure: one clear message and an exit code (1 bad data, 2 bad usage)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


class UsageError(CaveatError):
    """Bad command-line usage (exit code 2)."""

    def __init__(self, message: str):
        super().__init__(message, exit_code=2)
