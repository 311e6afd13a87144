"""The sign-up form: what is stored, what is refused, and what a visitor is told."""

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus
from tests.support.factories import csrf_token, submit_sign_up, valid_sign_up
from tests.support.html import form_values


def only_attendee() -> Attendee:
    return db.session.scalars(select(Attendee)).one()


def attendee_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Attendee))


def test_valid_sign_up_registers_attendee(client, event):
    response = submit_sign_up(client)
    assert response.status_code == 302
    attendee = only_attendee()
    assert (attendee.email, attendee.status) == ("juergen.mueller@example.org", AttendeeStatus.REGISTERED)
    assert attendee.themes == ["open_innovation", "skills"]
    assert attendee.unavailable_slots == [2, 7]
    assert (attendee.max_meetings, attendee.wants_meetings) == (5, True)


def test_valid_sign_up_shows_neutral_confirmation(client, event):
    page = client.get(submit_sign_up(client).location).get_data(as_text=True)
    assert "Vielen Dank für Ihre Anmeldung" in page
    assert "Warteliste" not in page


def test_sign_up_gives_token_of_256_bits_and_friendly_number(client, event):
    submit_sign_up(client)
    submit_sign_up(client, email="anna@example.org")
    first, second = db.session.scalars(select(Attendee).order_by(Attendee.id)).all()
    assert len(first.token) >= 43 and first.token != second.token
    assert (first.number, second.number) == (1, 2)


@pytest.mark.both_databases
def test_sign_up_normalises_email_names_and_tags(client, event):
    submit_sign_up(
        client, email="  Juergen.MUELLER@Example.ORG ", first_name="  Jürgen   Karl ",
        keywords="KI,  ki , Leichtbau;  Additive   Fertigung,,", offers="", seeks="Wasserstoff\nwasserstoff",
    )
    attendee = only_attendee()
    assert attendee.email == "Juergen.MUELLER@example.org"  # as typed, the domain lower-cased
    assert attendee.email_key == "juergen.mueller@example.org"
    assert attendee.first_name == "Jürgen Karl"
    assert attendee.keywords == ["KI", "Leichtbau", "Additive Fertigung"]
    assert (attendee.offers, attendee.seeks) == ([], ["Wasserstoff"])


def test_sign_up_stores_empty_optional_fields_as_missing(client, event):
    submit_sign_up(client, position="   ", cluster="", max_meetings="")
    attendee = only_attendee()
    assert (attendee.position, attendee.cluster, attendee.max_meetings) == (None, None, None)


@pytest.mark.both_databases
def test_sign_up_records_both_consents_with_time_and_version(app, client, event):
    submit_sign_up(client)
    attendee = only_attendee()
    version = app.config["PRIVACY_NOTICE_VERSION"]
    assert attendee.privacy_consent_at is not None and attendee.privacy_consent_version == version
    assert attendee.matching_consent_at is not None and attendee.matching_consent_version == version


def test_sign_up_without_matching_consent_records_none(client, event):
    submit_sign_up(client, matching_consent=None)
    attendee = only_attendee()
    assert (attendee.matching_consent_at, attendee.matching_consent_version) == (None, None)


