"""The attendee downloads their own schedule from their private page."""

from tests.documents.pdf_text import pages
from tests.documents.scenario import meet, person, publish


def test_published_schedule_downloads_as_pdf_in_the_attendees_language(client, event):
    emma = person(event, "Emma", "Clarke", language="en")
    meet(event, emma, person(event, "Jan", "Berg"), slot=2, table=4)
    publish(event)
    response = client.get(f"/me/{emma.token}/schedule.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert 'filename="schedule-1.pdf"' in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    [page] = pages(response.data)
    assert "Your 1:1 meetings" in page and "Jan Berg" in page


def test_schedule_pdf_is_not_found_before_publication(client, event):
    emma = person(event, "Emma", "Clarke")
    assert client.get(f"/me/{emma.token}/schedule.pdf").status_code == 404


def test_private_page_links_the_pdf_once_published(client, event):
    emma = person(event, "Emma", "Clarke")
    meet(event, emma, person(event, "Jan", "Berg"), slot=2, table=4)
    link = f'href="/me/{emma.token}/schedule.pdf"'
    assert link not in client.get(f"/me/{emma.token}").get_data(as_text=True)
    publish(event)
    assert link in client.get(f"/me/{emma.token}").get_data(as_text=True)
