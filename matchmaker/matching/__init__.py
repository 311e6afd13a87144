"""The matchmaking engine: pure Python on plain dataclasses (no Flask, no SQLAlchemy).

Public API: score pairs (`pair_score`), suggest partners (`suggestions`), build graphs
(`candidate_graph`, `full_graph`), schedule (`schedule`) and re-plan (`replan`); every
schedule carries a `Quality` certificate with a provable upper bound.
"""

from matchmaker.matching.candidates import candidate_graph, full_graph, suggestions
from matchmaker.matching.model import (
    Attendee,
    Changes,
    Event,
    Meeting,
    PairScore,
    Quality,
    Reason,
    ScheduleResult,
    ScoredMeeting,
    Suggestion,
    Unmatched,
    Weights,
)
from matchmaker.matching.problem import ScheduleError
from matchmaker.matching.replan import replan
from matchmaker.matching.schedule import schedule
from matchmaker.matching.scoring import pair_score

__all__ = [
    "Attendee", "Changes", "Event", "Meeting", "PairScore", "Quality", "Reason",
    "ScheduleError", "ScheduleResult", "ScoredMeeting", "Suggestion", "Unmatched", "Weights",
    "candidate_graph", "full_graph", "pair_score", "replan", "schedule", "suggestions",
]
