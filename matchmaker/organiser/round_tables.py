"""Round tables of a round-table session: the layout, forming the groups, the table plan
and the table signs."""

from collections.abc import Callable

from flask import Response, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..i18n import current_language
from ..refusals import refusal
from ..services import DomainError
from ..services.documents import round_tables as documents
from ..services.events.events import industries
from ..services.programme.round_tables import (
    form_groups,
    groups_by_round,
    layout_of,
    round_table,
    set_layout,
)
from ..web.forms import ConfirmForm
from ..web.outcome import carry_out
from . import bp
from .printing import pdf
from .round_table_forms import LayoutForm


@bp.route("/<slug>/programme/<int:session_id>/tables", methods=["GET", "POST"])
def round_tables(session_id: int) -> str | BaseResponse:
    session = checked_session(session_id)
    layout = layout_of(session)
    form = LayoutForm(obj=LayoutForm.values_of(layout) if layout else None)
    if form.validate_on_submit():
        return done(session_id, lambda: set_layout(g.event, session_id, form.values(), current_user.email),
                    _("The table layout is saved."))
    names = {i.code: i.name(current_language()) for i in industries()}
    return render_template("organiser/round_tables.html", session=session, layout=layout, form=form,
                           form_button=ConfirmForm(),
                           rounds=groups_by_round(session, layout, names) if layout else [])


@bp.post("/<slug>/programme/<int:session_id>/tables/form")
def form_round_tables(session_id: int) -> BaseResponse:
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".round_tables", session_id=session_id))
    return done(session_id, lambda: form_groups(g.event, session_id, current_user.email),
                _("The tables are formed."))


@bp.get("/<slug>/programme/<int:session_id>/tables/<document>.pdf")
def round_table_document(session_id: int, document: str) -> Response | BaseResponse:
    make = {"plan": documents.round_table_plan_pdf_of, "signs": documents.round_table_signs_pdf_of}
    session = checked_session(session_id)
    if document not in make:
        abort(404)
    try:
        body = make[document](g.event, session, current_language())
    except DomainError as error:
        flash(refusal(error), "error")
        return redirect(url_for(".round_tables", session_id=session_id))
    return pdf(body, f"{g.event.slug}-round-tables-{session_id}-{document}.pdf")


def checked_session(session_id: int):  # type: ignore[no-untyped-def]
    try:
        return round_table(g.event, session_id)
    except DomainError:
        abort(404)


def done(session_id: int, change: Callable[[], object], message: str) -> BaseResponse:
    def without_mails() -> None:  # the changes of round tables send none
        change()

    carry_out(without_mails, message)
    return redirect(url_for(".round_tables", session_id=session_id))
