"""Bulk actions on the attendee list: "all N matching the filter", and cancelling several
registrations only after a confirmation page, telling them (or not) in their language."""

from pathlib import Path

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, OutgoingMail
from tests.support.attendees import add_attendee
from tests.support.factories import csrf_token
from tests.support.mailbox import outbox_messages

from .conftest import EVENT_URL


def post(client, path: str, **data):
    data["csrf_token"] = csrf_token(client, "/organiser/")
    return client.post(EVENT_URL + path, data=data)


def statuses() -> dict[str, AttendeeStatus]:
    return {a.first_name: a.status for a in db.session.scalars(select(Attendee))}


def test_select_all_matching_the_filter_reaches_people_on_every_page(organiser_client, event):
    for number in range(55):
        add_attendee(event, f"R{number:02d}", org_type="research", confirmed=False)
    add_attendee(event, "Sme", org_type="sme", confirmed=False)
    post(organiser_client, "/attendees/selection?org_type=research&page=2", action="confirm",
         all_matching="y")
    confirmed = {a.first_name for a in db.session.scalars(select(Attendee)) if a.email_confirmed_at}
    assert len(confirmed) == 55 and "Sme" not in confirmed


def test_list_offers_to_select_all_matching_with_their_number(organiser_client, event):
    for name in ("Ada", "Bea", "Cem"):
        add_attendee(event, name, org_type="research")
    page = organiser_client.get(f"{EVENT_URL}/attendees?org_type=research").get_data(as_text=True)
    assert "Alle 3 zum Filter passenden Personen, auf allen Seiten" in page
    assert 'action="/organiser/go-cluster-2027/attendees/selection?org_type=research"' in page


def test_bulk_cancel_asks_first_naming_who_and_changes_nothing(organiser_client, event):
    ada, bea = add_attendee(event, "Ada"), add_attendee(event, "Bea")
    add_attendee(event, "Cem")
    response = post(organiser_client, "/attendees/selection", action="cancel",
                    selected=[str(ada.number), str(bea.number)])
    page = organiser_client.get(response.location).get_data(as_text=True)
    assert "2 Anmeldungen stornieren?" in page
    assert "Ada Beispiel" in page and "Bea Beispiel" in page and "Cem Beispiel" not in page
    assert set(statuses().values()) == {AttendeeStatus.REGISTERED}
    assert db.session.scalars(select(OutgoingMail)).all() == []


def test_confirmed_bulk_cancel_tells_each_person_in_their_language(organiser_client, event, app):
    ada, ben = add_attendee(event, "Ada"), add_attendee(event, "Ben", language="en")
    post(organiser_client, f"/attendees/cancel?numbers={ada.number},{ben.number}", notify="y")
    assert statuses() == {"Ada": AttendeeStatus.CANCELLED, "Ben": AttendeeStatus.CANCELLED}
    subjects = {str(m["To"]): str(m["Subject"])
                for m in outbox_messages(Path(app.config["MAIL_OUTBOX_DIR"]))}
    assert subjects == {
        "ada@example.org": "Das Organisationsteam hat Ihre Anmeldung für go-cluster Jahrestagung 2027 storniert",
        "ben@example.org": "The organisers have cancelled your registration for go-cluster Jahrestagung 2027",
    }


def test_confirmed_bulk_cancel_without_notice_mails_nobody(organiser_client, event, app):
    ada, bea = add_attendee(event, "Ada"), add_attendee(event, "Bea")
    post(organiser_client, f"/attendees/cancel?numbers={ada.number},{bea.number}")
    assert statuses() == {"Ada": AttendeeStatus.CANCELLED, "Bea": AttendeeStatus.CANCELLED}
    assert outbox_messages(Path(app.config["MAIL_OUTBOX_DIR"])) == []


def test_bulk_cancel_without_notice_still_tells_whoever_gets_the_seat(organiser_client, event, app):
    event.capacity = 1
    ada, _bea = add_attendee(event, "Ada"), add_attendee(event, "Bea")
    post(organiser_client, f"/attendees/cancel?numbers={ada.number}")
    assert [str(m["To"]) for m in outbox_messages(Path(app.config["MAIL_OUTBOX_DIR"]))] == ["bea@example.org"]


def test_selection_keeps_the_filter_but_not_url_options_from_the_query(organiser_client, event):
    add_attendee(event, "Ada", org_type="research")
    response = post(organiser_client, "/attendees/selection?org_type=research&_external=1&_anchor=x",
                    action="confirm", selected=["1"])
    assert response.location == f"{EVENT_URL}/attendees?org_type=research"
