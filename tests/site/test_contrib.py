"""The contribution pages in a real browser (Debian's Chromium via Playwright) against the real
server and Neo4j (the API tests' archive): Submit (a form per kind; the client's checks and the
server's errors beside their fields; the token in sessionStorage only), My submissions
(withdraw) and the moderation queue (approve, reject; moderators only), and what an approval
changes on the leaderboard page. Each page is compared with the API's answer. (Meant for
tests/site/ when that package lands.)"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver
from playwright.sync_api import Browser, Page, expect

from graphdb.settings import Neo4jSettings
from tests.support.browser import Visit, visit
from tests.support.contrib import (
    SUBMISSIONS,
    Client,
    LogLines,
    assert_no_token_logged,
    board,
    captured_logs,
    make_token,
)
from tests.support.http import RunningServer, serve_in_thread


@pytest.fixture(scope="module")
def site(api_graph: Driver, neo4j_settings: Neo4jSettings) -> Iterator[RunningServer]:
    with serve_in_thread(neo4j_settings) as server:
        yield server


@pytest.fixture(scope="module")
def tokens(api_graph: Driver) -> dict[str, str]:
    return {"alice": make_token(api_graph, "alice", "contributor"),
            "mod": make_token(api_graph, "mia", "moderator")}  # fmt: skip


@pytest.fixture
def tab(browser: Browser, site: RunningServer) -> Iterator[Visit]:
    with visit(browser, site.base_url) as seen:
        yield seen
        # a 401 or a refused field is an answer the page shows, not a script error
        assert [e for e in seen.console_errors if "status of 4" not in e] == []


@pytest.fixture(scope="module", autouse=True)
def log_lines() -> Iterator[LogLines]:
    with captured_logs() as lines:
        yield lines


def sign_in(page: Page, token: str) -> None:
    page.get_by_label("Your API token").fill(token)
    page.get_by_role("button", name="Use this token").click()
    expect(page.locator(".token-box .viewer")).to_be_visible()


def fill_result(page: Page, **values: str) -> None:
    form = page.get_by_role("form", name="Submit a result")
    defaults = {"Paper": "1512.03385", "Task": "Image Classification", "Dataset": "ImageNet",
                "Metric": "Top 1 Accuracy", "Value": "86.5", "Model": "Browser Net",
                "Evidence URL": "https://arxiv.org/abs/1512.03385"}  # fmt: skip
    for label, value in (defaults | values).items():
        form.get_by_label(label, exact=True).fill(value)


def test_the_footer_links_to_submit_and_the_token_stays_in_the_tab(
    tab: Visit, tokens: dict[str, str]
) -> None:
    page = tab.open("/")
    page.locator(".site-footer").get_by_role("link", name="Submit results").click()
    expect(page.locator("h1")).to_have_text("Submit results")
    expect(page).to_have_url(f"{tab.base_url}/submit")
    sign_in(page, tokens["alice"])
    expect(page.locator(".token-box .viewer")).to_have_text("Signed in as alice (contributor)")
    stored = page.evaluate("() => [sessionStorage.getItem('papers-graph-token'), "
                           "localStorage.length, document.cookie]")  # fmt: skip
    assert stored == [tokens["alice"], 0, ""]
    page.get_by_role("button", name="Forget token").click()
    expect(page.get_by_label("Your API token")).to_be_visible()
    assert page.evaluate("() => sessionStorage.getItem('papers-graph-token')") is None


def test_a_paper_page_opens_the_result_form_for_that_paper(tab: Visit) -> None:
    page = tab.open("/paper/deep-residual-learning-for-image")
    page.get_by_role("link", name="Submit a result").click()
    expect(page).to_have_url(f"{tab.base_url}/submit?paper=deep-residual-learning-for-image")
    form = page.get_by_role("form", name="Submit a result")
    expect(form.get_by_label("Paper", exact=True)).to_have_value("deep-residual-learning-for-image")


def test_a_wrong_token_is_said_so(tab: Visit) -> None:
    page = tab.open("/submit")
    page.get_by_label("Your API token").fill("pgt_0123456789abcdef_" + "A" * 43)
    page.get_by_role("button", name="Use this token").click()
    expect(page.locator(".token-box .field-error")).to_have_text(
        "This token is not valid (wrong or revoked)."
    )


def test_the_client_checks_show_beside_their_fields_and_send_nothing(
    tab: Visit, tokens: dict[str, str]
) -> None:
    page = tab.open("/submit")
    sign_in(page, tokens["alice"])
    sent = len(tab.graphql)
    fill_result(
        page, Model="M" * 201, Value="Please tell us", **{"Evidence URL": "javascript:alert(1)"}
    )
    page.get_by_label("Task", exact=True).fill("")
    page.get_by_role("button", name="Submit the result").click()
    expect(page.locator("#result-model-error")).to_have_text(
        "At most 200 characters (this has 201)."
    )
    expect(page.locator("#result-value-error")).to_contain_text("must hold a number")
    expect(page.locator("#result-evidenceUrl-error")).to_contain_text("http(s) URL")
    expect(page.locator("#result-task-error")).to_have_text("Required.")
    expect(page.locator("#result-model")).to_have_attribute("aria-invalid", "true")
    assert page.locator(".field-error").count() == 4
    assert len(tab.graphql) == sent  # nothing was sent
    tab.shoot("contrib-submit-errors")
    page.get_by_role("tab", name="A code link").click()
    code = page.get_by_role("form", name="Submit a code link")
    code.get_by_label("Paper", exact=True).fill("1512.03385")
    code.get_by_label("Repository URL").fill("ftp://example.org/x")
    code.get_by_role("button", name="Submit the code link").click()
    expect(page.locator("#code-repositoryUrl-error")).to_contain_text("http(s) URL")
    assert len(tab.graphql) == sent


def test_the_servers_errors_show_beside_their_fields(tab: Visit, tokens: dict[str, str]) -> None:
    page = tab.open("/submit")
    sign_in(page, tokens["alice"])
    fill_result(page, Paper="no-such-paper", Metric="BLEU")
    page.get_by_role("button", name="Submit the result").click()
    expect(page.locator("#result-paper-error")).to_contain_text(
        "no paper has the id, slug or arXiv id"
    )
    # the paper found, the metric is the board's next mistake
    page.get_by_label("Paper", exact=True).fill("1512.03385")
    page.get_by_role("button", name="Submit the result").click()
    expect(page.locator("#result-metric-error")).to_contain_text("its metrics: Top 1 Accuracy")
    # an exact duplicate of a row names it
    fill_result(page, Model="ResNet-152", Value="78.57")
    page.get_by_role("button", name="Submit the result").click()
    expect(page.locator("#result-value-error")).to_contain_text("already has this row: ResNet-152")


def test_submit_then_my_submissions_then_withdraw(tab: Visit, site: RunningServer,
                                                  tokens: dict[str, str]) -> None:  # fmt: skip
    page = tab.open("/submit")
    sign_in(page, tokens["alice"])
    fill_result(page, Model="Withdrawn Browser Net", Value="55.5")
    page.get_by_role("button", name="Submit the result").click()
    expect(page.locator(".notice.success")).to_contain_text("Submitted for review: PENDING")
    request = tab.graphql[-1]
    assert request.headers["idempotency-key"] and request.headers["authorization"].startswith(
        "Bearer "
    )
    page.get_by_role("link", name="My submissions").first.click()
    expect(page.locator("h1")).to_have_text("My submissions")
    rows = page.locator("table.submissions tbody tr")
    expect(rows.first).to_be_visible()
    mine = Client(site.base_url, tokens["alice"]).data(SUBMISSIONS, {"first": 100})["submissions"]
    assert rows.count() == mine["totalCount"]
    for row, s in zip(rows.all(), mine["nodes"], strict=True):
        assert row.get_attribute("data-id") == s["id"]
        assert row.locator(".status").inner_text() == s["status"]
    first = rows.first
    assert "Withdrawn Browser Net" in first.inner_text()
    first.get_by_role("button", name="Withdraw").click()
    expect(first.locator(".status")).to_have_text("WITHDRAWN")
    tab.shoot("contrib-my-submissions")


def test_the_moderation_queue_needs_a_moderator(tab: Visit, tokens: dict[str, str]) -> None:
    page = tab.open("/moderation")
    sign_in(page, tokens["alice"])
    expect(page.locator(".form-error")).to_contain_text("needs a moderator's token")
    assert page.locator(".queue").count() == 0


def test_approving_in_the_queue_puts_the_row_on_its_leaderboard(
    tab: Visit, site: RunningServer, tokens: dict[str, str]
) -> None:
    page = tab.open("/submit")
    sign_in(page, tokens["alice"])
    fill_result(page, Model="Approved Browser Net", Value="91.25")
    page.get_by_role("button", name="Submit the result").click()
    expect(page.locator(".notice.success")).to_be_visible()
    page.get_by_role("button", name="Forget token").click()
    page.goto(f"{tab.base_url}/moderation")
    sign_in(page, tokens["mod"])
    mod = Client(site.base_url, tokens["mod"])
    pending = mod.data(SUBMISSIONS, {"status": "PENDING", "first": 100})["submissions"]
    items = page.locator(".queue > li")
    expect(items).to_have_count(pending["totalCount"])
    assert [i.get_attribute("data-id") for i in items.all()] == [s["id"] for s in pending["nodes"]]
    tab.shoot("contrib-moderation")
    item = items.filter(has_text="Approved Browser Net")
    item.get_by_label("Reason (optional, shown to its author)").fill("matches table 3")
    item.get_by_role("button", name="Approve").click()
    expect(page.locator(".notice.success")).to_have_text("Approved: Approved Browser Net")
    expect(items.filter(has_text="Approved Browser Net")).to_have_count(0)
    rows = {r["model"]: r for r in board(mod)}
    assert rows["Approved Browser Net"]["rank"] == 1
    page.goto(f"{tab.base_url}/leaderboard/Image%20Classification/ImageNet")
    tab.settled()
    first = page.locator("table.ranking tbody tr").first
    cells = first.locator("td").all_inner_texts()
    assert cells[0] == "1" and cells[1].startswith("Approved Browser Net")
    expect(first.locator(".chip.community")).to_have_text("community")
    assert cells[2] == "91.25"


def test_zz_no_log_line_holds_a_token(log_lines: LogLines) -> None:
    """Last of the module: no line written while it ran holds a token."""
    assert_no_token_logged(log_lines.lines)
