"""The industry list every event's sign-up offers (shared by all events; administrators)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse

from ..extensions import db
from ..refusals import refusal
from ..services import DomainError
from ..services.events.events import industries as all_industries
from ..services.events.industries import IndustryName, add_industry, rename_industries
from ..web.forms import ConfirmForm
from . import bp
from .forms import NewIndustryForm


@bp.route("/industries", methods=["GET", "POST"])
def industries() -> str | BaseResponse:
    if not current_user.is_admin:
        abort(404)
    form, names = NewIndustryForm(), ConfirmForm()
    if request.method == "POST" and names.validate_on_submit() and "rename" in request.form:
        return saved(lambda: rename_industries(submitted_names()))
    if form.validate_on_submit():
        return saved(lambda: add_industry(IndustryName(form.code.data, form.name_de.data,
                                                       form.name_en.data)))
    return render_template("organiser/industries.html", form=form, names=names,
                           industries=all_industries())


def submitted_names() -> list[IndustryName]:
    codes = request.form.getlist("code")
    return [IndustryName(code, request.form.get(f"de-{code}", "").strip()[:120],
                         request.form.get(f"en-{code}", "").strip()[:120]) for code in codes]


def saved(change) -> BaseResponse:  # type: ignore[no-untyped-def]
    try:
        change()
    except DomainError as error:
        flash(refusal(error), "error")
        return redirect(url_for(".industries"))
    db.session.commit()
    flash(_("The industry list is saved."), "success")
    return redirect(url_for(".industries"))
