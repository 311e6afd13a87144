"""A constructed event day for the report's tests: who came, which meetings were held."""

from dataclasses import asdict
from datetime import datetime

from matchmaker.extensions import db
from matchmaker.matching.model import Quality
from matchmaker.models import (
    Attendee,
    Event,
    FeedbackOutcome,
    MeetingFeedback,
    ScheduleRun,
)
from tests.support.attendees import add_attendee, add_meeting

ARRIVED = datetime(2027, 6, 16, 9, 0)
PUBLISHED = datetime(2027, 6, 1, 12, 0)


def constructed_day(event: Event) -> dict[str, Attendee]:
    """Anna, Ben, Cem and Dora came, Emil did not; Finn came but wants no meetings.
    Meetings: Anna–Ben (confirmed on the day), Anna–Cem (rated valuable), Ben–Dora
    (did not happen), Cem–Emil (no word). Published with 4, re-planned twice since."""
    people = {name: add_attendee(event, name, **fields) for name, fields in (
        ("Anna", {"org_type": "sme", "industry_code": "logistics", "cluster": "Nord"}),
        ("Ben", {"org_type": "research", "industry_code": "energy_environment", "cluster": "Süd"}),
        ("Cem", {"org_type": "large", "industry_code": "logistics", "cluster": "Nord"}),
        ("Dora", {"org_type": "startup", "industry_code": "logistics"}),
        ("Emil", {"org_type": "public", "industry_code": "logistics"}),
        ("Finn", {"wants_meetings": False}),
    )}
    for name in ("Anna", "Ben", "Cem", "Dora", "Finn"):
        people[name].checked_in_at = ARRIVED
    p = people
    met = add_meeting(event, p["Anna"], p["Ben"], slot=1)
    met.met_at = ARRIVED
    valuable = add_meeting(event, p["Anna"], p["Cem"], slot=2)
    missed = add_meeting(event, p["Ben"], p["Dora"], slot=3)
    add_meeting(event, p["Cem"], p["Emil"], slot=4)
    db.session.add_all([
        MeetingFeedback(meeting_id=valuable.id, attendee_id=p["Cem"].id, outcome=FeedbackOutcome.VALUABLE),
        MeetingFeedback(meeting_id=missed.id, attendee_id=p["Dora"].id, outcome=FeedbackOutcome.DID_NOT_HAPPEN),
        ScheduleRun(event_id=event.id, quality=quality(3), changed_count=0),  # a draft
        ScheduleRun(event_id=event.id, quality=quality(4), changed_count=4, published_at=PUBLISHED),
        ScheduleRun(event_id=event.id, quality=quality(4), changed_count=2, published_at=ARRIVED),
        ScheduleRun(event_id=event.id, quality=quality(4), changed_count=1, published_at=ARRIVED),
    ])
    db.session.commit()
    return people


def quality(meetings: int) -> dict:
    """A run's certificate, as the engine stores it, with this many meetings."""
    return asdict(Quality(total_score=40, upper_bound=50, ratio=0.8, meetings=meetings,
                          attendees_considered=5, min_meetings=0, mean_meetings=1.6, zero_meetings=1,
                          cross_industry_share=0.5, complementary_share=0.75, must_meet_requested=0,
                          must_meet_honoured=0, candidate_edges=10, method="exact"))
