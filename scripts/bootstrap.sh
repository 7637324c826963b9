#!/usr/bin/env bash
# Create .venv (Python 3.11+) and install papers-graph into it, with the dev tools when asked.
#   scripts/bootstrap.sh         runtime only
#   scripts/bootstrap.sh dev     runtime + test and lint tools, and Debian's Chromium for the site tests
# Both build the site (site/: npm ci and npm run build, with the machine's Node.js 20+).
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

# The site: Node from the machine; npm ci only when package-lock.json changed since the last one.
build_site() {
  if ! command -v npm >/dev/null 2>&1 || ! node -e 'process.exit(parseInt(process.versions.node, 10) >= 20 ? 0 : 1)'; then
    echo "papers-graph's site needs Node.js 20 or newer with npm (apt-get install nodejs npm);" >&2
    echo "without it the API runs and / says the site is not built" >&2
    return 1
  fi
  (
    cd site
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      npm ci --no-audit --no-fund --loglevel=error
    fi
    npm run --silent build >/dev/null
  )
  echo "Built the site into site/dist"
}

if [ "${1:-}" = "dev" ]; then
  build_site  # the site's tests need it: no Node is an error here
  # The site's browser tests drive Debian's Chromium (Playwright downloads no browser here).
  if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the site's browser tests"
    sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
    $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq chromium >/dev/null
  fi
else
  build_site || true
fi
