"""The app as production runs it, for the benchmarks that measure from outside.

A throwaway instance folder with production settings (a strong key, a public address,
an organiser address), the console commands against it, and gunicorn on loopback.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess  # nosec B404  # starts gunicorn and the CLI of this project
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.postgres import free_port

PROJECT = Path(__file__).resolve().parent.parent
# One key for every process of a run, so a session made by one worker is read by the others.
SECRET_KEY = secrets.token_hex(32)


def instance_environment(folder: Path, database_url: str | None = None,
                         **settings: str) -> dict[str, str]:
    """The environment of a production instance in ``folder``; ``settings`` are MATCHMAKER_*."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("MATCHMAKER_")}
    env.update(MATCHMAKER_INSTANCE_PATH=str(folder),
               DATABASE_URL=database_url or f"sqlite:///{folder / 'bench.sqlite'}",
               MATCHMAKER_SECRET_KEY=SECRET_KEY,
               # http: the clients talk plain HTTP on loopback, so no Secure cookies.
               MATCHMAKER_PUBLIC_BASE_URL="http://127.0.0.1",
               MATCHMAKER_ORGANISER_ADDRESS="Benchmark, 10115 Berlin")
    env.update({f"MATCHMAKER_{name}": value for name, value in settings.items()})
    return env


def matchmaker(env: dict[str, str], *arguments: str) -> str:
    """Run ``matchmaker ARGUMENTS`` against the instance; its output."""
    return subprocess.run([sys.executable, "-m", "matchmaker", *arguments], env=env, cwd=PROJECT,  # nosec B603
                          check=True, capture_output=True, text=True).stdout


def create_organiser(env: dict[str, str], email: str) -> str:
    """An administrator account; its generated password."""
    return matchmaker(env, "create-organiser", email, "--generate").split(": ", 1)[1].split()[0]


class Served(NamedTuple):
    url: str
    pid: int  # gunicorn's master

    def cpu_seconds(self) -> float:
        """CPU time used so far by gunicorn and its workers (Linux; 0 elsewhere)."""
        return sum(process_cpu(pid) for pid in [self.pid, *children(self.pid)])


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def process_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int, threads: int = 1) -> Iterator[Served]:
    """gunicorn serving the app on a free loopback port."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "--threads", str(threads),
               "-b", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning",
               "matchmaker:create_app()"]
    server = subprocess.Popen(command, env=env, cwd=PROJECT, stdout=subprocess.DEVNULL)  # nosec B603
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/", timeout=2).read()  # nosec B310  # loopback http
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.2)
        yield Served(base, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
