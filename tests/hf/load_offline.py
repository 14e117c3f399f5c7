"""Run as a script with HF_DATASETS_OFFLINE=1 HF_HUB_OFFLINE=1: load every config and split of a built directory with
`datasets.load_dataset` (fresh cache) and dump {config: {features, splits: {split: rows}}} as JSON."""
from __future__ import annotations

import json
import sys


def main(directory: str, cache_dir: str, out: str) -> None:
    import datasets

    assert datasets.config.HF_HUB_OFFLINE and datasets.config.HF_DATASETS_OFFLINE, "run me offline"
    datasets.disable_progress_bars()
    result = {}
    for config in json.loads(sys.argv[4]):
        loaded = datasets.load_dataset(directory, config, cache_dir=cache_dir)
        result[config] = {"features": next(iter(loaded.values())).features.to_dict(),
                          "splits": {split: ds.to_list() for split, ds in loaded.items()}}
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(result, fh)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
