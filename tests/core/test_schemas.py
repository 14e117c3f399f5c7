"""The JSON Schemas: valid Draft 2020-12, generated from the label inventory, in sync with `caveat schema`."""
from __future__ import annotations

import json
import random
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings, strategies as st

from caveat.commands.schema import main as schema_main
from caveat.labels import ANNOTATION_LAYERS, inventory
from caveat.schemas import DRAFT, GENERATED, document_schema, render_schema
from caveat.validate import _fast_valid, _validator

from .factory import mini_doc

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
SCHEMA_FILES = sorted(SCHEMA_DIR.glob("*.schema.json"))


def test_every_generated_schema_is_committed():
    assert sorted(p.name for p in SCHEMA_FILES) == sorted(GENERATED)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_against_the_2020_12_meta_schema(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == DRAFT
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator


def test_meta_schema_check_catches_a_broken_schema():
    with pytest.raises(jsonschema.SchemaError):
        jsonschema.Draft202012Validator.check_schema({"$schema": DRAFT, "type": "objekt"})


def test_schema_check_passes_on_the_checkout(capsys):
    assert schema_main(["--check"]) == 0


def test_schema_check_fails_on_a_stale_copy(tmp_path, capsys):
    for name, make in GENERATED.items():
        (tmp_path / name).write_text(render_schema(make()), encoding="utf-8")
    assert schema_main(["--check", "--out", str(tmp_path)]) == 0
    stale = tmp_path / "document.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace('"ORG"', '"COMPANY"'), encoding="utf-8")
    assert schema_main(["--check", "--out", str(tmp_path)]) == 1
    assert f"{stale} is out of date" in capsys.readouterr().out
    assert schema_main(["--out", str(tmp_path), "--quiet"]) == 0
    assert schema_main(["--check", "--out", str(tmp_path)]) == 0


def test_schema_enums_come_from_the_inventory():
    inv = inventory()
    defs = document_schema()["$defs"]
    for layer in ANNOTATION_LAYERS:
        assert defs[f"{layer}_span"]["properties"]["label"]["enum"] == inv.labels(layer)
        for name in inv.attributes(layer):
            prop = defs[f"{layer}_span"]["properties"][name]
            assert prop.get("enum", [False, True]) == inv.attribute_values(layer, name)
    assert defs["relation"]["properties"]["type"]["enum"] == inv.relation_types


MUTATIONS = [
    lambda d, r: d["tokens"][r.randrange(len(d["tokens"]))].__setitem__("start", r.choice([-1, "3", 2.5, True, None])),
    lambda d, r: d["entities"][0].__setitem__("label", r.choice(["ORG", "org", "", "CLAIM"])),
    lambda d, r: d["claims"][0].__setitem__("checkworthy", r.choice([True, 1, "yes", None])),
    lambda d, r: d.pop(r.choice(list(d))),
    lambda d, r: d.__setitem__(r.choice(["extra", "id", "text"]), r.choice([1, "x", [], "a b"])),
    lambda d, r: d["meta"].__setitem__(r.choice(["date", "language", "origin"]), r.choice(["2019", "Oct", "en", "seed", 5])),
    lambda d, r: d["relations"][0].__setitem__(r.choice(["type", "from", "id"]), r.choice(["hedges", 3, "r 1", "c1"])),
    lambda d, r: d["hedges"][0].pop("hedge_type"),
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(range(len(MUTATIONS))), st.integers(0, 2**16)), min_size=1, max_size=3))
def test_fast_precheck_never_accepts_what_jsonschema_rejects(steps):
    """The compiled pre-check may only skip the detailed pass when jsonschema would find nothing."""
    doc = json.loads(json.dumps(mini_doc()))
    for k, seed in steps:
        try:
            MUTATIONS[k](doc, random.Random(seed))
        except (KeyError, IndexError, TypeError):
            pass
    inv = inventory()
    if _fast_valid(doc, inv):
        assert _validator(inv).is_valid(doc)
