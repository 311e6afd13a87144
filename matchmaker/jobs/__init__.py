"""Background jobs: matchmaking, printing and bulk mail run on a worker, not in the request.

``start_job`` records a job and queues it; ``matchmaker worker`` (huey's consumer) runs it
and writes its progress to the job's row, which ``job_status`` reads (scoped by event).
A job kind is a plain function in ``kinds.KINDS``. Modules: ``queue`` (huey from the
configuration), ``runner`` (the worker side), ``service`` (the API), ``kinds``, ``web``.
"""

from .kinds import KINDS, JobResult, Progress, ResultFile
from .service import JobView, job_result_file, job_status, latest_job, start_job

__all__ = ["KINDS", "JobResult", "JobView", "Progress", "ResultFile", "job_result_file",
           "job_status", "latest_job", "start_job"]
