"""Mail over a real SMTP server on loopback: recipients, subject, language, the link."""

from email.headerregistry import Address

import pytest
import trustme
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, MailStatus, OutgoingMail
from tests.support.factories import make_event, submit_sign_up
from tests.support.mailbox import html_part, private_link, text_part
from tests.support.postgres import free_port
from tests.support.smtp import Received, smtp_server


def test_sign_up_sends_welcome_mail_to_attendee(client, event, smtp):
    submit_sign_up(client)
    [mail] = smtp.received
    assert mail.recipients == ["juergen.mueller@example.org"]
    assert mail.message["Subject"] == "Bitte bestätigen Sie Ihre Anmeldung: go-cluster Jahrestagung 2027"


def test_welcome_mail_has_event_title_as_sender_name(client, event, smtp):
    submit_sign_up(client)
    sender = smtp.received[0].message["From"].addresses[0]
    assert sender == Address("go-cluster Jahrestagung 2027", "noreply", "matchmaker.invalid")


def test_welcome_mail_has_text_and_html_in_german(client, event, smtp):
    submit_sign_up(client)
    message = smtp.received[0].message
    assert message["Content-Language"] == "de"
    assert "Guten Tag Jürgen Müller," in text_part(message)
    assert "Guten Tag Jürgen Müller," in html_part(message)


def test_english_sign_up_receives_english_mail(client, event, smtp):
    client.get("/language/en")
    submit_sign_up(client)
    message = smtp.received[0].message
    assert message["Subject"] == "Please confirm your registration for go-cluster Jahrestagung 2027"
    assert "Dear Jürgen Müller," in text_part(message)


def test_link_in_mail_opens_page_and_confirms_address(client, event, smtp):
    submit_sign_up(client)
    response = client.get(private_link(smtp.received[0].message))
    assert response.status_code == 200
    assert "juergen.mueller@example.org" in response.get_data(as_text=True)
    assert db.session.scalar(select(Attendee.email_confirmed_at)) is not None


def test_full_event_sign_up_receives_waiting_list_mail(client, app, smtp):
    make_event(capacity=0)
    submit_sign_up(client)
    subject = smtp.received[0].message["Subject"]
    assert subject == "Sie stehen auf der Warteliste: go-cluster Jahrestagung 2027"


def test_repeated_sign_up_sends_link_again(client, event, smtp):
    submit_sign_up(client)
    submit_sign_up(client, first_name="Jemand")
    second = smtp.received[1]
    assert second.recipients == ["juergen.mueller@example.org"]
    assert second.message["Subject"] == "Ihr persönlicher Link: go-cluster Jahrestagung 2027"
    assert private_link(second.message) == private_link(smtp.received[0].message)


@pytest.mark.both_databases
def test_unreachable_server_keeps_registration_and_marks_mail_failed(client, event, app):
    app.config.update(MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=free_port(), MAIL_SMTP_SECURITY="none")
    response = submit_sign_up(client)
    assert response.status_code == 302
    assert db.session.scalar(select(Attendee.email)) == "juergen.mueller@example.org"
    mail = db.session.scalar(select(OutgoingMail))
    assert (mail.status, mail.attempts) == (MailStatus.FAILED, 1)
    assert "ConnectionRefusedError" in mail.last_error


def test_send_pending_delivers_mail_that_failed_before(client, event, app, runner, smtp):
    app.config["MAIL_SMTP_PORT"] = free_port()
    submit_sign_up(client)
    app.config["MAIL_SMTP_PORT"] = smtp.port
    result = runner.invoke(args=["send-pending"])
    assert result.output == "1 sent, 0 failed.\n"
    assert [mail.recipients for mail in smtp.received] == [["juergen.mueller@example.org"]]


def sign_up_with_smtp_password(client, app, password: str) -> list[Received]:
    """Sign up while the app logs in as "matchmaker" to a server that wants "geheim"."""
    with smtp_server(login=("matchmaker", "geheim")) as server:
        app.config.update(MAIL_SMTP_HOST=server.host, MAIL_SMTP_PORT=server.port,
                          MAIL_SMTP_SECURITY="none", MAIL_SMTP_USER="matchmaker",
                          MAIL_SMTP_PASSWORD=password)
        submit_sign_up(client)
    return server.received


def test_configured_login_is_used_for_sending(client, event, app):
    received = sign_up_with_smtp_password(client, app, "geheim")
    assert [(mail.user, mail.recipients) for mail in received] == [
        ("matchmaker", ["juergen.mueller@example.org"])]


def test_wrong_password_marks_mail_failed(client, event, app):
    assert sign_up_with_smtp_password(client, app, "falsch") == []
    assert db.session.scalar(select(OutgoingMail.status)) == MailStatus.FAILED


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


def tls_config(app, server, security: str, ca_file: str | None) -> None:
    app.config.update(MAIL_SMTP_HOST=server.host, MAIL_SMTP_PORT=server.port,
                      MAIL_SMTP_SECURITY=security, MAIL_SMTP_CA_FILE=ca_file)


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_mail_is_sent_over_verified_tls(client, event, app, authority, tmp_path, security):
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    with smtp_server(tls=security, certificate=certificate) as server:
        tls_config(app, server, security, str(ca_file))
        submit_sign_up(client)
        assert [mail.recipients for mail in server.received] == [["juergen.mueller@example.org"]]


def test_untrusted_server_certificate_keeps_registration_and_marks_mail_failed(
    client, event, app, authority
):
    with smtp_server(tls="starttls", certificate=authority.issue_cert("127.0.0.1")) as server:
        tls_config(app, server, "starttls", None)
        assert submit_sign_up(client).status_code == 302
        assert server.received == []
    mail = db.session.scalars(select(OutgoingMail)).one()
    assert mail.status == MailStatus.FAILED and "SSL" in mail.last_error
    assert db.session.scalars(select(Attendee)).one().email == "juergen.mueller@example.org"
