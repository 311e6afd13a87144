"""The kinds of background job: plain functions ``(event, params, progress) -> JobResult``.

A kind runs inside an app context on a worker. It reads ``params`` (what ``start_job``
was given, JSON), reports ``progress(done, total, phase)`` and returns a ``JobResult``.
``progress`` commits the job's database session, so a kind calls it only where what it
wrote so far may be committed (matchmaking stores its schedule in one transaction after
its last report). A ``DomainError`` fails the job with that code; so does any crash.
Adding a kind is one line in ``KINDS``.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select

from ..extensions import db
from ..mail import deliver
from ..models import Attendee, Event, MailStatus, OutgoingMail
from ..services import DomainError
from ..services.documents.printing import all_schedules_pdf
from ..services.schedule.matchmaking import run_matchmaking


class Progress(Protocol):
    def __call__(self, done: int, total: int, phase: str = "") -> None: ...


@dataclass(frozen=True)
class ResultFile:
    """A file the job made (a PDF, an .xlsx), offered for download when it is done."""

    name: str
    content: bytes


@dataclass(frozen=True)
class JobResult:
    summary: dict[str, Any] = field(default_factory=dict)  # JSON, shown on the page
    file: ResultFile | None = None


JobFunction = Callable[[Event, dict[str, Any], Progress], JobResult]


def matchmaking(event: Event, params: dict[str, Any], progress: Progress) -> JobResult:
    """Plan the event's meetings and store them, as ``matchmaker match`` does."""
    outcome = run_matchmaking(event, params.get("policy"), progress)
    run, result = outcome.run, outcome.result
    return JobResult({"schedule_run_id": run.id, "published": run.published_at is not None,
                      "changed": result.changed_count, "quality": asdict(result.quality)})


def bulk_mail(event: Event, params: dict[str, Any], progress: Progress) -> JobResult:
    """Deliver recorded mails (``params["mail_ids"]``) of this event's attendees; mails
    already sent or of another event are skipped."""
    wanted = params.get("mail_ids")
    if not isinstance(wanted, list) or not all(type(i) is int for i in wanted):
        raise DomainError("bad_job_params", detail="mail_ids must be a list of whole numbers")
    ids = list(db.session.scalars(
        select(OutgoingMail.id).join(Attendee, Attendee.id == OutgoingMail.attendee_id)
        .where(OutgoingMail.id.in_(wanted), Attendee.event_id == event.id,
               OutgoingMail.status != MailStatus.SENT)
        .order_by(OutgoingMail.id)
    ))
    sent = failed = 0
    progress(0, len(ids), "sending")
    for done, mail_id in enumerate(ids, start=1):
        report = deliver([db.session.get_one(OutgoingMail, mail_id)])
        sent, failed = sent + report.sent, failed + report.failed
        progress(done, len(ids), "sending")
    return JobResult({"sent": sent, "failed": failed, "skipped": len(set(wanted)) - len(ids)})


def print_schedules(event: Event, params: dict[str, Any], progress: Progress) -> JobResult:
    """Every registered attendee's schedule in one PDF for the registration desk; with
    ``params["changed_since"]`` (ISO time, UTC) only the sheets changed after it."""
    since = params.get("changed_since")
    try:
        changed_since = datetime.fromisoformat(since) if since else None
    except (TypeError, ValueError) as error:
        raise DomainError("bad_job_params", detail="changed_since must be an ISO time") from error
    pdf = all_schedules_pdf(event, changed_since, progress)
    db.session.commit()  # the sheets' change records
    name = f"{event.slug}-schedules{'-changed' if changed_since else ''}.pdf"
    return JobResult({"changed_since": since}, ResultFile(name, pdf))


KINDS: dict[str, JobFunction] = {
    "matchmaking": matchmaking,
    "bulk_mail": bulk_mail,
    "print_schedules": print_schedules,
}
