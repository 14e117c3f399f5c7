"""Rows to Parquet bytes (pure and deterministic: the same rows give the same bytes)."""
from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import Features

from .features import storage_schema


def parquet_bytes(rows: list[dict[str, Any]], features: Features) -> bytes:
    """One Parquet file holding ``rows`` in the config's storage schema (label names as strings)."""
    schema = storage_schema(features)
    table = pa.Table.from_pylist(rows, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd", row_group_size=max(1, len(rows)))
    return sink.getvalue().to_pybytes()
