"""The event's documents from the database: who is printed, in which order, with what."""

from datetime import timedelta

import pytest
from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from matchmaker.badge_code import shown
from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, Meeting, MeetingTable, Slot, utcnow
from matchmaker.services import DomainError
from matchmaker.services.attendees.privacy import erase
from matchmaker.services.attendees.self_service import Profile, cancel, update_details
from matchmaker.services.documents import printing
from matchmaker.services.schedule.changes import record_schedule_changes
from tests.documents.pdf_text import pages, qr_codes, squeeze
from tests.documents.scenario import meet, person, planned, publish


def names_on(body: bytes) -> list[str]:
    return [page.split("\n")[4].strip() for page in pages(body)]


def test_schedule_shows_every_meeting_with_time_table_and_partner(event):
    planned(event)
    attendee = db.session.get(Attendee, db.session.scalars(
        select(Meeting.attendee_a_id).order_by(Meeting.id)).first())
    partner = aliased(Attendee)
    expected = db.session.execute(
        select(Slot.starts_at, Slot.ends_at, MeetingTable.name, partner.first_name, partner.last_name)
        .select_from(Meeting).join(Slot, Slot.id == Meeting.slot_id)
        .join(MeetingTable, MeetingTable.id == Meeting.table_id)
        .join(partner, or_(partner.id == Meeting.attendee_a_id, partner.id == Meeting.attendee_b_id))
        .where(or_(Meeting.attendee_a_id == attendee.id, Meeting.attendee_b_id == attendee.id),
               partner.id != attendee.id)).all()
    [page] = pages(printing.schedule_pdf(attendee))
    lines = page.splitlines()
    assert expected
    for starts, ends, table, first, last in expected:
        assert any(line.split()[:3] == [f"{starts:%H:%M}–{ends:%H:%M}", table, first]
                   and last in line for line in lines), (starts, table, first)


def test_desk_print_has_one_page_per_registered_attendee(event):
    planned(event)
    registered = db.session.scalars(select(Attendee).where(
        Attendee.status == AttendeeStatus.REGISTERED)).all()
    assert len(pages(printing.all_schedules_pdf(event))) == len(registered) == 40


@pytest.mark.both_databases
def test_desk_print_is_in_german_phone_book_order(event):
    for first, last in [("Zoe", "Zander"), ("Jürgen", "Müller"), ("Anna", "Mueller"),
                        ("Hanna", "von der Heide"), ("Ole", "Haas"), ("Ece", "Öztürk"),
                        ("Ida", "Østergaard")]:
        person(event, first, last)
    publish(event)
    assert names_on(printing.all_schedules_pdf(event)) == [
        "Ole Haas", "Hanna von der Heide", "Anna Mueller", "Jürgen Müller", "Ece Öztürk",
        "Ida Østergaard", "Zoe Zander"]


def test_cancelled_attendees_are_not_printed(event):
    person(event, "Kai", "Eins")
    cancel(person(event, "Lea", "Zwei"))
    publish(event)
    assert names_on(printing.all_schedules_pdf(event)) == ["Kai Eins"]


def test_waitlisted_attendees_are_not_printed(event):
    event.capacity = 1
    person(event, "Kai", "Eins")
    waiting = person(event, "Lea", "Zwei")
    assert waiting.status == AttendeeStatus.WAITLISTED
    publish(event)
    assert names_on(printing.all_schedules_pdf(event)) == ["Kai Eins"]


def test_unpublished_schedule_is_not_printed_for_attendees(event):
    anna = person(event, "Anna", "Adler")
    for render in (lambda: printing.schedule_pdf(anna), lambda: printing.all_schedules_pdf(event)):
        with pytest.raises(DomainError) as error:
            render()
        assert error.value.code == "schedule_not_published"


def test_reason_is_phrased_for_the_reader_in_their_language(event):
    emma = person(event, "Emma", "Clarke", language="en")
    jan = person(event, "Jan", "Berg")
    meet(event, emma, jan, slot=1, table=1, reasons=[{"code": "offer_matches_seek", "params": {
        "tag": "Wasserstoff", "offered_by": emma.id, "sought_by": jan.id}}])
    publish(event)
    assert "You offer “Wasserstoff”" in squeeze(pages(printing.schedule_pdf(emma))[0])
    assert "Ihr Gegenüber bietet „Wasserstoff“" in squeeze(pages(printing.schedule_pdf(jan))[0])


def changed_names(event, since) -> list[str]:
    try:
        return names_on(printing.all_schedules_pdf(event, changed_since=since))
    except DomainError as error:
        assert error.code == "nothing_to_print"
        return []


