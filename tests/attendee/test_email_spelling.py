"""An attendee's address is kept as typed (a mailbox may be case- and letter-sensitive:
"weiß" is not "weiss") and compared, and unique, by its key (NFKC, case-folded)."""

import csv
import io

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import Attendee
from matchmaker.services.attendees.imports import import_file, preview_import
from tests.exchange.test_attendee_csv import OTHER, csv_text
from tests.support.attendees import add_attendee
from tests.support.factories import csrf_token, submit_sign_up
from tests.support.mailbox import outbox_messages

TYPED = "Friederike.Weiß@Example.DE"
STORED = "Friederike.Weiß@example.de"  # the domain is case-insensitive, the local part is not


def addresses() -> list[str]:
    return list(db.session.scalars(select(Attendee.email).order_by(Attendee.number)))


@pytest.mark.both_databases
def test_sign_up_stores_and_mails_the_address_as_typed(client, event, outbox):
    assert submit_sign_up(client, email=f" {TYPED}\u200b").status_code == 302
    assert addresses() == [STORED]
    assert outbox_messages(outbox)[-1]["To"] == STORED


@pytest.mark.both_databases
def test_sign_up_with_another_spelling_of_a_known_address_adds_nobody(client, event):
    submit_sign_up(client, email=TYPED)
    submit_sign_up(client, email="FRIEDERIKE.WEISS@example.de")
    assert addresses() == [STORED]


def test_sign_up_mail_goes_to_the_typed_address_over_smtp(client, event, smtp):
    submit_sign_up(client, email=TYPED)
    [received] = smtp.received
    assert received.recipients == [STORED] and received.message["To"] == STORED


@pytest.mark.both_databases
def test_database_refuses_two_spellings_of_one_address(event):
    add_attendee(event, "Friederike", email=STORED)
    other = add_attendee(event, "Fritzi")
    other.email = "friederike.weiss@EXAMPLE.de"
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_link_request_in_another_spelling_mails_the_typed_address(client, event, outbox):
    add_attendee(event, "Friederike", email=STORED)
    client.post("/go-cluster-2027/link", data={
        "email": "friederike.weiss@example.de",
        "csrf_token": csrf_token(client, "/go-cluster-2027/link")})
    assert outbox_messages(outbox)[-1]["To"] == STORED


def test_import_then_export_gives_back_the_typed_address(runner, event, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(csv_text({**OTHER, "email": TYPED}), encoding="utf-8")
    assert runner.invoke(args=["import-attendees", str(source)]).exit_code == 0
    target = tmp_path / "out.csv"
    assert runner.invoke(args=["export-attendees", "--output", str(target)]).exit_code == 0
    [row] = csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig")))
    assert row["email"] == STORED


def test_import_of_a_known_address_in_another_spelling_is_a_duplicate(event):
    add_attendee(event, "Friederike", email=STORED)
    data = csv_text({**OTHER, "email": "FRIEDERIKE.WEISS@example.de"}).encode()
    assert len(preview_import(event, "in.csv", data).duplicates) == 1
    import_file(event, "in.csv", data, actor="test")
    assert addresses() == [STORED]


def test_must_meet_names_an_address_in_any_spelling(event):
    data = csv_text({**OTHER, "email": TYPED},
                    {**OTHER, "email": "bea@example.de", "must_meet": "friederike.weiss@example.de"})
    result = import_file(event, "in.csv", data.encode(), actor="test")
    assert result.created == 2


def test_organiser_search_finds_the_address_in_any_spelling(organiser_client, event):
    add_attendee(event, "Friederike", email=STORED)
    page = organiser_client.get("/organiser/go-cluster-2027/attendees?q=WEISS@EXAMPLE")
    assert "Friederike Beispiel" in page.get_data(as_text=True)
