"""Password hashes, and a bound on how many are computed at once on this host.

New hashes are argon2id (RFC 9106's low-memory profile: 64 MiB, 3 passes, 4 lanes, about
0.1 s here). Werkzeug's older pbkdf2 and scrypt hashes still verify; ``Verdict.new_hash``
then carries the argon2id replacement to store. The app may choose cheaper parameters
(``PASSWORD_HASH_TIME_COST`` and ``PASSWORD_HASH_MEMORY_KIB``; the tests do) and passes
``configured_hasher(config)``. ``weakness`` says why a new password is too easy to guess,
by zxcvbn. No Flask, no database.
"""

import fcntl
import os
import secrets
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash

TIME_COST = 3  # passes
MEMORY_KIB = 64 * 1024
HASHER = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB)

# The hash of a random password nobody knows, made with HASHER's parameters. Checking a
# password against it costs what checking a real one costs, so an unknown e-mail address
# takes as long to refuse as a wrong password (a test keeps the parameters in step).
DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$ueQvwdbhvZZ1H83QRIiURA$a/PHKBWPzzo5jLCEAYkm8FGixtaUfJZsJUrQIEsR6WI"
)

POLL_SECONDS = 0.01

# zxcvbn's score runs from 0 to 4; 3 is its "safely unguessable" (about 10^8 guesses or
# more), ample behind argon2id and the log-in limits.
MIN_STRENGTH = 3
# zxcvbn's own bound: its time grows fast with length (here 0.08 s at 72 characters, 1.3 s
# at 200), so only the start of a longer password is judged.
STRENGTH_CHECKED_LENGTH = 72
WEAKNESS_CODES = ("repeat", "sequence", "keyboard", "date", "common_password", "personal",
                  "word", "guessable")

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 200  # hashing cost does not grow with length; the page size does

# Why zxcvbn finds a new password too easy to guess (``WEAKNESS_CODES``); its own
# feedback is English only.
PASSWORD_WEAKNESS = {
    "repeat": _l("Repeated characters or words, like “aaa” or “abcabc”, are easy to guess."),
    "sequence": _l("Sequences like “abc” or “6543” are easy to guess."),
    "keyboard": _l("Rows and patterns of keys, like “qwertz”, are easy to guess."),
    "date": _l("Dates and years are easy to guess."),
    "common_password": _l("It is one of the most common passwords, or close to one."),
    "personal": _l("It contains the e-mail address or the name of this site."),
    "word": _l("Common words and names on their own are easy to guess."),
    "guessable": _l("It is short or simple enough to be guessed."),
}


def weak_password_message(reason: str) -> str:
    return " ".join((_("This password is too easy to guess."), str(PASSWORD_WEAKNESS[reason]),
                     _("Add a few more words; unusual ones are better.")))


@dataclass(frozen=True)
class Verdict:
    ok: bool
    new_hash: str | None = None  # set when the stored hash should be replaced


@lru_cache
def hasher_for(time_cost: int, memory_kib: int) -> PasswordHasher:
    if (time_cost, memory_kib) == (TIME_COST, MEMORY_KIB):
        return HASHER
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)


def configured_hasher(config: Mapping[str, Any]) -> PasswordHasher:
    """The hasher for the app's ``PASSWORD_HASH_TIME_COST`` and ``PASSWORD_HASH_MEMORY_KIB``."""
    return hasher_for(config["PASSWORD_HASH_TIME_COST"], config["PASSWORD_HASH_MEMORY_KIB"])


@lru_cache
def dummy_hash(hasher: PasswordHasher) -> str:
    """``DUMMY_HASH`` for the real parameters; for others, a random password's hash made once."""
    if hasher is HASHER:
        return DUMMY_HASH
    return hasher.hash(secrets.token_urlsafe(32))


def hash_password(password: str, hasher: PasswordHasher = HASHER) -> str:
    return hasher.hash(password)


