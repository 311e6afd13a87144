"""The event's look on paper: badges, schedules and table signs draw the cleaned logo."""

from matchmaker import documents
from matchmaker.documents import Badge, BadgeTexts, Brand, SignTexts
from matchmaker.exchange.logo import clean_logo
from matchmaker.services.documents.printing import table_signs_pdf
from matchmaker.services.events.look import set_accent, set_logo
from tests.look.test_logo_and_colour import HOSTILE_SVG, png

BADGE = Badge("Jürgen Müller", "Müller Präzisionstechnik GmbH", "Produktion", "K7M2")
IMAGE = b"/Subtype /Image"


def test_badge_draws_a_png_logo():
    logo, _ = clean_logo(png())
    pdf = documents.badges_pdf([BADGE], BadgeTexts("Jahrestagung", Brand(logo, (143, 114, 0))))
    assert IMAGE in pdf


def test_badge_without_a_look_has_no_image():
    assert IMAGE not in documents.badges_pdf([BADGE], BadgeTexts("Jahrestagung"))


def test_badge_draws_a_cleaned_svg_logo_as_vectors():
    logo, _ = clean_logo(HOSTILE_SVG)
    plain = documents.badges_pdf([BADGE], BadgeTexts("Jahrestagung"), with_qr=False)
    branded = documents.badges_pdf([BADGE], BadgeTexts("Jahrestagung", Brand(logo)), with_qr=False)
    assert len(branded) > len(plain)


def test_unreadable_logo_is_left_out_and_the_sign_still_prints():
    pdf = documents.table_signs_pdf(["1"], SignTexts("Jahrestagung", "Tisch", Brand(b"not an image")))
    assert pdf.startswith(b"%PDF") and IMAGE not in pdf


def test_event_table_signs_carry_its_logo(app, event):
    set_logo(event, png(), "team@example.org")
    set_accent(event, "#8f7200", "team@example.org")
    assert IMAGE in table_signs_pdf(event)
