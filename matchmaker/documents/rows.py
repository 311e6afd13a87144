"""What the documents print: plain, already translated rows."""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

Progress = Callable[[int, int], None]
"""Called with (done, total) after each attendee, slot, table or badge."""
Item = TypeVar("Item")


def reporting(items: Sequence[Item], progress: Progress | None) -> Iterator[Item]:
    """The items one by one; after each is drawn, ``progress`` hears (done, total)."""
    for done, item in enumerate(items, start=1):
        yield item
        if progress:
            progress(done, len(items))


@dataclass(frozen=True)
class MeetingLine:
    table: str
    partner_name: str
    partner_organisation: str
    partner_industry: str
    reason: str
    others: str = ""  # a team meeting: who else sits at the table, phrased


@dataclass(frozen=True)
class SessionLine:
    """A programme session the attendee has a seat in: ``kind`` is its type's label."""

    title: str
    kind: str
    room: str


@dataclass(frozen=True)
class SlotLine:
    """One line of a personal schedule: a meeting, free (``unavailable`` if the attendee
    said they cannot meet then), or a session of the programme."""

    time: str
    meeting: MeetingLine | None = None
    unavailable: bool = False
    session: SessionLine | None = None


@dataclass(frozen=True)
class ScheduleTexts:
    heading: str
    time: str
    table: str
    partner: str
    reason: str
    free: str
    unavailable: str
    qr_caption: str
    continued: str
    printed: str
    no_meetings: str


@dataclass(frozen=True)
class ScheduleSheet:
    event_title: str
    event_line: str
    name: str
    organisation: str
    slots: tuple[SlotLine, ...]
    page_url: str | None
    """The attendee's private link, printed as a QR code only on their own download;
    None on the sheets printed at the desk, which strangers may see."""
    texts: ScheduleTexts
    badge_code: str = ""
    """On the desk's sheets (no ``page_url``): the non-secret badge code, as text and QR
    code, so the sheet can be scanned at check-in like a badge."""


@dataclass(frozen=True)
class PlanMeeting:
    table: str
    first_name: str
    first_organisation: str
    second_name: str
    second_organisation: str


@dataclass(frozen=True)
class PlanSlot:
    title: str
    meetings: tuple[PlanMeeting, ...]


@dataclass(frozen=True)
class PlanTexts:
    title: str
    table: str
    first: str
    second: str
    empty: str
    continued: str
    printed: str


@dataclass(frozen=True)
class Brand:
    """The event's look on paper (``services.events.look``): its cleaned logo (PNG or SVG)
    and its accent colour as RGB; either may be missing."""

    logo: bytes | None = None
    accent: tuple[int, int, int] | None = None


@dataclass(frozen=True)
class SignTexts:
    event_title: str
    label: str
    brand: Brand = Brand()


@dataclass(frozen=True)
class Badge:
    """What a worn badge shows: never the private link (see ``badges``). ``badge_code``
    only identifies the registration at the check-in desk (printed as text and QR code)."""

    name: str
    organisation: str
    industry: str
    badge_code: str = ""


@dataclass(frozen=True)
class BadgeTexts:
    event_title: str
    brand: Brand = Brand()


@dataclass(frozen=True)
class BadgeLayout:
    """Badges per A4 sheet and their size; the grid is centred on the sheet."""

    columns: int = 2
    rows: int = 4
    width_mm: float = 90
    height_mm: float = 60

    def fits_a4(self) -> bool:
        return self.columns * self.width_mm <= 210 and self.rows * self.height_mm <= 297


# The report for the funder (``report.report_pdf`` and the spreadsheet's ``report_xlsx``).


@dataclass(frozen=True)
class Figure:
    """``value`` as a number (a share as a fraction, ``percent``), ``shown`` as it reads."""

    label: str
    value: int | float
    shown: str
    percent: bool = False


@dataclass(frozen=True)
class FigureGroup:
    title: str
    figures: list[Figure]


@dataclass(frozen=True)
class Section:
    """A table whose column ``chart_column`` is also drawn as bars, one per row of its
    first ``chart_limit`` rows (all when None); ``chart_note`` says so when rows are left out."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: list[tuple[str | int, ...]]
    chart_column: int
    empty: str
    chart_limit: int | None = None
    chart_note: str = ""

    @property
    def chart_rows(self) -> list[tuple[str | int, ...]]:
        return self.rows[:self.chart_limit]

    @property
    def chart_shortened(self) -> bool:
        return len(self.chart_rows) < len(self.rows)


@dataclass(frozen=True)
class ReportContent:
    title: str
    subtitle: str
    printed: str
    definitions: str
    figures_title: str
    figures_header: tuple[str, str, str]
    groups: list[FigureGroup]
    sections: list[Section]
