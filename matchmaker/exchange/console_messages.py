"""English texts of the attendee-file error codes, for the console and logs (the
dashboard shows them translated: ``services/attendees/file_errors.py``). Placeholders: the cell's
`value`, what `line` counts (`unit`) and the error's own parameters."""

MESSAGES = {
    "unknown_encoding": "the file is neither UTF-8 nor Windows-1252 text ({sample!r} is "
                        "garbled); save it again as 'CSV UTF-8' or as an Excel workbook (.xlsx)",
    "mixed_encoding": "the file mixes UTF-8 with another encoding; save it again as "
                      "'CSV UTF-8' or as an Excel workbook (.xlsx)",
    "not_a_spreadsheet": "the file is neither a CSV file nor an Excel workbook (.xlsx)",
    "old_excel_format": "the old Excel format (.xls) cannot be read; save the file as "
                        "Excel workbook (.xlsx) or as 'CSV UTF-8'",
    "formula_without_value": "the cell holds a formula whose result was never calculated; "
                             "open and save the file in Excel, or paste the values only",
    "cell_too_large": "a cell holds more than {limit} characters (is a quotation mark "
                      "left open?); nothing after it was read",
    "workbook_too_large": "the workbook is too large: its part {part} unpacks to more than "
                          "{limit} MB; keep only the attendee list in it, or save it as 'CSV UTF-8'",
    "too_many_rows": "the file has more than {limit} attendees",
    "empty_file": "the file has no header row",
    "missing_column": "the required column is missing from the header",
    "unknown_column": "unknown column",
    "duplicate_column": "the column appears twice in the header",
    "too_many_cells": "the row has more cells than the header",
    "required": "a value is required",
    "too_long": "the value is longer than {limit} characters",
    "link_like": "web or e-mail addresses are not allowed here (other attendees see it): "
                 "{value!r}",
    "invalid_email": "not a valid e-mail address: {value!r}",
    "duplicate_email": "the e-mail {value!r} already appears in {unit} {first_line}",
    "invalid_org_type": "unknown organisation type {value!r} (allowed: {allowed})",
    "unknown_industry": "unknown industry {value!r}",
    "unknown_theme": "unknown theme {value!r} (allowed: {allowed})",
    "unknown_language": "unknown language {value!r} (allowed: {allowed})",
    "invalid_slot": "not a slot number: {value!r}",
    "slot_out_of_range": "slot {value} is not between 1 and {slots}",
    "invalid_max_meetings": "max_meetings must be a whole number of at least 0: {value!r}",
    "invalid_wants_meetings": "wants_meetings must be yes or no: {value!r}",
    "invalid_matching_consent": "matching_consent must be yes or no: {value!r}",
    "too_many_tags": "at most {limit} entries are allowed, found {count}",
    "unknown_must_meet": "must_meet names an e-mail that is neither in the file nor "
                         "registered: {value!r}",
    "must_meet_self": "must_meet names the attendee themself",
    "unknown_session": "no session of the programme has the title {value!r}",
    "sessions_overlap": "the session {value!r} overlaps {other!r}",
    # The programme file (``programme_file``).
    "too_many_sessions": "the file has more than {limit} sessions",
    "duplicate_title": "the title {value!r} already appears in {unit} {first_line}",
    "invalid_session_type": "unknown session type {value!r} (allowed: {allowed})",
    "invalid_time": "not a time (HH:MM or YYYY-MM-DDTHH:MM): {value!r}",
    "end_not_after_start": "the session ends before it starts: {value!r}",
    "not_on_event_day": "{value!r} is not on the event's day ({day})",
    "invalid_capacity": "capacity must be a whole number of at least 0: {value!r}",
}
