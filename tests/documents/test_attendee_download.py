"""The attendee downloads their own schedule from their private page (with a QR code of
their own link); an organiser's print of it carries no link."""

from tests.documents.pdf_text import pages, qr_codes
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


def test_own_download_carries_a_qr_code_of_the_own_link(client, event, tmp_path):
    emma = person(event, "Emma", "Clarke")
    meet(event, emma, person(event, "Jan", "Berg"), slot=2, table=4)
    publish(event)
    body = client.get(f"/me/{emma.token}/schedule.pdf").data
    assert qr_codes(body, tmp_path) == [f"http://localhost/me/{emma.token}"]


def test_organisers_print_of_one_schedule_carries_no_private_link(organiser_client, event, tmp_path):
    emma = person(event, "Emma", "Clarke")
    meet(event, emma, person(event, "Jan", "Berg"), slot=2, table=4)
    publish(event)
    response = organiser_client.get(f"/organiser/go-cluster-2027/attendees/{emma.number}/schedule.pdf")
    assert response.status_code == 200 and "Emma Clarke" in pages(response.data)[0]
    assert emma.token not in pages(response.data)[0]
    assert qr_codes(response.data, tmp_path) == [emma.badge_code]
