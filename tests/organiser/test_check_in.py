"""The check-in desk through the dashboard: scan or type, one check-in per person, walk-ins
on the waiting list or cancelled shown as such, undo within a minute, who is missing."""

from datetime import timedelta

from flask.testing import FlaskClient
from sqlalchemy import func, select

from matchmaker.badge_code import shown
from matchmaker.extensions import db
from matchmaker.models import (
    Attendee,
    AttendeeStatus,
    AuditEntry,
    Event,
    ScheduleRun,
    utcnow,
)
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import make_event, post_form

from .conftest import EVENT_URL

DESK = f"{EVENT_URL}/check-in"


def scan(client: FlaskClient, typed: str) -> str:
    """What a keyboard-wedge scanner does: type into the field and press Enter."""
    response = post_form(client, DESK, q=typed)
    assert response.status_code == 302
    return client.get(response.headers["Location"]).get_data(as_text=True)


def check_ins(person: Attendee) -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.attendee_id == person.id, AuditEntry.action == "check_in")) or 0


def test_badge_code_scanned_checks_in_at_once(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    page = scan(organiser_client, anna.badge_code)
    db.session.refresh(anna)
    assert anna.checked_in_at is not None
    assert "Anna Beispiel" in page and "Anna GmbH" in page and "check-in-ok" in page


def test_code_typed_lower_case_with_spaces_checks_in(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    typed = " ".join(shown(anna.badge_code).lower().split("-"))
    scan(organiser_client, typed)
    db.session.refresh(anna)
    assert anna.checked_in_at is not None


def test_registration_number_checks_in(organiser_client: FlaskClient, event: Event) -> None:
    add_attendee(event, "Anna")
    ben = add_attendee(event, "Ben")
    scan(organiser_client, str(ben.number))
    db.session.refresh(ben)
    assert ben.checked_in_at is not None


def test_second_check_in_says_already_and_stores_once(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    scan(organiser_client, anna.badge_code)
    db.session.refresh(anna)
    first = anna.checked_in_at
    page = scan(organiser_client, anna.badge_code)
    db.session.refresh(anna)
    assert "bereits um" in page and "eingecheckt" in page
    assert anna.checked_in_at == first and check_ins(anna) == 1


def test_waitlisted_walk_in_is_shown_and_not_checked_in(organiser_client: FlaskClient) -> None:
    event = db.session.scalar(select(Event))
    event.capacity = 0
    db.session.commit()
    walk_in = add_attendee(event, "Wanda")
    assert walk_in.status == AttendeeStatus.WAITLISTED
    page = scan(organiser_client, walk_in.badge_code)
    db.session.refresh(walk_in)
    assert walk_in.checked_in_at is None and "Warteliste" in page and "check-in-ok" not in page


def test_cancelled_registration_is_shown_and_not_checked_in(organiser_client: FlaskClient, event: Event) -> None:
    gone = add_attendee(event, "Carl")
    gone.status, gone.cancelled_at = AttendeeStatus.CANCELLED, utcnow()
    db.session.commit()
    page = scan(organiser_client, gone.badge_code)
    db.session.refresh(gone)
    assert gone.checked_in_at is None and "storniert" in page and "check-in-ok" not in page


def test_unknown_badge_code_is_answered(organiser_client: FlaskClient, event: Event) -> None:
    add_attendee(event, "Anna")
    page = scan(organiser_client, "ZZZZ-ZZZZ")
    assert "Badge-Code oder die Nummer ZZZZ-ZZZZ" in page


def test_unknown_number_is_answered_not_searched(organiser_client: FlaskClient, event: Event) -> None:
    add_attendee(event, "Anna", email="anna999@example.org")
    page = scan(organiser_client, "999")
    assert "Badge-Code oder die Nummer 999" in page and "Gefunden für" not in page


def test_badge_code_of_another_event_is_unknown_here(organiser_client: FlaskClient, event: Event) -> None:
    other = make_event(slug="anderes-2027", title="Anderes Treffen")
    stranger = add_attendee(other, "Sven")
    page = scan(organiser_client, stranger.badge_code)
    db.session.refresh(stranger)
    assert stranger.checked_in_at is None and "Badge-Code oder die Nummer" in page


def test_name_typed_without_umlaut_lists_match_without_checking_in(organiser_client: FlaskClient, event: Event) -> None:
    muller = add_attendee(event, "Jürgen", last_name="Müller", email="jm@example.org")
    add_attendee(event, "Anna")
    page = scan(organiser_client, "muller")
    db.session.refresh(muller)
    assert muller.checked_in_at is None
    assert "Jürgen Müller" in page and "Anna Beispiel</strong>" not in page
    assert f'action="{DESK}/{muller.number}"' in page


def test_check_in_button_of_a_name_checks_in(organiser_client: FlaskClient, event: Event) -> None:
    muller = add_attendee(event, "Jürgen", last_name="Müller", email="jm@example.org")
    response = post_form(organiser_client, f"{DESK}/{muller.number}", token_from=DESK)
    db.session.refresh(muller)
    assert response.status_code == 302 and muller.checked_in_at is not None


def test_undo_within_a_minute_takes_the_check_in_back(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    page = scan(organiser_client, anna.badge_code)
    assert "Check-in rückgängig machen" in page
    post_form(organiser_client, f"{DESK}/{anna.number}/undo", token_from=DESK)
    db.session.refresh(anna)
    assert anna.checked_in_at is None


def test_undo_after_a_minute_is_refused(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    scan(organiser_client, anna.badge_code)
    db.session.refresh(anna)
    anna.checked_in_at = utcnow() - timedelta(minutes=2)
    db.session.commit()
    response = post_form(organiser_client, f"{DESK}/{anna.number}/undo", token_from=DESK)
    page = organiser_client.get(response.headers["Location"]).get_data(as_text=True)
    db.session.refresh(anna)
    assert anna.checked_in_at is not None and "innerhalb einer Minute" in page


def test_check_in_and_undo_are_in_the_audit_log(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    scan(organiser_client, anna.badge_code)
    post_form(organiser_client, f"{DESK}/{anna.number}/undo", token_from=DESK)
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.attendee_id == anna.id)
                                 .order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["check_in", "check_in_undone"]


def test_counter_and_missing_list_in_phone_book_order(organiser_client: FlaskClient, event: Event) -> None:
    add_attendee(event, "Zora", last_name="Zander", email="z@example.org")
    add_attendee(event, "Otto", last_name="Öztürk", email="o@example.org")
    arrived = add_attendee(event, "Paul", last_name="Peters", email="p@example.org")
    add_attendee(event, "Max", last_name="von Ahlen", email="v@example.org")
    page = scan(organiser_client, arrived.badge_code)
    assert "1 / 4" in page
    missing = page[page.index('class="check-in-missing"'):]
    assert missing.index("von Ahlen") < missing.index("Öztürk") < missing.index("Zander")
    assert "Peters" not in missing and "@example.org" not in page


def test_first_meeting_shown_once_schedule_published(organiser_client: FlaskClient, event: Event) -> None:
    anna, ben = add_attendee(event, "Anna"), add_attendee(event, "Ben")
    add_meeting(event, anna, ben, slot=2)
    db.session.add(ScheduleRun(event_id=event.id, quality={}, published_at=utcnow()))
    db.session.commit()
    page = scan(organiser_client, anna.badge_code)
    assert "Erstes Gespräch: 10:50" in page
