"""An organiser invites another by e-mail; the one-time link sets the new password."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Organiser, OrganiserInvite, utcnow
from matchmaker.services import DomainError
from matchmaker.services.organisers.invites import invite_organiser
from tests.auth.conftest import PASSWORD, make_organiser
from tests.support.factories import add_organiser, csrf_token, login, make_event, post_form
from tests.support.mailbox import html_part, outbox_messages, text_part
from tests.support.smtp import smtp_server

INVITEE = "neu@example.org"
NEW = "mein eigenes Passwort"
LINK = re.compile(r"https?://\S+/organiser/invite/[A-Za-z0-9_-]+")


def invite(client, email: str = INVITEE, language: str = "de", is_admin: bool = False):
    data = {"email": email, "language": language, **({"is_admin": "y"} if is_admin else {})}
    return post_form(client, "/organiser/account/invite", **data)


def invite_link(outbox) -> str:
    match = LINK.search(text_part(outbox_messages(outbox)[-1]))
    assert match, "no invitation link in the message"
    return urlsplit(match.group(0)).path


def accept(client, path: str, password: str = NEW):
    return post_form(client, path, new_password=password, new_password_again=password)


def account(email: str = INVITEE) -> Organiser | None:
    return db.session.scalar(select(Organiser).where(Organiser.email == email))


def test_invitation_mail_carries_link_in_both_parts(logged_in, outbox):
    response = invite(logged_in)
    assert response.status_code == 302
    message = outbox_messages(outbox)[-1]
    assert message["To"] == INVITEE and message["Subject"] == "Ihre Einladung ins Organisationsteam bei matchmaker"
    assert invite_link(outbox) in html_part(message)
    assert "team@example.org lädt Sie ins Organisationsteam" in text_part(message)


def test_inviter_is_told_the_invitation_is_on_its_way(logged_in, outbox):
    invite(logged_in)
    page = logged_in.get("/organiser/account/invite").get_data(as_text=True)
    assert "Die Einladung an neu@example.org ist unterwegs" in page


def test_invitation_in_english_when_chosen(logged_in, outbox):
    invite(logged_in, language="en")
    message = outbox_messages(outbox)[-1]
    assert message["Subject"] == "Your invitation to organise with matchmaker"
    assert "invites you to organise events" in text_part(message)


def test_invitee_sets_password_and_is_logged_in(logged_in, new_client, outbox):
    invite(logged_in)
    invitee = new_client()
    response = accept(invitee, invite_link(outbox))
    assert response.status_code == 302 and response.location == "/organiser/"
    assert invitee.get("/organiser/account").status_code == 200
    assert login(new_client(), INVITEE, NEW).status_code == 302


@pytest.mark.both_databases
def test_link_works_once(logged_in, new_client, outbox):
    invite(logged_in)
    path = invite_link(outbox)
    accept(new_client(), path)
    response = new_client().get(path)
    assert response.status_code == 410
    assert "Diese Einladung wurde bereits verwendet" in response.get_data(as_text=True)


def test_form_opened_before_the_link_was_used_changes_nothing(logged_in, new_client, outbox):
    invite(logged_in)
    path = invite_link(outbox)
    late = new_client()
    token = csrf_token(late, path)
    accept(new_client(), path)
    response = late.post(path, data={"new_password": "ein anderes Passwort",
                                     "new_password_again": "ein anderes Passwort", "csrf_token": token})
    assert response.status_code == 410
    assert login(new_client(), INVITEE, NEW).status_code == 302


@pytest.mark.both_databases
def test_expired_link_is_refused(logged_in, new_client, outbox):
    invite(logged_in)
    stored = db.session.scalars(select(OrganiserInvite)).one()
    stored.expires_at -= timedelta(hours=72)
    db.session.commit()
    response = new_client().get(invite_link(outbox))
    assert response.status_code == 410 and "Diese Einladung ist abgelaufen" in response.get_data(as_text=True)
    late = new_client()
    token = csrf_token(late, "/organiser/login")
    response = late.post(invite_link(outbox), data={"new_password": NEW, "new_password_again": NEW,
                                                     "csrf_token": token})
    assert response.status_code == 410 and account() is None


@pytest.mark.parametrize("token", ["falsch", "x" * 43, "A" * 200])
def test_wrong_token_is_not_found(client, token):
    response = client.get(f"/organiser/invite/{token}")
    assert response.status_code == 404
    assert "Dieser Einladungslink ist nicht gültig" in response.get_data(as_text=True)


def test_only_a_hash_of_the_token_is_stored(logged_in, outbox):
    invite(logged_in)
    token = invite_link(outbox).rsplit("/", 1)[1]
    stored = db.session.scalars(select(OrganiserInvite)).one()
    assert token not in (stored.token_hash, stored.email) and len(stored.token_hash) == 64


def test_new_invitation_replaces_the_older_link(logged_in, new_client, outbox):
    invite(logged_in)
    older = invite_link(outbox)
    invite(logged_in)
    assert new_client().get(older).status_code == 410
    assert new_client().get(invite_link(outbox)).status_code == 200


def test_invitation_for_existing_account_changes_nothing_and_says_so(logged_in, new_client, outbox):
    make_organiser(INVITEE, password="das alte Passwort")
    response = invite(logged_in)
    page = logged_in.get(response.location).get_data(as_text=True)
    assert "neu@example.org hat bereits ein Konto im Organisationsteam. Es wurde nichts geändert" in page
    assert outbox_messages(outbox) == []
    assert login(new_client(), INVITEE, "das alte Passwort").status_code == 302


@pytest.mark.both_databases
def test_account_created_meanwhile_is_not_overwritten(logged_in, new_client, outbox):
    invite(logged_in)
    make_organiser(INVITEE, password="das alte Passwort")
    response = accept(new_client(), invite_link(outbox))
    assert response.status_code == 409
    assert login(new_client(), INVITEE, "das alte Passwort").status_code == 302


@pytest.mark.parametrize("is_admin", [True, False])
def test_account_gets_the_role_chosen_in_the_invitation(logged_in, new_client, outbox, is_admin):
    invite(logged_in, is_admin=is_admin)
    accept(new_client(), invite_link(outbox))
    assert account().is_admin is is_admin


def event_organiser(client):
    """An organiser of one event only, logged in on ``client``."""
    add_organiser("helfer@example.org", password=PASSWORD, events=(make_event(),))
    assert login(client, "helfer@example.org", PASSWORD).status_code == 302
    return client


def test_event_organiser_cannot_open_the_account_invitation_page(client):
    assert event_organiser(client).get("/organiser/account/invite").status_code == 403


def test_event_organiser_cannot_invite_without_an_event(client, outbox):
    event_organiser(client)
    token = csrf_token(client, "/organiser/account")
    response = client.post("/organiser/account/invite",
                           data={"csrf_token": token, "email": INVITEE, "language": "de"})
    assert response.status_code == 403
    assert outbox_messages(outbox) == [] and db.session.scalars(select(OrganiserInvite)).all() == []


def test_event_organiser_cannot_learn_which_addresses_have_accounts(client, outbox):
    make_organiser("chefin@example.org")
    event_organiser(client)
    token = csrf_token(client, "/organiser/account")
    response = client.post("/organiser/account/invite",
                           data={"csrf_token": token, "email": "chefin@example.org", "language": "de"})
    assert response.status_code == 403 and "chefin@example.org" not in response.get_data(as_text=True)


def test_event_organiser_is_not_shown_the_invitation_link(client):
    page = event_organiser(client).get("/organiser/account").get_data(as_text=True)
    assert "/organiser/account/invite" not in page


def test_administrator_is_shown_the_invitation_link(logged_in):
    assert "/organiser/account/invite" in logged_in.get("/organiser/account").get_data(as_text=True)


def test_event_organiser_invites_through_the_event_team_page(client, new_client, outbox):
    event_organiser(client)
    response = post_form(client, "/organiser/go-cluster-2027/team", email=INVITEE)
    assert response.status_code == 302
    accept(new_client(), invite_link(outbox))
    assert not account().is_admin and [e.slug for e in account().events] == ["go-cluster-2027"]


def test_event_organiser_cannot_invite_without_an_event_through_the_service(app):
    helper = add_organiser("helfer@example.org", password=PASSWORD, events=(make_event(),))
    with pytest.raises(DomainError) as raised:
        invite_organiser(helper, INVITEE, False, "de", utcnow())
    assert raised.value.code == "admin_only"


def test_invalid_address_is_refused_with_message(logged_in, outbox):
    page = invite(logged_in, email="kein-at-zeichen").get_data(as_text=True)
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein" in page and outbox_messages(outbox) == []


def test_short_password_on_invitation_page_is_refused(logged_in, new_client, outbox):
    invite(logged_in)
    page = accept(new_client(), invite_link(outbox), "kurz").get_data(as_text=True)
    assert "Bitte verwenden Sie zwischen 10 und 200 Zeichen." in page and account() is None


def test_guessable_password_on_invitation_page_is_refused_saying_why(logged_in, new_client, outbox):
    invite(logged_in)
    page = accept(new_client(), invite_link(outbox), "aaaaaaaaaaaa").get_data(as_text=True)
    assert "Dieses Passwort ist zu leicht zu erraten. Wiederholte Zeichen" in page and account() is None


def test_invitation_goes_out_over_smtp(app, logged_in):
    with smtp_server() as server:
        app.config.update(MAIL_SMTP_HOST=server.host, MAIL_SMTP_PORT=server.port,
                          MAIL_SMTP_SECURITY="none")
        invite(logged_in)
    assert [received.recipients for received in server.received] == [[INVITEE]]
    assert LINK.search(text_part(server.received[0].message))
