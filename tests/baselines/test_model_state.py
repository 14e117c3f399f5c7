"""A model file whose state this version cannot read (saved before a baseline's state changed) is refused cleanly."""
import pytest
from skops import io as sio

from caveat.baselines import persist
from caveat.baselines.hedge import HedgeTagger
from caveat.errors import CaveatError


def test_hedge_tagger_saved_before_the_whole_cue_classifier_is_refused_with_a_caveat_error():
    model = HedgeTagger()
    meta = persist.metadata(model, corpus_version="v", n_train=1, n_validation=1)
    old_state = {k: v for k, v in model.state().items() if k != "whole"}  # the state before the whole-cue classifier
    data = sio.dumps({"format": persist.FORMAT, "meta": meta, "state": old_state})
    with pytest.raises(CaveatError, match="caveat train"):
        persist.loads(data, "old/hedge-tagger.skops")
