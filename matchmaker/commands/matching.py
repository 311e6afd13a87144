"""`matchmaker match`, `publish`, `export-graph`, `export-schedule` and `synonyms`.

With `--input`, `match` and `export-graph` work on a CSV file alone (no web app, no
database; `match --programme` adds the programme file, whose sessions named in the
attendees' `sessions` column keep their slots free, capacities aside); without it, `match` plans the installation's event and stores a draft, which
`export-schedule` writes out. `synonyms` shows or replaces an event's synonym list. The
click commands only parse options and report; the work is in `match_file`,
`export_graph_file` and the services.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click
from flask import current_app

from matchmaker.commands.public import reaches_public, require_public_settings
from matchmaker.commands.setup import event_option, require_event
from matchmaker.exchange.attendee_csv import CsvErrors, ProgrammeSpan, read_attendee_csv
from matchmaker.exchange.event_rows import event_from_rows, session_busy_slots
from matchmaker.exchange.graph_json import graph_document
from matchmaker.exchange.programme_file import parse_programme_file
from matchmaker.exchange.schedule_json import (
    dumps,
    meetings_by_id,
    read_meetings,
    schedule_document,
    synthetic_slots,
)
from matchmaker.extensions import db
from matchmaker.mail import DeliveryReport, deliver
from matchmaker.matching.model import DEFAULT_K, POLICIES, ScheduleResult
from matchmaker.matching.model import Event as EngineEvent
from matchmaker.matching.synonyms import (
    SynonymError,
    Synonyms,
    parse_synonyms,
    starter_text,
    tag_key,
)
from matchmaker.models import Event
from matchmaker.refusals import console_refusal, console_text
from matchmaker.services import DomainError
from matchmaker.services.schedule.export import export_schedule, schedule_csv, schedule_json
from matchmaker.services.schedule.matching_settings import set_synonyms, synonym_text
from matchmaker.services.schedule.matchmaking import run_matchmaking
from matchmaker.services.schedule.planning import pending_schedule_mails, unconfirmed_attendees
from matchmaker.services.schedule.publishing import publish
from matchmaker.services.schedule.runs import schedule_published

CSV_ERROR_EXIT = 2


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
    policy: str = "balanced",
    synonyms_path: Path | None = None,
    programme_path: Path | None = None,
) -> tuple[ScheduleResult, str]:
    """Schedule the attendees of a CSV file; write the JSON (None: only return it).

    With `previous_path`, re-plan against that schedule file: its locked meetings stay,
    its other meetings are kept where still feasible. Tags match through the synonym
    list in `synonyms_path` (default: the starter list); raises SynonymError. With
    `programme_path` (needs `start`), nobody meets in a slot overlapping a session of theirs.
    """
    programme = read_programme(programme_path, start) if programme_path else []
    rows = read_attendee_csv(input_path, slots=slots, programme=programme)
    table_count = tables if tables is not None else max(1, len(rows) // 2)
    slot_times = synthetic_slots(slots, start, slot_minutes, break_minutes)
    busy = session_busy_slots(rows, programme, [(s.start, s.end) for s in slot_times
                                                if s.start is not None and s.end is not None])
    event, emails = event_from_rows(rows, slots=slots, tables=table_count, busy=busy)
    from matchmaker.matching import replan, schedule  # the solvers load for a run only

    text = starter_text() if synonyms_path is None else read_text(synonyms_path)
    event = replace(event, policy=policy, synonyms=with_similar_tags(event, parse_synonyms(text)))
    if previous_path is None:
        result = schedule(event, k=k)
    else:
        entries = read_meetings(previous_path.read_text(encoding="utf-8"))
        ids = {email: number for number, email in emails.items()}
        locked = meetings_by_id([e for e in entries if e.locked], ids)
        event = replace(event, locked=tuple(locked))
        result = replan(event, meetings_by_id(entries, ids), k=k)
    text = dumps(schedule_document(result, emails, slot_times, table_count))
    if output_path is not None:
        output_path.write_text(text, encoding="utf-8")
    return result, text


def with_similar_tags(event: EngineEvent, synonyms: Synonyms) -> Synonyms:
    """With the `semantic` extra installed, the tags a model puts close (similar interests);
    without it the list as it is."""
    from matchmaker import embeddings

    if not embeddings.available():
        return synonyms
    tags = [tag_key(t) for a in event.attendees for t in (*a.keywords, *a.offers, *a.seeks)]
    return synonyms.with_similar(embeddings.similar_tags([t for t in tags if t]))


def read_programme(path: Path, start: datetime | None) -> list[ProgrammeSpan]:
    """The sessions of a programme file on the day of `start`; raise `CsvErrors`."""
    if start is None:
        raise click.UsageError("--programme needs --start (the programme's times are on its day)")
    try:
        sessions = parse_programme_file(path.read_bytes(), day=start.date())
    except CsvErrors:
        click.echo(f"{path}:", err=True)  # the errors that follow are the programme's
        raise
    return [ProgrammeSpan(row.title, row.starts_at, row.ends_at) for row in sessions]


def export_graph_file(input_path: Path, output_path: Path | None, slots: int) -> str:
    """Write every positively scored pair of a CSV file as node-link JSON keyed by e-mail."""
    from matchmaker.matching import full_graph

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
    reasons = Counter(s.reason for s in q.below_fair_level)
    below = ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items()))
    line = (
        f"policy {q.policy}: {q.meetings} meetings, total score {q.total_score}, "
        f"upper bound {q.upper_bound}, ratio {q.ratio:.2%}; meetings per attendee "
        f"min {q.min_meetings}, 10th percentile {q.p10_meetings}, median "
        f"{q.median_meetings}, max {q.max_meetings}, mean {q.mean_meetings}; histogram "
        f"{list(q.meetings_histogram)}; fair level {q.fair_level} (no schedule can reach "
        f"more than {q.fair_level_bound}); below it: {len(q.below_fair_level)}"
        f"{f' ({below})' if below else ''}; without meetings: {q.zero_meetings}; "
        f"must-meet honoured {q.must_meet_honoured}/{q.must_meet_requested}; "
        f"cross-cluster {q.cross_cluster_share:.1%}, cluster-manager pairs of different "
        f"clusters {q.cluster_manager_pairs}; idle slots between meetings total "
        f"{q.idle_slots_total}, median {q.idle_slots_median}, worst {q.idle_slots_worst}"
    )
    if result.changes is not None:
        line += f"; changed {result.changed_count}, added {len(result.changes.added)}"
    return line


def match_event(event_slug: str | None = None, policy: str | None = None) -> None:
    """Plan the event (`policy`: this run's instead of the event's) and store the result."""
    event = require_event(event_slug)
    if schedule_published(event):  # a re-plan is published at once and its changes mailed
        require_public_settings(current_app)
    warn_of_unconfirmed(event)
    try:
        outcome = run_matchmaking(event, policy)
    except DomainError as error:
        raise click.ClickException(console_refusal(error)) from None
    state = "published (re-plan of a published schedule)" if outcome.run.published_at else "stored as a draft"
    click.echo(f"Schedule {state}: {summary(outcome.result)}")
    if outcome.change_notices is not None:
        click.echo(f"Change notices: {mail_summary(outcome.change_notices)}.")


def warn_of_unconfirmed(event: Event) -> None:
    """Name the registered people this run leaves out for an unconfirmed address, and the fix."""
    left_out = unconfirmed_attendees(event)
    if not left_out:
        return
    names = ", ".join(f"{person.name} ({person.number})" for person in left_out[:10])
    more = f" and {len(left_out) - 10} more" if len(left_out) > 10 else ""
    who = ("1 registered attendee has" if len(left_out) == 1
           else f"{len(left_out)} registered attendees have")
    click.echo(f"Left out: {who} not confirmed their e-mail address: {names}{more}. "
               "If you know the addresses work, confirm them in the dashboard (Attendees, "
               "filter 'E-mail confirmed: no', all matching the filter, 'confirm the e-mail "
               "address'), or import with --addresses-checked.", err=True)


def read_text(path: Path) -> str:
    """A UTF-8 text file, or a clear error for anything else."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise click.ClickException(f"{path}: not a UTF-8 text file") from None


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
@click.option("--policy", type=click.Choice(POLICIES), default=None,
              help="balanced: fair shares first, then the total; total: the best total "
              "[default: the event's setting; in file mode balanced].")
