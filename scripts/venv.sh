#!/usr/bin/env bash
# Source this file: it creates the project's virtual environment `.venv` (once), installs the
# package into it with the extras named in $MATCHMAKER_EXTRAS (e.g. "test"), and puts
# `.venv/bin` first on PATH. A second run with an unchanged pyproject.toml installs nothing.
#
# It works with a stock Debian/Ubuntu python3 (PEP 668 forbids pip outside a venv there),
# also where the python3-venv package is missing, as a normal user and as root.

_venv_say() { printf '%s: %s\n' "${0##*/}" "$*"; }

_venv_project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_venv_dir="$_venv_project/.venv"
_venv_python="$_venv_dir/bin/python"

if [[ ! -x "$_venv_python" ]]; then
    _venv_say "creating the virtual environment .venv"
    if ! python3 -m venv "$_venv_dir" >/dev/null 2>&1; then
        # Without Debian's python3-venv there is no ensurepip: make the venv without pip
        # and let the system's pip install into it.
        rm -rf "$_venv_dir"
        python3 -m venv --without-pip "$_venv_dir"
    fi
fi

_venv_pip() {
    if "$_venv_python" -m pip --version >/dev/null 2>&1; then
        "$_venv_python" -m pip "$@"
    else
        python3 -m pip --python "$_venv_python" "$@"
    fi
}

_venv_extras="${MATCHMAKER_EXTRAS:-}"
_venv_stamp="$_venv_dir/.installed-$(printf '%s|%s' "$_venv_extras" \
    "$(sha256sum "$_venv_project/pyproject.toml")" | sha256sum | cut -c1-16)"
if [[ ! -f "$_venv_stamp" ]]; then
    _venv_target="$_venv_project"
    [[ -n "$_venv_extras" ]] && _venv_target="$_venv_project[$_venv_extras]"
    _venv_say "installing into .venv: pip install -e '.${_venv_extras:+[$_venv_extras]}'"
    PIP_ROOT_USER_ACTION=ignore _venv_pip install --quiet --disable-pip-version-check \
        --no-input -e "$_venv_target"
    rm -f "$_venv_dir"/.installed-*
    touch "$_venv_stamp"
fi

export PATH="$_venv_dir/bin:$PATH"
export VIRTUAL_ENV="$_venv_dir"
unset _venv_project _venv_dir _venv_extras _venv_stamp _venv_target
