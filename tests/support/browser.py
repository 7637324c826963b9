"""Debian's Chromium driven headless by Playwright (no browser download), for the site tests:
a page view records the /graphql requests it sends and the console errors it logs, and its
screenshots go to one folder (PAPERS_GRAPH_SITE_SHOTS, default /tmp/site-shots)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request

CHROMIUM = Path(os.environ.get("PAPERS_GRAPH_CHROMIUM", "/usr/bin/chromium"))
SHOTS = Path(os.environ.get("PAPERS_GRAPH_SITE_SHOTS", "/tmp/site-shots"))
SITE = Path(__file__).resolve().parent.parent.parent / "site"
SITE_DIST = SITE / "dist"
# axe-core from the site's own npm packages (a devDependency), injected into the page under test.
AXE = SITE / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk), to check a screenshot without an
    image library."""
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG")
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def launch(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        raise RuntimeError(
            f"{CHROMIUM} is missing: apt-get install -y chromium (scripts/bootstrap.sh dev)"
        )
    if not (SITE_DIST / "index.html").is_file():
        raise RuntimeError(f"{SITE_DIST} has no index.html: cd site && npm ci && npm run build")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)


@dataclass
class Visit:
    """One tab: what it asked of the API and what went wrong in it."""

    page: Page
    base_url: str
    graphql: list[Request] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> Page:
        """Navigate to `path` and wait until its loading state is gone."""
        self.page.goto(self.base_url + path)
        self.settled()
        return self.page

    def settled(self) -> None:
        self.page.wait_for_load_state("networkidle")
        self.page.locator(".state.loading").wait_for(state="detached", timeout=15_000)

    def page_views(self) -> int:
        """The /graphql requests sent so far that belong to page views (typeahead's excluded)."""
        return sum(1 for r in self.graphql if "query Suggest" not in (r.post_data or ""))

    def accessibility_violations(self) -> list[str]:
        """axe-core's serious and critical findings on the page as it is now, one line each
        (rule, impact, what it means and the first elements that break it)."""
        if not AXE.is_file():
            raise RuntimeError(f"{AXE} is missing: cd site && npm ci")
        self.page.add_script_tag(path=str(AXE))
        found: list[dict[str, Any]] = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            for v in found
            if v["impact"] in BLOCKING_IMPACTS
        ]

    def shoot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@contextmanager
def visit(
    browser: Browser, base_url: str, viewport: dict[str, int] | None = None
) -> Iterator[Visit]:
    context = browser.new_context(viewport=viewport or DESKTOP)  # type: ignore[arg-type]
    page = context.new_page()
    seen = Visit(page=page, base_url=base_url)

    def on_request(request: Request) -> None:
        if request.url.split("?")[0].endswith("/graphql"):
            seen.graphql.append(request)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.console_errors.append(message.text)

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.console_errors.append(str(error)))
    try:
        yield seen
    finally:
        context.close()
