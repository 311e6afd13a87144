"""Synonym groups: the organiser's list, its errors, and matching in both directions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.matching import pair_score
from matchmaker.matching.synonyms import SynonymError, parse_synonyms, starter_text
from tests.matching.strategies import attendee

GROUPS = "# Themen\nKI = Künstliche Intelligenz = AI\n\nWasserstoff = H2\n"


def test_list_parses_into_groups_skipping_comments_and_blank_lines():
    assert parse_synonyms(GROUPS).groups == (
        ("KI", "Künstliche Intelligenz", "AI"), ("Wasserstoff", "H2"))


def test_members_of_a_group_share_one_key_ignoring_case_and_spaces():
    synonyms = parse_synonyms(GROUPS)
    assert {synonyms.key(t) for t in ("ai", "KI", "künstliche   INTELLIGENZ")} == {"ki"}


def test_tag_outside_the_list_keeps_its_own_key():
    assert parse_synonyms(GROUPS).key("Leichtbau ") == "leichtbau"


def test_text_of_a_list_reads_back_the_same_groups():
    synonyms = parse_synonyms(GROUPS)
    assert parse_synonyms(synonyms.text()) == synonyms


@pytest.mark.parametrize("line", ["KI", "KI = ", "KI = ki", "= AI"])
def test_line_without_two_different_tags_is_an_error_naming_the_line(line):
    with pytest.raises(SynonymError) as error:
        parse_synonyms(f"Wasserstoff = H2\n{line}\n")
    assert (error.value.code, error.value.line) == ("synonym_line_malformed", 2)


def test_tag_in_two_groups_is_an_error_naming_the_second_line():
    with pytest.raises(SynonymError) as error:
        parse_synonyms("KI = AI\nMaschinelles Lernen = ai\n")
    assert (error.value.code, error.value.line) == ("synonym_in_two_groups", 2)


def test_starter_list_is_valid_and_knows_german_and_english_ai():
    synonyms = parse_synonyms(starter_text())
    assert len(synonyms.groups) >= 30
    assert synonyms.key("Künstliche Intelligenz") == synonyms.key("AI")


GROUP = ("KI", "Künstliche Intelligenz", "AI", "Artificial Intelligence")
spelling = st.tuples(st.sampled_from(GROUP), st.sampled_from([str, str.lower, str.upper])).map(
    lambda pair: pair[1](pair[0]))


@settings(max_examples=40, deadline=None)
@given(offered=spelling, sought=spelling)
def test_any_two_spellings_of_a_group_match_in_both_directions(offered, sought):
    synonyms = parse_synonyms(starter_text())
    offers_first = pair_score(attendee(1, offers=(offered,)), attendee(2, seeks=(sought,)),
                              synonyms=synonyms)
    seeks_first = pair_score(attendee(1, seeks=(sought,)), attendee(2, offers=(offered,)),
                             synonyms=synonyms)
    assert offers_first.score == seeks_first.score > 0
    assert offers_first.reasons[0].params["tag"] == seeks_first.reasons[0].params["tag"] == (
        " ".join(offered.split()))
