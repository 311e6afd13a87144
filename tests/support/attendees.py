"""Attendees made through the registration service, for tests that need many of them."""

from matchmaker.extensions import db
from matchmaker.models import Attendee, Event, Meeting, utcnow
from matchmaker.services.attendees.registration import Registration, sign_up


def add_attendee(event: Event, name: str, confirmed: bool = True, **overrides) -> Attendee:
    """Sign up ``name`` (also used for the e-mail address); seats and waiting list apply."""
    values = dict(
        email=f"{name.lower()}@example.org", first_name=name, last_name="Beispiel",
        organisation=f"{name} GmbH", org_type="sme", industry_code="logistics",
        language="de", privacy_notice_version="test", matching_consent=True,
    )
    values.update(overrides)
    attendee = sign_up(event, Registration(**values)).attendee
    if confirmed:
        attendee.email_confirmed_at = utcnow()
    db.session.commit()
    return attendee


def add_meeting(event: Event, first: Attendee, second: Attendee, slot: int = 1,
                table: int = 1) -> Meeting:
    """A scheduled meeting between two attendees, as the matching engine would store it."""
    low, high = sorted((first.id, second.id))
    meeting = Meeting(event_id=event.id, slot_id=event.slots[slot - 1].id,
                      table_id=event.tables[table - 1].id, attendee_a_id=low, attendee_b_id=high,
                      reasons=[{"code": "shared_theme", "theme": "skills"}])
    db.session.add(meeting)
    db.session.commit()
    return meeting


def add_matching_pair(event: Event) -> tuple[Attendee, Attendee]:
    """Anna (SME, logistics, German) looks for what Ben (research, energy, English) offers."""
    anna = add_attendee(event, "Anna", themes=["open_innovation"], seeks=["Wasserstoff"],
                        keywords=["Leichtbau"], cluster="Cluster Nord")
    ben = add_attendee(event, "Ben", industry_code="energy_environment", org_type="research",
                       themes=["open_innovation"], offers=["Wasserstoff"], cluster="Cluster Süd",
                       language="en")
    return anna, ben
