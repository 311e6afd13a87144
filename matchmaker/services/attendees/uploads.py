"""A file an organiser uploaded, kept between its preview and the import (at most an
hour, readable only by the app), so that nobody has to choose it twice."""

import secrets
import time
from pathlib import Path

KEEP_SECONDS = 3600
TOKEN_BYTES = 16


def keep_upload(folder: Path, data: bytes) -> str:
    """Store the bytes; the returned token takes them back once."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    forget_old_uploads(folder)
    token = secrets.token_hex(TOKEN_BYTES)
    path = folder / token
    path.touch(mode=0o600)
    path.write_bytes(data)
    return token


def take_upload(folder: Path, token: str) -> bytes | None:
    if len(token) != 2 * TOKEN_BYTES or not all(ch in "0123456789abcdef" for ch in token):
        return None
    path = folder / token
    if not path.is_file():
        return None
    data = path.read_bytes()
    path.unlink(missing_ok=True)
    return data


def forget_old_uploads(folder: Path) -> None:
    cutoff = time.time() - KEEP_SECONDS
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
