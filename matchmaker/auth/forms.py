from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired

from ..text import normalise_email


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), [InputRequired(_l("Please enter your e-mail address."))],
                       filters=[normalise_email], render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), [InputRequired(_l("Please enter your password."))],
                             render_kw={"autocomplete": "current-password"})
