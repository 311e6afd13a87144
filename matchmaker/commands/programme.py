"""``import-programme``: the event's sessions from a CSV or .xlsx file (the dashboard's
import, the same service)."""

import getpass
from pathlib import Path

import click

from ..extensions import db
from ..services import DomainError
from ..services.programme.imports import ProgrammePreview, import_programme, preview_programme
from .setup import event_option, require_event

INVALID_FILE_EXIT = 2


@click.command("import-programme")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@event_option
@click.option("--dry-run", is_flag=True, help="Check the file and show what would happen.")
def import_programme_command(file: Path, event_slug: str | None, dry_run: bool) -> None:
    """Add the sessions of a CSV or .xlsx file to the programme (all or nothing); a session
    whose title the programme has already is updated."""
    event = require_event(event_slug)
    data = file.read_bytes()
    preview = preview_programme(event, file.name, data)
    report(preview)
    if preview.errors:
        raise click.exceptions.Exit(INVALID_FILE_EXIT)
    if dry_run or not preview.can_import:
        click.echo("Nothing imported." + (" (dry run)" if dry_run else ""))
        return
    try:
        import_programme(event, file.name, data, actor=f"console ({getpass.getuser()})")
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Imported the programme: {len(preview.new)} sessions added, "
               f"{len(preview.changed)} changed.")


def report(preview: ProgrammePreview) -> None:
    for error in preview.errors:
        click.echo(str(error), err=True)
    if preview.errors:
        click.echo(f"{preview.filename}: {len(preview.errors)} errors; nothing imported.", err=True)
        return
    click.echo(f"{preview.filename}: {len(preview.new)} new sessions, "
               f"{len(preview.changed)} to update.")
