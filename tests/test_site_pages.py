"""The site in a real browser (Debian's Chromium, headless, via Playwright) against the real
server over HTTP and the real Neo4j loaded with the site archive (tests/support/site_archive.py):
what a person sees on each page matches the API's answer for it, each page view sends one
/graphql request, links and the back button work, unknown names show the 404 page. Screenshots
of each page go to /tmp/site-shots (PAPERS_GRAPH_SITE_SHOTS)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver
from playwright.sync_api import Browser, expect, sync_playwright

from graphdb.settings import Neo4jSettings
from tests.conftest import load_emptied
from tests.support.browser import PHONE, Visit, launch, visit
from tests.support.http import RunningServer, serve_in_thread
from tests.support.site_archive import write_site_archive


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


PAPER = """query ($slug: String!) { paper(slug: $slug) { title published
  authors(first: 100) { nodes { name } } tasks(first: 30) { nodes { name } }
  repositories(first: 20) { edges { official node { url } } }
  results(first: 100) { nodes { task { name } dataset { name } metric value model } }
  related(first: 8) { nodes { slug title } } } }"""


def paper_answer(site: RunningServer, slug: str) -> dict[str, Any]:
    paper: dict[str, Any] = site.data(PAPER, {"slug": slug})["paper"]
    return paper


def test_the_paper_page_shows_every_section_in_order(tab: Visit, site: RunningServer) -> None:
    slug = "bert-pre-training-of-deep-bidirectional"  # results, code and a related paper
    paper = paper_answer(site, slug)
    page = tab.open(f"/paper/{slug}")
    expect(page).to_have_title(f"{paper['title']} · papers-graph")
    expect(page.locator("h1")).to_have_text(paper["title"])
    assert page.locator(".breadcrumb").inner_text().startswith("Papers /")
    authors = [a["name"] for a in paper["authors"]["nodes"]]
    assert page.locator(".byline a").all_inner_texts() == authors
    assert page.locator(".byline").inner_text() == ", ".join(authors)
    assert page.locator(".meta time").inner_text() == paper["published"]
    tasks = [t["name"] for t in paper["tasks"]["nodes"]]
    assert page.locator(".meta .chip").all_inner_texts() == tasks
    headings = page.locator("article h2").all_inner_texts()
    assert headings[:3] == ["Abstract", "Results", "Related Papers"]
    rows = page.locator("table.results tbody tr")
    results = paper["results"]["nodes"]
    assert rows.count() == len(results) > 0
    for row, result in zip(rows.all(), results, strict=True):
        cells = row.locator("td").all_inner_texts()
        assert cells[0] == result["task"]["name"] and cells[1] == result["dataset"]["name"]
        assert cells[2] == result["metric"] and cells[3].startswith(result["value"])
        assert cells[4] == (result["model"] or "")
    repos = page.locator(".paper-links a.code")
    assert repos.count() == len(paper["repositories"]["edges"]) > 0
    for link, edge in zip(repos.all(), paper["repositories"]["edges"], strict=True):
        assert link.get_attribute("href") == edge["node"]["url"]
        assert link.inner_text().startswith("Code (official)" if edge["official"] else "Code")
    related = [r["title"] for r in paper["related"]["nodes"]]
    assert related and page.locator("ul.related > li > a").all_inner_texts() == related
    assert tab.page_views() == 1
    tab.shoot("paper-desktop")


def test_links_lead_to_their_pages_and_back_returns(tab: Visit, site: RunningServer) -> None:
    page = tab.open("/paper/attention-is-all-you-need")
    author = page.locator(".byline a").first
    name = author.inner_text()
    author.click()
    tab.settled()
    assert page.url.endswith("/author/" + name.replace(" ", "%20"))
    expect(page.locator("h1")).to_have_text(name)
    page.go_back()
    tab.settled()
    expect(page.locator("h1")).to_have_text("Attention Is All You Need")
    assert tab.page_views() == 3  # paper, author, the paper again


def test_an_unknown_paper_and_an_unknown_path_show_the_404_page(tab: Visit) -> None:
    page = tab.open("/paper/no-such-paper-anywhere")
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page).to_have_title(re.compile("^Not found"))
    assert "no-such-paper-anywhere" in page.locator(".not-found").inner_text()
    page = tab.open("/no/such/page")
    expect(page.locator("h1")).to_have_text("Page not found")
    assert tab.page_views() == 1  # the unknown path asks the API nothing
    tab.shoot("not-found")


def test_the_paper_page_on_a_phone(browser: Browser, site: RunningServer) -> None:
    with visit(browser, site.base_url, PHONE) as phone:
        page = phone.open("/paper/attention-is-all-you-need")
        expect(page.locator("h1")).to_have_text("Attention Is All You Need")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], "the page scrolls sideways on a phone"
        phone.shoot("paper-phone")
        assert phone.console_errors == []
