#!/usr/bin/env bash
# Static security checks, run by tests/run.sh beside pytest (with the project's .venv active):
# - bandit over the package: must be clean; every exception is a "# nosec B<number>" with its
#   reason on the line it excuses.
# - ruff and mypy (configured in pyproject.toml): must be clean; a targeted "# noqa: <rule>" or
#   "# type: ignore[<code>]" carries its reason.
# - pip-audit over the installed dependencies, where its vulnerability database (the package
#   index's JSON API) can be reached. A known vulnerability fails the run; not being able to
#   check is said plainly and does not fail it (CI may have no network).
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_DIR"

say() { printf 'static_checks.sh: %s\n' "$*"; }

say "bandit -r matchmaker"
bandit_log="$(mktemp)"
trap 'rm -f "$bandit_log"' EXIT
bandit -q -r matchmaker 2>"$bandit_log" || { cat "$bandit_log" >&2; exit 1; }
# A "nosec" that excuses nothing (bandit only warns about it) is an error too: it would
# hide a finding that appears there later, and its warnings drown real messages.
if [[ -s "$bandit_log" ]]; then
    cat "$bandit_log" >&2
    say "bandit: the warnings above must go (a nosec without a finding, or a file it cannot read)"
    exit 1
fi
say "bandit: no issues"

# ruff (settings in pyproject.toml) over the code, the tests and the benchmarks.
ruff check --quiet matchmaker bench scripts tests
say "ruff: no findings"

# mypy (settings in pyproject.toml: the package, with SQLAlchemy's own Mapped[] types).
mypy --no-error-summary
say "mypy: no issues"

report="$(mktemp)"
trap 'rm -f "$report" "$bandit_log"' EXIT
if ! pip-audit --skip-editable --progress-spinner off --timeout 10 -f json >"$report" 2>/dev/null \
        && [[ ! -s "$report" ]]; then
    say "pip-audit: NOT CHECKED - its vulnerability database could not be reached"
    exit 0
fi
python - "$report" <<'PY'
import json
import sys

dependencies = json.load(open(sys.argv[1], encoding="utf-8"))["dependencies"]
audited = [d for d in dependencies if "skip_reason" not in d]
vulnerable = [d for d in audited if d.get("vulns")]
say = lambda text: print(f"static_checks.sh: pip-audit: {text}")
for dependency in vulnerable:
    ids = ", ".join(v["id"] for v in dependency["vulns"])
    say(f"{dependency['name']} {dependency['version']} has known vulnerabilities: {ids}")
if vulnerable:
    sys.exit(1)
if not audited:
    say(f"NOT CHECKED - none of the {len(dependencies)} packages could be looked up "
        "(the vulnerability database is not reachable from here)")
else:
    say(f"{len(audited)} of {len(dependencies)} packages checked, no known vulnerabilities"
        + (f"; {len(dependencies) - len(audited)} could not be looked up" if len(audited) < len(dependencies) else ""))
PY
