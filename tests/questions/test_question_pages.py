"""The organiser's page for own questions, and the rules of the questions service."""

from datetime import date

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Answer, QuestionKind
from matchmaker.services import DomainError
from matchmaker.services.events.events import copy_event
from matchmaker.services.events.look import set_accent
from matchmaker.services.events.questions import (
    QuestionDraft,
    add_question,
    change_question,
    event_questions,
    key_from,
)
from tests.questions.conftest import ANSWERS
from tests.support.factories import post_form, submit_sign_up

PAGE = "/organiser/go-cluster-2027/settings/questions"
DIET = {"label_de": "Ernährung aus medizinischen Gründen", "label_en": "Diet for medical reasons",
        "kind": "text", "special_category": "y"}


def test_added_question_appears_on_the_sign_up_form(organiser_client, event):
    post_form(organiser_client, PAGE, DIET)
    page = organiser_client.get("/go-cluster-2027/register").get_data(as_text=True)
    assert "Ernährung aus medizinischen Gründen (optional)" in page
    assert event_questions(event)[0].key == "diet_for_medical_reasons"


def test_dashboard_navigation_links_the_questions(organiser_client, event):
    page = organiser_client.get("/organiser/go-cluster-2027/").get_data(as_text=True)
    assert f'href="{PAGE}"' in page


def test_required_health_question_is_refused(organiser_client, event):
    response = post_form(organiser_client, PAGE, {**DIET, "required": "y"})
    assert "kann keine Pflichtfrage sein" in response.get_data(as_text=True)
    assert event_questions(event) == []


def test_choice_without_options_is_refused(organiser_client, event):
    response = post_form(organiser_client, PAGE, {"label_de": "Mittagessen", "kind": "choice", "options": "Nur eine"})
    assert "2 bis 30 Optionen" in response.get_data(as_text=True)
    assert event_questions(event) == []


def test_kind_of_an_answered_question_cannot_change(client, event, questions):
    submit_sign_up(client, **ANSWERS)
    with pytest.raises(DomainError) as refused:
        change_question(event, questions[1].id, QuestionDraft("Mittagessen", "Lunch", QuestionKind.TEXT), "x")
    assert refused.value.code == "question_kind_answered"


def test_corrected_option_wording_keeps_its_key(event, questions):
    lunch = questions[1]
    change_question(event, lunch.id, QuestionDraft("Mittagessen", "Lunch", QuestionKind.CHOICE, (
        ("Vegetarisch", "Vegetarian"), ("Vegan", "Vegan (plant-based)"), ("Mit Fleisch", "With meat"))), "x")
    assert [option["key"] for option in lunch.options] == ["vegetarian", "vegan", "with_meat"]


def test_key_taken_is_refused(event, questions):
    with pytest.raises(DomainError) as refused:
        add_question(event, QuestionDraft("Noch einmal", "Again", QuestionKind.TEXT, key="invoice"), "x")
    assert refused.value.code == "question_key_taken"


def test_key_from_wording_is_plain_ascii():
    assert key_from("Ernährung (medizinisch) für Groß & Klein") == "ernaehrung_medizinisch_fuer_gr"


def test_moving_a_question_up_changes_the_form_order(organiser_client, event, questions):
    post_form(organiser_client, f"{PAGE}/{questions[1].id}/move/up", token_from=PAGE)
    db.session.expire_all()
    assert [q.key for q in event_questions(event)][:2] == ["lunch", "invoice"]


def test_deleting_a_question_deletes_its_answers(organiser_client, event, questions):
    submit_sign_up(organiser_client, **ANSWERS)
    post_form(organiser_client, f"{PAGE}/{questions[0].id}/delete", token_from=PAGE)
    assert [q.key for q in event_questions(event)] == ["lunch", "workshops", "newsletter", "access"]
    assert db.session.scalar(select(func.count(Answer.id))) == 4


def test_changing_a_question_through_its_page(organiser_client, event, questions):
    post_form(organiser_client, f"{PAGE}/{questions[3].id}",
              {"label_de": "Newsletter?", "label_en": "Newsletter?", "kind": "yes_no"})
    db.session.expire_all()
    assert event_questions(event)[3].label_de == "Newsletter?"


def test_copied_event_keeps_questions_and_look_but_no_answers(client, event, questions):
    submit_sign_up(client, **ANSWERS)
    set_accent(event, "#8f7200", "team@example.org")
    copy = copy_event(event, "go-cluster-2028", "go-cluster Jahrestagung 2028", date(2028, 6, 14))
    assert [q.key for q in event_questions(copy)] == ["invoice", "lunch", "workshops", "newsletter", "access"]
    assert copy.accent_colour == "#8f7200"
    assert db.session.scalar(select(func.count(Answer.id))) == 5  # the source's only
