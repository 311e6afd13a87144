"""The A4 page all documents draw on: embedded fonts, text that fits its box, QR codes."""

import io
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import segno
from fpdf import FPDF
from fpdf.fonts import TTFFont

from .rows import Brand

FONT_DIR = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
PT = 0.3528  # mm per point
LINE = 1.2  # line height as a multiple of the font size
INK, MUTED, RULE, SHADE = (0, 0, 0), (80, 80, 80), (170, 170, 170), (232, 232, 232)


@dataclass(frozen=True)
class Run:
    """A piece of text in a table cell or box, drawn below the previous one."""

    text: str
    size: float = 10
    bold: bool = False
    muted: bool = False


class Document(FPDF):
    """An A4 document in DejaVu Sans Condensed (embedded as a subset), with a footer
    line per page and no automatic page breaks: the documents decide where pages end."""

    def __init__(self, title: str, language: str = "de", landscape: bool = False) -> None:
        super().__init__(orientation="landscape" if landscape else "portrait", unit="mm",
                         format="A4")
        self.add_font(FAMILY, "", FONT_DIR / "DejaVuSansCondensed.ttf")
        self.add_font(FAMILY, "B", FONT_DIR / "DejaVuSansCondensed-Bold.ttf")
        self.set_title(title)
        self.set_lang(language)
        self.set_creator("matchmaker")
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(False)
        self.footers: dict[int, str] = {}
        self.widths: dict[tuple[str, bool], float] = {}

    @property
    def bottom(self) -> float:
        """The lowest y that content may reach (the footer sits below)."""
        return self.h - 18

    def new_page(self, footer: str = "") -> None:
        self.add_page()
        self.footers[self.page] = footer

    def footer(self) -> None:
        text = self.footers.get(self.page, "")
        if text:
            self.write_run(Run(text, size=8, muted=True), self.l_margin, self.h - 12, self.epw)

    def use(self, run: Run) -> None:
        self.set_font(FAMILY, "B" if run.bold else "", run.size)
        self.set_text_color(*(MUTED if run.muted else INK))

    def width_of(self, text: str, bold: bool, size: float) -> float:
        """Width in mm from the font's glyph widths (much faster than fpdf2's own)."""
        key = (text, bold)
        units = self.widths.get(key)
        if units is None:
            # The fonts added in __init__ are TrueType fonts: glyph widths by code point.
            glyphs = cast(TTFFont, self.fonts[FAMILY.lower() + ("B" if bold else "")]).cw
            units = self.widths[key] = sum(glyphs[ord(ch)] for ch in text)
        return units * size / 1000 * PT

    def lines_of(self, run: Run, width: float) -> list[str]:
        """``run`` broken into lines of at most ``width`` mm: at spaces, and inside a
        word only when the word alone is wider than the line."""
        space = self.width_of(" ", run.bold, run.size)
        lines: list[str] = []
        current, used = "", 0.0
        for word in run.text.split():
            measure = self.width_of(word, run.bold, run.size)
            if current and used + space + measure <= width:
                current, used = f"{current} {word}", used + space + measure
                continue
            if current:
                lines.append(current)
            while measure > width and len(word) > 1:
                cut = self.longest_prefix(word, run, width)
                lines.append(word[:cut])
                word = word[cut:]
                measure = self.width_of(word, run.bold, run.size)
            current, used = word, measure
        if current:
            lines.append(current)
        return lines

    def longest_prefix(self, word: str, run: Run, width: float) -> int:
        cut = len(word) - 1
        while cut > 1 and self.width_of(word[:cut], run.bold, run.size) > width:
            cut -= 1
        return cut

    def height_of(self, run: Run, width: float) -> float:
        return len(self.lines_of(run, width)) * run.size * PT * LINE

    def write_run(self, run: Run, x: float, y: float, width: float, align: str = "L") -> float:
        """Draw ``run`` wrapped to ``width`` at (x, y); returns the y below it."""
        self.use(run)
        step = run.size * PT * LINE
        for line in self.lines_of(run, width):
            offset = 0.0
            if align == "C":
                offset = (width - self.width_of(line, run.bold, run.size)) / 2
            self.text(x + offset, y + step / 2 + 0.3 * run.size * PT, line)
            y += step
        return y

    def fitting(self, run: Run, width: float, height: float, smallest: float) -> Run:
        """``run`` at the largest size (down to ``smallest``) at which it fits the box;
        text that does not fit even then is shortened with an ellipsis."""
        size = run.size
        while size > smallest and self.height_of(_sized(run, size), width) > height:
            size -= 0.5
        fitted = _sized(run, size)
        text = fitted.text
        while len(text) > 1 and self.height_of(fitted, width) > height:
            text = text[:-2].rstrip() + "…"
            fitted = Run(text, size, run.bold, run.muted)
        return fitted

    def one_line(self, run: Run, width: float, smallest: float) -> Run | None:
        """``run`` shrunk until it fits one line of ``width``; None if it cannot."""
        size = run.size
        while size >= smallest:
            if self.width_of(run.text, run.bold, size) <= width:
                return _sized(run, size)
            size -= 0.5
        return None

    def brand(self, brand: Brand, x: float, y: float, width: float, logo_height: float) -> None:
        """The event's accent as a thin bar from ``x`` over ``width`` at ``y``, and its
        logo right-aligned below it in a box ``logo_height`` high (three times as wide)."""
        if brand.accent:
            self.set_fill_color(*brand.accent)
            self.rect(x, y, width, 0.8, style="F")
        if brand.logo:
            box = logo_height * 3
            try:
                self.image(io.BytesIO(brand.logo), x=x + width - box, y=y + 1.5, w=box, h=logo_height,
                           keep_aspect_ratio=True)
            except Exception:  # a logo fpdf2 cannot draw is left out; the document still prints
                return

    def qr(self, url: str, x: float, y: float, size: float) -> None:
        """A vector QR code of ``url``: one filled path of a rectangle per run of dark
        modules, written as a single PDF path (fpdf2's ``rect`` per run is ten times
        slower, and a desk print has 200 of these)."""
        matrix = segno.make_qr(url, error="m").matrix  # never Micro QR: scanners miss it
        module = size / len(matrix)
        scale = self.k
        operators = []
        for row, cells in enumerate(matrix):
            top = (self.h - y - row * module) * scale
            column = 0
            while column < len(cells):
                if not cells[column]:
                    column += 1
                    continue
                start = column
                while column < len(cells) and cells[column]:
                    column += 1
                operators.append(f"{(x + start * module) * scale:.2f} {top:.2f} "
                                 f"{(column - start) * module * scale:.2f} "
                                 f"{-module * 1.02 * scale:.2f} re")
        self._out(f"q 0 g {' '.join(operators)} f Q")


def _sized(run: Run, size: float) -> Run:
    return Run(run.text, size, run.bold, run.muted)
