from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from ..extensions import db
from ..i18n import current_language, request_is_safe_target
from ..mail import deliver_after_response
from ..models import EventRole, Organiser, utcnow
from ..refusals import refusal
from ..security import configured_limit, limiter
from ..services import DomainError
from ..services.organisers import accounts, invites, sessions
from ..services.organisers.roles import account_role
from . import bp
from .forms import InviteForm, LoginForm, NewPasswordForm, PasswordChangeForm

INVITE_STATUS = {"invite_unknown": 404, "invite_used": 410, "invite_expired": 410, "account_exists": 409}
BUSY_RETRY_SECONDS = 5
CLEARED_ON_LOGOUT = '"cache", "storage"'


def refuse(template: str, error: DomainError, **context: object) -> tuple[str, int, dict[str, str]]:
    """Render the form again with a message for ``error``: a limit (429) and a busy
    server (503) say when to try again."""
    headers: dict[str, str] = {}
    status = 200
    if error.code == "too_many_attempts":
        status, headers["Retry-After"] = 429, str(error.params["minutes"] * 60)
    elif error.code == "busy":
        status, headers["Retry-After"] = 503, str(BUSY_RETRY_SECONDS)
    flash(refusal(error), "error")
    return render_template(template, **context), status, headers


def log_in_here(organiser: Organiser, remember: bool) -> None:
    login_user(organiser, remember=remember, duration=sessions.session_lifetime(True))


def remembered() -> bool:
    return current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies


def this_organiser() -> Organiser:
    return current_user._get_current_object()  # type: ignore[no-any-return]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(configured_limit("RATELIMIT_LOGIN"), methods=["POST"])
def login():  # type: ignore[no-untyped-def]
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    try:
        organiser = accounts.log_in(form.email.data, form.password.data, request.remote_addr, utcnow())
    except DomainError as error:
        db.session.commit()
        return refuse("auth/login.html", error, form=form)
    sessions.start_session(organiser, form.remember.data)
    db.session.commit()
    log_in_here(organiser, form.remember.data)
    target = request.args.get("next")
    return redirect(target if request_is_safe_target(target) else url_for("organiser.events"))


@bp.post("/logout")
def logout() -> Response:
    sessions.end_session(this_organiser())
    return logged_out(_("You are logged out."))


@bp.post("/account/logout-everywhere")
def logout_everywhere() -> Response:
    sessions.end_all_sessions(this_organiser())
    return logged_out(_("You are logged out on every device."))


def logged_out(message: str) -> Response:
    db.session.commit()
    logout_user()
    flash(message, "info")
    response = redirect(url_for("auth.login"))
    # The browser forgets what the check-in desk kept offline (its list, its page copies).
    response.headers["Clear-Site-Data"] = CLEARED_ON_LOGOUT
    return response


@bp.get("/account")
def account() -> str:
    organiser = this_organiser()
    return render_template("auth/account.html", organiser=organiser,
                           desk_only=account_role(organiser) is EventRole.CHECK_IN)


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():  # type: ignore[no-untyped-def]
    organiser, remember = this_organiser(), remembered()
    form = PasswordChangeForm(email=organiser.email)
    if not form.validate_on_submit():
        return render_template("auth/password.html", form=form)
    try:
        accounts.change_password(organiser, form.current_password.data, form.new_password.data,
                                 request.remote_addr, utcnow(), remember)
    except DomainError as error:
        db.session.commit()
        if error.code != "wrong_password":
            return refuse("auth/password.html", error, form=form)
        form.current_password.errors.append(_("This is not your current password."))
        return render_template("auth/password.html", form=form)
    db.session.commit()
    log_in_here(organiser, remember)
    flash(_("Your password is changed. Every other device where you were logged in is logged out."),
          "success")
    return redirect(url_for("auth.account"))


@bp.route("/account/invite", methods=["GET", "POST"])
def invite():  # type: ignore[no-untyped-def]
    """Creating organiser accounts is for administrators; an event's organisers invite
    through that event's team page (which gives access to that event only)."""
    organiser = this_organiser()
    if not organiser.is_admin:
        abort(403)
    form = InviteForm(language=current_language())
    if not form.validate_on_submit():
        return render_template("auth/invite.html", form=form, organiser=organiser)
    try:
        outcome = invites.invite_organiser(organiser, form.email.data, form.is_admin.data,
                                           form.language.data, utcnow())
    except DomainError as error:
        return refuse("auth/invite.html", error, form=form, organiser=organiser)
    db.session.commit()
    if outcome.account_exists:
        flash(_("%(email)s has an organiser account already. Nothing was changed and no e-mail "
                "was sent: they log in with their own password.", email=outcome.email), "info")
    else:
        deliver_after_response([outcome.mail])
        flash(_("The invitation is on its way to %(email)s. Its link works once, for %(hours)d hours.",
                email=outcome.email, hours=current_app.config["ORGANISER_INVITE_HOURS"]), "success")
    return redirect(url_for("auth.invite"))


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept_invite(token: str):  # type: ignore[no-untyped-def]
    try:
        email = invites.open_invite(token, utcnow()).email
    except DomainError as error:
        return invalid_invite(error)
    form = NewPasswordForm(email=email)
    if not form.validate_on_submit():
        return render_template("auth/accept_invite.html", form=form, email=email)
    try:
        organiser = invites.accept_invite(token, form.new_password.data, utcnow())
    except DomainError as error:
        db.session.rollback()
        return invalid_invite(error) if error.code in INVITE_STATUS else refuse(
            "auth/accept_invite.html", error, form=form, email=email)
    if current_user.is_authenticated:
        sessions.end_session(this_organiser())
    sessions.start_session(organiser, remember=False)
    db.session.commit()
    log_in_here(organiser, remember=False)
    flash(_("Welcome! Your organiser account is ready and you are logged in."), "success")
    return redirect(url_for("organiser.events"))


def invalid_invite(error: DomainError) -> tuple[str, int]:
    return render_template("auth/invite_invalid.html", message=refusal(error)), \
        INVITE_STATUS[error.code]
