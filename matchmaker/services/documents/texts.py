"""The translated words and dates of the printed documents, in a given language.

German dates for German readers; English ones in British style ("Wednesday 16 June 2027").
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from ...documents import PlanTexts, ScheduleTexts

DATE_LOCALES = {"de": "de_DE", "en": "en_GB"}


def long_date(day: date, language: str) -> str:
    return format_date(day, "full", locale=DATE_LOCALES.get(language, "de_DE"))


def printed_at(now: datetime, language: str) -> str:
    """The print time (``now`` in UTC) in the venue's time zone, to the second, so that a
    later ``--changed-since`` can name it exactly."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    local = now.replace(tzinfo=UTC).astimezone(zone)
    when = f"{format_date(local.date(), 'long', locale=DATE_LOCALES.get(language, 'de_DE'))}, " \
           f"{local:%H:%M:%S}"
    with force_locale(language):
        return _("Printed %(when)s", when=when)


def schedule_texts(language: str, printed: str) -> ScheduleTexts:
    with force_locale(language):
        return ScheduleTexts(
            heading=_("Your 1:1 meetings"), time=_("Time"), table=_("Table"),
            partner=_("Meeting partner"), reason=_("Why we suggest this meeting"),
            free=_("free"), unavailable=_("not available (as you told us)"),
            qr_caption=_("Scan: your personal page with the latest schedule"),
            continued=_("continued"), printed=printed,
            no_meetings=_("No meetings are planned for you at the moment."),
        )


def plan_texts(language: str, printed: str, draft: bool) -> PlanTexts:
    with force_locale(language):
        return PlanTexts(
            title=_("Table plan (draft)") if draft else _("Table plan"), table=_("Table"),
            first=_("Attendee"), second=_("Attendee"), empty=_("No meetings in this slot."),
            continued=_("continued"), printed=printed,
        )


def slot_title(number: int, time: str, language: str) -> str:
    with force_locale(language):
        return _("Slot %(number)d · %(time)s", number=number, time=time)


def table_label() -> str:
    """Both languages on the sign: attendees of either read it."""
    labels = []
    for language in ("de", "en"):
        with force_locale(language):
            labels.append(_("Table"))
    return " · ".join(labels)
