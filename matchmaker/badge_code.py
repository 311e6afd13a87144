"""Badge codes: the short, non-secret code printed on a badge and scanned at check-in.

A code only identifies a registration within its event; it opens nothing (the private
link stays the key to a person's page). Eight characters of Crockford's base 32 (40 random
bits, so not guessable from the registration number). Typed codes are read as Crockford
reads them: case and spaces or hyphens do not matter, ``O`` is ``0`` and ``I``/``L`` are ``1``.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
LENGTH = 8
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_badge_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def read_badge_code(typed: str) -> str | None:
    """The code a person or a scanner typed, in its stored form; None if it cannot be one."""
    code = "".join(typed.split()).replace("-", "").upper().translate(_READ_AS)
    if len(code) != LENGTH or any(character not in ALPHABET for character in code):
        return None
    return code


def shown(code: str) -> str:
    """Grouped for reading aloud and typing: ``7K3F-9QXM``."""
    return f"{code[:4]}-{code[4:]}"
