"""Normalising what people type: one rule for the forms, the CSV import and the database.

Stored text is NFC with no invisible formatting: control characters (C0 and C1), bidi
overrides and isolates, zero-width characters and the byte-order mark are dropped, so a
name cannot be shown reversed ("Admin\u202egnp.exe") or hide characters. An attendee's
e-mail address is kept as typed (``clean_email``: NFC, no invisible characters, the domain
lower-cased), because the local part may be case- and letter-sensitive ("weiß" is not
"weiss"); it is compared, and unique, by its key (``email_key``: NFKC, case-folded), so the
NFC, NFD, upper-case and fullwidth spellings of one address are one registration.
Organisers' addresses are stored as their key (``normalise_email``).
"""

import re
import unicodedata

TAG_SEPARATORS = re.compile(r"[,;\n]")
WHITESPACE = re.compile(r"\s+")
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 controls, not tab, newline, CR
    "\u200b-\u200f"  # zero-width space, (non-)joiner, left-to-right and right-to-left marks
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064\u2066-\u2069"  # word joiner, invisible operators, bidi isolates
    "\ufeff\u00ad\u180e\u034f]"  # byte-order mark, soft hyphen, Mongolian vowel separator, CGJ
)
# Text a mail client or browser would turn into a link: a scheme, "www.", an address, or a
# domain such as "phish.example" or "PHISH.COM" (a top-level label in one case, so that
# titles like "Prof.Dr." stay allowed).
LINK_LIKE = re.compile(
    r"(?i:[a-z][a-z0-9+.-]*:/|www\.)|\S@\S|[^\W_]\.(?:[a-z]{2,24}|[A-Z]{2,24})(?![^\W_])"
)
LINK_PUNCTUATION = re.compile(r"([.@:/])")
# German spellings without umlauts: "Müller" is also written "Mueller".
UMLAUTS_AS_E = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
SEARCH_KEY_SEPARATOR = "|"
WORD_JOINER = "\u2060"


def collapse_whitespace(value: object) -> str:
    """NFC, no invisible formatting, every run of white space (tabs, newlines,
    non-breaking) folded into one space, trimmed. Anything but a string (a file part
    posted into a text field) counts as nothing typed."""
    if not isinstance(value, str):
        return ""
    cleaned = INVISIBLE.sub("", unicodedata.normalize("NFC", value))
    return WHITESPACE.sub(" ", cleaned).strip()


def normalise_email(value: object) -> str:
    """The comparison key of an address (what is stored for organisers)."""
    return email_key(collapse_whitespace(value))


def clean_email(value: object) -> str:
    """An address as typed, to store and to mail to: NFC, no invisible characters, white
    space collapsed and trimmed, the domain lower-cased (domains are case-insensitive, local
    parts may not be). Its ``email_key`` is the key of what was typed."""
    local, at, domain = collapse_whitespace(value).rpartition("@")
    return f"{local}{at}{domain.lower()}" if at else domain


def email_key(value: str) -> str:
    """NFKC with case folding; lower-cased again because folding maps a few scripts
    (Cherokee) to capitals, and the database requires ``email = lower(email)``."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value).casefold())
    return INVISIBLE.sub("", folded).lower()


def looks_like_link(value: str) -> bool:
    """Whether a mail client could turn part of the text into a link."""
    return bool(LINK_LIKE.search(value))


def unlinkable(value: str) -> str:
    """Text for an HTML mail that mail clients do not auto-link: an invisible word joiner
    after every dot, ``@``, colon and slash breaks "phish.example" and "a@b.de" apart for
    link detection while the reader sees the same characters."""
    return LINK_PUNCTUATION.sub(r"\1" + WORD_JOINER, value)


def split_tags(text: object) -> list[str]:
    """Split a typed tag list on commas, semicolons or new lines."""
    return normalise_tags(TAG_SEPARATORS.split(text if isinstance(text, str) else ""))


def normalise_tags(tags: list[str]) -> list[str]:
    """Collapse white space, drop empties and case-insensitive repeats (first spelling wins)."""
    seen: set[str] = set()
    result: list[str] = []
    for tag in tags:
        cleaned = collapse_whitespace(tag)
        key = cleaned.casefold()
        if cleaned and key not in seen:
            seen.add(key)
            result.append(cleaned)
    return result


def search_key(*parts: str | None) -> str:
    """What a name search compares with: each part folded (``fold_for_search``) in both
    spellings of umlauts, joined by a separator no query contains, so a match never
    spans two parts. Stored beside a record and kept up to date on every write."""
    folded = [fold_for_search(part or "", umlauts_as_e) for umlauts_as_e in (False, True)
              for part in parts]
    return SEARCH_KEY_SEPARATOR.join(folded)


def search_terms(query: str) -> list[str]:
    """The folded spellings of a typed query; a key containing any of them matches.

    "Müller" looks for "muller" and "mueller", so it finds "Müller" and "Mueller";
    "muller", "mueller" and "MÜLLER" find "Müller" too; "ß" and "ss" are one."""
    return [term for term in dict.fromkeys(fold_for_search(query, umlauts_as_e)
                                           for umlauts_as_e in (False, True)) if term]


def fold_for_search(value: str, umlauts_as_e: bool) -> str:
    """Case-folded (ß -> ss), umlauts as ae/oe/ue or as the plain vowel, every other
    accent dropped (é -> e, ş -> s), white space collapsed."""
    folded = unicodedata.normalize("NFC", collapse_whitespace(value).casefold())
    if umlauts_as_e:
        folded = folded.translate(UMLAUTS_AS_E)
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
    return plain.replace(SEARCH_KEY_SEPARATOR, " ")
