"""Colour contrast as WCAG 2 defines it, for the event's accent colour.

The accent is the background of the page header (white text on it) and the colour of links
and buttons on white: it must keep ``AA_NORMAL_TEXT`` (4.5:1) against white.
"""

import re

AA_NORMAL_TEXT = 4.5
WHITE = "#ffffff"
HEX_COLOUR = re.compile(r"^#[0-9a-f]{6}$")


def channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def relative_luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def darker(colour: str, factor: float) -> str:
    return "#" + "".join(f"{round(channel * factor):02x}" for channel in channels(colour))


def accessible_variant(colour: str, against: str = WHITE) -> str:
    """The lightest shade of ``colour`` (same hue, darker) that keeps 4.5:1 against ``against``."""
    factor = 1.0
    while contrast(darker(colour, factor), against) < AA_NORMAL_TEXT:
        factor -= 0.01
    return darker(colour, factor)
