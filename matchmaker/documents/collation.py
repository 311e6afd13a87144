"""German name order as in a phone book (DIN 5007-2).

Umlauts sort as their two-letter spelling ("Müller" beside "Mueller"), ß as "ss", other
accents as their base letter; name particles (von, van, de, zu, ...) are read after the
name, so "von der Heide" sorts under H. Pure Python, no locale needed.
"""

import unicodedata

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


def split_particles(last_name: str) -> tuple[str, str]:
    """("von der", "Heide") from "von der Heide"; the name itself is never empty."""
    words = last_name.split()
    count = 0
    while count < len(words) - 1 and words[count].casefold() in PARTICLES:
        count += 1
    return " ".join(words[:count]), " ".join(words[count:])


def name_key(last_name: str, first_name: str) -> tuple[str, str, str, str]:
    """Sort key for a person: name without particles, first name, particles, then the
    exact spelling so that the order is total and repeatable."""
    particles, name = split_particles(last_name)
    return (phonebook(name), phonebook(first_name), phonebook(particles),
            f"{last_name}\x00{first_name}")
