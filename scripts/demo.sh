#!/usr/bin/env bash
# Install matchmaker into .venv (once) and run the demo: bash scripts/demo.sh [--port P ...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/venv.sh"
exec matchmaker demo "$@"
