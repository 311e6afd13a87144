"""The matchmaking engine: pure Python on plain dataclasses (no Flask, no SQLAlchemy).

Public API: score pairs (`pair_score`), suggest partners (`suggestions`), build graphs
(`candidate_graph`, `full_graph`), schedule (`schedule`) and re-plan (`replan`) under a
policy (`POLICIES`), match tags through synonym groups (`parse_synonyms`); every schedule
carries a `Quality` certificate with provable upper bounds.

The names load on first use: the solvers need numpy, scipy, networkx and rustworkx (about
a second of CPU to import), and the app and the console import this package for its
dataclasses long before, or without ever, planning a schedule.
"""

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from matchmaker.lazy import homes_of, load

if TYPE_CHECKING:
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

_HOME_OF = homes_of({
    "candidates": ("candidate_graph", "full_graph", "suggestions"),
    "model": ("POLICIES", "Attendee", "Changes", "Event", "Meeting", "PairScore", "Quality",
              "Reason", "ScheduleResult", "ScoredMeeting", "Shortfall", "Suggestion",
              "Unmatched", "Weights"),
    "problem": ("ScheduleError",),
    "replan": ("replan",),
    "schedule": ("schedule",),
    "scoring": ("pair_score",),
    "synonyms": ("NO_SYNONYMS", "SynonymError", "Synonyms", "parse_synonyms"),
})
__all__ = [
    "NO_SYNONYMS", "POLICIES", "Attendee", "Changes", "Event", "Meeting", "PairScore",
    "Quality", "Reason", "ScheduleError", "ScheduleResult", "ScoredMeeting", "Shortfall",
    "Suggestion", "SynonymError", "Synonyms", "Unmatched", "Weights", "candidate_graph",
    "full_graph", "pair_score", "parse_synonyms", "replan", "schedule", "suggestions",
]


def __getattr__(name: str) -> Any:
    return load(__name__, _HOME_OF, name)


class _Engine(ModuleType):
    """Where a function has its module's name (``schedule``, ``replan``), the package's
    attribute stays the function when that module is imported (Python's import would
    otherwise set it to the module, as the eager imports used to overwrite it back)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _HOME_OF and isinstance(value, ModuleType):
            return  # the module stays reachable as sys.modules["matchmaker.matching.NAME"]
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Engine
