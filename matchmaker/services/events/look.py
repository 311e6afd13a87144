"""The event's look: an accent colour and a logo, on its pages, mails and printed documents.

A colour that would not keep 4.5:1 against white (WCAG AA for text: white header text on
it, links and buttons in it on white) is refused, and the refusal names the nearest
accessible shade. A logo is checked and cleaned by ``exchange.logo``; ``logo_version``
changes with every new logo, so its address changes and caches never show an old one.
"""

from dataclasses import dataclass

from ...contrast import AA_NORMAL_TEXT, HEX_COLOUR, WHITE, accessible_variant, channels, contrast, darker
from ...documents.rows import Brand
from ...exchange.logo import LogoRefused, clean_logo
from ...models import Event
from .. import DomainError
from ..audit import record

HOVER_SHADE = 0.72  # the darker accent for hovering, as --accent-dark


@dataclass(frozen=True)
class Look:
    """What the pages and documents need: ``None`` where the event keeps the house default."""

    accent: str | None
    accent_dark: str | None
    logo_type: str | None
    logo_version: int


def look_of(event: Event) -> Look:
    accent = event.accent_colour
    return Look(accent, darker(accent, HOVER_SHADE) if accent else None, event.logo_type,
                event.logo_version)


def paper_brand(event: Event) -> Brand:
    """The look for printed documents (badges, schedules, table signs)."""
    accent = channels(event.accent_colour) if event.accent_colour else None
    return Brand(logo=event.logo if event.logo_type else None, accent=accent)


def logo_of(event: Event) -> tuple[bytes, str] | None:
    """The cleaned logo and its media type, or None."""
    if event.logo is None or event.logo_type is None:
        return None
    return event.logo, event.logo_type


def set_accent(event: Event, colour: str | None, actor: str) -> None:
    """``#rrggbb`` (any case), or None for the house colour."""
    colour = colour.strip().casefold() if colour else None
    if colour is not None:
        if not HEX_COLOUR.match(colour):
            raise DomainError("accent_invalid")
        ratio = contrast(colour, WHITE)
        if ratio < AA_NORMAL_TEXT:
            raise DomainError("accent_contrast_too_low", ratio=f"{ratio:.1f}",
                              suggestion=accessible_variant(colour))
    if colour != event.accent_colour:
        record(event, actor, "accent_changed", changes={"accent_colour": [event.accent_colour, colour]})
        event.accent_colour = colour


def set_logo(event: Event, data: bytes, actor: str) -> None:
    try:
        cleaned, media_type = clean_logo(data)
    except LogoRefused as refused:
        raise DomainError(refused.code) from refused
    event.logo, event.logo_type = cleaned, media_type
    event.logo_version += 1
    record(event, actor, "logo_changed", changes={"type": media_type, "bytes": len(cleaned)})


def remove_logo(event: Event, actor: str) -> None:
    if event.logo_type is not None:
        event.logo, event.logo_type = None, None
        event.logo_version += 1
        record(event, actor, "logo_removed")
