"""The errors of an attendee file in the reader's language, for the organiser dashboard.

The file formats (``exchange``) know no Flask and report English text for the console;
here the same codes become German or English sentences: "Zeile 7, Spalte org_type: ...".
"""

from typing import Any

from flask_babel import lazy_gettext as _l

from ...exchange.attendee_csv import CsvError

FILE_ERRORS = {
    "unknown_encoding": _l("the file is neither UTF-8 nor Windows-1252 text (“%(sample)s” is "
                           "garbled); save it again as “CSV UTF-8” or as an Excel workbook (.xlsx)"),
    "mixed_encoding": _l("the file mixes UTF-8 with another encoding; save it again as "
                         "“CSV UTF-8” or as an Excel workbook (.xlsx)"),
    "not_a_spreadsheet": _l("the file is neither a CSV file nor an Excel workbook (.xlsx)"),
    "old_excel_format": _l("the old Excel format (.xls) cannot be read; save the file as "
                           "Excel workbook (.xlsx) or as “CSV UTF-8”"),
    "formula_without_value": _l("the cell holds a formula whose result was never calculated; "
                                "open and save the file in Excel, or paste the values only"),
    "cell_too_large": _l("a cell holds more than %(limit)s characters (is a quotation mark "
                         "left open?); nothing after it was read"),
    "workbook_too_large": _l("the workbook is too large: its part %(part)s unpacks to more "
                             "than %(limit)s MB; keep only the attendee list in it, or save it "
                             "as “CSV UTF-8”"),
    "too_many_rows": _l("the file has more than %(limit)s attendees"),
    "empty_file": _l("the file has no header row"),
    "missing_column": _l("the required column is missing from the header"),
    "unknown_column": _l("unknown column"),
    "duplicate_column": _l("the column appears twice in the header"),
    "too_many_cells": _l("the row has more cells than the header"),
    "required": _l("a value is required"),
    "too_long": _l("the value is longer than %(limit)s characters"),
    "link_like": _l("web or e-mail addresses are not allowed here (other attendees see it): "
                    "“%(value)s”"),
    "invalid_email": _l("not a valid e-mail address: “%(value)s”"),
    "duplicate_email": _l("the e-mail address “%(value)s” already appears in %(first)s"),
    "invalid_org_type": _l("unknown organisation type “%(value)s” (allowed: %(allowed)s)"),
    "unknown_industry": _l("unknown industry “%(value)s”"),
    "unknown_theme": _l("unknown theme “%(value)s” (allowed: %(allowed)s)"),
    "unknown_language": _l("unknown language “%(value)s” (allowed: %(allowed)s)"),
    "invalid_slot": _l("not a slot number: “%(value)s”"),
    "slot_out_of_range": _l("slot %(value)s is not between 1 and %(slots)s"),
    "invalid_max_meetings": _l("max_meetings must be a whole number of at least 0: “%(value)s”"),
    "invalid_wants_meetings": _l("wants_meetings must be yes or no: “%(value)s”"),
    "invalid_matching_consent": _l("matching_consent must be yes or no: “%(value)s”"),
    "too_many_tags": _l("at most %(limit)s entries are allowed, found %(count)s"),
    "unknown_must_meet": _l("must_meet names an e-mail address that is neither in the file "
                            "nor registered: “%(value)s”"),
    "must_meet_self": _l("must_meet names the attendee themself"),
    "unknown_session": _l("no session of the programme has the title “%(value)s”"),
    "sessions_overlap": _l("the session “%(value)s” overlaps “%(other)s”"),
    # The programme file.
    "too_many_sessions": _l("the file has more than %(limit)s sessions"),
    "duplicate_title": _l("the title “%(value)s” already appears in %(first)s"),
    "invalid_session_type": _l("unknown session type “%(value)s” (allowed: %(allowed)s)"),
    "invalid_time": _l("not a time (HH:MM or YYYY-MM-DDTHH:MM): “%(value)s”"),
    "end_not_after_start": _l("the session ends before it starts: “%(value)s”"),
    "not_on_event_day": _l("“%(value)s” is not on the event's day (%(day)s)"),
    "invalid_capacity": _l("capacity must be a whole number of at least 0: “%(value)s”"),
}


def describe_file_error(error: CsvError) -> str:
    """One error as a sentence naming its line (or sheet row) and column."""
    params: dict[str, Any] = {"value": error.value, **error.params}
    if "first_line" in params:
        params["first"] = _place(error.unit, params["first_line"])
    where = _place(error.unit, error.line)
    if error.column:
        where = _l("%(place)s, column %(column)s") % {"place": where, "column": error.column}
    return f"{where}: {FILE_ERRORS[error.code] % params}"


def _place(unit: str, number: int) -> str:
    return str((_l("row %(number)s") if unit == "row" else _l("line %(number)s"))
               % {"number": number})
