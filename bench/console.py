"""Benchmark of the console's start-up (not a test).

    python bench/console.py [--repeat 5]

Prints the CPU time (user + system, its own and its children's) of `matchmaker --help`,
of `python -c "import matchmaker"` and of a bare interpreter, each the best of
`--repeat` runs in a fresh process, and whether a heavy library (the engine's scipy, the
PDF library, the queue) was loaded. Target: `--help` under 0.5 s of CPU.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
HEAVY = ("scipy", "numpy", "fpdf", "huey", "openpyxl")
CASES = {
    "matchmaker --help": ["-m", "matchmaker", "--help"],
    "import matchmaker": ["-c", "import matchmaker"],
    "python alone": ["-c", "pass"],
}
LOADED = ("import json, sys; sys.argv = ['matchmaker', '--help']\n"
          "from matchmaker.cli import main\n"
          "try:\n    main()\nexcept SystemExit:\n    pass\n"
          "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)")


def cpu_seconds(arguments: list[str]) -> float:
    """CPU time of one fresh `python ARGUMENTS` (the children's counters before and after)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, *arguments], cwd=PROJECT, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def heavy_after_help() -> list[str]:
    done = subprocess.run([sys.executable, "-c", LOADED], cwd=PROJECT, check=True,
                          capture_output=True, text=True)
    return sorted(set(json.loads(done.stderr.splitlines()[-1])) & set(HEAVY))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    for label, arguments in CASES.items():
        best = min(cpu_seconds(arguments) for _ in range(repeat))
        print(f"{label:<18} {best:5.2f} s CPU (best of {repeat})")
    heavy = heavy_after_help()
    print(f"heavy libraries after --help: {', '.join(heavy) if heavy else 'none'}")


if __name__ == "__main__":
    main()
