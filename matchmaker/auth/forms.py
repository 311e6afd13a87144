from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, Field, PasswordField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from ..passwords import (
    PASSWORD_MAX_LENGTH,
    PASSWORD_MIN_LENGTH,
    known_words,
    weak_password_message,
    weakness,
)
from ..text import normalise_email


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), [
        InputRequired(_l("Please enter your e-mail address.")),
        Length(max=254, message=_l("Please use at most %(max)d characters."))],
        filters=[normalise_email], render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), [
        InputRequired(_l("Please enter your password.")),
        Length(max=PASSWORD_MAX_LENGTH, message=_l("Please use at most %(max)d characters."))],
        render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Stay logged in on this device"))

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.remember.description = _(
            "For %(days)d days, unless you log out. Not on a shared computer.",
            days=current_app.config["REMEMBER_ME_DAYS"])


class CurrentPasswordForm(FlaskForm):
    """Defined before NewPasswordForm, so that its field comes first in PasswordChangeForm."""

    current_password = PasswordField(
        _l("Current password"), [InputRequired(_l("Please enter your current password."))],
        render_kw={"autocomplete": "current-password"},
    )


class NewPasswordForm(FlaskForm):
    """A new password, typed twice; zxcvbn refuses one that is easy to guess, also from
    ``email`` (the account's address)."""

    new_password = PasswordField(
        _l("New password"),
        [InputRequired(_l("Please enter a new password.")),
         Length(min=PASSWORD_MIN_LENGTH, max=PASSWORD_MAX_LENGTH,
                message=_l("Please use between %(min)d and %(max)d characters.",
                           min=PASSWORD_MIN_LENGTH, max=PASSWORD_MAX_LENGTH))],
        description=_l("At least %(min)d characters; a few unusual words make a good one.",
                       min=PASSWORD_MIN_LENGTH),
        render_kw={"autocomplete": "new-password"},
    )
    new_password_again = PasswordField(
        _l("New password again"),
        [InputRequired(_l("Please enter the new password a second time.")),
         EqualTo("new_password", _l("The two new passwords are not the same."))],
        render_kw={"autocomplete": "new-password"},
    )

    def __init__(self, *args, email: str = "", **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.email = email

    def validate_new_password(self, field: Field) -> None:
        if field.errors:
            return
        reason = weakness(field.data, known_words(self.email) if self.email else ())
        if reason is not None:
            raise ValidationError(weak_password_message(reason))


class PasswordChangeForm(CurrentPasswordForm, NewPasswordForm):
    pass


class InviteForm(FlaskForm):
    email = EmailField(
        _l("E-mail address of the new organiser"),
        [InputRequired(_l("Please enter an e-mail address.")),
         Email(_l("Please enter a valid e-mail address, e.g. name@example.org."))],
        filters=[normalise_email], render_kw={"autocomplete": "off"},
    )
    language = SelectField(_l("Language of the invitation"),
                           choices=[SelectChoice("de", "Deutsch"), SelectChoice("en", "English")])
    is_admin = BooleanField(
        _l("Administrator (all events)"),
        description=_l("Administrators can work on every event and invite other administrators."),
    )
