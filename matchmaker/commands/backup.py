"""``matchmaker backup`` and ``matchmaker restore``: the whole database in one file.

SQLite is copied with its online backup API, which gives a consistent snapshot while the
app keeps serving. PostgreSQL is dumped with ``pg_dump -Fc`` and read back with
``pg_restore``; both are looked up on PATH and in Debian's ``/usr/lib/postgresql/*/bin``.
A backup holds every attendee's data and private link: it is written readable by its
owner only. Restoring refuses to overwrite a database that holds data unless ``--force``.
"""

import glob
import os
import shutil
import sqlite3
import subprocess  # nosec B404  # runs only pg_dump and pg_restore, with an argument list
from pathlib import Path

import click
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import URL

from ..extensions import db

PRIVATE_FILE_MODE = 0o600


@click.command("backup")
@click.option("--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The backup file to write (SQLite file, or pg_dump custom format).")
def backup_command(output: Path) -> None:
    """Write a consistent copy of the whole database to a file (all events)."""
    url = db.engine.url
    output.unlink(missing_ok=True)
    output.touch(mode=PRIVATE_FILE_MODE)
    if url.get_backend_name() == "sqlite":
        copy_sqlite(Path(url.database or ""), output)
    else:
        run_tool("pg_dump", "--format=custom", "--no-owner", f"--file={output}",
                 f"--dbname={libpq_url(url)}")
    click.echo(f"Backup written to {output} ({output.stat().st_size:,} bytes).")


@click.command("restore")
@click.argument("backup", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite a database that holds data.")
def restore_command(backup: Path, force: bool) -> None:
    """Replace the database with the contents of a backup file."""
    if not force and holds_data():
        raise click.ClickException(
            "the database holds data; restoring would overwrite it. Use --force to do so.")
    url = db.engine.url
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        target = Path(url.database or "")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():  # a WAL left behind by a lost database must not be replayed
            for suffix in ("-wal", "-shm"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
        copy_sqlite(backup, target)
    else:
        run_tool("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                 f"--dbname={libpq_url(url)}", str(backup))
    click.echo(f"Database restored from {backup}.")


def copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup: page by page, consistent, while others may be writing."""
    with sqlite3.connect(source) as reader, sqlite3.connect(target) as writer:
        reader.backup(writer)
    reader.close()
    writer.close()
    os.chmod(target, PRIVATE_FILE_MODE)


def holds_data() -> bool:
    """Whether any of the app's tables has a row (a new, migrated database has none)."""
    existing = set(inspect(db.engine).get_table_names())
    return any(
        db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables if table.name in existing
    )


def libpq_url(url: URL) -> str:
    """The URL as pg_dump understands it (no SQLAlchemy driver name)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def run_tool(name: str, *arguments: str) -> None:
    path = find_tool(name)
    if path is None:
        raise click.ClickException(
            f"{name} was not found on PATH or in /usr/lib/postgresql/*/bin "
            "(apt-get install postgresql-client)")
    result = subprocess.run(  # nosec B603  # a PostgreSQL tool found above, an argument list, no shell
        [path, *arguments], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise click.ClickException(f"{name} failed: {result.stderr.strip()}")


def find_tool(name: str) -> str | None:
    """On PATH, else the newest version in Debian's folders (kept off PATH there)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=major_version)
    return candidates[-1] if candidates else None


def major_version(path: str) -> int:
    folder = Path(path).parent.parent.name
    return int(folder) if folder.isdigit() else 0
