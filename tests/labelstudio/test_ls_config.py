"""The labeling config: generated from the inventory, valid for label_studio_sdk's LabelInterface, and stable (golden file)."""
from __future__ import annotations

import copy
import hashlib
import json
import xml.etree.ElementTree as ET

import pytest
from label_studio_sdk.label_interface import LabelInterface

from caveat.commands import ls as ls_cmd
from caveat.labels import ANNOTATION_LAYERS, Inventory, inventory
from caveat.labelstudio.config import CONTROL_LAYERS, TEXT_NAME, labeling_config, model
from caveat.labelstudio.convert import prediction_entry
from ls_samples import GOLDEN, REGEN, as_prediction, emoji_document


def test_config_matches_golden_file():
    """The generated config is byte-stable; regenerate with CAVEAT_REGEN_GOLDEN=1 after a deliberate change."""
    path = GOLDEN / "labeling_config.xml"
    if REGEN:
        path.write_text(labeling_config(), encoding="utf-8")
    assert labeling_config() == path.read_text(encoding="utf-8")


def test_config_is_valid_and_holds_the_whole_inventory():
    inv = inventory()
    xml = labeling_config()
    li = LabelInterface(xml)
    li.validate()
    labels = {name: li.get_control(name).labels for name in CONTROL_LAYERS}
    assert sorted(lab for labs in labels.values() for lab in labs) == sorted(lab for layer in ANNOTATION_LAYERS for lab in inv.labels(layer))
    for control, layers in CONTROL_LAYERS.items():
        assert labels[control] == [lab for layer in layers for lab in inv.labels(layer)]
    root = ET.fromstring(xml)
    assert [t.get("name") for t in root.iter("Text")] == [TEXT_NAME]
    assert [r.get("value") for r in root.iter("Relation")] == inv.relation_types
    # one per-region Choices per attribute, shown only for the labels of its layer
    for layer in ANNOTATION_LAYERS:
        for name, spec in inv.attributes(layer).items():
            [choices] = [c for c in root.iter("Choices") if c.get("name") == name]
            assert choices.get("perRegion") == "true" and choices.get("visibleWhen") == "region-selected"
            assert choices.get("whenLabelValue").split(",") == inv.labels(layer)
            assert (choices.get("required") == "true") == bool(spec.get("required"))
            assert [c.get("value") for c in choices.iter("Choice")] == [json.dumps(v) if isinstance(v, bool) else v
                                                                        for v in inv.attribute_values(layer, name)]


def test_converted_prediction_is_valid_for_the_config():
    doc = emoji_document()
    entry = prediction_entry(as_prediction(doc), doc["text"], "baseline")
    li = LabelInterface(labeling_config())
    assert li.validate_prediction(entry, return_errors=True) == []
    entry["result"][0]["from_name"] = "not-a-control"
    assert li.validate_prediction(entry, return_errors=True)


def test_config_follows_the_inventory():
    """A changed inventory gives a changed config: nothing in it is typed by hand."""
    raw = copy.deepcopy(inventory().raw)
    raw["layers"]["entities"]["labels"].append("VESSEL")
    raw["layers"]["hedges"]["attributes"]["hedge_type"]["values"].append("EVIDENTIAL")
    raw["relations"]["quotes"] = {"description": "test", "from": ["sources"], "to": ["claims"]}
    data = json.dumps(raw).encode()
    changed = Inventory(raw=raw, sha256=hashlib.sha256(data).hexdigest())
    xml = labeling_config(changed)
    LabelInterface(xml).validate()
    assert '<Label value="VESSEL"' in xml and '<Choice value="EVIDENTIAL"/>' in xml and '<Relation value="quotes"/>' in xml
    assert model(changed).layer_of_label["VESSEL"] == "entities"


def test_attribute_name_clash_is_refused():
    raw = copy.deepcopy(inventory().raw)
    raw["layers"]["sources"]["attributes"]["hedge_type"] = {"type": "boolean", "required": False}
    with pytest.raises(ValueError, match="hedge_type"):
        model(Inventory(raw=raw, sha256="x"))


def test_cli_prints_the_config(capsys, tmp_path):
    assert ls_cmd.main(["config"]) == 0
    assert capsys.readouterr().out == labeling_config()
    out = tmp_path / "c.xml"
    assert ls_cmd.main(["config", "--out", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8") == labeling_config()
