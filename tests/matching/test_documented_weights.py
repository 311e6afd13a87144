"""The weights the README documents ("Matchmaking"), pinned by value: a changed default
must change the documentation too."""

from dataclasses import asdict

from matchmaker.matching import Weights, pair_score
from tests.matching.strategies import attendee


def test_default_weights_are_the_documented_ones():
    assert asdict(Weights()) == {
        "shared_theme": 3, "shared_keyword": 2, "offer_matches_seek": 6, "cross_industry": 5,
        "complementary_org_types": 5, "must_meet_one_sided": 40, "must_meet_mutual": 80,
        "same_cluster": -5, "cluster_exchange": 5, "favourite": 10,
        "valued_industry_pair": 2, "valued_org_type_pair": 2,
        "similar_interest": 3, "similar_keyword": 1,
    }


def test_mutual_favourite_alone_scores_40():
    a, b = attendee(1, favourites=frozenset({2})), attendee(2, favourites=frozenset({1}))
    assert pair_score(a, b).score == 40


def test_mutual_must_meet_alone_scores_80():
    a, b = attendee(1, must_meet=frozenset({2})), attendee(2, must_meet=frozenset({1}))
    assert pair_score(a, b).score == 80


def test_shared_theme_across_industries_scores_3_plus_5():
    a = attendee(1, themes=frozenset({"skills"}), industry="logistics")
    b = attendee(2, themes=frozenset({"skills"}), industry="energy_environment")
    assert pair_score(a, b).score == 3 + 5
