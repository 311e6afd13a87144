"""Flask extensions, created unbound so that ``create_app`` can attach them."""

from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so that Alembic migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
# The models' base class. Flask-SQLAlchemy builds db.Model at run time (from Base, adding the
# table names and binds), which a type checker cannot follow: to it, the models derive from Base.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
babel = Babel()
# The extensions of serving pages (CSRF, log-in, rate limits) are in matchmaker.security:
# the console's commands without pages do not load them.
