"""Use cases of the app, grouped by subject (attendees, schedule, events, organisers, mail,
documents), one module per use case or topic.

Services take the event (and actor) explicitly, flush but never commit: the view or
console command that called them commits once. They raise ``DomainError`` with a
machine ``code`` that views translate and tests assert on.
"""

from typing import Any


class DomainError(Exception):
    """A rule of the domain was broken; ``code`` says which, ``params`` say about what."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
