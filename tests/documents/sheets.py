"""Plain rows for the document tests, with names from many scripts."""

from matchmaker.documents import (
    Badge,
    MeetingLine,
    PlanMeeting,
    PlanSlot,
    PlanTexts,
    ScheduleSheet,
    ScheduleTexts,
    SlotLine,
)

LONG_ORGANISATION = ("Forschungsgesellschaft für angewandte Mikro- und Nanotechnologie "
                     "Schleswig-Holstein, Hamburg und Mecklenburg-Vorpommern gGmbH")
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenfabrikationsgesellschaft"
PARTNERS = ("Γεώργιος Παπαδόπουλος", "Łukasz Żółkiewski", "Ayşe Yılmaz", "Zoë O’Brien-Müller")
TEXTS = ScheduleTexts(
    heading="Ihre 1:1-Gespräche", time="Zeit", table="Tisch", partner="Gesprächspartner/in",
    reason="Warum", free="frei", unavailable="nicht verfügbar", qr_caption="Ihre Seite",
    continued="Fortsetzung", printed="Stand: 2. Dezember 2026, 10:00:00",
    no_meetings="Keine Gespräche",
)
PLAN_TEXTS = PlanTexts("Tischplan", "Tisch", "Person", "Person", "Keine Gespräche",
                       "Fortsetzung", "Stand: heute")


def sheet(slots: int = 10, name: str = "Jürgen Müller", organisation: str = LONG_ORGANISATION,
          reason: str = "Ihr Gegenüber bietet „Wasserstoff“ an, was Sie suchen.",
          partner_organisation: str = "Hochschule Würzburg-Schweinfurt") -> ScheduleSheet:
    lines = []
    for number in range(1, slots + 1):
        partner = PARTNERS[(number - 1) % len(PARTNERS)]
        meeting = MeetingLine(str(number), partner, partner_organisation,
                              "Mikro- und Nanotechnologie", reason)
        lines.append(SlotLine(f"{number:02d}:00–{number:02d}:20", meeting if number % 5 else None))
    return ScheduleSheet("go-cluster Jahrestagung 2027", "Mittwoch, 16. Juni 2027 · Berlin",
                         name, organisation, tuple(lines), "http://localhost/me/" + "t" * 43, TEXTS)


def plan_slot(meetings: int) -> PlanSlot:
    return PlanSlot("Zeitfenster 1 · 10:30–10:50", tuple(
        PlanMeeting(str(table), "Jürgen Müller", "Müller GmbH", PARTNERS[table % 4], LONG_ORGANISATION)
        for table in range(1, meetings + 1)))


def badge(name: str, organisation: str = "Müller GmbH") -> Badge:
    return Badge(name, organisation, "Logistik")
