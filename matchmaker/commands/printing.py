"""`matchmaker print schedules|table-plan|table-signs|badges --output FILE.pdf`.

Each shows a progress bar on a terminal and writes the file only when the document is
complete (a crash or Ctrl-C leaves no half-written PDF behind).
"""

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from flask import current_app

from ..documents import BadgeLayout, Progress
from ..extensions import db
from ..models import utcnow
from ..refusals import console_refusal
from ..services import DomainError
from ..services.documents import printing
from .setup import event_option, require_event

OUTPUT = click.option("--output", "output", required=True,
                      type=click.Path(dir_okay=False, writable=True, path_type=Path),
                      help="The PDF file to write.")
TIME_FORMATS = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


@click.group("print")
def print_group() -> None:
    """Print schedules, the table plan, table signs or name badges as PDF."""


@print_group.command("schedules")
@event_option
@OUTPUT
@click.option("--changed-since", "since", type=click.DateTime(TIME_FORMATS), default=None,
              help="Only the schedules that changed after this local time (as printed at "
                   "the foot of the earlier print), e.g. '2027-06-15 18:30:00'.")
def schedules_command(event_slug: str | None, output: Path, since: datetime | None) -> None:
    """Every registered attendee's schedule, one per page, sorted by last name."""
    event = require_event(event_slug)
    now = utcnow().replace(microsecond=0)  # as printed, so --changed-since can name it
    changed = None if since is None else venue_time_to_utc(since)
    write(output, "schedules", lambda progress: printing.all_schedules_pdf(
        event, changed_since=changed, progress=progress, now=now))
    db.session.commit()
    click.echo(f"For a re-print of later changes: --changed-since '{utc_to_venue_time(now)}'")


@print_group.command("table-plan")
@event_option
@OUTPUT
@click.option("--language", type=click.Choice(["de", "en"]), default="de", show_default=True)
def table_plan_command(event_slug: str | None, output: Path, language: str) -> None:
    """Per slot, which pair sits at which table."""
    event = require_event(event_slug)
    write(output, "slots", lambda progress: printing.table_plan_pdf(event, language, progress))


@print_group.command("table-signs")
@event_option
@OUTPUT
def table_signs_command(event_slug: str | None, output: Path) -> None:
    """One large sign per table, readable from 5 m."""
    event = require_event(event_slug)
    write(output, "tables", lambda progress: printing.table_signs_pdf(event, progress))


@print_group.command("badges")
@event_option
@OUTPUT
@click.option("--grid", default="2x4", show_default=True, help="Badges per sheet: COLUMNSxROWS.")
@click.option("--size", default="90x60", show_default=True, help="Badge size in mm: WIDTHxHEIGHT.")
@click.option("--no-qr", "no_qr", is_flag=True,
              help="Print the badge code as text only, without its QR code (the QR code "
                   "holds the badge code alone, never the private link).")
@click.option("--language", type=click.Choice(["de", "en"]), default="de", show_default=True)
def badges_command(event_slug: str | None, output: Path, grid: str, size: str, no_qr: bool,
                   language: str) -> None:
    """Name badges of the registered attendees on A4 sheets, sorted by last name."""
    event = require_event(event_slug)
    columns, rows = pair_of(grid, int, "--grid")
    width, height = pair_of(size, float, "--size")
    layout = BadgeLayout(columns, rows, width, height)
    write(output, "badges", lambda progress: printing.badges_pdf(event, layout, language, progress,
                                                                 with_qr=not no_qr))


def write(output: Path, unit: str, render: Callable[[Progress], bytes]) -> None:
    """Render with a progress bar, then replace ``output`` in one step."""
    try:
        with progress_bar(f"Printing {unit}") as progress:
            body = render(progress)
    except DomainError as error:
        raise click.ClickException(console_refusal(error)) from None
    try:
        handle, temporary = tempfile.mkstemp(dir=output.parent, suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(body)
        os.replace(temporary, output)
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    click.echo(f"{output} written ({len(body) // 1024} KiB).")


@contextmanager
def progress_bar(label: str) -> Iterator[Progress]:
    """A click progress bar, started once the document says how much there is to do."""
    bar = None

    def report(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield report
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def pair_of(text: str, kind: type, option: str) -> tuple:
    try:
        first, second = (kind(part) for part in text.lower().split("x"))
    except ValueError:
        raise click.BadParameter("use NxM, e.g. 2x4", param_hint=option) from None
    if first <= 0 or second <= 0:
        raise click.BadParameter("both numbers must be positive", param_hint=option)
    return first, second


def venue_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def venue_time_to_utc(local: datetime) -> datetime:
    return local.replace(tzinfo=venue_zone()).astimezone(UTC).replace(tzinfo=None)


def utc_to_venue_time(moment: datetime) -> str:
    return f"{moment.replace(tzinfo=UTC).astimezone(venue_zone()):%Y-%m-%d %H:%M:%S}"
