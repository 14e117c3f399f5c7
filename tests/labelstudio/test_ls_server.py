"""The three round-trip scenarios against a real Label Studio 1.23.2 server started by the tests."""
from __future__ import annotations

import copy
import json
import shutil

import pytest

from caveat.agreement import compare
from caveat.commands import agreement as agreement_cmd
from caveat.commands import ls as ls_cmd
from caveat.document import canonical, dumps
from caveat.labelstudio import sync
from caveat.labelstudio.convert import layers_result
from caveat.labelstudio.plan import annotator_dir
from caveat.validate import validate_document
from ls_samples import GOLDEN, REGEN, as_prediction, emoji_document, empty_document, layers_of, plain_document, span

pytestmark = [pytest.mark.labelstudio, pytest.mark.slow]


def write_corpus(root, docs):
    """A corpus directory holding ``docs``."""
    (root / "documents").mkdir(parents=True)
    for d in docs:
        (root / "documents" / f"{d['id']}.json").write_text(dumps(d), encoding="utf-8")
    return root


def read_doc(path):
    return json.loads(path.read_text(encoding="utf-8"))


def stripped(doc):
    """The document with empty annotation layers (what a corpus holds before annotation)."""
    out = copy.deepcopy(doc)
    for layer in ("entities", "claims", "sources", "hedges", "relations"):
        out[layer] = []
    return out


def tasks_by_doc(conn, project_title):
    project = sync.require_project(conn, project_title)
    return project.id, {t.data["doc_id"]: t.id for t in conn.client.tasks.list(project=project.id)}


