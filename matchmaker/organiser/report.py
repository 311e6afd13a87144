"""The report for the funder: what really happened at the event (who came, which meetings
were held, the fairness reached), on the page and as PDF or spreadsheet to download."""

from flask import Response, g, render_template

from ..i18n import current_language
from ..models import utcnow
from ..services.documents.report import report_content, report_file
from ..services.events.day_report import day_report
from . import bp


@bp.get("/<slug>/report")
def day_report_page() -> str:
    content = report_content(g.event, day_report(g.event), current_language(), utcnow())
    return render_template("organiser/report.html", content=content)


@bp.get("/<slug>/report.pdf")
def day_report_pdf() -> Response:
    return report_download("pdf")


@bp.get("/<slug>/report.xlsx")
def day_report_xlsx() -> Response:
    return report_download("xlsx")


def report_download(extension: str) -> Response:
    name, mimetype, body = report_file(g.event, extension, current_language())
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
