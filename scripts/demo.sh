#!/usr/bin/env bash
# Fresh clone to a running API and site on the bundled sample: venv, install, the site's build,
# local Neo4j, load, serve.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
.venv/bin/papers-graph db start
.venv/bin/papers-graph load samples/demo --rejects .data/rejects.jsonl
port="${PAPERS_GRAPH_PORT:-8000}"
echo
echo "papers-graph is serving the sample archive:"
if [ -f site/dist/index.html ]; then
  echo "  the site:  http://127.0.0.1:${port}/"
else
  echo "  the site:  not built (needs Node.js 20+: cd site && npm ci && npm run build)"
fi
echo "  GraphiQL:  http://127.0.0.1:${port}/graphql"
echo "(Ctrl-C stops the API; \`.venv/bin/papers-graph db stop\` stops Neo4j)"
exec .venv/bin/papers-graph serve --port "$port"
