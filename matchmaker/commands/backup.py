"""``matchmaker backup`` and ``matchmaker restore``: the whole database in one file.

SQLite is copied with its online backup API, which gives a consistent snapshot while the
app keeps serving. PostgreSQL is dumped with ``pg_dump -Fc`` and read back with
``pg_restore``; both are looked up on PATH and in Debian's ``/usr/lib/postgresql/*/bin``.
A backup holds every attendee's data and private link: it is written readable by its
owner only. Restoring refuses to overwrite a database that holds data unless ``--force``,
and refuses while another process (gunicorn, the worker) has the database open: what the
app acknowledged in the meantime would be overwritten after its mails went out. SQLite is
then held exclusively until the copy is done (a connection opened meanwhile waits for it);
PostgreSQL's other sessions are counted in ``pg_stat_activity``.
"""

import glob
import os
import shutil
import sqlite3
import subprocess  # nosec B404  # runs only pg_dump and pg_restore, with an argument list
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import URL

from ..extensions import db

PRIVATE_FILE_MODE = 0o600
IN_USE = ("the database is in use{by}: stop gunicorn and the worker before restoring, "
          "then run 'matchmaker restore' again")
OTHER_SESSIONS = text(
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
    "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")


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
    db.engine.dispose()  # this process's own connections must not count as others
    if url.get_backend_name() == "sqlite":
        restore_sqlite(backup, Path(url.database or ""))
    else:
        refuse_if_in_use(other_postgresql_sessions())
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


def restore_sqlite(backup: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():  # a WAL left behind by a lost database must not be replayed
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
    with exclusive_sqlite(target) as writer:
        reader = sqlite3.connect(backup)
        try:
            reader.backup(writer)
        finally:
            reader.close()
    os.chmod(target, PRIVATE_FILE_MODE)


@contextmanager
def exclusive_sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that has the database to itself until it is closed. SQLite grants its
    exclusive locking mode only when no other connection has the file open (an idle
    pooled one of gunicorn or the worker included); until then ``IN_USE`` is raised."""
    connection = sqlite3.connect(path, timeout=1, isolation_level=None)
    try:
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")  # kept after the COMMIT
        try:
            connection.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError:  # database is locked
            raise click.ClickException(IN_USE.format(by=" (another process has it open)")) from None
        connection.execute("COMMIT")
        yield connection
    finally:
        connection.close()


def other_postgresql_sessions() -> int:
    with db.engine.connect() as connection:
        count = connection.scalar(OTHER_SESSIONS) or 0
    db.engine.dispose()
    return count


def refuse_if_in_use(sessions: int) -> None:
    if sessions:
        raise click.ClickException(IN_USE.format(by=f" ({sessions} other session(s) connected)"))


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
