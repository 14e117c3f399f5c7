"""The validator never crashes: any JSON value, or a document with any part replaced by any JSON value, gives problems."""
from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, given, settings, strategies as st

from caveat.validate import validate_document

from .factory import mini_doc

BASE = json.loads(json.dumps(mini_doc()))
KEYS = ["start", "end", "id", "text", "label", "type", "from", "to", "kind", "claim_type", "x"]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 60) | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    max_leaves=10,
)


def paths(obj, prefix=()):
    """Every path into a JSON value."""
    yield prefix
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for key, value in items:
        yield from paths(value, (*prefix, key))


PATHS = [p for p in paths(BASE) if p]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), JSON), min_size=1, max_size=3), JSON)
def test_validator_reports_instead_of_crashing(replacements, whole):
    doc = copy.deepcopy(BASE)
    for path, value in replacements:
        target = doc
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    for value in (doc, whole):
        for problem in validate_document(value, "x.json"):
            assert problem.render().startswith("x.json: $")


def test_relation_end_that_is_a_list_is_a_schema_problem_not_a_crash():
    doc = copy.deepcopy(BASE)
    doc["relations"][0]["from"] = []
    assert [p.code for p in validate_document(doc, "x.json")] == ["E102"]
