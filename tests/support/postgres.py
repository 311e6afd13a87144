"""A throwaway PostgreSQL server on loopback, for the tests that run again on PostgreSQL."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def server_binaries() -> Path | None:
    """The newest PostgreSQL server installation (Debian keeps it out of PATH)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=version_key)
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


def version_key(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_postgres(command: list[str], cwd: str) -> list[str]:
    """Root may not run the server; run its tools as the ``postgres`` user when we are root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class Cluster:
    """A running throwaway cluster that a test may stop and start again (an outage)."""

    url: str
    run: Callable[..., object]
    data: str
    options: str
    log: str
    running: bool = True

    def stop(self) -> None:
        self.run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        self.running = False

    def start(self) -> None:
        self.run("pg_ctl", "-D", self.data, "-o", self.options, "-w", "-l", self.log, "start")
        self.running = True


@contextmanager
def postgres_cluster(bin_dir: Path) -> Iterator[Cluster]:
    """Start a fresh cluster (fsync off, loopback only), yield it, then remove it."""
    root = tempfile.mkdtemp(prefix="matchmaker-pg-")
    data = os.path.join(root, "data")
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    run = lambda *args: subprocess.run(
        as_postgres([str(bin_dir / args[0]), *args[1:]], root), cwd=root, check=True,
        capture_output=True, text=True,
    )
    try:
        run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--locale=C.UTF-8", "-E", "UTF8")
        cluster = started_cluster(run, root, data)
        try:
            yield cluster
        finally:
            if cluster.running:
                cluster.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def started_cluster(run: Callable[..., object], root: str, data: str, attempts: int = 5) -> Cluster:
    """Start the cluster on a free port. Parallel test workers each start one: another
    process may take the port between ``free_port`` and the server's bind, so a start that
    fails is tried again on another port."""
    for attempt in range(attempts):
        port = free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c full_page_writes=off"
        cluster = Cluster(f"postgresql+psycopg://postgres@127.0.0.1:{port}", run, data, options,
                          os.path.join(root, "log"), running=False)
        try:
            cluster.start()
            return cluster
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


@contextmanager
def throwaway_server(bin_dir: Path) -> Iterator[str]:
    """A fresh cluster's base URL for the length of the block."""
    with postgres_cluster(bin_dir) as cluster:
        yield cluster.url


def create_database(base_url: str, name: str) -> str:
    import psycopg

    plain = base_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain + "/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{base_url}/{name}"
