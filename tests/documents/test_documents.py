"""The PDF documents from plain rows: text, pages, fonts, and nothing outside its box."""

import shutil
import subprocess

import pytest

from matchmaker.documents import (
    BadgeLayout,
    BadgeTexts,
    SignTexts,
    badges_pdf,
    schedules_pdf,
    table_plan_pdf,
    table_signs_pdf,
)
from tests.conftest import cannot_run
from tests.documents.pdf_text import pages, pdftotext, squeeze, words_with_boxes
from tests.documents.sheets import LONG_ORGANISATION, LONG_WORD, PARTNERS, PLAN_TEXTS, badge, plan_slot, sheet

MM = 72 / 25.4


def test_names_in_greek_polish_turkish_and_with_apostrophes_survive():
    text = squeeze(" ".join(pages(schedules_pdf([sheet()]))))
    for name in PARTNERS:
        assert name in text


def test_fonts_are_embedded():
    if shutil.which("pdffonts") is None:
        cannot_run("pdffonts is not installed (apt-get install poppler-utils)")
    listing = subprocess.run(["pdffonts", "-"], input=schedules_pdf([sheet()]),
                             capture_output=True, check=True).stdout.decode().splitlines()[2:]
    assert listing and all(" yes yes yes " in line for line in listing)


def test_long_organisation_and_long_words_stay_inside_the_margins():
    body = schedules_pdf([sheet(reason=f"Sie suchen „{LONG_WORD}“.",
                                partner_organisation=LONG_ORGANISATION)])
    for word, x0, _, x1, _, width in words_with_boxes(body):
        assert 15 * MM - 1 <= x0 and x1 <= width - 15 * MM + 1, word


def test_long_word_is_broken_rather_than_cut_off():
    text = pdftotext(schedules_pdf([sheet(1, reason=LONG_WORD)]))
    assert LONG_WORD in "".join(text.split())


def test_one_page_per_attendee_when_the_meetings_fit():
    assert len(pages(schedules_pdf([sheet(), sheet(name="Anna Schmidt")]))) == 2


def test_many_meetings_continue_on_a_second_page_without_splitting_one():
    printed = pages(schedules_pdf([sheet(slots=24)]))
    assert len(printed) == 2 and "Jürgen Müller · Fortsetzung" in printed[1]
    for number in range(1, 25):
        if number % 5:
            [page] = [p for p in printed if f"{number:02d}:00–{number:02d}:20" in p]
            row = page.split(f"{number:02d}:00–{number:02d}:20")[1].split(":20", 1)[0]
            assert PARTNERS[(number - 1) % 4] in row and "Schweinfurt" in row


def test_attendee_without_meetings_gets_a_note_and_free_slots():
    empty = sheet(slots=3)
    empty = type(empty)(**{**empty.__dict__, "slots": tuple(
        type(line)(line.time) for line in empty.slots)})
    [page] = pages(schedules_pdf([empty]))
    assert "Keine Gespräche" in page and page.count("frei") == 3


def test_table_plan_starts_each_slot_on_a_page_and_continues_long_ones():
    printed = pages(table_plan_pdf([plan_slot(40), plan_slot(0)], PLAN_TEXTS))
    assert len(printed) >= 3
    assert all("Fortsetzung" in page for page in printed[1:-1])
    assert "Keine Gespräche" in printed[-1] and "Fortsetzung" not in printed[-1]
    assert sum(page.count("Jürgen Müller") for page in printed) == 40


def test_table_signs_have_one_large_number_per_page():
    body = table_signs_pdf(["1", "12", "Terrasse Süd"], SignTexts("go-cluster", "Tisch · Table"))
    assert [squeeze(p).split("Table ")[1] for p in pages(body)] == ["1", "12", "Terrasse Süd"]
    heights = [y1 - y0 for word, _, y0, _, y1, _ in words_with_boxes(body) if word == "12"]
    assert heights and heights[0] > 60 * MM  # readable from 5 m


def test_badges_fill_sheets_of_eight():
    body = badges_pdf([badge(f"Person {n}") for n in range(9)], BadgeTexts("go-cluster"))
    printed = pages(body)
    assert len(printed) == 2 and squeeze(printed[1]).count("Person") == 1


def test_long_badge_names_shrink_to_stay_inside_their_badge():
    layout = BadgeLayout(columns=2, rows=4, width_mm=90, height_mm=60)
    long_name = "Maria-Magdalena Alexandra von der Heide-Schwarzenberg-Öztürk"
    body = badges_pdf([badge(long_name, LONG_ORGANISATION), badge("Al Li")], BadgeTexts("x"), layout)
    left = (210 - 180) / 2 * MM
    for word, x0, _, x1, _, _ in words_with_boxes(body):
        column = 0 if x0 < left + 90 * MM else 1
        assert left + column * 90 * MM < x0 and x1 < left + (column + 1) * 90 * MM, word


def test_badge_layout_larger_than_a4_is_refused():
    with pytest.raises(ValueError):
        badges_pdf([badge("A")], BadgeTexts("x"), BadgeLayout(columns=3, rows=4, width_mm=90))


def test_progress_hears_every_sheet_with_the_total():
    heard = []
    schedules_pdf([sheet(2), sheet(2), sheet(2)], progress=lambda done, total: heard.append((done, total)))
    assert heard == [(1, 3), (2, 3), (3, 3)]
