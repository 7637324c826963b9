"""Site benchmark: how long a paper page takes to show its content in a real browser.

    python bench/site_benchmark.py --papers 100000 --pages 50

It uses the API benchmark's Neo4j under .bench (loading the generated archive the first
time), starts `papers-graph serve` with the built site, and opens --pages papers with
results in Debian's Chromium (headless, Playwright). A page view's time is from the start
of navigation to the moment the paper's title is in the page (a MutationObserver records
performance.now() then, so Playwright's own round trips do not count).

Each paper is opened twice: in a new browser context (nothing cached: a first visit) and
in a context that has already loaded the site (hashed assets cached: the next page of a
visit). Its floors, measured in the same run, alternating with the pages:
- shell: the page for an address the site has no route for, which needs no data and is in
  the same first bundle as the paper page: the browser's cost of the HTML, the scripts and
  the first render, cold and warm like the paper page;
- api: the paper page's own GraphQL request (the text the site sends), over HTTP from
  Python, with no browser.
A paper page can at best be shell + api; the ratio printed is page / (shell + api).

It also prints what the first visit of a paper page downloads: each script's size as
sent and gzip-compressed (level 6, as a web server would), against the target of 150 kB.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from neo4j import GraphDatabase
from playwright.sync_api import Browser, BrowserContext, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from api_benchmark import ensure_loaded  # noqa: E402

from graphdb.local.process import stop  # noqa: E402

CHROMIUM = os.environ.get("PAPERS_GRAPH_CHROMIUM", "/usr/bin/chromium")
JS_TARGET_KB = 150
PAGE_TARGET_MS = 300
SHELL = "/no/such/page"  # the site's own 404 page: no request, no lazy chunk
SHELL_SHOWN = ".state.not-found h1"

# Records when the selector first matches, in ms since navigation start.
SHOWN_AT = """(selector) => {
  const mark = () => { if (!window.__shownAt && document.querySelector(selector)) {
    window.__shownAt = performance.now(); } };
  new MutationObserver(mark).observe(document, {childList: true, subtree: true});
  mark();
}"""


def papers_with_results(uri: str, count: int, seed: int) -> list[str]:
    with GraphDatabase.driver(uri, notifications_min_severity="OFF") as driver:
        slugs = [
            r["slug"]
            for r in driver.execute_query(
                "MATCH (p:Paper)-[:REPORTS]->() WHERE p.stub IS NULL "
                "RETURN DISTINCT p.slug AS slug LIMIT 5000"
            ).records
        ]
    if not slugs:
        raise SystemExit("the loaded archive has no papers with results")
    return random.Random(seed).sample(slugs, min(count, len(slugs)))


def time_view(context: BrowserContext, url: str, selector: str) -> float:
    page = context.new_page()
    try:
        page.add_init_script(f"({SHOWN_AT})({selector!r})")
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__shownAt !== undefined", timeout=30_000)
        shown: float = page.evaluate("window.__shownAt")
        return shown
    finally:
        page.close()


def first_visit_scripts(browser: Browser, url: str) -> list[tuple[str, int, int]]:
    """Each script a first visit of `url` loads: name, bytes, gzip bytes."""
    context = browser.new_context()
    scripts: list[tuple[str, int, int]] = []
    try:
        page = context.new_page()

        def on_response(response: Any) -> None:
            if response.request.resource_type == "script":
                body = response.body()
                scripts.append(
                    (response.url.rsplit("/", 1)[-1], len(body), len(gzip.compress(body, 6)))
                )

        page.on("response", on_response)
        page.goto(url, wait_until="networkidle")
    finally:
        context.close()
    return scripts


def captured_query(browser: Browser, url: str) -> bytes:
    """The body of the paper page's GraphQL request, as the site sends it."""
    context = browser.new_context()
    try:
        page = context.new_page()
        with page.expect_request(
            lambda r: r.url.endswith("/graphql") and r.method == "POST"
        ) as req:
            page.goto(url)
        body = req.value.post_data_buffer
        assert body is not None
        return body
    finally:
        context.close()


def time_api(client: httpx.Client, api: str, body: bytes) -> float:
    started = time.perf_counter()
    response = client.post(
        f"{api}/graphql", content=body, headers={"content-type": "application/json"}
    )
    elapsed = (time.perf_counter() - started) * 1000
    response.raise_for_status()
    if response.json().get("errors"):
        raise SystemExit(f"the paper page's request failed: {response.text[:300]}")
    return elapsed


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def line(name: str, values: list[float]) -> str:
    return f"{name:<24} p50 {statistics.median(values):7.1f} ms   p95 {pct(values, 0.95):7.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--papers", type=int, default=100_000, help="size of the generated archive")
    parser.add_argument(
        "--pages", type=int, default=50, help="paper pages opened (each cold and warm)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="2g")
    args = parser.parse_args()
    if not (ROOT / "site" / "dist" / "index.html").is_file():
        raise SystemExit("the site is not built: cd site && npm ci && npm run build")

    config, uri = ensure_loaded(args.papers, args.seed, args.heap, args.pagecache)
    slugs = papers_with_results(uri, args.pages, args.seed)
    port = 19000 + os.getpid() % 1000
    server = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, "NEO4J_URI": uri}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        figures: dict[str, list[float]] = {
            k: [] for k in ("page cold", "page warm", "shell cold", "shell warm", "api")
        }
        with sync_playwright() as playwright, httpx.Client() as client:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            warm = browser.new_context()
            # warm-up: the server, Neo4j's query plans and the browser's caches
            for slug in slugs[:5]:
                time_view(warm, f"{base}/paper/{slug}", "article.paper h1")
                time_view(warm, f"{base}{SHELL}", SHELL_SHOWN)
            for slug in slugs:
                url = f"{base}/paper/{slug}"
                cold = browser.new_context()
                figures["page cold"].append(time_view(cold, url, "article.paper h1"))
                cold.close()
                cold = browser.new_context()
                figures["shell cold"].append(time_view(cold, f"{base}{SHELL}", SHELL_SHOWN))
                cold.close()
                figures["page warm"].append(time_view(warm, url, "article.paper h1"))
                figures["shell warm"].append(time_view(warm, f"{base}{SHELL}", SHELL_SHOWN))
                figures["api"].append(time_api(client, base, captured_query(browser, url)))
            scripts = first_visit_scripts(browser, f"{base}/paper/{slugs[0]}")
            browser.close()
    finally:
        server.terminate()
        server.wait()
        stop(config)

    print(
        f"{args.papers:,} papers; {len(slugs)} paper pages, each cold and warm; Chromium headless"
    )
    for name, values in figures.items():
        print(line(name, values))
    api = statistics.median(figures["api"])
    for kind in ("cold", "warm"):
        page = statistics.median(figures[f"page {kind}"])
        floor = statistics.median(figures[f"shell {kind}"]) + api
        print(
            f"paper page {kind}: p50 {page:.1f} ms = {page / floor:.2f}x its floor (shell + api {floor:.1f} ms); target < {PAGE_TARGET_MS} ms"
        )
    total = sum(z for _, _, z in scripts)
    print("scripts of a first visit (bytes / gzip):")
    for name, size, zipped in scripts:
        print(f"  {name:<40} {size / 1024:8.1f} kB {zipped / 1024:8.1f} kB")
    print(f"  total gzip {total / 1024:.1f} kB; target < {JS_TARGET_KB} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