def test_sign_up_in_english_stores_language(client, event):
    client.get("/language/en")
    submit_sign_up(client)
    assert only_attendee().language == "en"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "Bitte füllen Sie dieses Feld aus."),
        ("last_name", "   ", "Bitte füllen Sie dieses Feld aus."),
        ("organisation", "", "Bitte füllen Sie dieses Feld aus."),
        ("email", "", "Bitte geben Sie Ihre E-Mail-Adresse ein."),
        ("email", "kein-at-zeichen.de", "Bitte geben Sie eine gültige E-Mail-Adresse ein"),
        ("email", "a@" + "b" * 250 + ".de", "höchstens 254 Zeichen"),
        ("first_name", "x" * 101, "höchstens 100 Zeichen"),
        ("position", "x" * 151, "höchstens 150 Zeichen"),
        ("org_type", "", "Bitte wählen Sie die Art Ihrer Organisation."),
        ("org_type", "government", "Bitte wählen Sie nur aus den angezeigten Möglichkeiten."),
        ("industry", "", "Bitte wählen Sie eine Branche oder ein Technologiefeld."),
        ("industry", "space_mining", "Bitte wählen Sie nur aus den angezeigten Möglichkeiten."),
        ("themes", ["open_innovation", "astrology"], "Bitte wählen Sie nur aus den angezeigten Möglichkeiten."),
        ("keywords", ", ".join(f"Begriff {n}" for n in range(11)), "höchstens 10 Begriffe"),
        ("offers", "x" * 61, "höchstens 60 Zeichen"),
        ("seeks", ", ".join(f"Suche {n}" for n in range(11)), "höchstens 10 Begriffe"),
        ("unavailable_slots", ["11"], "Bitte wählen Sie nur aus den angezeigten Möglichkeiten."),
        ("max_meetings", "viele", "Bitte geben Sie eine ganze Zahl ein, z. B. 5."),
        ("max_meetings", "0", "ganze Zahl ab 1"),
        ("max_meetings", "11", "Es gibt nur 10 Zeitfenster"),
        ("privacy_consent", None, "Bitte stimmen Sie den Datenschutzhinweisen zu"),
    ],
)
def test_invalid_field_is_refused_with_german_message(client, event, field, value, message):
    response = submit_sign_up(client, **{field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert 'class="field-error"' in page
    assert attendee_count() == 0


def test_invalid_sign_up_in_english_shows_english_message(client, event):
    client.get("/language/en")
    page = submit_sign_up(client, last_name="").get_data(as_text=True)
    assert "Please fill in this field." in page


def test_invalid_sign_up_keeps_everything_typed(client, event):
    typed_keywords = "KI, ki, " + ", ".join(f"Begriff {n}" for n in range(10))
    page = submit_sign_up(client, email="kaputt", keywords=typed_keywords).get_data(as_text=True)
    kept = form_values(page)
    submitted = valid_sign_up(email="kaputt", keywords=typed_keywords)
    for name, value in submitted.items():
        assert kept[name] == (value if isinstance(value, list) else [value]), name


def test_invalid_sign_up_lists_errors_in_summary_linked_to_fields(client, event):
    page = submit_sign_up(client, first_name="", email="x").get_data(as_text=True)
    assert 'role="alert"' in page
    assert 'href="#first_name"' in page and 'href="#email"' in page


def test_post_without_csrf_token_is_refused_and_creates_nothing(client, event):
    response = client.post("/go-cluster-2027/register", data=valid_sign_up())
    assert response.status_code == 400
    assert "Das Formular ist abgelaufen" in response.get_data(as_text=True)
    assert attendee_count() == 0


def test_oversized_request_gets_clear_page_not_crash(client, event):
    data = valid_sign_up(keywords="x" * (3 * 1024 * 1024))
    data["csrf_token"] = csrf_token(client, "/go-cluster-2027/register")
    response = client.post("/go-cluster-2027/register", data=data)
    assert response.status_code == 413
    assert "Ihre Eingabe ist zu groß" in response.get_data(as_text=True)


@pytest.mark.both_databases
def test_repeated_sign_up_creates_nothing_and_shows_same_page(client, event):
    first = submit_sign_up(client)
    second = submit_sign_up(client, email="JUERGEN.mueller@example.org", first_name="Hacker")
    assert second.status_code == first.status_code == 302
    assert second.location == first.location
    assert attendee_count() == 1
    assert only_attendee().first_name == "Jürgen"


@pytest.mark.both_databases
def test_full_event_puts_sign_up_on_waiting_list_and_says_so(client, app):
    from tests.support.factories import make_event

    make_event(capacity=1)
    submit_sign_up(client, email="first@example.org")
    response = submit_sign_up(client, email="second@example.org")
    page = client.get(response.location).get_data(as_text=True)
    assert "stehen Sie auf der Warteliste" in page
    statuses = dict(db.session.execute(select(Attendee.email, Attendee.status)).all())
    assert statuses == {"first@example.org": AttendeeStatus.REGISTERED,
                        "second@example.org": AttendeeStatus.WAITLISTED}


@pytest.mark.both_databases
def test_repeated_sign_up_on_full_event_looks_like_new_one(client, app):
    from tests.support.factories import make_event

    make_event(capacity=1)
    submit_sign_up(client, email="first@example.org")
    stranger_new = submit_sign_up(client, email="stranger@example.org")
    stranger_repeat = submit_sign_up(client, email="first@example.org")
    assert stranger_repeat.location == stranger_new.location


@pytest.mark.both_databases
def test_control_characters_are_dropped_not_crashing(client, event):
    response = submit_sign_up(client, first_name="Jür\x00gen", organisation="Müller\x07 GmbH")
    assert response.status_code == 302
    attendee = only_attendee()
    assert (attendee.first_name, attendee.organisation) == ("Jürgen", "Müller GmbH")


@pytest.mark.both_databases
def test_friendly_number_is_not_reused_after_erasure(client, event):
    from matchmaker.services.attendees.privacy import erase

    submit_sign_up(client, email="first@example.org")
    submit_sign_up(client, email="second@example.org")
    erase(db.session.scalars(select(Attendee).where(Attendee.number == 2)).one())
    db.session.commit()
    submit_sign_up(client, email="third@example.org")
    numbers = dict(db.session.execute(select(Attendee.email, Attendee.number)).all())
    assert numbers == {"first@example.org": 1, "third@example.org": 3}
