#!/usr/bin/env bash
# The project's test command: bash tests/run.sh [pytest arguments]
#
# On a fresh Debian/Ubuntu machine with Python 3.11 and pip it installs what the tests
# need (the package with its `test` extra; as root also Debian's Chromium and PostgreSQL
# server binaries), then runs pytest. A second run skips the installs and starts at once.
# The tests start their own throwaway PostgreSQL cluster; this script never starts one,
# and never downloads a browser (`playwright install` is not possible here).
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_DIR"

say() { printf 'run.sh: %s\n' "$*"; }

# A stamp (the interpreter, this checkout and pyproject.toml) says the install is current.
install_stamp() {
    local key
    key="$(python3 -c 'import sys; print(sys.executable)')|$REPO_DIR|$(sha256sum pyproject.toml)"
    printf '%s/matchmaker-tests/%s.installed\n' "${XDG_CACHE_HOME:-$HOME/.cache}" \
        "$(printf '%s' "$key" | sha256sum | cut -c1-16)"
}

installed_from_here() {
    python3 - "$REPO_DIR" <<'EOF' 2>/dev/null
import sys
from pathlib import Path
import axe_playwright_python, playwright, pytest  # noqa: F401  (the test extra is there)
import matchmaker
sys.exit(0 if matchmaker.PROJECT_DIR == Path(sys.argv[1]).resolve() else 1)
EOF
}

install_python_packages() {
    local stamp
    stamp="$(install_stamp)"
    if [[ -f "$stamp" ]] && installed_from_here; then
        say "Python packages: already installed"
        return
    fi
    say "Python packages: pip install -e '.[test]'"
    # Debian's own python3 refuses pip installs (PEP 668) unless told; a venv never does.
    if python3 -c 'import os, sys, sysconfig
sys.exit(0 if sys.prefix == sys.base_prefix and os.path.exists(
    os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)'; then
        export PIP_BREAK_SYSTEM_PACKAGES=1
    fi
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check \
        --no-input -e '.[test]'
    mkdir -p "$(dirname "$stamp")"
    touch "$stamp"
}

have_postgresql_server() {
    compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null
}

install_system_packages() {
    local missing=()
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    have_postgresql_server || missing+=(postgresql)
    if (( ${#missing[@]} == 0 )); then
        say "Chromium and PostgreSQL: already installed"
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

install_python_packages
install_system_packages

say "python3 -m pytest $*"
status=0
python3 -m pytest "$@" || status=$?
if (( status == 5 )); then
    say "pytest collected no tests: that is a failure"
fi
exit "$status"
