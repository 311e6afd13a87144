"""The report for the funder, phrased in one language: for the dashboard's report page, the
PDF and the spreadsheet (``report_file``, which the page's downloads and ``matchmaker
report`` share). The figures and what they mean are in ``events.day_report``."""

from datetime import datetime

from babel.numbers import format_decimal, format_percent
from flask_babel import force_locale
from flask_babel import gettext as _

from ...documents.rows import Figure, FigureGroup, ReportContent, Section
from ...exchange.report_xlsx import report_xlsx
from ...models import Event, utcnow
from ..attendees.feedback import PairCount
from ..events.day_report import DayReport, day_report
from ..events.events import industries
from .texts import DATE_LOCALES, long_date, printed_at

PERCENT = {"de": "#,##0.0 %", "en": "#,##0.0%"}  # as each language writes a share
CHART_BARS = 15  # bars per breakdown chart; its table lists every pair
FORMATS = {"pdf": "application/pdf",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def report_file(event: Event, extension: str, language: str = "de",
                now: datetime | None = None) -> tuple[str, str, bytes]:
    """(file name, media type, body) of the report as ``pdf`` or ``xlsx``."""
    from ...documents.report import report_pdf  # the PDF library only when a report is made

    content = report_content(event, day_report(event), language, now or utcnow())
    body = report_pdf(content, language) if extension == "pdf" else report_xlsx(content)
    with force_locale(language):
        word = _("report")  # in the file name
    return f"{event.slug}-{word}.{extension}", FORMATS[extension], body


def report_content(event: Event, report: DayReport, language: str, now: datetime) -> ReportContent:
    with force_locale(language):
        return ReportContent(
            title=_("What really happened: %(event)s", event=event.title),
            subtitle=f"{long_date(event.starts_on, language)} · {event.venue}",
            printed=printed_at(now, language), definitions=definitions(),
            figures_title=_("Key figures"), figures_header=(_("Area"), _("Figure"), _("Value")),
            groups=figure_groups(report, language), sections=sections(report, language),
        )


def definitions() -> str:
    return _("Planned: the meetings of the schedule as first published. Re-planned: meetings "
             "changed by re-plans after that. Held: confirmed by one of the two on the day, or "
             "reported by one of them afterwards as having taken place. Fairness: held meetings "
             "per attendee, over the registered attendees who checked in and wanted meetings.")


def figure_groups(report: DayReport, language: str) -> list[FigureGroup]:
    locale = DATE_LOCALES.get(language, "de_DE")

    def figure(label: str, value: float, percent: bool = False) -> Figure:
        shown = (format_percent(value, PERCENT.get(language, PERCENT["de"]), locale=locale) if percent
                 else format_decimal(value, "#,##0.#", locale=locale))
        return Figure(label, value, shown, percent)

    fair = report.fairness
    return [
        FigureGroup(_("Attendance"), [
            figure(_("Registered"), report.registered),
            figure(_("Checked in"), report.checked_in),
            figure(_("No-show rate"), report.no_show_rate, percent=True)]),
        FigureGroup(_("Meetings"), [
            figure(_("Planned (schedule as published)"), report.planned),
            figure(_("Re-planned after publication"), report.replanned),
            figure(_("In the final schedule"), report.final),
            figure(_("Held (confirmed or reported as taken place)"), report.held),
            figure(_("Rated valuable"), report.valuable),
            figure(_("Held meetings across industries"), report.cross_industry_share, percent=True)]),
        FigureGroup(_("Fairness reached"), [
            figure(_("Checked-in attendees who wanted meetings"), fair.attendees),
            figure(_("Fewest held meetings of one attendee"), fair.minimum),
            figure(_("Held meetings, 10th percentile"), fair.tenth_percentile),
            figure(_("Held meetings, median"), fair.median)]),
    ]


def sections(report: DayReport, language: str) -> list[Section]:
    names = {industry.code: industry.name(language) for industry in industries()}
    groups = {"small": _("SME or start-up"), "big": _("Large company or research"),
              "other": _("Other organisation types")}
    header = (_("Pair"), _("Meetings"), _("Held"), _("Valuable"))
    empty = _("No meetings.")
    note = _("The bars show the %(count)d pairs with the most held meetings; the table lists all.",
             count=CHART_BARS)
    return [
        Section("industries", _("Held meetings by industry pair"), header,
                pair_rows(report.by_industry, names), 2, empty, CHART_BARS, note),
        Section("org-types", _("Held meetings by pair of organisation types"), header,
                pair_rows(report.by_org_group, groups), 2, empty, CHART_BARS, note),
        Section("clusters", _("Held meetings from cluster to cluster"), header,
                pair_rows(report.by_cluster, {"": _("No cluster given")}), 2, empty, CHART_BARS, note),
        Section("fairness", _("Attendees by number of held meetings"),
                (_("Held meetings"), _("Attendees")),
                [(str(held), people) for held, people in report.fairness.histogram], 1,
                _("Nobody checked in who wanted meetings.")),
    ]


def pair_rows(counts: list[PairCount], names: dict[str, str]) -> list[tuple[str | int, ...]]:
    """Most held meetings first (then by name), each pair named in alphabetical order."""
    named = sorted(((" – ".join(sorted(names.get(code, code) for code in row.pair)), row)
                    for row in counts), key=lambda item: (-item[1].took_place, item[0]))
    return [(name, row.meetings, row.took_place, row.valuable) for name, row in named]
