"""The text of one personal schedule in German and in English, of the desk's print and of
the badges, against golden files.

After an intended change of the layout or the texts: ``UPDATE_GOLDEN=1 pytest`` rewrites
them; review the diff before committing it.
"""

import os
from datetime import datetime
from pathlib import Path

import pytest

from matchmaker.services.documents import printing
from tests.documents.pdf_text import pages
from tests.documents.scenario import meet, person, publish

GOLDEN = Path(__file__).parent / "golden"
PRINTED = datetime(2027, 6, 10, 7, 30, 0)  # UTC: 09:30:00 in Berlin


def schedule_scenario(event, language: str):
    reader = person(event, "Zoë", "O’Brien-Müller", language=language,
                    organisation="Müller Präzisionstechnik GmbH & Co. KG", unavailable_slots=[3])
    greek = person(event, "Γεώργιος", "Παπαδόπουλος", organisation="Πανεπιστήμιο Κρήτης",
                   industry_code="optics_photonics", org_type="research")
    polish = person(event, "Łukasz", "Żółkiewski", organisation="Politechnika Łódzka",
                    industry_code="energy_environment")
    for attendee, code in ((reader, "7K3F9QXM"), (greek, "ABCD2345"), (polish, "HJKM6789")):
        attendee.badge_code = code  # random otherwise: the golden files need fixed ones
    meet(event, reader, greek, slot=1, table=7, reasons=[
        {"code": "cross_industry", "params": {"industries": ["logistics", "optics_photonics"]}},
        {"code": "offer_matches_seek", "params": {"tag": "Lidar", "offered_by": greek.id,
                                                  "sought_by": reader.id}}])
    meet(event, reader, polish, slot=6, table=12, reasons=[
        {"code": "must_meet_one_sided", "params": {"requested_by": reader.id}}])
    publish(event)
    return reader


def matches_golden(text: str, name: str) -> bool:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    return text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["de", "en"])
def test_schedule_text_matches_golden_file(event, language):
    reader = schedule_scenario(event, language)
    text = "\f".join(pages(printing.schedule_pdf(reader, now=PRINTED, with_link=True)))
    assert matches_golden(text, f"schedule_{language}.txt")


def test_desk_schedule_text_matches_golden_file(event):
    schedule_scenario(event, "de")
    text = "\f".join(pages(printing.all_schedules_pdf(event, now=PRINTED)))
    assert matches_golden(text, "desk_schedule_de.txt")


def test_badge_text_matches_golden_file(event):
    schedule_scenario(event, "de")
    assert matches_golden("\f".join(pages(printing.badges_pdf(event))), "badges_de.txt")
