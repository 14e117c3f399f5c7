"""croissant.json: `mlcroissant validate` accepts it, and its records equal the rows `datasets` loads."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from caveat.hf.croissant import record_set_id

from .helpers import decoded_rows

pytestmark = pytest.mark.slow


def _plain(value: Any) -> Any:
    """A Croissant record value as plain Python: bytes to str, arrays to lists, field ids to short names."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, dict):
        return {k.rsplit("/", 1)[-1]: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value


def test_mlcroissant_validate_accepts_it(fixture_build):
    exe = Path(sys.executable).with_name("mlcroissant")
    proc = subprocess.run([str(exe), "validate", "--jsonld", str(fixture_build / "croissant.json")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "error" not in proc.stderr.lower()


def test_croissant_lists_every_data_file_with_its_hash(fixture_build):
    meta = json.loads((fixture_build / "croissant.json").read_text())
    assert meta["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    files = {d["contentUrl"]: d["sha256"] for d in meta["distribution"]}
    on_disk = {p.relative_to(fixture_build).as_posix(): p for p in (fixture_build / "data").rglob("*.parquet")}
    assert set(files) == set(on_disk)
    for url, sha in files.items():
        assert hashlib.sha256(on_disk[url].read_bytes()).hexdigest() == sha
    for key in ("rai:dataCollection", "rai:dataAnnotationProtocol", "rai:dataAnnotationPlatform", "rai:annotatorDemographics",
                "rai:dataLimitations", "rai:dataBiases", "rai:personalSensitiveInformation"):
        assert meta.get(key), key


def test_croissant_records_equal_the_datasets_rows(fixture_build, fixture_loaded):
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=str(fixture_build / "croissant.json"))
    checked = 0
    for config, loaded in fixture_loaded.items():
        for split, rows in decoded_rows(loaded).items():
            records = [_plain(r) for r in dataset.records(record_set=record_set_id(config, split))]
            assert len(records) == len(rows)
            for record, row in zip(records, rows):
                assert record == row, (config, split, row["id"])
            checked += len(rows)
    assert checked > 3 * len(fixture_loaded["documents"]["splits"]) * 10
