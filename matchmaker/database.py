"""Database engine behaviour that the models cannot express.

SQLite gets foreign keys, WAL and ``BEGIN IMMEDIATE``: every transaction takes the write
lock up front, so "count the seats, then insert" cannot interleave between two sign-ups
(pysqlite's default deferred BEGIN would let both read the same count). PostgreSQL gets
the same guarantee from ``SELECT ... FOR UPDATE`` on the event row (see services).
Public requests begin a plain read instead (``reads_only``) and take the write lock only
for their write (``begin_writing``): the sign-up form, and a sign-up's validation, need
not queue for the lock behind other sign-ups.

The SQLite file holds private links and personal data: it is kept readable by the app's
user only (0600), and so are its WAL and shared-memory files.
"""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from flask import Flask, g, has_app_context
from sqlalchemy import Engine, event

from . import migrating
from .extensions import db

SQLITE_BUSY_TIMEOUT_MS = 30_000
PRIVATE_FILE_MODE = 0o600
SQLITE_COMPANION_SUFFIXES = ("", "-wal", "-shm", "-journal")


def init_app(app: Flask) -> None:
    db.init_app(app)
    migrating.init_app(app)  # Flask-Migrate, imported when a migration runs
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine)


def configure_sqlite(engine: Engine) -> None:
    event.listen(engine, "connect", on_sqlite_connect)
    event.listen(engine, "begin", on_sqlite_begin)
    if engine.url.database and engine.url.database != ":memory:":
        event.listen(engine, "connect", partial(keep_private, Path(engine.url.database)))


def keep_private(path: Path, _dbapi_connection: object, _record: object) -> None:
    """SQLite creates the WAL files with the database file's mode, so 0600 there holds."""
    for suffix in SQLITE_COMPANION_SUFFIXES:
        companion = path.with_name(path.name + suffix)
        if companion.exists() and companion.stat().st_mode & 0o777 != PRIVATE_FILE_MODE:
            os.chmod(companion, PRIVATE_FILE_MODE)


def on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, see on_sqlite_begin
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def reads_only() -> None:
    """This request's SQLite transactions only read: they begin without the write lock.

    A view that writes calls ``begin_writing`` first: a read transaction that writes
    fails ("database is locked") when another one committed in between. PostgreSQL
    needs none of this: its lock is a row lock taken at the seat decision."""
    g.sqlite_reads_only = db.engine.dialect.name == "sqlite"


def begin_writing() -> None:
    """This request writes from here on: end its read, so the next transaction takes the
    write lock. Nothing may have been written before (it is committed here)."""
    if g.get("sqlite_reads_only", False):
        g.sqlite_reads_only = False
        db.session.commit()


@contextmanager
def write_apart() -> Iterator[None]:
    """A short write committed on its own (a count of requests), in a request that may
    only read otherwise: afterwards it reads on without holding SQLite's write lock."""
    reading = g.get("sqlite_reads_only", False)
    begin_writing()
    yield
    db.session.commit()
    g.sqlite_reads_only = reading


def on_sqlite_begin(connection) -> None:  # type: ignore[no-untyped-def]
    reading = has_app_context() and g.get("sqlite_reads_only", False)
    connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")