def two_pairs(event):
    people = [person(event, first, "Kern") for first in ("Ada", "Ben", "Cem", "Dora")]
    meet(event, people[0], people[1], slot=1, table=1)
    meet(event, people[2], people[3], slot=1, table=2)
    publish(event)
    printed = utcnow()
    printing.all_schedules_pdf(event, now=printed)
    db.session.commit()
    return people, printed


@pytest.mark.both_databases
def test_nothing_changed_since_the_last_print_prints_nothing(event):
    _, printed = two_pairs(event)
    assert changed_names(event, printed) == []


@pytest.mark.both_databases
def test_changed_since_prints_the_partner_of_a_cancelled_attendee(event):
    (_, ben, _, _), printed = two_pairs(event)
    cancel(ben)
    db.session.commit()
    assert changed_names(event, printed) == ["Ada Kern"]


@pytest.mark.both_databases
def test_changed_since_prints_the_partner_of_an_erased_attendee(event):
    (_, _, cem, _), printed = two_pairs(event)
    erase(cem)
    db.session.commit()
    assert changed_names(event, printed) == ["Dora Kern"]


@pytest.mark.both_databases
def test_changed_since_prints_whoever_meets_someone_who_changed_their_name(event):
    (ada, _, _, _), printed = two_pairs(event)
    update_details(ada, Profile(first_name="Ada", last_name="Kern-Lovelace", organisation="Kern GmbH",
                                position=None, org_type="sme", industry_code="logistics", cluster=None))
    db.session.commit()
    assert changed_names(event, printed) == ["Ben Kern", "Ada Kern-Lovelace"]


@pytest.mark.both_databases
def test_changed_since_prints_both_attendees_of_a_moved_meeting(event):
    _, printed = two_pairs(event)
    moved = db.session.scalars(select(Meeting).order_by(Meeting.id)).first()
    moved.table_id = event.tables[5].id  # as an organiser's move would, through a service
    record_schedule_changes(event)
    db.session.commit()
    assert changed_names(event, printed) == ["Ada Kern", "Ben Kern"]


@pytest.mark.both_databases
def test_changes_before_the_print_are_not_printed_again(event):
    _, printed = two_pairs(event)
    assert changed_names(event, printed + timedelta(seconds=1)) == []


def test_table_plan_lists_each_pair_at_its_table(event):
    _, printed = two_pairs(event)
    first_slot = pages(printing.table_plan_pdf(event))[0]
    assert "Tischplan · Zeitfenster 1 · 10:30–10:50" in first_slot
    rows = [line.split() for line in first_slot.splitlines() if "Kern" in line and "GmbH" not in line]
    assert rows == [["1", "Ada", "Kern", "Ben", "Kern"], ["2", "Cem", "Kern", "Dora", "Kern"]]


def test_table_signs_have_a_page_per_table(event):
    assert len(pages(printing.table_signs_pdf(event))) == len(event.tables) == 60


@pytest.mark.both_databases
def test_badges_are_printed_for_registered_attendees_in_order(event):
    for first, last in [("Zoe", "Zander"), ("Ole", "Haas")]:
        person(event, first, last)
    text = squeeze(pages(printing.badges_pdf(event))[0])
    assert text.index("Ole Haas") < text.index("Zoe Zander")


def test_qr_link_is_built_on_the_given_base_url():
    assert printing.private_page_url("https://events.example.org/", "abc") == \
        "https://events.example.org/me/abc"


def test_badges_carry_the_badge_code_as_text_and_qr_code_and_no_private_link(event, tmp_path):
    ada = person(event, "Ada", "Kern")
    body = printing.badges_pdf(event)
    text = "".join(pages(body))
    assert ada.token not in text and "/me/" not in text and shown(ada.badge_code) in text
    assert qr_codes(body, tmp_path) == [ada.badge_code]


def test_badges_without_qr_carry_the_badge_code_as_text_only(event, tmp_path):
    ada = person(event, "Ada", "Kern")
    body = printing.badges_pdf(event, with_qr=False)
    assert shown(ada.badge_code) in "".join(pages(body))
    assert qr_codes(body, tmp_path) == []


def test_desk_schedules_carry_the_badge_code_and_no_private_link(event, tmp_path):
    people, _ = two_pairs(event)
    body = printing.all_schedules_pdf(event)
    text = "".join(pages(body))
    assert "/me/" not in text and not any(a.token in text for a in people)
    assert all(shown(a.badge_code) in text for a in people)
    assert sorted(qr_codes(body, tmp_path)) == sorted(a.badge_code for a in people)


def test_own_schedule_download_keeps_a_qr_code_of_the_own_link(app, event, tmp_path):
    people, _ = two_pairs(event)
    body = printing.schedule_pdf(people[0], with_link=True)
    assert qr_codes(body, tmp_path) == [
        printing.private_page_url(app.config["PUBLIC_BASE_URL"], people[0].token)]
