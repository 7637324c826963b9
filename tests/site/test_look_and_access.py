"""Every page of the site at a desktop's and a phone's width, in the real browser: axe-core finds
no serious or critical accessibility violation, nothing scrolls sideways on the phone, the
console stays clean, and a full-page screenshot is saved (PAPERS_GRAPH_SITE_SHOTS; CI keeps
the folder) and checked to be a real picture of the page at that width."""

from __future__ import annotations

import base64

import pytest
from playwright.sync_api import Browser

from tests.support.browser import DESKTOP, PHONE, SHOTS, png_size, visit
from tests.support.http import RunningServer

BERT_ID = (
    base64.urlsafe_b64encode(b"Paper:bert-pre-training-of-deep-bidirectional-transformers")
    .decode()
    .rstrip("=")
)

PAGES = {
    "home": "/",
    "paper": "/paper/attention-is-all-you-need",
    "search": "/search?q=attention",
    "task": "/task/Common%20Sense%20Reasoning",
    "leaderboard": "/leaderboard/Common%20Sense%20Reasoning/ReCoRD",
    "author": "/author/Jacob%20Devlin",
    "dataset": "/dataset/ReCoRD",
    "method": "/method/Multi-Head%20Attention",
    "areas": "/areas",
    "papers": "/papers",
    "datasets": "/datasets",
    "methods": "/methods",
    "sota": "/sota",
    "about": "/about",
    "explorer": f"/explore/{BERT_ID}",
    "submit": "/submit",
    "submissions": "/submissions",
    "moderation": "/moderation",
    "not-found": "/paper/no-such-paper-anywhere",
}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_accessible_fits_the_screen_and_is_photographed(
    browser: Browser, site: RunningServer, name: str, width: str
) -> None:
    viewport = WIDTHS[width]
    with visit(browser, site.base_url, viewport) as tab:
        page = tab.open(PAGES[name])
        assert page.locator("main h1").count() >= 1, f"{name} shows no heading"
        assert tab.accessibility_violations() == []
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= viewport["width"], f"{name} scrolls sideways at {width} width"
        shot = tab.shoot(f"{name}-{width}")
        assert tab.console_errors == []

    assert shot.parent == SHOTS and shot.stat().st_size > 10_000, "an empty screenshot"
    shot_width, shot_height = png_size(shot)
    assert shot_width == viewport["width"]
    assert shot_height >= viewport["height"], "the page is shorter than the window"
