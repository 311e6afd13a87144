"""Behaviour in the engine (``matching.behaviour``): what keeps a pair apart is its own
exclusion code and never becomes a meeting; last time's valuable pairings show as reasons
and count exactly their weight."""

from hypothesis import given, settings

from matchmaker.matching import Event, pair_score, schedule
from matchmaker.matching.behaviour import KEPT_APART, exclusion
from tests.matching.strategies import attendee, events

CODES = {code for code, _field in KEPT_APART}


@settings(max_examples=30, deadline=None)
@given(event=events(locked=False))
def test_pairs_kept_apart_by_behaviour_are_never_planned(event):
    apart = {(min(a.id, b.id), max(a.id, b.id)) for a in event.attendees for b in event.attendees
             if a.id != b.id and exclusion(a, b)}
    assert not apart & {m.meeting.pair for m in schedule(event).meetings}


@settings(max_examples=40, deadline=None)
@given(event=events(locked=False))
def test_behaviour_exclusions_carry_their_own_code(event):
    for a in event.attendees:
        for b in event.attendees:
            scored = pair_score(a, b, event.weights, event.blocked_pairs, event.synonyms)
            if a.id != b.id and exclusion(a, b):
                assert scored.score == 0 and (scored.excluded in CODES or scored.excluded in (
                    "no_consent", "does_not_want_meetings", "same_organisation", "blocked"))


@settings(max_examples=40, deadline=None)
@given(event=events(locked=False))
def test_valued_pairings_appear_as_reasons_worth_their_weight(event):
    w = event.weights
    for a in event.attendees:
        for b in event.attendees:
            scored = pair_score(a, b, w, event.blocked_pairs, event.synonyms)
            codes = [r.code for r in scored.reasons]
            common = {"shared_themes", "offer_matches_seek"} & set(codes)
            industry = b.industry in a.valued_industries or a.industry in b.valued_industries
            assert ("valued_industry_pair" in codes) == bool(common and industry and not scored.excluded)
            org_type = b.org_type in a.valued_org_types or a.org_type in b.valued_org_types
            assert ("valued_org_type_pair" in codes) == bool(common and org_type and not scored.excluded)


def test_a_not_interested_mark_of_either_side_excludes_the_pair():
    a, b = attendee(1, not_interested=frozenset({2}), themes=frozenset({"skills"})), attendee(2, themes=frozenset({"skills"}))
    assert pair_score(a, b).excluded == pair_score(b, a).excluded == "not_interested"


def test_a_declined_request_excludes_the_pair():
    a, b = attendee(1, declined=frozenset({2}), must_meet=frozenset()), attendee(2, must_meet=frozenset({1}))
    assert pair_score(a, b).excluded == "request_declined"


def test_a_meeting_rated_not_valuable_excludes_the_pair():
    a, b = attendee(1), attendee(2, not_valuable_before=frozenset({1}))
    assert pair_score(a, b).excluded == "rated_not_valuable"


def test_the_valued_bonus_needs_common_ground():
    a = attendee(1, valued_industries=frozenset({"logistics"}), industry="logistics")
    b = attendee(2, industry="logistics", org_type="research")
    assert "valued_industry_pair" not in [r.code for r in pair_score(a, b).reasons]
    shared = {"themes": frozenset({"skills"})}
    scored = pair_score(attendee(1, valued_industries=frozenset({"logistics"}), industry="logistics", **shared),
                        attendee(2, industry="logistics", **shared))
    assert [r.code for r in scored.reasons] == ["shared_themes", "valued_industry_pair"]
    assert scored.score == 3 + 2


def test_the_certificate_counts_the_pairs_kept_apart_by_each_rule():
    people = (attendee(1, not_interested=frozenset({2}), themes=frozenset({"skills"})),
              attendee(2, declined=frozenset({3}), themes=frozenset({"skills"})),
              attendee(3, not_valuable_before=frozenset({1}), themes=frozenset({"skills"})),
              attendee(4, themes=frozenset({"skills"})))
    quality = schedule(Event(people, slots=2, tables=2)).quality
    assert (quality.kept_apart_not_interested, quality.kept_apart_request_declined,
            quality.kept_apart_rated_not_valuable) == (1, 1, 1)
