"""Name badges on A4 sheets, a grid of equal badges with thin cutting lines.

Names and organisations shrink to fit their badge (and wrap onto a second line before
they get too small); nothing is ever drawn outside the badge. A badge carries the
non-secret badge code as text and (unless ``with_qr`` is off) as a QR code whose content
is the code alone, for the check-in desk's scanner. It is worn in public: the attendee's
private link is never on it.
"""

from collections.abc import Sequence

from ..badge_code import shown
from .pdf import RULE, Document, Run
from .rows import Badge, BadgeLayout, BadgeTexts, Progress, reporting

PAD = 4.0
QR_SHARE = 0.36  # of the badge's height, at most QR_MAX mm
QR_MAX = 20.0
LOGO_HEIGHT = 5.0  # mm, in the badge's top right corner (see Document.brand)


def badges_pdf(badges: Sequence[Badge], texts: BadgeTexts, layout: BadgeLayout = BadgeLayout(),
               progress: Progress | None = None, with_qr: bool = True) -> bytes:
    if not layout.fits_a4():
        raise ValueError("the badges do not fit on an A4 sheet")
    pdf = Document(texts.event_title)
    per_sheet = layout.columns * layout.rows
    left = (pdf.w - layout.columns * layout.width_mm) / 2
    top = (pdf.h - layout.rows * layout.height_mm) / 2
    for index, badge in enumerate(reporting(badges, progress)):
        place = index % per_sheet
        if place == 0:
            pdf.new_page()
        row, column = divmod(place, layout.columns)
        draw_badge(pdf, badge, texts, layout,
                   left + column * layout.width_mm, top + row * layout.height_mm, with_qr)
    return bytes(pdf.output())


def draw_badge(pdf: Document, badge: Badge, texts: BadgeTexts, layout: BadgeLayout,
               x: float, y: float, with_qr: bool = True) -> None:
    width, height = layout.width_mm, layout.height_mm
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, width, height)
    inner = width - 2 * PAD
    pdf.brand(texts.brand, x, y, width, LOGO_HEIGHT)
    beside_logo = inner - (LOGO_HEIGHT * 3 + 1 if texts.brand.logo else 0)
    top = pdf.write_run(pdf.fitting(Run(texts.event_title, 8, muted=True), beside_logo, 4, 6),
                        x + PAD, y + PAD, beside_logo)
    name_box = height * 0.3
    name = pdf.one_line(Run(badge.name, 22, bold=True), inner, 12) or \
        pdf.fitting(Run(badge.name, 14, bold=True), inner, name_box, 8)
    below = pdf.write_run(name, x + PAD, top + 2, inner)
    qr = min(height * QR_SHARE, QR_MAX) if with_qr and badge.badge_code else 0.0
    if qr:
        pdf.qr(badge.badge_code, x + width - PAD - qr, y + height - PAD - qr, qr)
    beside = inner - (qr + 2 if qr else 0)
    code = pdf.fitting(Run(shown(badge.badge_code), 8, bold=True), beside, 4, 6) if badge.badge_code else None
    bottom = y + height - PAD - (pdf.height_of(code, beside) if code else 0)
    if code:
        pdf.write_run(code, x + PAD, bottom, beside)
    industry = pdf.fitting(Run(badge.industry, 8, muted=True), beside, 4, 6)
    industry_top = bottom - pdf.height_of(industry, beside)
    pdf.write_run(industry, x + PAD, industry_top, beside)
    rest = industry_top - 1 - below
    organisation = pdf.fitting(Run(badge.organisation, 11), beside, max(rest, 4), 6.5)
    pdf.write_run(organisation, x + PAD, below + 1, beside)
