"""The built site (site/dist) at /: hashed assets cached for good, every other page path
answered with index.html (the site routes in the browser), which is never cached.

The API's own paths (/graphql, /healthz, /readyz) are routed before these. When the site has
not been built, its paths answer 503 with a page saying how to build it.
"""

from __future__ import annotations

from pathlib import Path

from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

# Vite names every file under assets/ by a hash of its content: a new build is a new name.
IMMUTABLE = "public, max-age=31536000, immutable"
# index.html names the current build's assets: the browser asks again each time (304 if same).
REVALIDATE = "no-cache"

NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>papers-graph: the site is not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>The site has not been built</h1>
<p>papers-graph serves its site from <code>{dist}</code>, which has no <code>index.html</code>.
Build it with Node.js 20 or newer:</p>
<pre>cd site &amp;&amp; npm ci &amp;&amp; npm run build</pre>
<p>(<code>scripts/bootstrap.sh</code> and <code>scripts/demo.sh</code> do this.) The API works
meanwhile: GraphiQL is at <a href="/graphql">/graphql</a>.</p>
</body></html>
"""


class HashedAssets(StaticFiles):
    """site/dist/assets, each file cached by browsers and proxies for a year."""

    async def check_config(self) -> None:
        """A site not built (yet) has no assets folder: its assets are 404, not a crash."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code in (200, 304):
            response.headers["cache-control"] = IMMUTABLE
        return response


class SitePages:
    """index.html for any page path; the few other files at dist's top (favicon) as they are."""

    def __init__(self, dist: Path) -> None:
        self.dist = dist

    async def page(self, request: Request) -> Response:
        index = self.dist / "index.html"
        if not index.is_file():
            return HTMLResponse(NOT_BUILT.format(dist=self.dist), status_code=503,
                                headers={"cache-control": "no-store"})  # fmt: skip
        name = request.path_params.get("path", "")
        # Only a file directly in dist (never a path with separators): no way out of the folder.
        if name and "/" not in name and name != "index.html" and name in self._top_files():
            return FileResponse(self.dist / name, headers={"cache-control": REVALIDATE})
        return FileResponse(index, media_type="text/html", headers={"cache-control": REVALIDATE})

    def _top_files(self) -> set[str]:
        return {p.name for p in self.dist.iterdir() if p.is_file()}


def site_routes(dist: Path) -> list[BaseRoute]:
    """Routes for the site, to come after the API's (the last one matches every path)."""
    assets = HashedAssets(directory=dist / "assets", check_dir=False)
    return [
        Mount("/assets", app=GZipMiddleware(assets, minimum_size=1024)),
        Route("/{path:path}", SitePages(dist).page, methods=["GET", "HEAD"]),
    ]
