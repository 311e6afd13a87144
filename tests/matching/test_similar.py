"""Similar interests in the engine: tags a model put close give `similar_interest`."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matchmaker.matching import Event, Reason, Weights, pair_score
from matchmaker.matching.matrix import ScoreMatrix
from matchmaker.matching.synonyms import NO_SYNONYMS, parse_synonyms, tag_key
from tests.matching.strategies import TAGS, attendee, events

SIMILAR = NO_SYNONYMS.with_similar([("H2-Elektrolyse", "Wasserstoff"), ("KI", "Maschinelles Lernen")])


def test_similar_offer_and_seek_give_reason_with_both_spellings():
    seeker, offerer = attendee(1, seeks=("H2-Elektrolyse",)), attendee(2, offers=("Wasserstoff",))
    assert pair_score(seeker, offerer, synonyms=SIMILAR).reasons == (Reason("similar_interest", {
        "kind": "offer_seek", "tag": "H2-Elektrolyse", "tag_of": 1, "partner_tag": "Wasserstoff",
        "partner": 2}),)


def test_similar_keywords_score_less_than_shared_keyword():
    a, b = attendee(1, keywords=("KI",)), attendee(2, keywords=("maschinelles  lernen",))
    similar = pair_score(a, b, synonyms=SIMILAR).score
    assert 0 < similar == Weights().similar_keyword < Weights().shared_keyword


def test_similar_offer_and_seek_score_less_than_offer_matching_seek():
    a, b = attendee(1, seeks=("H2-Elektrolyse",)), attendee(2, offers=("Wasserstoff",))
    similar = pair_score(a, b, synonyms=SIMILAR).score
    assert 0 < similar == Weights().similar_interest < Weights().offer_matches_seek


def test_without_similar_pairs_different_tags_score_nothing():
    a, b = attendee(1, seeks=("H2-Elektrolyse",)), attendee(2, offers=("Wasserstoff",))
    assert pair_score(a, b).score == 0


def test_tags_matched_literally_earn_no_similar_points():
    a = attendee(1, keywords=("KI", "Maschinelles Lernen"))
    b = attendee(2, keywords=("KI", "Maschinelles Lernen"))
    assert [r.code for r in pair_score(a, b, synonyms=SIMILAR).reasons] == ["shared_keywords"]
    assert ScoreMatrix(Event((a, b), 1, 1, synonyms=SIMILAR)).dense[0, 1] == 2 * Weights().shared_keyword


def test_similar_pair_inside_one_synonym_group_counts_as_literal_only():
    synonyms = parse_synonyms("KI = AI").with_similar([("KI", "AI")])
    a, b = attendee(1, keywords=("KI",)), attendee(2, keywords=("AI",))
    assert [r.code for r in pair_score(a, b, synonyms=synonyms).reasons] == ["shared_keywords"]


@st.composite
def similar_events(draw) -> Event:
    """Events whose tags are often similar: any pair of the strategy's tags may be."""
    event = draw(events(locked=False))
    pairs = st.tuples(st.sampled_from(TAGS), st.sampled_from(TAGS))
    return Event(event.attendees, event.slots, event.tables, event.weights,
                 event.blocked_pairs, synonyms=event.synonyms.with_similar(
                     draw(st.lists(pairs, min_size=1, max_size=12))))


@given(event=similar_events())
def test_any_similar_reason_joins_two_tags_given_as_similar(event):
    similar, synonyms = event.synonyms.similar, event.synonyms
    for a in event.attendees:
        for b in event.attendees:
            for r in pair_score(a, b, synonyms=synonyms).reasons:
                if r.code == "similar_interest":
                    own, other = tag_key(r.params["tag"]), tag_key(r.params["partner_tag"])
                    assert synonyms.key(own) != synonyms.key(other)
                    assert any({synonyms.key(x), synonyms.key(y)} == {synonyms.key(own), synonyms.key(other)}
                               for x, y in similar)


@given(event=similar_events())
def test_vectorised_similar_scores_equal_pair_scores(event):
    people = sorted(event.attendees, key=lambda a: a.id)
    expected = np.array([[pair_score(a, b, event.weights, event.blocked_pairs,
                                     event.synonyms).score for b in people] for a in people])
    assert (ScoreMatrix(event).dense == expected).all()
