"""An event with one own question of each kind, one of them about health."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Answer, Attendee, Event, Question, QuestionKind
from matchmaker.services.events.questions import QuestionDraft, add_question

QUESTIONS = (
    QuestionDraft("Rechnungsadresse", "Invoice address", QuestionKind.TEXT, required=True, key="invoice"),
    QuestionDraft("Mittagessen", "Lunch", QuestionKind.CHOICE,
                  (("Vegetarisch", "Vegetarian"), ("Vegan", "Vegan"), ("Mit Fleisch", "With meat"))),
    QuestionDraft("Werkstätten", "Workshops", QuestionKind.CHOICES,
                  (("Robotik", "Robotics"), ("Wasserstoff", "Hydrogen")), key="workshops"),
    QuestionDraft("Newsletter erwünscht", "Newsletter wanted", QuestionKind.YES_NO, key="newsletter"),
    QuestionDraft("Barrierefreiheit: Was brauchen Sie?", "Accessibility: what do you need?",
                  QuestionKind.TEXT, special_category=True, key="access"),
)

# A sign-up's answers to QUESTIONS (form field names), the health one with its consent.
ANSWERS = {
    "question-invoice": "Musterstraße 1\n01067 Dresden",
    "question-lunch": "vegetarian",
    "question-workshops": ["robotics", "hydrogen"],
    "question-newsletter": "yes",
    "question-access": "Rollstuhlgerechter Tisch",
    "question-access-consent": "y",
}


@pytest.fixture
def questions(event: Event) -> list[Question]:
    added = [add_question(event, draft, "team@example.org") for draft in QUESTIONS]
    db.session.commit()
    return added


def answers_by_key(email: str = "juergen.mueller@example.org") -> dict[str, object]:
    attendee = db.session.scalar(select(Attendee).where(Attendee.email == email))
    assert attendee is not None
    rows = db.session.execute(select(Question.key, Answer.value).join(Answer.question)
                              .where(Answer.attendee_id == attendee.id))
    return {key: value for key, value in rows}
