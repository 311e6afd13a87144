"""The matchmaking engine: pure Python on plain dataclasses (no Flask, no SQLAlchemy).

Public API: score pairs (`pair_score`), suggest partners (`suggestions`), build graphs
(`candidate_graph`, `full_graph`), schedule (`schedule`) and re-plan (`replan`) under a
policy (`POLICIES`), match tags through synonym groups (`parse_synonyms`); every schedule
carries a `Quality` certificate with provable upper bounds.
"""

from matchmaker.matching.candidates import candidate_graph, full_graph, suggestions
from matchmaker.matching.model import (
    POLICIES,
    Attendee,
    Changes,
    Event,
    Meeting,
    PairScore,
    Quality,
    Reason,
    ScheduleResult,
    ScoredMeeting,
    Shortfall,
    Suggestion,
    Unmatched,
    Weights,
)
from matchmaker.matching.problem import ScheduleError
from matchmaker.matching.replan import replan
from matchmaker.matching.schedule import schedule
from matchmaker.matching.scoring import pair_score
from matchmaker.matching.synonyms import NO_SYNONYMS, SynonymError, Synonyms, parse_synonyms

__all__ = [
    "NO_SYNONYMS", "POLICIES", "Attendee", "Changes", "Event", "Meeting", "PairScore",
    "Quality", "Reason", "ScheduleError", "ScheduleResult", "ScoredMeeting", "Shortfall",
    "Suggestion", "SynonymError", "Synonyms", "Unmatched", "Weights", "candidate_graph",
    "full_graph", "pair_score", "parse_synonyms", "replan", "schedule", "suggestions",
]
