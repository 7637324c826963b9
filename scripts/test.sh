#!/usr/bin/env bash
# The whole test suite against a real Neo4j. Without PAPERS_GRAPH_TEST_NEO4J_URI the suite
# starts its own local Neo4j (JDK 17 + Maven needed) in a temporary folder and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh dev
# The site's own logic (routes, formatting, chart data) by vitest; pages are tested in the browser by pytest.
(cd site && npm test --silent)
exec .venv/bin/python -m pytest "$@"
