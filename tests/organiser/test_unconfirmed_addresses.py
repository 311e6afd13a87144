"""Imported people cannot be matched until their address is confirmed: the organiser can
vouch for the addresses at import (recorded: who, when), and a matchmaking run is not
started while registered people would be left out for it, with a message naming the fix."""

import io
from pathlib import Path

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AuditEntry, Job, OutgoingMail
from tests.exchange.test_attendee_csv import GOOD, OTHER, csv_text
from tests.support.attendees import add_attendee
from tests.support.factories import csrf_token

from .conftest import EVENT_URL

FILE = csv_text({**GOOD, "matching_consent": "yes"}, {**OTHER, "matching_consent": "yes"}).encode()


def import_file(client, **confirm_fields) -> None:
    token = csrf_token(client, "/organiser/")
    page = client.post(f"{EVENT_URL}/import", data={"csrf_token": token, "file": (
        io.BytesIO(FILE), "people.csv")}, content_type="multipart/form-data")
    upload = page.get_data(as_text=True).split('name="upload" type="hidden" value="')[1].split('"')[0]
    client.post(f"{EVENT_URL}/import/confirm", data={
        "csrf_token": token, "upload": upload, "filename": "people.csv", **confirm_fields})


def test_import_with_checked_addresses_counts_them_as_confirmed(organiser_client, event):
    import_file(organiser_client, addresses_checked="y")
    assert all(a.email_confirmed_at for a in db.session.scalars(select(Attendee)))


def test_import_with_checked_addresses_records_who_and_when_per_person(organiser_client, event):
    import_file(organiser_client, addresses_checked="y")
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "address_checked")).all()
    assert len(entries) == 2 and {e.actor for e in entries} == {"team@example.org"}
    assert all(e.at and e.changes["email_confirmed_at"][0] is None for e in entries)


def test_import_without_the_tick_leaves_addresses_unconfirmed(organiser_client, event):
    import_file(organiser_client)
    assert not any(a.email_confirmed_at for a in db.session.scalars(select(Attendee)))


def test_import_command_with_addresses_checked_confirms_them(runner, event):
    path = Path(runner.app.instance_path) / "people.csv"
    path.write_bytes(FILE)
    result = runner.invoke(args=["import-attendees", str(path), "--addresses-checked"])
    assert result.exit_code == 0, result.output
    assert all(a.email_confirmed_at for a in db.session.scalars(select(Attendee)))
    assert db.session.scalars(select(AuditEntry.actor).where(
        AuditEntry.action == "address_checked")).first().startswith("console")


def run_matchmaking(client, **extra):
    return client.post(f"{EVENT_URL}/schedule/run", data={
        "csrf_token": csrf_token(client, "/organiser/"), "policy": "balanced", **extra})


def test_run_with_unconfirmed_attendees_is_not_started_and_names_them_and_the_fix(organiser_client, event):
    add_attendee(event, "Ada"), add_attendee(event, "Bea")
    add_attendee(event, "Cem", confirmed=False)
    response = run_matchmaking(organiser_client)
    page = organiser_client.get(response.location).get_data(as_text=True)
    assert "1 Person mit Platz hat ihre E-Mail-Adresse nicht bestätigt" in page
    assert "Cem Beispiel (3)" in page and "„E-Mail bestätigt: nein“" in page
    assert db.session.scalars(select(Job)).all() == []


def test_run_starts_without_unconfirmed_attendees_when_told_to(organiser_client, event):
    add_attendee(event, "Ada"), add_attendee(event, "Bea")
    add_attendee(event, "Cem", confirmed=False)
    run_matchmaking(organiser_client, without_unconfirmed="y")
    assert len(db.session.scalars(select(Job)).all()) == 1


def test_schedule_page_warns_of_unconfirmed_attendees_with_a_link_to_them(organiser_client, event):
    add_attendee(event, "Cem", confirmed=False)
    page = organiser_client.get(f"{EVENT_URL}/schedule/").get_data(as_text=True)
    assert "würde nicht vermittelt" in page
    assert "/organiser/go-cluster-2027/attendees?status=registered&amp;confirmed=no" in page


def test_match_command_names_who_it_leaves_out_for_an_unconfirmed_address(runner, event):
    add_attendee(event, "Ada"), add_attendee(event, "Bea")
    add_attendee(event, "Cem", confirmed=False)
    result = runner.invoke(args=["match"])
    assert "Left out: 1 registered attendee has not confirmed" in result.stderr
    assert "Cem Beispiel (3)" in result.stderr and "--addresses-checked" in result.stderr


def test_welcome_mail_after_import_with_checked_addresses_asks_for_no_confirmation(organiser_client, event):
    import_file(organiser_client, addresses_checked="y")
    bodies = db.session.scalars(select(OutgoingMail.body_text).where(OutgoingMail.kind == "welcome")).all()
    assert len(bodies) == 2 and not any("bestätigen" in body for body in bodies)
