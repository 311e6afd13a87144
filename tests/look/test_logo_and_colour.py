"""The event's look: hostile logos refused or cleaned, colours held to WCAG AA contrast."""

import io

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from matchmaker.contrast import AA_NORMAL_TEXT, WHITE, accessible_variant, contrast
from matchmaker.exchange.logo import MAX_BYTES, LogoRefused, clean_logo
from matchmaker.services import DomainError
from matchmaker.services.events.look import set_accent

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"'
HOSTILE_SVG = f"""{SVG_OPEN} onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(https://evil.example/x.css);</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#00519e"/></linearGradient><circle id="dot" r="1"/></defs>
  <rect width="10" height="10" fill="url(#g)" onclick="alert(3)"/>
  <image xlink:href="https://evil.example/track.png" width="1" height="1"/>
  <use href="https://evil.example/sprite.svg#a"/>
  <use href="#dot"/>
  <a href="javascript:alert(4)"><circle r="2" style="fill: url(https://evil.example/p)"/></a>
  <foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"/></body></foreignObject>
  <set attributeName="href" to="javascript:alert(5)"/>
</svg>""".encode()
XXE = b"""<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>"""
BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&c;</text></svg>"""


def png(width: int = 40, height: int = 20, text: str | None = None) -> bytes:
    info = PngInfo()
    if text:
        info.add_text("Comment", text)
    out = io.BytesIO()
    Image.new("RGB", (width, height), "#00519e").save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def test_hostile_svg_keeps_its_drawing_and_loses_everything_active():
    cleaned, media_type = clean_logo(HOSTILE_SVG)
    text = cleaned.decode()
    assert media_type == "image/svg+xml"
    for active in ("script", "alert", "onload", "onclick", "evil.example", "foreignObject", "iframe",
                   "javascript", "@import", "<ns0:set", "<set"):
        assert active not in text, active
    assert 'fill="url(#g)"' in text and 'href="#dot"' in text and "<rect" in text


@pytest.mark.parametrize("hostile", [XXE, BILLION_LAUGHS], ids=["xxe", "billion-laughs"])
def test_svg_with_entities_is_refused(hostile: bytes):
    with pytest.raises(LogoRefused) as refused:
        clean_logo(hostile)
    assert refused.value.code == "logo_unreadable"


def test_xml_that_is_not_svg_is_refused():
    with pytest.raises(LogoRefused):
        clean_logo(b'<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>')


def test_png_is_encoded_again_without_its_text_chunks():
    cleaned, media_type = clean_logo(png(text="personal note"))
    assert media_type == "image/png" and b"personal note" not in cleaned
    assert Image.open(io.BytesIO(cleaned)).size == (40, 20)


def test_png_over_the_pixel_bound_is_refused():
    with pytest.raises(LogoRefused) as refused:
        clean_logo(png(2001, 10))
    assert refused.value.code == "logo_too_many_pixels"


def test_file_over_512_kb_is_refused():
    with pytest.raises(LogoRefused) as refused:
        clean_logo(png() + b"\0" * MAX_BYTES)
    assert refused.value.code == "logo_too_large"


def test_other_file_types_are_refused():
    with pytest.raises(LogoRefused) as refused:
        clean_logo(b"GIF89a....")
    assert refused.value.code == "logo_not_png_or_svg"


def test_light_accent_is_refused_with_an_accessible_shade(app, event):
    with pytest.raises(DomainError) as refused:
        set_accent(event, "#FFCC00", "team@example.org")
    assert refused.value.code == "accent_contrast_too_low"
    assert contrast(refused.value.params["suggestion"], WHITE) >= AA_NORMAL_TEXT
    assert event.accent_colour is None


def test_dark_accent_is_kept_in_lower_case(app, event):
    set_accent(event, "#8F7200", "team@example.org")
    assert event.accent_colour == "#8f7200"


def test_accessible_variant_is_the_lightest_passing_shade():
    variant = accessible_variant("#ffcc00")
    lighter = "#" + "".join(f"{min(255, int(variant[i:i + 2], 16) + 3):02x}" for i in (1, 3, 5))
    assert contrast(variant, WHITE) >= AA_NORMAL_TEXT > contrast(lighter, WHITE)
