"""``import-attendees`` and ``export-attendees``: the attendee list as a file.

The same service functions serve the organiser dashboard; these commands only read the
file, report and commit.
"""

import getpass
from pathlib import Path
from typing import Literal, cast

import click
from flask import current_app

from .. import mail
from ..extensions import db
from ..services import DomainError
from ..services.attendees.export import export_attendees
from ..services.attendees.imports import ImportPreview, import_file, preview_import
from .public import require_public_settings
from .setup import event_option, require_event

INVALID_FILE_EXIT = 2


@click.command("import-attendees")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@event_option
@click.option("--dry-run", is_flag=True, help="Check the file and show what would happen.")
@click.option("--addresses-checked", is_flag=True,
              help="We have checked these addresses: count them as confirmed, so the new "
                   "attendees can be matched without opening their link first (recorded "
                   "in the audit log).")
def import_attendees_command(file: Path, event_slug: str | None, dry_run: bool,
                             addresses_checked: bool) -> None:
    """Register the attendees of a CSV or .xlsx file (all or nothing); e-mails already
    registered are reported and left alone. Each new attendee gets the welcome mail."""
    event = require_event(event_slug)
    data = file.read_bytes()
    preview = preview_import(event, file.name, data)
    report_preview(preview)
    if preview.errors:
        raise click.exceptions.Exit(INVALID_FILE_EXIT)
    if dry_run or not preview.new:
        click.echo("Nothing imported." + (" (dry run)" if dry_run else ""))
        return
    require_public_settings(current_app)  # each new attendee gets the welcome mail
    try:
        result = import_file(event, file.name, data, actor=f"console ({getpass.getuser()})",
                             addresses_checked=addresses_checked)
    except DomainError as error:
        db.session.rollback()
        for problem in error.params.get("errors", ()):
            click.echo(str(problem), err=True)
        raise click.exceptions.Exit(INVALID_FILE_EXIT) from None
    db.session.commit()
    report = mail.deliver(list(result.mails))
    click.echo(f"Imported {result.created} attendees ({result.waitlisted} on the waiting list); "
               f"{report.sent} welcome mails sent, {report.failed} failed."
               + (" Their addresses count as confirmed." if addresses_checked else ""))


def report_preview(preview: ImportPreview) -> None:
    for error in preview.errors:
        click.echo(str(error), err=True)
    if preview.errors:
        click.echo(f"{preview.filename}: {len(preview.errors)} errors; nothing imported.", err=True)
        return
    for duplicate in preview.duplicates:
        click.echo(f"already registered (no. {duplicate.number}, {duplicate.status.value}): "
                   f"{duplicate.row.email}")
    click.echo(f"{preview.filename}: {len(preview.new)} new attendees "
               f"({preview.waitlisted} to the waiting list, {preview.seats_left} seats left), "
               f"{len(preview.duplicates)} already registered.")


@click.command("export-attendees")
@event_option
@click.option("--format", "file_format", type=click.Choice(["csv", "xlsx"]), default="csv",
              show_default=True)
@click.option("--output", "output", required=True,
              type=click.Path(dir_okay=False, writable=True, path_type=Path))
def export_attendees_command(event_slug: str | None, file_format: str, output: Path) -> None:
    """Write every attendee of the event (all statuses) as CSV or .xlsx; the file can be
    imported again."""
    event = require_event(event_slug)
    output.write_bytes(export_attendees(event, cast(Literal["csv", "xlsx"], file_format)))  # click.Choice
    click.echo(f"attendees written to {output}", err=True)
