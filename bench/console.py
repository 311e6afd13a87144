"""Benchmark of the console's start-up (not a test).

    python bench/console.py [--repeat 5]

Prints the CPU time (user + system of a fresh process) of `matchmaker --help`, of the same
help listed the old way (Flask builds the whole app to list its commands) with the ratio
between them, of a few light commands (`--version`, and `list-events` and `db current` on a
throwaway SQLite database, which build the app without its pages), of `list-events` on the
whole app as before with the ratio, of importing the models (the floor of every command
that uses the database) and of `import matchmaker` and a bare interpreter, each the median
of `--repeat` runs; then whether a heavy library (the engine's scipy, the PDF library, the
queue) was loaded by `--help`.
Target: `--help` and the commands without the engine or PDFs under 0.5 s of CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
HEAVY = ("scipy", "numpy", "fpdf", "huey", "openpyxl")
OLD_HELP = ("import sys, types\nfrom flask.cli import FlaskGroup\nfrom matchmaker.cli import console\n"
            "group = console()\n"
            "group.format_commands = types.MethodType(FlaskGroup.format_commands, group)\n"
            "group(['--help'], prog_name='matchmaker')")
# list-events on the whole app (blueprints, rate limiter, every command, Flask's plugins),
# as every command ran before the commands without pages (matchmaker.commands.WITHOUT_PAGES).
WHOLE_APP = ("import sys\nfrom matchmaker import cli\ncli.WITHOUT_PAGES = frozenset()\n"
             "sys.argv = ['matchmaker', 'list-events']\ncli.main()")
CASES = {
    "matchmaker --help": ["-m", "matchmaker", "--help"],
    "--help, old way": ["-c", OLD_HELP],
    "--version": ["-m", "matchmaker", "--version"],
    "list-events": ["-m", "matchmaker", "list-events"],
    "list-events, whole app": ["-c", WHOLE_APP],
    "db current": ["-m", "matchmaker", "db", "current"],
    "import the models": ["-c", "import matchmaker.models"],
    "import matchmaker": ["-c", "import matchmaker"],
    "python alone": ["-c", "pass"],
}
LOADED = ("import json, sys; sys.argv = ['matchmaker', '--help']\n"
          "from matchmaker.cli import main\n"
          "try:\n    main()\nexcept SystemExit:\n    pass\n"
          "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)")


def cpu_seconds(arguments: list[str], env: dict[str, str]) -> float:
    """CPU time of one fresh `python ARGUMENTS` (the children's counters before and after)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, *arguments], cwd=PROJECT, check=True, capture_output=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def heavy_after_help(env: dict[str, str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", LOADED], cwd=PROJECT, check=True,
                          capture_output=True, text=True, env=env)
    return sorted(set(json.loads(done.stderr.splitlines()[-1])) & set(HEAVY))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory(prefix="bench-console-") as instance:
        env = {key: value for key, value in os.environ.items()
               if not key.startswith("MATCHMAKER_") and key != "DATABASE_URL"}
        env["MATCHMAKER_INSTANCE_PATH"] = instance  # a throwaway, migrated SQLite database
        subprocess.run([sys.executable, "-m", "matchmaker", "db", "upgrade"], cwd=PROJECT,
                       check=True, capture_output=True, env=env)
        medians = {}
        for label, arguments in CASES.items():
            medians[label] = statistics.median(cpu_seconds(arguments, env) for _ in range(repeat))
            print(f"{label:<22} {medians[label]:5.2f} s CPU (median of {repeat})")
        ratio = medians["matchmaker --help"] / max(medians["--help, old way"], 1e-9)
        print(f"--help now / old way: {ratio:.2f}")
        ratio = medians["list-events"] / max(medians["list-events, whole app"], 1e-9)
        print(f"list-events without pages / on the whole app: {ratio:.2f}")
        heavy = heavy_after_help(env)
    print(f"heavy libraries after --help: {', '.join(heavy) if heavy else 'none'}")


if __name__ == "__main__":
    main()
