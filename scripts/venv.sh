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

_venv_pip_install() {
    local pip=("$_venv_python" -m pip)
    "$_venv_python" -m pip --version >/dev/null 2>&1 || pip=(python3 -m pip --python "$_venv_python")
    PIP_ROOT_USER_ACTION=ignore "${pip[@]}" install --quiet --disable-pip-version-check --no-input "$@"
}

_venv_extras="${MATCHMAKER_EXTRAS:-}"
_venv_stamp="$_venv_dir/.installed-$(printf '%s|%s' "$_venv_extras" \
    "$(sha256sum "$_venv_project/pyproject.toml")" | sha256sum | cut -c1-16)"
if [[ ! -f "$_venv_stamp" ]]; then
    _venv_target="$_venv_project"
    [[ -n "$_venv_extras" ]] && _venv_target="$_venv_project[$_venv_extras]"
    _venv_say "installing into .venv: uv pip install -e '.${_venv_extras:+[$_venv_extras]}'"
    # uv (itself a pip package, installed into the venv first) takes seconds for what pip
    # takes 25-40 s: pip fetches one file after another and compiles every module on one
    # core. Where uv cannot install (it reads no pip.conf, so a pip-only package mirror
    # stops it), pip does. Modules are compiled when first imported.
    if ! { _venv_pip_install uv \
            && "$_venv_dir/bin/uv" pip install --quiet --python "$_venv_python" -e "$_venv_target"; }; then
        _venv_say "uv could not install it (its message is above): pip install instead"
        _venv_pip_install -e "$_venv_target"
    fi
    rm -f "$_venv_dir"/.installed-*
    touch "$_venv_stamp"
fi

export PATH="$_venv_dir/bin:$PATH"
export VIRTUAL_ENV="$_venv_dir"
unset _venv_project _venv_dir _venv_extras _venv_stamp _venv_target
