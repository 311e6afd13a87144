"""Benchmark of reading and writing attendee files (not a test).

    python bench/attendee_files.py [--sizes 200,2000,20000] [--seed 1]

Prints, per size, the seconds to read the attendee CSV, the same CSV as a German Excel
saves it (semicolons, Windows-1252) and an `.xlsx` workbook, and to write the export
CSV and `.xlsx`; the file sizes in kB. Synthetic attendees; no database.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matchmaker.exchange.attendee_export import (
    ExportedAttendee,
    attendees_csv,
    attendees_xlsx,
)
from matchmaker.exchange.attendee_xlsx import parse_attendee_file
from matchmaker.synthetic import generate_attendees


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def measure(size: int, seed: int) -> str:
    rows = generate_attendees(size, seed)
    exported = [ExportedAttendee(row, n, "registered", True, datetime(2027, 1, 1), f"BADGE{n:03d}", None)
                for n, row in enumerate(rows, start=1)]
    write_csv, csv_data = timed(attendees_csv, exported)
    write_xlsx, xlsx_data = timed(attendees_xlsx, exported)
    excel_data = _excel(csv_data)
    figures = []
    for data in (csv_data, excel_data, xlsx_data):
        seconds, read = timed(lambda d: parse_attendee_file(d, slots=10), data)
        assert len(read) == size
        figures.append(seconds)
    return (f"{size:>6} attendees: read csv {figures[0]:.2f} s, excel csv {figures[1]:.2f} s, "
            f"xlsx {figures[2]:.2f} s; write csv {write_csv:.2f} s, xlsx {write_xlsx:.2f} s; "
            f"csv {len(csv_data) // 1024} kB, xlsx {len(xlsx_data) // 1024} kB")


def _excel(csv_data: bytes) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
        csv.reader(io.StringIO(csv_data.decode("utf-8-sig"))))
    return out.getvalue().encode("cp1252", "replace")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000,20000")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        print(measure(size, args.seed), flush=True)


if __name__ == "__main__":
    main()
