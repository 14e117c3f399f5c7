"""The attribution ranker's own pieces: the interviewee pattern and the paragraph / lede candidates."""
from caveat.baselines.attribution import interviewee_spans
from caveat.baselines.data import from_text, view
from caveat.baselines.ranker import _attribution_candidates

TEXT = ("Talking chips: an analyst on supply\n\n"
        "Export rules tightened this year. We spoke with a former senior official at the agency, who asked not to be named.\n\n"
        "What changed?\n\n"
        "The rules got stricter. Firms adapted slowly. Most will adapt.")


def _view():
    return view(from_text("d", TEXT))


def _span(text: str, sub: str, sid: str) -> dict:
    start = text.index(sub)
    return {"id": sid, "start": start, "end": start + len(sub), "text": sub}


def test_interviewee_is_the_noun_phrase_after_spoke_with_in_the_lede():
    v = _view()
    assert [v.text[a:b] for a, b in interviewee_spans(v)] == ["former senior official"]  # "asked not" has no article


def test_interviewee_pattern_ignores_paragraphs_after_the_lede():
    v = view(from_text("d", "A headline\n\nThe lede sentence.\n\nWe spoke with an analyst at a bank."))
    assert interviewee_spans(v) == []


def test_lede_source_is_a_candidate_for_a_far_answer_claim():
    v = _view()
    src = _span(TEXT, "former senior official", "s1")
    claim = _span(TEXT, "Most will adapt", "c1")
    ((c, cands),) = _attribution_candidates(v, {"claims": [claim], "sources": [src]}, [])
    assert c is claim and [x["id"] for x, _ in cands] == ["s1"]
    feats = cands[0][1]
    assert "sdist=lede" in feats and "lede|ans=True" in feats and "lede|quote=False" in feats


def test_claim_features_ignore_quote_marks_and_punctuation_at_its_ends():
    text = 'Headline\n\n"Prices will rise," said an analyst.'
    v = view(from_text("d", text))
    bare = _span(text, "Prices will rise", "c1")
    quoted = _span(text, '"Prices will rise,"', "c1")
    src = _span(text, "analyst", "s1")
    feats = [_attribution_candidates(v, {"claims": [c], "sources": [src]}, [])[0][1][0][1] for c in (bare, quoted)]
    assert feats[0] == feats[1] and "bw=said" in feats[0]


def test_paragraph_and_lede_candidates_also_see_the_claim_without_its_quote_marks():
    text = 'Headline\n\nWe spoke with an economist at a bank.\n\nWhat next?\n\nRates rose. Then more. "Prices will fall," she said.'
    v = view(from_text("d", text))
    src = _span(text, "economist", "s1")
    bare = _span(text, "Prices will fall", "c1")
    quoted = _span(text, '"Prices will fall,"', "c1")
    feats = [_attribution_candidates(v, {"claims": [c], "sources": [src]}, [])[0][1][0][1] for c in (bare, quoted)]
    assert feats[0] == feats[1] and "lede|quote=True" in feats[0]


def test_interviewee_cut_at_its_length_limit_does_not_end_on_and():
    v = view(from_text("d", "Head\n\nWe spoke with a former senior trade ministry official and adviser to the bank."))
    assert [v.text[a:b] for a, b in interviewee_spans(v)] == ["former senior trade ministry official"]
