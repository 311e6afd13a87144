"""Normalising what people type: one rule for the forms, the CSV import and the database."""

import re

TAG_SEPARATORS = re.compile(r"[,;\n]")
WHITESPACE = re.compile(r"\s+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not tab, newline, CR


def collapse_whitespace(value: str | None) -> str:
    """Trim and fold every run of white space (tabs, newlines, non-breaking) into one space;
    drop control characters (a NUL byte cannot even be stored in PostgreSQL)."""
    return WHITESPACE.sub(" ", CONTROL.sub("", value or "")).strip()


def normalise_email(value: str | None) -> str:
    return collapse_whitespace(value).lower()


def split_tags(text: str | None) -> list[str]:
    """Split a typed tag list on commas, semicolons or new lines."""
    return normalise_tags(TAG_SEPARATORS.split(text or ""))


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
