"""Printed documents as PDF bytes: personal schedules, table plan, table signs, badges.

Pure functions from plain rows (``rows``) to bytes, with no Flask and no SQLAlchemy, so the
console, the dashboard, the attendee's page and the tests share one implementation. The
rows arrive already phrased and translated; this package only lays them out. The fonts
(DejaVu Sans Condensed: Latin, Greek, Cyrillic) ship in ``fonts/`` and are embedded as
subsets.

The names load on first use (``matchmaker.lazy``): the PDF library costs about half a
second to import, and the app imports this package's rows and its collation long before,
or without ever, printing.
"""

from typing import TYPE_CHECKING, Any

from matchmaker.lazy import homes_of, load

if TYPE_CHECKING:
    from .badges import badges_pdf
    from .rows import (
        Badge,
        BadgeLayout,
        BadgeTexts,
        Brand,
        MeetingLine,
        PlanMeeting,
        PlanSlot,
        PlanTexts,
        Progress,
        ScheduleSheet,
        ScheduleTexts,
        SessionLine,
        SignTexts,
        SlotLine,
    )
    from .schedules import schedules_pdf
    from .tables import table_plan_pdf, table_signs_pdf

_HOME_OF = homes_of({
    "badges": ("badges_pdf",),
    "rows": ("Badge", "BadgeLayout", "BadgeTexts", "Brand", "MeetingLine", "PlanMeeting",
             "PlanSlot", "PlanTexts", "Progress", "ScheduleSheet", "ScheduleTexts", "SessionLine",
             "SignTexts", "SlotLine"),
    "schedules": ("schedules_pdf",),
    "tables": ("table_plan_pdf", "table_signs_pdf"),
})
__all__ = [
    "Badge", "BadgeLayout", "BadgeTexts", "Brand", "MeetingLine", "PlanMeeting", "PlanSlot",
    "PlanTexts", "Progress", "ScheduleSheet", "ScheduleTexts", "SessionLine", "SignTexts",
    "SlotLine",
    "badges_pdf", "schedules_pdf", "table_plan_pdf", "table_signs_pdf",
]


def __getattr__(name: str) -> Any:
    return load(__name__, _HOME_OF, name)
