"""`matchmaker report --event SLUG --output FILE.pdf|FILE.xlsx`: the report for the funder
(what really happened at the event), the same file the dashboard's report page offers."""

from pathlib import Path

import click

from ..services.documents.report import FORMATS, report_file
from .printing import write
from .setup import event_option, require_event


@click.command("report")
@event_option
@click.option("--output", "output", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write: .pdf or .xlsx (the format follows the extension).")
@click.option("--language", type=click.Choice(["de", "en"]), default="de", show_default=True)
def report_command(event_slug: str | None, output: Path, language: str) -> None:
    """What really happened: attendance, meetings held, fairness reached, for the funder."""
    extension = output.suffix.lower().lstrip(".")
    if extension not in FORMATS:
        raise click.ClickException(f"cannot write {output.name}: the file name must end in .pdf or .xlsx")
    event = require_event(event_slug)
    write(output, "the report", lambda _progress: report_file(event, extension, language)[2])
