"""Every page a visitor or attendee sees declares the chosen language in ``<html lang>``.

Screen readers pick their pronunciation from it. The pages are read from the URL map, so a
new public or attendee page is checked without anyone listing it here.
"""

import re
from pathlib import Path

import pytest

from tests.conftest import database_copy
from tests.support.attendees import add_attendee
from tests.support.routes import example_path, rules_of

LANGUAGES = ("de", "en")
NOT_PAGES = {
    "public.choose_language": "redirects back to the page the visitor came from",
    "attendee.data": "a JSON download",
    "public.favicon": "an icon, not a page",
    "public.display": "needs the event's secret display link: tests/organiser/test_display.py",
    "attendee.manifest": "the web app manifest of the now page (JSON)",
    "attendee.now_worker": "the now page's service worker (JavaScript)",
    "public.index": "with one open event, redirects to it (its page is checked)",
    "attendee.schedule_pdf": "a PDF download (its language: tests/documents)",
    "attendee.schedule_file": "an iCalendar download",
    "attendee.feed": "an iCalendar feed for calendar apps",
    "attendee.person": "needs a second attendee: tests/attendee/test_matchmaking_pages.py",
    "attendee.feedback": "needs a meeting after the event: tests/attendee/test_feedback.py",
    "attendee.session_collision": "needs a published meeting under a session: "
                                  "tests/programme/test_session_collision.py",
    "attendee.move_meeting": "needs a published meeting: tests/attendee/test_own_meetings.py",
    "attendee.give_back": "needs a published meeting: tests/attendee/test_own_meetings.py",
    "attendee.meeting_colleagues": "needs a published meeting: "
                                   "tests/attendee/test_team_meetings_attendee.py",
    "public.event_look": "the event's stylesheet (CSS)",
    "public.event_logo": "the event's logo image (none in this event): tests/look",
}
PAGES = sorted(
    rule.endpoint for rule in rules_of("public", "attendee")
    if "GET" in rule.methods and rule.endpoint not in NOT_PAGES
)
HTML_LANG = re.compile(r"<html[^>]*\slang=\"([^\"]*)\"")


@pytest.fixture
def database_url(sqlite_template: Path, tmp_path: Path) -> str:
    """SQLite only: which language a template declares does not depend on the database."""
    return database_copy(sqlite_template, tmp_path)


def declared_language(page: str) -> str | None:
    match = HTML_LANG.search(page)
    return match.group(1) if match else None


@pytest.mark.parametrize("endpoint", PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_declares_chosen_language(app, client, event, endpoint, language):
    path = example_path(app, endpoint, token=add_attendee(event, "Sina", confirmed=False).token,
                        slug=event.slug)
    client.get(f"/language/{language}")
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert declared_language(response.get_data(as_text=True)) == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page_declares_chosen_language(client, event, language):
    client.get(f"/language/{language}")
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert declared_language(response.get_data(as_text=True)) == language
