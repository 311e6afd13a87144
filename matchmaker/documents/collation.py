"""German name order as in a phone book (DIN 5007-2).

Umlauts sort as their two-letter spelling ("Müller" beside "Mueller"), ß as "ss", other
accents as their base letter; name particles (von, van, de, zu, ...) are read after the
name, so "von der Heide" sorts under H. Pure Python, no locale needed.
"""

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol, TypeVar

PARTICLES = frozenset({
    "von", "vom", "van", "der", "den", "de", "del", "della", "des", "di", "da", "du",
    "dos", "zu", "zum", "zur", "ten", "ter", "le", "la", "af", "av", "und",
})
SPELLED_OUT = str.maketrans({
    "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l",
    "đ": "d", "ð": "d", "þ": "th", "ı": "i",
})


def phonebook(text: str) -> str:
    """``text`` spelled as DIN 5007-2 compares it: lower case, umlauts as ae/oe/ue."""
    spelled = text.casefold().translate(SPELLED_OUT)
    decomposed = unicodedata.normalize("NFKD", spelled)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def plain(text: str) -> str:
    """``text`` lower case with accents and umlauts dropped: "Müller" -> "muller", ß -> ss."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_matches(query: str, name: str) -> bool:
    """Whether ``name`` contains ``query`` however umlauts are typed: "Müller" is found by
    "müller", "MUELLER" and "muller"; "Nüßlein" by "nuesslein" and "nusslein"."""
    return any(fold(query) in fold(name) for fold in (phonebook, plain))


def split_particles(last_name: str) -> tuple[str, str]:
    """("von der", "Heide") from "von der Heide"; the name itself is never empty."""
    words = last_name.split()
    count = 0
    while count < len(words) - 1 and words[count].casefold() in PARTICLES:
        count += 1
    return " ".join(words[:count]), " ".join(words[count:])


@lru_cache(maxsize=16_384)
def name_key(last_name: str, first_name: str) -> tuple[str, str, str, str]:
    """Sort key for a person: name without particles, first name, particles, then the
    exact spelling so that the order is total and repeatable. Remembered: the attendee
    pages sort everybody on every request (a fifth of the participant list's time)."""
    particles, name = split_particles(last_name)
    return (phonebook(name), phonebook(first_name), phonebook(particles),
            f"{last_name}\x00{first_name}")


class Named(Protocol):
    last_name: str
    first_name: str


N = TypeVar("N", bound=Named)


def by_name(people: Iterable[N]) -> list[N]:
    """People (anything with ``last_name`` and ``first_name``) in phone-book order."""
    return sorted(people, key=lambda person: name_key(person.last_name, person.first_name))
