"""GraphiQL at /graphql, opening on an example query instead of Strawberry's welcome text."""

from __future__ import annotations

import re
from pathlib import Path

EXAMPLE_QUERY = """# papers-graph: the Papers With Code archive as a graph.
# Run this (the ▶ button), then explore with the docs on the right.
# More examples: docs/queries/*.graphql in the repository.
query PaperPage {
  paper(arxivId: "1706.03762") {
    title
    published
    authors { nodes { name } }
    tasks { nodes { name } }
    repositories(first: 3) { edges { official node { url framework } } }
    results(first: 5) { nodes { task { name } dataset { name } metric value rank } }
    related(first: 3) { edges { score sharedTasks node { title } } }
  }
  search(query: "graph neural networks", first: 3) {
    totalCount
    edges { score node { title arxivId } }
  }
}
"""

_EXAMPLE = re.compile(r"const EXAMPLE_QUERY = `.*?`;", re.DOTALL)


def with_example_query(html: str, query: str = EXAMPLE_QUERY) -> str:
    """Strawberry's GraphiQL page with `query` as the text it opens with."""
    literal = query.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")
    return _EXAMPLE.sub(lambda _m: f"const EXAMPLE_QUERY = `{literal}`;", html, count=1)


_UNPKG = re.compile(r"https://unpkg\.com/([^\"'\s]+)")
VENDOR = "assets/vendor"  # where the site's build copies GraphiQL's files (site/scripts/)


def with_local_files(html: str, site_dir: Path) -> str:
    """The page with each unpkg.com file the site's build copied served from /assets/vendor/
    instead: the playground then works without the internet. A file not copied (the site not
    built) stays on unpkg.com."""

    def local(match: re.Match[str]) -> str:
        path = match.group(1)
        return f"/{VENDOR}/{path}" if (site_dir / VENDOR / path).is_file() else match.group(0)

    return _UNPKG.sub(local, html)
