"""A throwaway Redis server on loopback (Debian's ``redis-server``), for the tests and the
benchmark that run the app on several hosts: no persistence, a temporary folder, a free
port. A test may stop it and start it again on the same port (an outage)."""

import shutil
import socket
import subprocess  # nosec B404  # starts Debian's redis-server
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tests.support.postgres import free_port


def redis_binary() -> str | None:
    return shutil.which("redis-server")


@dataclass
class RedisServer:
    binary: str
    port: int
    folder: str
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no", "--dir", self.folder, "--logfile", ""]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL,  # nosec B603
                                        stderr=subprocess.DEVNULL)
        wait_for_port(self.port, self.process)

    def stop(self) -> None:
        """Gone at once, as a crashed or restarted server is (SIGKILL)."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                if connection.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode} (port {port} taken?)")
        if time.monotonic() > deadline:
            raise TimeoutError(f"redis-server did not answer on port {port}")
        time.sleep(0.05)


@contextmanager
def redis_server(binary: str, attempts: int = 5) -> Iterator[RedisServer]:
    """A running server for the length of the block; a port taken by another process
    between ``free_port`` and the bind is tried again on another."""
    folder = tempfile.mkdtemp(prefix="matchmaker-redis-")
    server = RedisServer(binary, free_port(), folder)
    try:
        for attempt in range(attempts):
            try:
                server.start()
                break
            except RuntimeError:
                if attempt == attempts - 1:
                    raise
                server.port = free_port()
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