def verify_password(stored: str | None, password: str, hasher: PasswordHasher = HASHER) -> Verdict:
    """Check ``password`` against ``stored``; ``None`` (no such account) checks the dummy."""
    if stored is None:
        check_argon2(dummy_hash(hasher), password)
        return Verdict(ok=False)
    if not stored.startswith("$argon2"):
        ok = check_password_hash(stored, password)
        return Verdict(ok, hash_password(password, hasher) if ok else None)
    if not check_argon2(stored, password):
        return Verdict(ok=False)
    return Verdict(True, hash_password(password, hasher) if hasher.check_needs_rehash(stored) else None)


def check_argon2(stored: str, password: str) -> bool:
    try:
        return HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def weakness(password: str, known_words: Sequence[str] = ()) -> str | None:
    """Why ``password`` is too easy to guess, or None if it is not. zxcvbn judges it with
    its own lists (common passwords, words, names) and patterns, and ``known_words`` (the
    e-mail address, the site's name); the reason is one of ``WEAKNESS_CODES``, from the
    longest part zxcvbn recognised, as zxcvbn's own feedback chooses it."""
    from zxcvbn import zxcvbn  # its word lists load here, not with every console command

    result = zxcvbn(password[:STRENGTH_CHECKED_LENGTH], user_inputs=list(known_words))
    if result["score"] >= MIN_STRENGTH:
        return None
    longest = max(result["sequence"], key=lambda match: len(match["token"]), default=None)
    return weakness_code(longest or {})


def weakness_code(match: dict) -> str:  # type: ignore[type-arg]
    pattern = match.get("pattern")
    if pattern == "dictionary":
        return {"passwords": "common_password", "user_inputs": "personal"}.get(
            match.get("dictionary_name", ""), "word")
    return {"repeat": "repeat", "sequence": "sequence", "spatial": "keyboard", "date": "date",
            "regex": "date"}.get(str(pattern), "guessable")


def known_words(email: str) -> list[str]:
    """What a guesser knows about an account: its e-mail address, its parts, the site."""
    local, _, domain = email.partition("@")
    return [email, local, domain, *domain.split("."), "matchmaker"]


class HashingBusy(Exception):
    """Every hashing slot stayed taken for the whole wait."""


class HashingSlots:
    """At most ``count`` password hashes at once on this host, across all worker processes
    and threads: each slot is a lock file held with ``flock`` (the kernel releases it when
    a worker dies). A request that finds no free slot within ``wait_seconds`` gets
    ``HashingBusy`` and can answer at once instead of queueing for the CPU.

    Within one process, at most ``count`` threads hash or wait for a slot; any further one
    is refused at once, so a flood of log-ins cannot tie up every thread of a worker
    while pages wait for one."""

    _gates: dict[tuple[Path, int], threading.BoundedSemaphore] = {}
    _gates_lock = threading.Lock()

    def __init__(self, folder: Path, count: int, wait_seconds: float) -> None:
        self.folder, self.count, self.wait_seconds = folder, max(1, count), wait_seconds

    @contextmanager
    def slot(self) -> Iterator[None]:
        gate = self._gate()
        if not gate.acquire(blocking=False):
            raise HashingBusy()
        try:
            descriptor = self._acquire()
            try:
                yield
            finally:
                fcntl.flock(descriptor, fcntl.LOCK_UN)
                os.close(descriptor)
        finally:
            gate.release()

    def _gate(self) -> threading.BoundedSemaphore:
        with self._gates_lock:
            return self._gates.setdefault((self.folder, self.count),
                                          threading.BoundedSemaphore(self.count))

    def _acquire(self) -> int:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        deadline = time.monotonic() + self.wait_seconds
        while True:
            for number in range(self.count):
                descriptor = os.open(self.folder / f"slot-{number}.lock", os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(descriptor)
                    continue
                return descriptor
            if time.monotonic() >= deadline:
                raise HashingBusy()
            time.sleep(POLL_SECONDS)


def default_slot_count() -> int:
    """Half the host's cores (at least one): the other half keeps serving pages."""
    return max(1, (os.cpu_count() or 2) // 2)
