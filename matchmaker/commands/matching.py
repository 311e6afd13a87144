"""`matchmaker match`, `publish`, `export-graph` and `export-schedule`.

With `--input`, `match` and `export-graph` work on a CSV file alone (no web app, no
database); without it, `match` plans the installation's event and stores a draft, which
`export-schedule` writes out. The click commands only parse options and report; the work
is in `match_file`, `export_graph_file` and the services.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click

from matchmaker.commands.setup import event_option, require_event
from matchmaker.exchange.attendee_csv import CsvErrors, read_attendee_csv
from matchmaker.exchange.event_rows import event_from_rows
from matchmaker.exchange.graph_json import graph_document
from matchmaker.exchange.schedule_json import (
    dumps,
    meetings_by_id,
    read_meetings,
    schedule_document,
    synthetic_slots,
)
from matchmaker.extensions import db
from matchmaker.mail import DeliveryReport, deliver
from matchmaker.matching import full_graph, replan, schedule
from matchmaker.matching.candidates import DEFAULT_K
from matchmaker.matching.model import ScheduleResult
from matchmaker.services import DomainError
from matchmaker.services.schedule_export import schedule_csv, schedule_json
from matchmaker.services.scheduling import (
    pending_schedule_mails,
    planning_input,
    publish_schedule,
    solve,
    store_schedule,
)

CSV_ERROR_EXIT = 2
NO_SCHEDULE = "there is no schedule yet: run 'matchmaker match' first"
PLAN_ERRORS = {
    "no_confirmed_attendees": "nobody to match yet: no registered attendee has confirmed "
                              "their e-mail address",
    "locked_meetings_conflict": "the locked meetings contradict each other or the "
                                "attendees' availability: {detail}",
}


def match_file(
    input_path: Path,
    slots: int,
    tables: int | None,
    output_path: Path | None,
    *,
    start: datetime | None = None,
    slot_minutes: int = 20,
    break_minutes: int = 0,
    previous_path: Path | None = None,
    k: int | None = None,
) -> tuple[ScheduleResult, str]:
    """Schedule the attendees of a CSV file; write the JSON (None: only return it).

    With `previous_path`, re-plan against that schedule file: its locked meetings stay,
    its other meetings are kept where still feasible.
    """
    rows = read_attendee_csv(input_path, slots=slots)
    table_count = tables if tables is not None else max(1, len(rows) // 2)
    event, emails = event_from_rows(rows, slots=slots, tables=table_count)
    if previous_path is None:
        result = schedule(event, k=k)
    else:
        entries = read_meetings(previous_path.read_text(encoding="utf-8"))
        ids = {email: number for number, email in emails.items()}
        locked = meetings_by_id([e for e in entries if e.locked], ids)
        event = replace(event, locked=tuple(locked))
        result = replan(event, meetings_by_id(entries, ids), k=k)
    slot_times = synthetic_slots(slots, start, slot_minutes, break_minutes)
    text = dumps(schedule_document(result, emails, slot_times, table_count))
    if output_path is not None:
        output_path.write_text(text, encoding="utf-8")
    return result, text


def export_graph_file(input_path: Path, output_path: Path | None, slots: int) -> str:
    """Write every positively scored pair of a CSV file as node-link JSON keyed by e-mail."""
    rows = read_attendee_csv(input_path, slots=slots)
    event, emails = event_from_rows(rows, slots=slots, tables=max(1, len(rows) // 2))
    by_email = {row.email: row for row in rows}
    attributes = {
        number: {"organisation": by_email[email].organisation,
                 "org_type": by_email[email].org_type, "industry": by_email[email].industry}
        for number, email in emails.items()
    }
    text = dumps(graph_document(full_graph(event), emails, attributes))
    if output_path is not None:
        output_path.write_text(text, encoding="utf-8")
    return text


def summary(result: ScheduleResult) -> str:
    q = result.quality
    line = (
        f"{q.meetings} meetings, total score {q.total_score}, upper bound {q.upper_bound}, "
        f"ratio {q.ratio:.2%}; meetings per attendee min {q.min_meetings}, "
        f"mean {q.mean_meetings}; without meetings: {q.zero_meetings}; "
        f"must-meet honoured {q.must_meet_honoured}/{q.must_meet_requested}"
    )
    if result.changes is not None:
        line += f"; changed {result.changed_count}, added {len(result.changes.added)}"
    return line


def match_event(event_slug: str | None = None) -> None:
    """Plan the event and store the result as the draft schedule."""
    event = require_event(event_slug)
    try:
        inputs = planning_input(event)
        db.session.rollback()  # the engine runs without holding SQLite's write lock
        result = solve(inputs)
    except DomainError as error:
        raise click.ClickException(PLAN_ERRORS[error.code].format(**error.params)) from None
    run = store_schedule(event, result)
    state = "published (re-plan of a published schedule)" if run.published_at else "stored as a draft"
    db.session.commit()
    click.echo(f"Schedule {state}: {summary(result)}")
    if run.published_at:
        click.echo(f"Change notices: {mail_summary(deliver(pending_schedule_mails(event)))}.")


def _output(path: str) -> Path | None:
    return None if path == "-" else Path(path)


def _report_csv_errors(errors: CsvErrors) -> None:
    for error in errors.errors:
        click.echo(str(error), err=True)
    raise click.exceptions.Exit(CSV_ERROR_EXIT)


INPUT = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("match")
@event_option
@click.option("--input", "input_path", type=INPUT, help="Attendee CSV file.")
@click.option("--slots", type=click.IntRange(1, 60), default=10, show_default=True)
@click.option("--tables", type=click.IntRange(1), default=None,
              help="Tables per slot [default: attendees // 2, enough for everybody].")
@click.option("--output", "output", default="-", show_default=True,
              help="Schedule JSON file ('-' for standard output).")
@click.option("--start", type=click.DateTime(["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]),
              default=None, help="Start of slot 1, e.g. 2026-06-18T14:00 [default: no times].")
@click.option("--slot-minutes", type=click.IntRange(1), default=20, show_default=True)
@click.option("--break-minutes", type=click.IntRange(0), default=0, show_default=True)
@click.option("--previous", type=INPUT, default=None,
              help="Re-plan against this schedule JSON, changing as little as possible.")
@click.option("--candidates", "k", type=click.IntRange(1), default=None,
              help=f"Candidate partners per attendee [default: 60 up to 1,000 attendees, "
              f"{DEFAULT_K} above].")
def match_command(event_slug, input_path, slots, tables, output, start, slot_minutes, break_minutes,
                  previous, k) -> None:
    """Schedule 1:1 meetings: for a CSV file (--input), or for the event in the database."""
    if input_path is None:
        match_event(event_slug)
        return
    try:
        result, text = match_file(input_path, slots, tables, _output(output), start=start,
                                  slot_minutes=slot_minutes, break_minutes=break_minutes,
                                  previous_path=previous, k=k)
    except CsvErrors as errors:
        _report_csv_errors(errors)
    except (ValueError, KeyError) as error:  # a bad --previous file or locked meetings
        raise click.ClickException(f"cannot re-plan: {error}") from None
    if output == "-":
        click.echo(text, nl=False)
    click.echo(summary(result), err=True)


@click.command("export-graph")
@click.option("--input", "input_path", type=INPUT, required=True, help="Attendee CSV file.")
@click.option("--output", "output", default="-", show_default=True,
              help="Graph JSON file ('-' for standard output).")
@click.option("--slots", type=click.IntRange(1, 60), default=10, show_default=True,
              help="Number of slots (to check unavailable_slots).")
def export_graph_command(input_path, output, slots) -> None:
    """Write the graph of all positively scored pairs as networkx node-link JSON."""
    try:
        text = export_graph_file(input_path, _output(output), slots)
    except CsvErrors as errors:
        _report_csv_errors(errors)
    if output == "-":
        click.echo(text, nl=False)
    pairs = len(json.loads(text)["links"])
    click.echo(f"graph written: {pairs} pairs with a positive score", err=True)


@click.command("export-schedule")
@event_option
@click.option("--format", "file_format", type=click.Choice(["json", "csv"]), default="json",
              show_default=True)
@click.option("--output", "output", default="-", show_default=True,
              help="File to write ('-' for standard output).")
def export_schedule_command(event_slug: str | None, file_format: str, output: str) -> None:
    """Write the event's stored schedule as schedule JSON or as CSV."""
    event = require_event(event_slug)
    try:
        text = dumps(schedule_json(event)) if file_format == "json" else schedule_csv(event)
    except DomainError:
        raise click.ClickException(NO_SCHEDULE) from None
    path = _output(output)
    if path is None:
        click.echo(text, nl=False)
    else:
        path.write_text(text, encoding="utf-8")
        click.echo(f"schedule written to {path}", err=True)


def publish_event(event_slug: str | None) -> None:
    """Publish the latest draft schedule and mail every attendee their meetings."""
    event = require_event(event_slug)
    try:
        run = publish_schedule(event)
    except DomainError:
        raise click.ClickException(NO_SCHEDULE) from None
    meetings = run.quality["meetings"]
    db.session.commit()
    report = deliver(pending_schedule_mails(event))
    click.echo(f"Schedule with {meetings} meetings published; {mail_summary(report)}.")


def mail_summary(report: DeliveryReport) -> str:
    failed = f", {report.failed} failed (retry: matchmaker send-pending)" if report.failed else ""
    return f"{report.sent} schedule e-mails sent{failed}"


@click.command("publish")
@event_option
def publish_command(event_slug: str | None) -> None:
    """Publish the latest draft: attendees see their meetings and get them by e-mail."""
    publish_event(event_slug)


@click.command("publish-schedule")
@event_option
def publish_schedule_command(event_slug: str | None) -> None:
    """The same as 'matchmaker publish' (the older name)."""
    publish_event(event_slug)
