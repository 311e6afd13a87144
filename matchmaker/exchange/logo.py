"""An event's logo as uploaded, made safe to show on pages, in mails and in PDFs.

A PNG is decoded and encoded again (only the pixels survive: no text chunks, no trailing
data), after its dimensions are checked against ``MAX_PIXELS`` without decoding it. An SVG
is parsed with defusedxml, which refuses any DTD or entity (XXE, "billion laughs"), and
stripped of everything that can act or reach out: scripts, ``foreignObject``, animations,
event handler attributes (``on…``), links other than to its own fragments (``#id``) and
styles that import or load anything. Pure: no Flask, no database.
"""

import io
import re
from xml.etree.ElementTree import Element, ParseError, register_namespace, tostring  # nosec B405  # parsing is defusedxml's; these only build and write

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]  # with fpdf2
from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

MAX_BYTES = 512 * 1024
MAX_PIXELS = 2000  # per side
PNG = "image/png"
SVG = "image/svg+xml"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener",
                   "animate", "animatemotion", "animatetransform", "animatecolor", "set"}
REFERRING_ELEMENTS = {"image", "use", "feimage"}
OUTSIDE_REFERENCE = re.compile(r"@import|url\(\s*['\"]?\s*(?!#)|expression\(|javascript:", re.IGNORECASE)

register_namespace("", SVG_NS)
register_namespace("xlink", XLINK_NS)


class LogoRefused(Exception):
    """The file cannot be a logo; ``code`` says why (a ``DomainError`` code)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def clean_logo(data: bytes) -> tuple[bytes, str]:
    """The logo made safe, and its media type; raises ``LogoRefused``."""
    if len(data) > MAX_BYTES:
        raise LogoRefused("logo_too_large")
    if data.startswith(PNG_SIGNATURE):
        return clean_png(data), PNG
    if b"<svg" in data[:4096]:
        return clean_svg(data), SVG
    raise LogoRefused("logo_not_png_or_svg")


def clean_png(data: bytes) -> bytes:
    from PIL import Image, UnidentifiedImageError  # Pillow loads for an upload only

    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            if max(image.size) > MAX_PIXELS:  # read from the header, before decoding
                raise LogoRefused("logo_too_many_pixels")
            image.load()
            out = io.BytesIO()
            image.save(out, format="PNG")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise LogoRefused("logo_unreadable") from error
    return out.getvalue()


def clean_svg(data: bytes) -> bytes:
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ParseError) as error:
        raise LogoRefused("logo_unreadable") from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise LogoRefused("logo_unreadable")
    strip(root)
    return tostring(root, encoding="utf-8", xml_declaration=False)


def local_name(name: str) -> str:
    return name.rsplit("}", 1)[-1].casefold()


def strip(element: Element) -> None:
    """Remove the active children and attributes of ``element`` and its descendants."""
    for attribute in list(element.attrib):
        if unsafe_attribute(local_name(attribute), element.attrib[attribute]):
            del element.attrib[attribute]
    for child in list(element):
        if not isinstance(child.tag, str) or local_name(child.tag) in ACTIVE_ELEMENTS:
            element.remove(child)
        elif local_name(child.tag) == "style" and OUTSIDE_REFERENCE.search(child.text or ""):
            element.remove(child)
        else:
            strip(child)
            if local_name(child.tag) in REFERRING_ELEMENTS and not any(
                    local_name(attribute) == "href" for attribute in child.attrib):
                element.remove(child)  # it pointed outside: nothing is left to show


def unsafe_attribute(name: str, value: str) -> bool:
    if name.startswith("on"):
        return True
    if name == "href":
        return not value.strip().startswith("#")
    return bool(OUTSIDE_REFERENCE.search(value))
