#!/usr/bin/env bash
# Create .venv (Python 3.11+) and install papers-graph into it, with the dev tools when asked.
#   scripts/bootstrap.sh         runtime only
#   scripts/bootstrap.sh dev     runtime + test and lint tools
set -euo pipefail
cd "$(dirname "$0")/.."

extras=".[parquet]"
[ "${1:-}" = "dev" ] && extras=".[dev]"

pick_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ]; then
  python=$(pick_python) || {
    echo "papers-graph needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2
    exit 1
  }
  echo "Creating .venv with $($python --version)"
  "$python" -m venv .venv
fi

# Quiet, and quick when everything is already installed.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$extras"
