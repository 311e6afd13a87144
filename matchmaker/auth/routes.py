from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user
from sqlalchemy import select

from ..extensions import db, limiter
from ..i18n import request_is_safe_target
from ..models import Organiser
from ..security import configured_limit
from . import bp
from .forms import LoginForm


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(configured_limit("RATELIMIT_LOGIN"), methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        organiser = db.session.scalar(select(Organiser).where(Organiser.email == form.email.data))
        if organiser is not None and organiser.check_password(form.password.data):
            login_user(organiser)
            target = request.args.get("next")
            return redirect(target if request_is_safe_target(target) else url_for("organiser.events"))
        flash(_("E-mail address or password is wrong."), "error")
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))