@click.option("--synonyms", "synonyms_path", type=INPUT, default=None,
              help="File mode: synonym groups of tags, one 'a = b = c' per line "
              "[default: the starter list].")
@click.option("--programme", "programme_path", type=INPUT, default=None,
              help="File mode: the programme (CSV/xlsx); the attendees' 'sessions' column "
              "names its sessions, whose slots stay free (needs --start).")
def match_command(event_slug, input_path, slots, tables, output, start, slot_minutes, break_minutes,
                  previous, k, policy, synonyms_path, programme_path) -> None:
    """Schedule 1:1 meetings: for a CSV file (--input), or for the event in the database."""
    if input_path is None:
        if synonyms_path is not None:
            raise click.UsageError("--synonyms is for file mode; an event's list is set "
                                   "with 'matchmaker synonyms --file'")
        match_event(event_slug, policy)
        return
    try:
        result, text = match_file(input_path, slots, tables, _output(output), start=start,
                                  slot_minutes=slot_minutes, break_minutes=break_minutes,
                                  previous_path=previous, k=k, policy=policy or "balanced",
                                  synonyms_path=synonyms_path, programme_path=programme_path)
    except CsvErrors as errors:
        _report_csv_errors(errors)
    except SynonymError as error:
        raise click.ClickException(
            f"{synonyms_path}: {console_text(error.code, {'line': error.line})}") from None
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
@click.option("--format", "file_format", type=click.Choice(["json", "csv", "xlsx"]),
              default="json", show_default=True)
