"""Erasure (GDPR Art. 17): personal data is deleted, not flagged, everywhere."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, AuditEntry, EventStatistics, MeetingRequest, utcnow
from matchmaker.services.audit import named, record
from matchmaker.services.schedule.edit import add_meeting as add_meeting_by_hand
from matchmaker.services.schedule.edit import log_edit
from matchmaker.services.schedule.free_slots import actor_of
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import csrf_token
from tests.support.mailbox import outbox_messages

PERSONAL = ("Jürgen", "Müller", "juergen.mueller@example.org")


def erase(client, link: str):
    return client.post(f"{link}/erase", data={"csrf_token": csrf_token(client, f"{link}/erase")})


def rows_mentioning(words: tuple[str, ...]) -> list[tuple[str, str]]:
    """(table, column) of every stored value, in every table, that contains one of the words."""
    found = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)).mappings():
            found += [(table.name, column) for column, value in row.items()
                      if value is not None and any(word in str(value) for word in words)]
    return found


@pytest.mark.both_databases
def test_erasure_leaves_no_personal_data_in_any_table(client, event, attendee, link):
    anna = add_attendee(event, "Anna", organisation="Anna GmbH")
    add_meeting(event, attendee, anna)
    db.session.add(MeetingRequest(requester_id=anna.id, target_id=attendee.id))
    db.session.commit()
    assert rows_mentioning(PERSONAL)  # the scan finds him before ...
    erase(client, link)
    assert rows_mentioning(PERSONAL) == []  # ... and nothing after


@pytest.mark.both_databases  # the audit rows go by the foreign key's ON DELETE
def test_erasure_removes_the_audit_entries_about_the_attendee(client, event, attendee, link):
    record(event, "team@example.org", "edited", attendee,
           {"last_name": ["Müller", "Müller-Lüdenscheid"], "city": ["Lindenstraße 5", "Chemnitz"]})
    db.session.commit()
    erase(client, link)
    db.session.expire_all()
    assert db.session.scalars(select(AuditEntry.changes)).all() == []


@pytest.mark.both_databases
def test_erasure_takes_the_name_out_of_the_audit_entries_about_others(client, event, attendee, link):
    attendee.email_confirmed_at = utcnow()
    anna = add_attendee(event, "Anna", org_type="research")
    namesake = add_attendee(event, "Jürgen", last_name="Müller-Lüdenscheid", email="j2@example.org")
    meeting = add_meeting_by_hand(event, (attendee.id, anna.id), 1, 1, actor="team@example.org")
    log_edit(event, actor_of(attendee), "meeting_given_back", meeting)  # he acted: his name is the actor
    add_meeting_by_hand(event, (anna.id, namesake.id), 2, 1, actor="team@example.org")  # keeps his name
    record(event, "team@example.org", "colleague_added", anna, {"colleague": named(attendee)})
    attendee.last_name = "Neumann"  # the entries keep the name he had
    db.session.commit()
    number = attendee.number
    erase(client, link)
    db.session.expire_all()
    assert rows_mentioning((f"{number} Jürgen", "juergen.mueller")) == []
    about_anna = db.session.execute(select(AuditEntry.actor, AuditEntry.changes)
                                    .where(AuditEntry.attendee_id == anna.id).order_by(AuditEntry.id)).all()
    assert [(actor, changes.get("with") or changes["colleague"]) for actor, changes in about_anna] == [
        ("team@example.org", str(number)), (f"attendee {number}", str(number)),
        ("team@example.org", f"{namesake.number} Jürgen Müller-Lüdenscheid"),
        ("team@example.org", str(number))]


def test_erasure_deletes_only_the_attendees_outbox_files(client, event, attendee, link, outbox):
    add_attendee(event, "Anna")
    client.post("/go-cluster-2027/link", data={"email": "anna@example.org",
                                  "csrf_token": csrf_token(client, "/go-cluster-2027/link")})
    erase(client, link)
    assert [message["To"] for message in outbox_messages(outbox)] == ["anna@example.org"]


def test_erasure_redirects_to_event_page_and_link_stops_working(client, attendee, link):
    response = erase(client, link)
    assert response.location == "/go-cluster-2027/"
    assert client.get(link).status_code == 404


@pytest.mark.both_databases
def test_erasure_gives_seat_to_first_waiting(client, event, attendee, link, outbox):
    event.capacity = 1
    db.session.commit()
    add_attendee(event, "Anna")
    erase(client, link)
    assert db.session.scalar(select(Attendee.status)) == AttendeeStatus.REGISTERED
    assert outbox_messages(outbox)[-1]["To"] == "anna@example.org"


def test_erasure_is_counted_anonymously(client, event, attendee, link):
    erase(client, link)
    assert db.session.get(EventStatistics, event.id).erased == 1


def test_erasure_message_and_next_page_speak_the_attendees_language(app, attendee, link):
    attendee.language = "en"
    db.session.commit()
    fresh = app.test_client()  # a browser that never chose a language: the site is German
    fresh.post(f"{link}/erase", data={"csrf_token": csrf_token(fresh, f"{link}/erase")})
    page = fresh.get("/go-cluster-2027/").get_data(as_text=True)
    assert "Your registration and all data stored about you have been deleted." in page
    assert '<html lang="en">' in page
