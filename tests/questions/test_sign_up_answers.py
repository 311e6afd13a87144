"""The organiser's own questions on the public sign-up form: stored, checked, never lost."""

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Answer, Attendee, Question
from tests.questions.conftest import ANSWERS, answers_by_key
from tests.support.factories import post_form, submit_sign_up, valid_sign_up


def test_sign_up_with_answers_stores_each_by_kind(client, questions):
    response = submit_sign_up(client, **ANSWERS)
    assert response.status_code == 302
    assert answers_by_key() == {
        "invoice": "Musterstraße 1\n01067 Dresden", "lunch": "vegetarian",
        "workshops": ["robotics", "hydrogen"], "newsletter": True, "access": "Rollstuhlgerechter Tisch",
    }


def test_sign_up_health_answer_records_when_consent_was_given(client, questions):
    submit_sign_up(client, **ANSWERS)
    consents = dict(db.session.execute(select(Question.key, Answer.consent_at).join(Answer.question)).all())
    assert consents["access"] is not None and consents["invoice"] is None


def test_sign_up_form_shows_the_questions_in_the_event_language(client, questions):
    page = client.get("/go-cluster-2027/register").get_data(as_text=True)
    assert "Rechnungsadresse" in page and "Mittagessen (optional)" in page
    assert "Art. 9" in page  # the consent box under the health question


def test_sign_up_without_required_answer_is_refused_and_keeps_the_rest(client, questions):
    response = submit_sign_up(client, **{**ANSWERS, "question-invoice": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bitte beantworten Sie diese Frage." in page
    assert 'href="#question-invoice"' in page  # the error summary leads to the field
    assert "Rollstuhlgerechter Tisch" in page and '<option selected value="vegetarian">' in page
    assert db.session.scalar(select(func.count(Attendee.id))) == 0


def test_sign_up_health_answer_without_consent_is_refused_and_not_stored(client, questions):
    response = submit_sign_up(client, **{**ANSWERS, "question-access-consent": None})
    assert response.status_code == 200
    assert "Bitte setzen Sie hier den Haken" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Answer.id))) == 0


def test_sign_up_empty_optional_answers_store_nothing(client, questions):
    submit_sign_up(client, **{"question-invoice": "Hauptstraße 2"})
    assert answers_by_key() == {"invoice": "Hauptstraße 2"}


def test_sign_up_unknown_option_is_refused(client, questions):
    response = submit_sign_up(client, **{**ANSWERS, "question-lunch": "caviar"})
    assert response.status_code == 200
    assert db.session.scalar(select(func.count(Attendee.id))) == 0


def test_language_switch_keeps_typed_answers(client, questions):
    response = post_form(client, "/go-cluster-2027/register/language/en",
                         valid_sign_up(**ANSWERS), token_from="/go-cluster-2027/register")
    page = response.get_data(as_text=True)
    assert "Invoice address" in page and "Musterstraße 1" in page and "Rollstuhlgerechter Tisch" in page
