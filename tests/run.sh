#!/usr/bin/env bash
# The project's test command: bash tests/run.sh [pytest arguments]
#
# On a fresh Debian/Ubuntu machine with Python 3.11 and pip it installs what the tests
# need (the package with its `test` and `semantic` extras into the project's .venv, see scripts/venv.sh;
# as root also Debian's Chromium headless shell, PostgreSQL server binaries and redis-server), then runs pytest. A
# second run skips the installs and starts at once.
# The tests start their own throwaway PostgreSQL cluster; this script never starts one,
# and never downloads a browser (`playwright install` is not possible here).
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_DIR"

say() { printf 'run.sh: %s\n' "$*"; }

have_postgresql_server() {
    compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null
}

install_system_packages() {
    local missing=()
    # The headless shell: tests/support/browser.py (a third of the whole browser's CPU).
    [[ -x /usr/bin/chromium-headless-shell ]] || missing+=(chromium-headless-shell)
    have_postgresql_server || missing+=(postgresql)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    command -v zbarimg >/dev/null || missing+=(zbar-tools)
    command -v redis-server >/dev/null || missing+=(redis-server)  # tests/test_two_nodes.py
    if (( ${#missing[@]} == 0 )); then
        say "Chromium headless shell, PostgreSQL and redis-server: already installed"
        return
    fi
    if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null; then
        say "not installing ${missing[*]} (needs root and apt-get): those tests skip, or fail with CI=true"
        return
    fi
    say "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Compiled modules are kept (__pycache__, ignored by git) even where the shell asks Python
# not to write them: otherwise every worker compiles the package and rewrites the asserts
# of every test module again (4 s of CPU per worker), and so does every `python -m
# matchmaker` the tests start.
unset PYTHONDONTWRITEBYTECODE

# The system packages install (apt-get: mostly downloading) while the Python packages do,
# and while the static checks run: on a fresh machine none waits for another. What apt-get
# said is printed once it is done, before pytest starts.
system_log="$(mktemp)"
static_log="$(mktemp)"
report="$(mktemp)"
install_system_packages >"$system_log" 2>&1 &
system_pid=$!
trap 'wait "$system_pid" 2>/dev/null; rm -f "$report" "$static_log" "$system_log"' EXIT  # never leave apt-get behind
# semantic: the similar-interest model, so tests/test_semantic.py runs (it skips without it,
# except under CI=true).
MATCHMAKER_EXTRAS=test,semantic source "$REPO_DIR/scripts/venv.sh"

# The static checks (bandit, ruff, mypy, pip-audit; mypy's first run without a cache is most
# of their ~20 s) run beside the rest, whose processes leave the cores idle part of the time
# (downloads, servers starting): they no longer add their time to the run's. Their report
# follows pytest's, and a finding fails the run as before.
bash "$REPO_DIR/tests/static_checks.sh" >"$static_log" 2>&1 &
static_pid=$!

system_status=0
wait "$system_pid" || system_status=$?
cat "$system_log"
if (( system_status != 0 )); then
    say "installing the system packages failed (the apt-get output is above)"
    kill "$static_pid" 2>/dev/null || true
    exit "$system_status"
fi

# Parallel workers (pytest-xdist), two per core unless TEST_WORKERS says otherwise: many
# tests wait (servers starting, browsers, subprocesses), and with one per core each worker
# kept its core only half busy. Each has its own temporary folders, SQLite template and
# PostgreSQL cluster (see tests/conftest.py).
# Arguments that choose the workers themselves (-n 0 runs in this process) win.
# loadgroup: a module marked xdist_group (the two-node cluster) or with a live server (the
# browser tests) runs on one worker, so its module-scoped servers start once; every other
# test is spread as before (tests/conftest.py: pytest_collection_modifyitems).
parallel=(-n "${TEST_WORKERS:-$(( 2 * $(nproc) ))}" --dist loadgroup)
for argument in "$@"; do
    case "$argument" in
        -n|-n*|--numprocesses|--numprocesses=*|no:xdist) parallel=() ;;
    esac
done
set -- "${parallel[@]}" "$@"
say "python -m pytest $*"
status=0
python -m pytest "$@" | tee "$report" || status=$?
static_status=0
wait "$static_pid" || static_status=$?
cat "$static_log"
if (( status == 5 )); then
    say "pytest collected no tests: that is a failure"
fi
# The closing line says how many tests skipped and why, so a green run cannot hide them.
# "SKIPPED [N] file:line: reason" (the same with and without xdist): N tests skipped there.
skipped="$(sed -nE 's/^SKIPPED \[([0-9]+)\] .*/\1/p' "$report" | awk '{ n += $1 } END { print n + 0 }')"
if (( skipped > 0 )); then
    say "$skipped test(s) skipped; reasons:"
    sed -nE 's/^SKIPPED \[([0-9]+)\] [^:]+:[0-9]+: (.*)$/\1 \2/p' "$report" \
        | awk '{ n = $1; $1 = ""; count[substr($0, 2)] += n } END { for (r in count) printf "%7d  %s\n", count[r], r }' \
        | sort -k2 | sed 's/^/run.sh: /'
fi
# Last, pytest's own counts again as one plain line (the skip list above can be long).
counts="$(grep -E '^=+ .*(passed|failed|error|skipped).* in [0-9.]+s' "$report" | tail -n 1 \
    | sed -E 's/^=+ //; s/ in [0-9.]+s.*$//')"
say "${counts:-no test ran}; ${skipped} skipped with a reason listed above"
if (( static_status != 0 )); then
    say "the static checks failed (their report is above, after pytest's)"
    (( status != 0 )) || status="$static_status"
fi
exit "$status"
