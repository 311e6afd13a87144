"""The answers after sign-up: the attendee's page, the dashboard, the exports, the data
download and the erasure."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from matchmaker.exchange.attendee_csv import parse_attendee_csv
from matchmaker.extensions import db
from matchmaker.models import Answer, AuditEntry
from tests.attendee.test_erasure import erase, rows_mentioning
from tests.questions.conftest import ANSWERS, answers_by_key
from tests.support.factories import post_form, submit_sign_up
from tests.support.mailbox import outbox_messages, private_link


@pytest.fixture
def link(client, questions, outbox) -> str:
    """Jürgen signed up with every question answered; the path of his private page."""
    assert submit_sign_up(client, **ANSWERS).status_code == 302
    return private_link(outbox_messages(outbox)[-1])


def exported_rows(client, query: str = "") -> list[dict[str, str]]:
    body = client.get(f"/organiser/go-cluster-2027/export/attendees.csv{query}").get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


def test_own_page_shows_the_answers(client, link):
    page = client.get(link).get_data(as_text=True)
    assert "Weitere Fragen" in page and "Vegetarisch" in page and "Robotik, Wasserstoff" in page


def test_own_page_changes_an_answer(client, link):
    post_form(client, f"{link}/answers", {**ANSWERS, "question-lunch": "vegan"})
    assert answers_by_key()["lunch"] == "vegan"


def test_own_page_withdrawn_consent_deletes_the_health_answer(client, link):
    post_form(client, f"{link}/answers", {**ANSWERS, "question-access-consent": None, "question-access": ""})
    assert "access" not in answers_by_key()


def test_dashboard_attendee_page_shows_the_answers(organiser_client, link):
    page = organiser_client.get("/organiser/go-cluster-2027/attendees/1").get_data(as_text=True)
    assert "Antworten auf Ihre Fragen" in page and "Rollstuhlgerechter Tisch" in page


def test_export_has_a_column_per_question_named_by_its_key(organiser_client, link):
    row = exported_rows(organiser_client)[0]
    assert row["question_invoice"] == "Musterstraße 1\n01067 Dresden"
    assert (row["question_lunch"], row["question_workshops"], row["question_newsletter"]) == (
        "vegetarian", "robotics;hydrogen", "yes")


def test_export_leaves_health_answers_out_by_default(organiser_client, link):
    assert "question_access" not in exported_rows(organiser_client)[0]


def test_export_includes_health_answers_when_ticked(organiser_client, link):
    assert exported_rows(organiser_client, "?special=1")[0]["question_access"] == "Rollstuhlgerechter Tisch"


def test_xlsx_export_has_the_question_columns(organiser_client, link):
    body = organiser_client.get("/organiser/go-cluster-2027/export/attendees.xlsx").data
    header, first = list(load_workbook(io.BytesIO(body)).worksheets[0].values)[:2]
    assert first[header.index("question_lunch")] == "vegetarian"
    assert "question_access" not in header


def test_export_with_answers_reads_as_an_import(organiser_client, link):
    exported = organiser_client.get("/organiser/go-cluster-2027/export/attendees.csv").data
    rows = parse_attendee_csv(exported, slots=10)
    assert [row.email for row in rows] == ["juergen.mueller@example.org"]


def test_data_download_holds_the_answers(client, link):
    data = json.loads(client.get(f"{link}/data.json").get_data(as_text=True))
    answers = {answer["question"]: answer for answer in data["answers"]}
    assert answers["workshops"]["answer"] == ["robotics", "hydrogen"]
    assert answers["access"]["consent_at"] is not None and answers["invoice"]["de"] == "Rechnungsadresse"


@pytest.mark.both_databases
def test_erasure_deletes_every_answer(client, link):
    assert rows_mentioning(("Rollstuhlgerechter", "Musterstraße"))
    erase(client, link)
    assert rows_mentioning(("Rollstuhlgerechter", "Musterstraße")) == []
    assert db.session.scalar(select(func.count(Answer.id))) == 0


def test_dashboard_change_of_an_answer_is_audited(organiser_client, link):
    post_form(organiser_client, "/organiser/go-cluster-2027/attendees/1/answers", {**ANSWERS, "question-lunch": "vegan"})
    assert answers_by_key()["lunch"] == "vegan"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "answers_changed"))
    assert entry is not None and entry.changes["lunch"] == ["vegetarian", "vegan"]


def test_dashboard_cannot_touch_a_health_answer(organiser_client, link):
    post_form(organiser_client, "/organiser/go-cluster-2027/attendees/1/answers",
              {"question-invoice": "Neue Adresse", "question-access": ""})
    assert answers_by_key()["access"] == "Rollstuhlgerechter Tisch"


def test_erasure_takes_the_audited_answers_along(organiser_client, link):
    post_form(organiser_client, "/organiser/go-cluster-2027/attendees/1/answers",
              {"question-invoice": "Geheimweg 7"})
    assert rows_mentioning(("Geheimweg",))  # in the answer and in the audit log
    erase(organiser_client, link)
    assert rows_mentioning(("Geheimweg",)) == []