@pytest.fixture
def ls_env(ls_server, monkeypatch):
    """The SDK's own environment variables pointing at the test server, as the first annotator."""
    monkeypatch.setenv("LABEL_STUDIO_URL", ls_server.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", ls_server.users[0].token)
    return ls_server


def test_identity_push_gold_pull_equal(ls_env, ls_conn, tmp_path, capsys):
    """Scenario 1: gold documents pushed as annotations come back equal in every layer, attribute and relation."""
    originals = [emoji_document(), plain_document(), empty_document()]
    corpus = write_corpus(tmp_path / "corpus", originals)
    assert ls_cmd.main(["push", "--project", "identity", "--corpus", str(corpus)]) == 0
    assert "3 new tasks" in capsys.readouterr().out
    empty_before = (corpus / "documents" / "ls-empty.json").read_bytes()

    assert ls_cmd.main(["pull", "--project", "identity", "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "2 document(s) written" in out and "1 without annotations" in out
    for original in originals[:2]:
        path = corpus / "documents" / f"{original['id']}.json"
        pulled = read_doc(path)
        assert layers_of(pulled) == layers_of(original)
        assert validate_document(pulled, str(path)) == []
        assert pulled["meta"]["annotation"]["status"] == "draft"
        last = pulled["meta"]["annotation"]["passes"][-1]
        assert last["annotator"] == ls_env.users[0].email
        assert {"task", "annotation", "project", "created_at", "updated_at"} <= set(last["labelstudio"])
    assert (corpus / "documents" / "ls-empty.json").read_bytes() == empty_before

    # a second push adds nothing; a second pull changes nothing
    assert ls_cmd.main(["push", "--project", "identity", "--corpus", str(corpus), "-q"]) == 0
    _, tasks = tasks_by_doc(ls_conn, "identity")
    assert sorted(tasks) == sorted(d["id"] for d in originals)
    before = {p.name: p.read_bytes() for p in (corpus / "documents").iterdir()}
    assert ls_cmd.main(["pull", "--project", "identity", "--corpus", str(corpus)]) == 0
    assert "0 document(s) written, 2 unchanged" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in (corpus / "documents").iterdir()} == before

    # adjudicated gold is never overwritten unless asked
    path = corpus / "documents" / "ls-emoji-cjk.json"
    gold = read_doc(path)
    gold["meta"]["annotation"]["status"] = "adjudicated"
    gold["entities"] = gold["entities"][1:]   # the first entity is in no relation
    path.write_text(dumps(gold), encoding="utf-8")
    kept = path.read_bytes()
    assert ls_cmd.main(["pull", "--project", "identity", "--corpus", str(corpus)]) == 0
    captured = capsys.readouterr()
    assert "kept, because it is adjudicated" in captured.err and "1 kept adjudicated" in captured.out
    assert path.read_bytes() == kept
    assert ls_cmd.main(["pull", "--project", "identity", "--corpus", str(corpus), "--overwrite-adjudicated"]) == 0
    assert "entities +1" in capsys.readouterr().out
    assert layers_of(read_doc(path)) == layers_of(originals[0])

    # the token is never written anywhere, and a refused one is not echoed
    assert ls_cmd.main(["pull", "--project", "identity", "--corpus", str(corpus), "--save-export", str(tmp_path / "x.json")]) == 0
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and ls_env.users[0].token.encode() in p.read_bytes()]
    assert ls_cmd.main(["pull", "--project", "identity", "--corpus", str(corpus), "--api-key", "not-the-token-42"]) == 1
    captured = capsys.readouterr()
    assert "refused the API token (HTTP 401)" in captured.err and "not-the-token-42" not in captured.err + captured.out
    assert ls_cmd.main(["pull", "--project", "no-such-project", "--corpus", str(corpus)]) == 1
    assert "no project 'no-such-project'" in capsys.readouterr().err


def editor_result(prediction_result, remove=(), add=(), set_choice=None, relations=()):
    """What the editor saves after a person accepts a prediction with edits: relations lose their ids."""
    out = []
    for item in copy.deepcopy(prediction_result):
        if item.get("id") in remove or item.get("from_id") in remove or item.get("to_id") in remove:
            continue
        item.pop("score", None)
        if item["type"] == "relation":
            item.pop("id", None)
        else:
            item["origin"] = "prediction"
        if set_choice and item.get("id") == set_choice[0] and item.get("from_name") == set_choice[1]:
            item["value"]["choices"] = [set_choice[2]]
            item["origin"] = "prediction-changed"
        out.append(item)
    return out + list(add) + list(relations)


def test_annotator_edits_arrive_exactly(ls_env, ls_conn, tmp_path, capsys):
    """Scenario 2: predictions as pre-annotations; a person accepts some, deletes one, adds one, changes a type, links two."""
    gold = emoji_document()
    corpus = write_corpus(tmp_path / "corpus", [stripped(gold)])
    preds = tmp_path / "baseline-v1.jsonl"
    record = as_prediction(gold)
    preds.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert ls_cmd.main(["push", "--project", "edits", "--corpus", str(corpus), "--predictions", str(preds), "-q"]) == 0

    pid, tasks = tasks_by_doc(ls_conn, "edits")
    tid = tasks[gold["id"]]
    predictions = list(ls_conn.client.predictions.list(task=tid))
    assert [p.model_version for p in predictions] == ["baseline-v1"]
    assert predictions[0].score == pytest.approx(sum(s["score"] for k in ("entities", "claims", "sources", "hedges")
                                                     for s in record[k]) / sum(len(record[k]) for k in ("entities", "claims", "sources", "hedges")))

    # the edits, as the editor would save them (new regions get the editor's random ids)
    new_entity = span(gold, "_k9Lm2PqRs", "She", "PERSON")
    added = layers_result({"entities": [new_entity]}, gold["text"])
    relation = {"type": "relation", "from_id": "c1", "to_id": "s1", "direction": "right", "labels": ["attributed_to"]}
    changed_to = next(t for t in ("EPISTEMIC", "APPROXIMATOR", "ATTRIBUTION", "CONDITIONAL") if t != gold["hedges"][1]["hedge_type"])
    result = editor_result(predictions[0].result, remove={"e2"}, add=added, set_choice=("h2", "hedge_type", changed_to),
                           relations=[relation])
    ls_conn.client.annotations.create(id=tid, result=result, lead_time=42.0)

    out_preds = tmp_path / "preds-out"
    assert ls_cmd.main(["pull", "--project", "edits", "--corpus", str(corpus), "--predictions-out", str(out_preds)]) == 0
    summary = capsys.readouterr().out
    pulled = read_doc(corpus / "documents" / f"{gold['id']}.json")

    expected = copy.deepcopy(gold)
    expected["entities"] = [s for s in gold["entities"] if s["id"] != "e2"] + [dict(new_entity, id="ls_k9Lm2PqRs")]
    next(h for h in expected["hedges"] if h["id"] == "h2")["hedge_type"] = changed_to
    expected["relations"] = [{"id": f"{r['from']}-{r['type']}-{r['to']}", **{k: r[k] for k in ("type", "from", "to")}}
                             for r in gold["relations"]] + [{"id": "c1-attributed_to-s1", "type": "attributed_to", "from": "c1", "to": "s1"}]
    assert layers_of(pulled) == layers_of(canonical(expected))
    assert pulled["meta"]["annotation"]["passes"][-1]["labelstudio"]["lead_time"] == 42.0
    assert validate_document(pulled, "pulled") == []
    assert f"{gold['id']} ({ls_env.users[0].email}): entities +{len(expected['entities'])}, claims +2" in summary

    # the prediction survives the trip too: ids, scores, attributes and relations
    [back] = [json.loads(line) for line in (out_preds / "baseline-v1.jsonl").read_text(encoding="utf-8").splitlines()]
    assert back["meta"]["model_version"] == "baseline-v1"
    assert {k: back[k] for k in record} == json.loads(json.dumps(record))


def test_two_annotators_kept_apart_and_compared(ls_env, ls_server, ls_conn, tmp_path, capsys):
    """Scenario 3: two annotators on the same tasks; pull keeps both apart and `caveat agreement` compares them."""
    docs = [emoji_document(), plain_document(), empty_document()]
    corpus = write_corpus(tmp_path / "corpus", [stripped(d) for d in docs])
    preds = tmp_path / "baseline.jsonl"
    preds.write_text(json.dumps(as_prediction(docs[1]), ensure_ascii=False) + "\n", encoding="utf-8")
    assert ls_cmd.main(["push", "--project", "double", "--corpus", str(corpus), "--predictions", str(preds), "-q"]) == 0
    _, tasks = tasks_by_doc(ls_conn, "double")
    first, second = ls_server.users
    other = sync.connect(ls_server.url, second.token)

    emoji, plain = docs[0], docs[1]
    ls_conn.client.annotations.create(id=tasks[emoji["id"]], result=layers_result(emoji, emoji["text"]))
    ls_conn.client.annotations.create(id=tasks[plain["id"]], result=layers_result(plain, plain["text"]))
    b_version = copy.deepcopy(emoji)
    dropped = b_version["entities"].pop()                 # B misses one entity ...
    hedge = b_version["hedges"][1]                        # ... and types one hedge differently
    hedge["hedge_type"] = next(t for t in ("EPISTEMIC", "APPROXIMATOR", "ATTRIBUTION", "CONDITIONAL") if t != hedge["hedge_type"])
    b_result = layers_result(b_version, emoji["text"])
    for item in b_result:                                  # as drawn in the editor: relations without ids
        item.pop("id", None) if item["type"] == "relation" else None
    other.client.annotations.create(id=tasks[emoji["id"]], result=b_result)
    other.client.annotations.create(id=tasks[plain["id"]], result=[], was_cancelled=True)   # B skips the plain task

    export_file = tmp_path / "export.json"
    assert ls_cmd.main(["pull", "--project", "double", "--corpus", str(corpus), "--save-export", str(export_file)]) == 0
    summary = capsys.readouterr().out
    assert "1 skipped annotation(s) left out" in summary and "1 task(s) with several annotators kept apart" in summary
    # the task only A annotated goes into the corpus; the doubly annotated one stays apart, per annotator
    assert layers_of(read_doc(corpus / "documents" / f"{plain['id']}.json")) == layers_of(plain)
    assert read_doc(corpus / "documents" / f"{emoji['id']}.json") == json.loads(dumps(stripped(emoji)))
    dir_a = corpus / "annotators" / annotator_dir(first.email)
    dir_b = corpus / "annotators" / annotator_dir(second.email)
    a_doc, b_doc = read_doc(dir_a / f"{emoji['id']}.json"), read_doc(dir_b / f"{emoji['id']}.json")
    assert layers_of(a_doc) == layers_of(emoji)
    assert b_doc["meta"]["annotation"]["passes"][-1]["annotator"] == second.email
    assert [s["id"] for s in b_doc["entities"]] == [s["id"] for s in emoji["entities"] if s["id"] != dropped["id"]]

    report_file = tmp_path / "agreement.json"
    assert agreement_cmd.main([str(dir_a), str(dir_b), "--out", str(report_file), "-q"]) == 0
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["counts"]["documents"] == 1
    assert report == json.loads(json.dumps(compare([a_doc], [b_doc], names=(str(dir_a), str(dir_b)), date=report["date"])))
    n = len(emoji["entities"])
    assert report["spans"]["entities"]["exact"]["tp"] == n - 1
    assert report["spans"]["entities"]["exact"]["a_only"] == 1 and report["spans"]["entities"]["exact"]["b_only"] == 0
    assert report["spans"]["entities"]["exact"]["f1"] == pytest.approx(2 * (n - 1) / (2 * n - 1))
    assert report["attributes"]["hedges.hedge_type"]["observed_agreement"] == pytest.approx(1 - 1 / len(emoji["hedges"]))

    if REGEN:  # record this export (two annotators, a skip, a prediction, an unannotated task) as the golden input
        shutil.copyfile(export_file, GOLDEN / "export.json")


def test_push_brings_a_stale_project_config_up_to_date(ls_env, ls_conn, tmp_path, capsys):
    from caveat.labelstudio.config import labeling_config

    current = labeling_config()
    stale = current.replace('    <Label value="CARDINAL"', '    <Label value="OLD_LABEL" background="#000000"/>\n    <Label value="CARDINAL"')
    assert stale != current
    ls_conn.client.projects.create(title="stale-config", label_config=stale)
    corpus = write_corpus(tmp_path / "corpus", [plain_document()])
    assert ls_cmd.main(["push", "--project", "stale-config", "--corpus", str(corpus)]) == 0
    assert "(config updated)" in capsys.readouterr().out
    project = sync.require_project(ls_conn, "stale-config")
    assert project.label_config.strip() == current.strip()
    assert ls_cmd.main(["push", "--project", str(project.id), "--corpus", str(corpus)]) == 0
    assert "(found)" in capsys.readouterr().out


def test_push_updates_unannotated_tasks_and_never_annotated_ones(ls_env, ls_conn, tmp_path, capsys):
    plain, empty = plain_document(), empty_document()
    corpus = write_corpus(tmp_path / "corpus", [stripped(plain), empty])
    assert ls_cmd.main(["push", "--project", "text-changes", "--corpus", str(corpus), "-q"]) == 0
    _, tasks = tasks_by_doc(ls_conn, "text-changes")
    ls_conn.client.annotations.create(id=tasks[plain["id"]], result=layers_result(plain, plain["text"]))
    for d in (plain, empty):
        changed = dict(stripped(d), text=d["text"].replace(".\n", "!\n"))
        (corpus / "documents" / f"{d['id']}.json").write_text(dumps(changed), encoding="utf-8")
    assert ls_cmd.main(["push", "--project", "text-changes", "--corpus", str(corpus)]) == 0
    captured = capsys.readouterr()
    assert "1 tasks updated" in captured.out and "0 new tasks" in captured.out
    assert f"warning: {plain['id']}: task {tasks[plain['id']]} is annotated and its text differs" in captured.err
    assert ls_conn.client.tasks.get(tasks[empty["id"]]).data["text"].endswith("!\n")
    assert ls_conn.client.tasks.get(tasks[plain["id"]]).data["text"] == plain["text"]
