"""Benchmark of the printed schedules on the demo event (not a test).

    pip install -e '.[bench]'; python bench/printing.py [--attendees 200] [--seed 2027]

Prepares the demo event (`matchmaker demo --no-serve` data: the same seed, the engine's
schedule, published) in a temporary SQLite database, then measures, each in a fresh
subprocess so that the peak RSS (ru_maxrss) is its own:

- batch: `services.printing.all_schedules_pdf` (fpdf2), all schedules in one PDF, and
  `schedule_pdf` for one attendee;
- naive: the same sheets, one WeasyPrint HTML document per attendee (the baseline).

Timing covers loading the rows from the database and rendering, not the set-up; the CPU
time is printed beside the wall time because a shared machine inflates the latter.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_MB = 300
NAIVE_HTML = """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 15mm; @bottom-left { content: "{{ s.texts.printed }}";
        font: 8pt "DejaVu Sans Condensed"; } }
body { font: 10pt "DejaVu Sans Condensed", sans-serif; }
h1 { font-size: 15pt; margin: 0; } .name { font-size: 20pt; font-weight: bold; margin-top: 5mm; }
.qr { float: right; width: 30mm; } table { width: 100%; border-collapse: collapse; }
th { background: #e8e8e8; text-align: left; } td, th { padding: 1.6mm; vertical-align: top;
border-bottom: 0.2mm solid #aaa; } tr { break-inside: avoid; } .muted { color: #505050; }
</style></head><body>
<img class="qr" src="{{ qr }}" alt=""><h1>{{ s.event_title }}</h1>
<p class="muted">{{ s.event_line }}</p><p class="name">{{ s.name }}</p><p>{{ s.organisation }}</p>
<h2>{{ s.texts.heading }}</h2><table><tr><th>{{ s.texts.time }}</th><th>{{ s.texts.table }}</th>
<th>{{ s.texts.partner }}</th><th>{{ s.texts.reason }}</th></tr>
{% for line in s.slots %}<tr><td><b>{{ line.time }}</b></td>
{% if line.meeting %}<td><b>{{ line.meeting.table }}</b></td><td><b>{{ line.meeting.partner_name }}</b><br>
{{ line.meeting.partner_organisation }}<br><span class="muted">{{ line.meeting.partner_industry }}</span></td>
<td>{{ line.meeting.reason }}</td>{% else %}<td></td><td class="muted">{{ s.texts.free }}</td><td></td>{% endif %}
</tr>{% endfor %}</table></body></html>"""


def app_for(database: Path):
    from matchmaker import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "TESTING": True})


def prepare(database: Path, attendees: int, seed: int) -> None:
    from flask_migrate import upgrade

    from matchmaker.commands.demo import DEMO_EVENT
    from matchmaker.extensions import db
    from matchmaker.services.attendees.imports import import_attendees
    from matchmaker.services.events.events import create_event, ensure_industries
    from matchmaker.services.schedule.planning import plan_schedule
    from matchmaker.services.schedule.publishing import publish
    from matchmaker.synthetic import generate_attendees

    with app_for(database).app_context():
        upgrade()
        ensure_industries()
        event = create_event(DEMO_EVENT)
        event.capacity = attendees
        import_attendees(event, generate_attendees(attendees, seed, slots=len(event.slots)),
                         "bench", confirmed=True)
        plan_schedule(event)
        publish(event, "organiser@example.org")
        db.session.commit()


def worker(database: Path, approach: str, count: int) -> dict:
    from matchmaker.commands.setup import require_event
    from matchmaker.services.documents import printing

    with app_for(database).app_context():
        event = require_event()
        started, cpu = time.perf_counter(), time.process_time()
        if approach == "batch" and count == 1:
            body = printing.schedule_pdf(printing.registered(event)[0], with_link=True)
        elif approach == "batch":
            body = printing.all_schedules_pdf(event)
        else:
            body = naive(event, printing.registered(event)[:count])
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    pages = body.count(b"/Type /Page\n") if approach == "batch" else body
    return {"approach": approach, "count": count, "seconds": seconds, "cpu": cpu, "pages": pages,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def naive(event, people) -> int:
    """One WeasyPrint document per attendee; returns the number of pages."""
    import segno
    from jinja2 import Template
    from weasyprint import HTML

    from matchmaker.models import utcnow
    from matchmaker.services.documents.printing import schedule_sheets

    template = Template(NAIVE_HTML, autoescape=True)
    pages = 0
    for attendee, sheet in zip(people, schedule_sheets(event, people, utcnow(), with_link=True), strict=True):
        qr = segno.make(sheet.page_url, error="m").svg_data_uri()
        document = HTML(string=template.render(s=sheet, qr=qr, lang=attendee.language)).render()
        document.write_pdf()
        pages += len(document.pages)
    return pages


def run(database: Path, approach: str, count: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--worker", str(database), approach, str(count)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attendees", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--worker", nargs=3, metavar=("DB", "APPROACH", "COUNT"))
    args = parser.parse_args()
    if args.worker:
        database, approach, count = args.worker
        print(json.dumps(worker(Path(database), approach, int(count))))
        return
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MATCHMAKER_INSTANCE_PATH"] = folder
        database = Path(folder) / "bench.sqlite"
        prepare(database, args.attendees, args.seed)
        approaches = ["batch", "naive"] if importlib.util.find_spec("weasyprint") else ["batch"]
        rows = [run(database, approach, count) for approach in approaches
                for count in (1, args.attendees)]
    print(f"{'approach':<8} {'schedules':>9} {'pages':>6} {'seconds':>8} {'ms/page':>8} "
          f"{'CPU s':>7} {'CPU ms/page':>11} {'peak MB':>8}")
    for row in rows:
        row["ms_per_page"] = 1000 * row["seconds"] / row["pages"]
        row["cpu_ms_per_page"] = 1000 * row["cpu"] / row["pages"]
        print(f"{row['approach']:<8} {row['count']:>9} {row['pages']:>6} {row['seconds']:>8.2f} "
              f"{row['ms_per_page']:>8.1f} {row['cpu']:>7.2f} {row['cpu_ms_per_page']:>11.1f} "
              f"{row['peak_mb']:>8.0f}")
    batch = rows[1]
    if len(rows) < 4:
        print(f"no baseline: WeasyPrint is not installed (pip install -e '.[bench]'); "
              f"batch peak {batch['peak_mb']:.0f} MB (target < {TARGET_MB} MB)")
        return
    naive_all = rows[3]
    ratio = batch["ms_per_page"] / naive_all["ms_per_page"]
    cpu_ratio = batch["cpu_ms_per_page"] / naive_all["cpu_ms_per_page"]
    print(f"batch per page = {ratio:.0%} of naive, {cpu_ratio:.0%} in CPU time (target <= 50%); "
          f"batch peak {batch['peak_mb']:.0f} MB (target < {TARGET_MB} MB)")


if __name__ == "__main__":
    main()
