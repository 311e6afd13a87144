"""The attendee's own schedule as a PDF, once the schedule is published."""

from flask import Response, abort, current_app, g

from ..services import DomainError
from ..services.documents import printing
from . import bp


@bp.get("/<token>/schedule.pdf")
def schedule_pdf() -> Response:
    try:
        body = printing.schedule_pdf(g.attendee, with_link=True)
    except DomainError:
        abort(404)
    response = current_app.response_class(body, mimetype="application/pdf")
    filename = f"schedule-{g.attendee.number}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
