"""What every browser test of the site shares: the site archive loaded into the real Neo4j and
`papers-graph serve` over it (once per module: another module's tests empty the database),
Debian's Chromium driven by Playwright, and a tab that fails its test on any console error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver
from playwright.sync_api import Browser, expect, sync_playwright

from graphdb.settings import Neo4jSettings
from tests.conftest import load_emptied
from tests.support.browser import Visit, launch, visit
from tests.support.http import RunningServer, serve_in_thread
from tests.support.site_archive import write_site_archive

# An assertion on the page waits this long for it to hold (Playwright's default is 5 s): a CI
# machine running the suite beside other work answered a moderator's approval in more.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="module")
def site(
    session_driver: Driver, neo4j_settings: Neo4jSettings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    load_emptied(session_driver, write_site_archive(tmp_path_factory.mktemp("site-archive")))
    with serve_in_thread(neo4j_settings) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser: Browser, site: RunningServer) -> Iterator[Visit]:
    with visit(browser, site.base_url) as seen:
        yield seen
        assert seen.console_errors == []