@click.option("--output", "output", default="-", show_default=True,
              help="File to write ('-' for standard output; not for xlsx).")
def export_schedule_command(event_slug: str | None, file_format: str, output: str) -> None:
    """Write the event's stored schedule as schedule JSON, as CSV or as an Excel workbook."""
    event = require_event(event_slug)
    path = _output(output)
    if file_format == "xlsx" and path is None:
        raise click.BadParameter("an Excel workbook needs a file name", param_hint="--output")
    try:
        content = export_schedule(event, "xlsx") if file_format == "xlsx" else (
            dumps(schedule_json(event)) if file_format == "json" else schedule_csv(event)
        ).encode("utf-8")
    except DomainError as error:
        raise click.ClickException(console_refusal(error)) from None
    if path is None:
        click.echo(content.decode("utf-8"), nl=False)
    else:
        path.write_bytes(content)
        click.echo(f"schedule written to {path}", err=True)


def publish_event(event_slug: str | None) -> None:
    """Publish the latest draft schedule and mail every attendee their meetings."""
    event = require_event(event_slug)
    try:
        run = publish(event, "console")
    except DomainError as error:
        raise click.ClickException(console_refusal(error)) from None
    meetings = run.quality["meetings"]
    db.session.commit()
    report = deliver(pending_schedule_mails(event))
    click.echo(f"Schedule with {meetings} meetings published; {mail_summary(report)}.")


def mail_summary(report: DeliveryReport) -> str:
    failed = f", {report.failed} failed (retry: matchmaker send-pending)" if report.failed else ""
    return f"{report.sent} schedule e-mails sent{failed}"


@click.command("publish")
@event_option
@reaches_public
def publish_command(event_slug: str | None) -> None:
    """Publish the latest draft: attendees see their meetings and get them by e-mail."""
    publish_event(event_slug)


@click.command("publish-schedule")
@event_option
@reaches_public
def publish_schedule_command(event_slug: str | None) -> None:
    """The same as 'matchmaker publish' (the older name)."""
    publish_event(event_slug)


@click.command("synonyms")
@event_option
@click.option("--file", "file_path", type=INPUT, default=None,
              help="Replace the event's list with this file (UTF-8, one group per line).")
def synonyms_command(event_slug: str | None, file_path: Path | None) -> None:
    """Show the event's synonym groups of interest tags, or replace them (--file)."""
    event = require_event(event_slug)
    if file_path is None:
        click.echo(synonym_text(event), nl=False)
        return
    try:
        set_synonyms(event, read_text(file_path))
    except DomainError as error:
        raise click.ClickException(console_refusal(error)) from None
    db.session.commit()
    click.echo(f"Synonym list of {event.slug} replaced.")
