"""The pure conflict check of a hand-placed meeting, on plain engine rows."""

from hypothesis import given
from hypothesis import strategies as st

from matchmaker.matching import Meeting
from matchmaker.matching.edits import meeting_conflicts
from tests.matching.strategies import attendee, attendees


def codes(meeting, a, b, others):
    return [conflict.code for conflict in meeting_conflicts(meeting, a, b, others)]


def test_free_slot_and_table_has_no_conflict():
    assert codes(Meeting((1, 2), 1, 1), attendee(1), attendee(2), [Meeting((3, 4), 1, 2)]) == []


def test_attendee_in_another_meeting_of_the_slot_is_double_booked():
    conflicts = meeting_conflicts(Meeting((1, 2), 1, 1), attendee(1), attendee(2), [Meeting((2, 3), 1, 2)])
    assert [(c.code, c.params["attendee"]) for c in conflicts] == [("double_booking", 2)]


def test_slot_marked_unavailable_is_refused():
    b = attendee(2, unavailable_slots=frozenset({3}))
    assert codes(Meeting((1, 2), 3, 1), attendee(1), b, []) == ["slot_unavailable"]


def test_taken_table_is_occupied():
    assert codes(Meeting((1, 2), 1, 5), attendee(1), attendee(2), [Meeting((3, 4), 1, 5)]) == ["table_occupied"]


def test_pair_meeting_in_another_slot_is_refused():
    assert codes(Meeting((1, 2), 2, 1), attendee(1), attendee(2), [Meeting((1, 2), 1, 1)]) == ["pair_already_meets"]


def test_same_organisation_in_other_spelling_is_refused():
    a, b = attendee(1, organisation="ACME GmbH"), attendee(2, organisation=" acme  gmbh")
    assert codes(Meeting((1, 2), 1, 1), a, b, []) == ["same_organisation"]


def test_attendee_at_maximum_is_refused():
    a = attendee(1, max_meetings=1)
    conflicts = meeting_conflicts(Meeting((1, 2), 2, 1), a, attendee(2), [Meeting((1, 3), 1, 1)])
    assert [(c.code, c.params) for c in conflicts] == [("over_maximum", {"attendee": 1, "maximum": 1})]


def test_attendee_without_consent_is_not_matchable():
    conflicts = meeting_conflicts(Meeting((1, 2), 1, 1), attendee(1, consent=False), attendee(2), [])
    assert [(c.code, c.params) for c in conflicts] == [
        ("attendee_not_matchable", {"attendee": 1, "why": "no_consent"})]


def test_attendee_who_wants_no_meetings_is_not_matchable():
    conflicts = meeting_conflicts(Meeting((1, 2), 1, 1), attendee(1), attendee(2, wants_meetings=False), [])
    assert [c.params["why"] for c in conflicts] == ["does_not_want_meetings"]


def test_pair_kept_apart_by_what_one_of_them_did_is_refused():
    """Found by the property test below, whose rules lacked the pairs kept apart."""
    rated = attendee(5, not_valuable_before=frozenset({2}))
    assert codes(Meeting((2, 5), 1, 1), attendee(2), rated, []) == ["rated_not_valuable"]
    assert codes(Meeting((1, 2), 1, 1), attendee(1, not_interested=frozenset({2})), attendee(2), []) == [
        "not_interested"]


@st.composite
def placements(draw):
    people = draw(attendees(list(range(1, 7)), slots=3))
    pairs = draw(st.lists(st.tuples(st.integers(1, 6), st.integers(1, 6), st.integers(1, 3),
                                    st.integers(1, 2)).filter(lambda t: t[0] != t[1]), max_size=8))
    meetings = [Meeting.of(*pair) for pair in pairs]
    x, y = draw(st.lists(st.integers(1, 6), min_size=2, max_size=2, unique=True))
    wanted = Meeting.of(x, y, draw(st.integers(1, 3)), draw(st.integers(1, 2)))
    return people, meetings, wanted


def breaks_a_rule(wanted, people, others) -> bool:
    """The rules written out again, as plainly as possible."""
    by_id = {p.id: p for p in people}
    a, b = by_id[wanted.pair[0]], by_id[wanted.pair[1]]
    same_org = " ".join(a.organisation.split()).casefold() == " ".join(b.organisation.split()).casefold()
    kept_apart = (b.id in a.not_interested | a.declined | a.not_valuable_before
                  or a.id in b.not_interested | b.declined | b.not_valuable_before)
    return (
        not (a.consent and b.consent and a.wants_meetings and b.wants_meetings) or same_org or kept_apart
        or any(wanted.slot in p.session_slots for p in (a, b))
        or any(o.pair == wanted.pair for o in others)
        or any(o.slot == wanted.slot and (set(o.pair) & set(wanted.pair) or o.table == wanted.table)
               for o in others)
        or any(wanted.slot in p.unavailable_slots for p in (a, b))
        or any(p.max_meetings is not None and sum(p.id in o.pair for o in others) >= p.max_meetings
               for p in (a, b))
    )


@given(placements())
def test_conflicts_are_empty_exactly_when_no_rule_is_broken(case):
    people, others, wanted = case
    by_id = {p.id: p for p in people}
    conflicts = meeting_conflicts(wanted, by_id[wanted.pair[0]], by_id[wanted.pair[1]], others)
    assert (conflicts == []) == (not breaks_a_rule(wanted, people, others))


@given(placements())
def test_every_conflict_names_someone_of_the_pair_or_the_place(case):
    people, others, wanted = case
    by_id = {p.id: p for p in people}
    for conflict in meeting_conflicts(wanted, by_id[wanted.pair[0]], by_id[wanted.pair[1]], others):
        assert conflict.params.get("attendee", wanted.pair[0]) in wanted.pair
        assert conflict.params.get("slot", wanted.slot) in {wanted.slot} | {o.slot for o in others}
