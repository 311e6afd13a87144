"""The event's look through the dashboard, the public pages and the mails."""

import io

from matchmaker.extensions import db
from tests.look.test_logo_and_colour import HOSTILE_SVG, XXE, png
from tests.support.factories import csrf_token, submit_sign_up
from tests.support.mailbox import html_part, outbox_messages

PAGE = "/organiser/go-cluster-2027/settings/look"


def save_look(client, accent: str = "", logo: bytes | None = None, name: str = "logo.svg"):
    data: dict[str, object] = {"csrf_token": csrf_token(client, PAGE), "accent": accent}
    if logo is not None:
        data["logo"] = (io.BytesIO(logo), name)
    return client.post(PAGE, data=data, content_type="multipart/form-data")


def test_hostile_svg_upload_is_served_cleaned_under_a_closed_policy(organiser_client, event):
    assert save_look(organiser_client, logo=HOSTILE_SVG).status_code == 302
    response = organiser_client.get("/go-cluster-2027/logo?v=1")
    assert response.mimetype == "image/svg+xml" and b"script" not in response.data
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_svg_with_entities_is_refused_on_the_page(organiser_client, event):
    response = save_look(organiser_client, logo=XXE)
    assert "DTD" in response.get_data(as_text=True)
    db.session.refresh(event)
    assert event.logo_type is None


def test_light_accent_is_refused_on_the_page_with_a_shade(organiser_client, event):
    response = save_look(organiser_client, accent="#ffcc00")
    page = response.get_data(as_text=True)
    assert "mindestens 4,5:1" in page and "#8f7200" in page


def test_accent_reaches_the_public_pages_as_a_stylesheet(organiser_client, event):
    save_look(organiser_client, accent="#8f7200")
    page = organiser_client.get("/go-cluster-2027/").get_data(as_text=True)
    assert 'href="/go-cluster-2027/look.css?v=8f7200"' in page
    css = organiser_client.get("/go-cluster-2027/look.css?v=8f7200").get_data(as_text=True)
    assert "--accent: #8f7200" in css


def test_logo_is_in_the_header_of_public_pages(organiser_client, event):
    save_look(organiser_client, logo=png(), name="logo.png")
    page = organiser_client.get("/go-cluster-2027/register").get_data(as_text=True)
    assert 'src="/go-cluster-2027/logo?v=1"' in page


def test_mails_carry_the_logo_and_accent(organiser_client, event, outbox):
    save_look(organiser_client, accent="#8f7200", logo=png(), name="logo.png")
    submit_sign_up(organiser_client)
    html = html_part(outbox_messages(outbox)[-1])
    assert "http://localhost/go-cluster-2027/logo?v=1" in html and "#8f7200" in html


def test_event_without_look_links_no_stylesheet(client, event):
    page = client.get("/go-cluster-2027/").get_data(as_text=True)
    assert "look.css" not in page and "brand-logo" not in page
