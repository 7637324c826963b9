"""How `papers-graph serve` serves the built site, over real HTTP: index.html for any page path
(never cached), hashed assets cached for good (gzipped when asked), 404 for an asset that is
not there, the API's own paths untouched, and a page saying how to build the site when it is
not built."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graphdb.settings import Neo4jSettings
from server.site import IMMUTABLE
from tests.support.http import RunningServer, serve_in_thread

INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-1a2b3c.js"></script></head></html>'
SCRIPT = "console.log('papers-graph');\n" * 200


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    (dist / "assets").mkdir()
    (dist / "index.html").write_text(INDEX)
    (dist / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (dist / "assets" / "app-1a2b3c.js").write_text(SCRIPT)
    (dist.parent / "secret.txt").write_text("outside the site")
    return dist


@pytest.fixture(scope="module")
def server(neo4j_settings: Neo4jSettings, built: Path) -> Iterator[RunningServer]:
    with serve_in_thread(neo4j_settings, site_dir=built) as running:
        yield running


@pytest.mark.parametrize("path", ["/", "/paper/attention-is-all-you-need", "/task/Object%20Detection",
                                  "/leaderboard/a/b?metric=F1", "/explore/UGFwZXI6eA"])  # fmt: skip
def test_every_page_path_is_the_index_never_cached(server: RunningServer, path: str) -> None:
    response = httpx.get(server.base_url + path)
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"


def test_hashed_assets_are_cached_for_a_year_and_gzipped(server: RunningServer) -> None:
    response = httpx.get(
        server.base_url + "/assets/app-1a2b3c.js", headers={"accept-encoding": "gzip"}
    )
    assert response.status_code == 200 and response.text == SCRIPT
    assert response.headers["cache-control"] == IMMUTABLE == "public, max-age=31536000, immutable"
    assert response.headers["content-encoding"] == "gzip"
    assert "javascript" in response.headers["content-type"]
    again = httpx.get(server.base_url + "/assets/app-1a2b3c.js",
                      headers={"if-none-match": response.headers["etag"]})  # fmt: skip
    assert again.status_code == 304


def test_a_missing_asset_is_404_not_the_index(server: RunningServer) -> None:
    for path in (
        "/assets/app-000000.js",
        "/assets/../../secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
    ):
        response = httpx.get(server.base_url + path)
        assert response.status_code in (404, 200) and "outside the site" not in response.text, path
    assert httpx.get(server.base_url + "/assets/app-000000.js").status_code == 404


def test_files_at_the_top_of_the_site_are_served_as_they_are(server: RunningServer) -> None:
    response = httpx.get(server.base_url + "/favicon.svg")
    assert response.status_code == 200 and response.text.startswith("<svg")
    assert httpx.get(server.base_url + "/secret.txt").text == INDEX  # a page path, not a file


def test_the_api_paths_are_the_api(server: RunningServer) -> None:
    assert httpx.get(server.base_url + "/healthz").json() == {"status": "ok"}
    playground = httpx.get(server.base_url + "/graphql", headers={"accept": "text/html"})
    assert playground.status_code == 200 and "GraphiQL" in playground.text
    assert "query PaperPage" in playground.text  # opens on the paper-page example
    answer = httpx.post(server.base_url + "/graphql", json={"query": "{ __typename }"})
    assert answer.json() == {"data": {"__typename": "Query"}}
    assert httpx.post(server.base_url + "/", json={}).status_code == 405


def test_a_site_not_built_says_how_to_build_it(
    neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    with serve_in_thread(neo4j_settings, site_dir=tmp_path / "dist") as bare:
        response = httpx.get(bare.base_url + "/paper/x")
        assert response.status_code == 503
        assert "The site has not been built" in response.text
        assert "npm ci &amp;&amp; npm run build" in response.text
        assert httpx.get(bare.base_url + "/assets/app.js").status_code == 404
        assert (
            httpx.post(bare.base_url + "/graphql", json={"query": "{ __typename }"}).status_code
            == 200
        )
