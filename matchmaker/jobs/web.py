"""What a page needs to show a job: translated labels and the JSON that ``jobs.js`` polls.

A view returns ``job_status_response(event, job_id)`` as it is. The page itself carries
``data-job-status-url`` for ``static/jobs.js`` and works without JavaScript too (see
``templates/jobs/_progress.html``).
"""

from typing import Any

from flask import Response, jsonify
from flask_babel import lazy_gettext as _l

from ..models import Event
from ..refusals import refusal_text
from ..services import DomainError
from .service import JobView, job_status

STATUS_LABELS = {
    "queued": _l("Waiting to start"),
    "running": _l("Running"),
    "done": _l("Done"),
    "failed": _l("Failed"),
}
PHASE_LABELS = {
    "loading": _l("Reading the attendees"),
    "solving": _l("Planning the meetings"),
    "storing": _l("Saving the schedule"),
    "stored": _l("Schedule saved"),
    "sending": _l("Sending e-mails"),
}
ERROR_LABELS = {
    "worker_lost": _l("The worker running this job stopped. Please start the job again."),
    "crashed": _l("The job stopped because of an internal error. Nothing was half-saved; "
                  "please try again or tell the technical team."),
}  # the job's own failures; a service's refusal codes are in matchmaker.refusals
WAITING_FOR_WORKER = _l("No worker has taken this job yet. Is \"matchmaker worker\" running?")


def status_label(job: JobView) -> str:
    if job.status == "running" and job.phase in PHASE_LABELS:
        return str(PHASE_LABELS[job.phase])
    if job.waiting_for_worker:
        return str(WAITING_FOR_WORKER)
    return str(STATUS_LABELS.get(job.status, job.status))


def error_message(job: JobView) -> str | None:
    if job.error is None:
        return None
    return str(ERROR_LABELS[job.error]) if job.error in ERROR_LABELS else refusal_text(job.error)


def job_json(job: JobView) -> dict[str, Any]:
    """The shape the page polls; ``finished`` tells it to stop and reload."""
    return {
        "id": job.id, "kind": job.kind, "status": str(job.status), "finished": job.finished,
        "done": job.done, "total": job.total, "percent": job.percent, "phase": job.phase,
        "label": status_label(job), "error": job.error, "error_message": error_message(job),
        "result": job.result, "has_file": job.has_file,
    }


def job_status_response(event: Event, job_id: int) -> Response:
    """``GET .../jobs/<id>``: the job as JSON, or 404 for a job of another event."""
    try:
        response = jsonify(job_json(job_status(event, job_id)))
    except DomainError:
        response = jsonify({"error": "job_not_found"})
        response.status_code = 404
    response.headers["Cache-Control"] = "no-store"
    return response
