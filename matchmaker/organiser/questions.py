"""The organiser's own questions on the sign-up form (under the event's settings)."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..extensions import db
from ..models import Question
from ..refusals import refusal
from ..services import DomainError
from ..services.events import questions as service
from ..web.forms import ConfirmForm
from . import bp
from .question_forms import KIND_LABELS, QuestionForm, options_text


@bp.route("/<slug>/settings/questions", methods=["GET", "POST"])
def questions() -> str | BaseResponse:
    form = QuestionForm()
    if form.validate_on_submit():
        try:
            service.add_question(g.event, form.draft(), current_user.email)
        except DomainError as error:
            form.key.errors.append(refusal(error))
        else:
            db.session.commit()
            flash(_("The question is added to the sign-up form."), "success")
            return redirect(url_for(".questions"))
    return render_template("organiser/questions.html", form=form, confirm=ConfirmForm(),
                           questions=service.event_questions(g.event), kinds=KIND_LABELS)


@bp.route("/<slug>/settings/questions/<int:question_id>", methods=["GET", "POST"])
def question(question_id: int) -> str | BaseResponse:
    current = question_or_404(question_id)
    form = QuestionForm(data=None if request.method == "POST" else {
        "label_de": current.label_de, "label_en": current.label_en, "kind": current.kind.value,
        "options": options_text(current.options), "required": current.required,
        "special_category": current.special_category})
    if form.validate_on_submit():
        try:
            service.change_question(g.event, question_id, form.draft(), current_user.email)
        except DomainError as error:
            form.kind.errors.append(refusal(error))
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for(".questions"))
    return render_template("organiser/question.html", form=form, question=current)


@bp.post("/<slug>/settings/questions/<int:question_id>/delete")
def delete_question(question_id: int) -> BaseResponse:
    if ConfirmForm().validate_on_submit():
        try:
            service.delete_question(g.event, question_id, current_user.email)
        except DomainError:
            abort(404)
        db.session.commit()
        flash(_("The question and all answers to it are deleted."), "success")
    return redirect(url_for(".questions"))


@bp.post("/<slug>/settings/questions/<int:question_id>/move/<direction>")
def move_question(question_id: int, direction: str) -> BaseResponse:
    """``direction`` is ``up`` or ``down``."""
    if direction not in ("up", "down"):
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            service.move_question(g.event, question_id, -1 if direction == "up" else 1)
        except DomainError:
            abort(404)
        db.session.commit()
    return redirect(url_for(".questions"))


def question_or_404(question_id: int) -> Question:
    try:
        return service.question_of(g.event, question_id)
    except DomainError:
        abort(404)
