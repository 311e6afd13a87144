"""Mail as a weapon: no links in names, no auto-linking in mails, limits per address."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee, OutgoingMail
from matchmaker.text import WORD_JOINER
from tests.support.factories import submit_sign_up
from tests.support.mailbox import html_part, outbox_messages

pytestmark = pytest.mark.both_databases

LINK_LIKE_NAMES = ["Visit http://phish.example", "www.phish.example", "phish.example",
                   "PHISH.COM", "mail me@phish.example", "hxxps://x"]


@pytest.mark.parametrize("name", LINK_LIKE_NAMES)
def test_link_like_first_name_is_refused_with_a_message(client, event, name):
    page = submit_sign_up(client, first_name=name).get_data(as_text=True)
    assert "Bitte geben Sie hier nur Ihren Namen ein" in page
    assert db.session.scalar(select(func.count()).select_from(Attendee)) == 0


@pytest.mark.parametrize("name", ["Prof.Dr.-Ing. Anna", "J.R.R.", "Anna-Lena", "O'Brien"])
def test_names_with_dots_and_titles_are_accepted(client, event, name):
    assert submit_sign_up(client, first_name=name).status_code == 302


def test_html_mail_breaks_link_detection_in_the_name(client, event):
    submit_sign_up(client, last_name="Müller.Schmidt")
    html = html_part(outbox_messages(Path(client.application.config["MAIL_OUTBOX_DIR"]))[-1])
    assert f"Müller.{WORD_JOINER}Schmidt" in html


def test_mails_to_one_address_stop_at_the_daily_limit(app, client, event):
    app.config.update(MAIL_LIMIT_PER_ADDRESS_PER_DAY=3, LINK_MAIL_INTERVAL_MINUTES=0)
    for _ in range(5):
        submit_sign_up(client)
    assert db.session.scalar(select(func.count()).select_from(OutgoingMail)) == 3
