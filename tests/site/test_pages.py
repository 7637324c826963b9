"""The site in a real browser (Debian's Chromium, headless, via Playwright) against the real
server over HTTP and the real Neo4j loaded with the site archive (tests/support/site_archive.py):
what a person sees on each page matches the API's answer for it, each page view sends one
/graphql request, links and the back button work, unknown names show the 404 page; the
explorer expands a node clicked on its canvas, says why two papers are related and finds a
shortest path. The fixtures are in conftest.py."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Route, expect

from tests.support.browser import PHONE, Visit, visit
from tests.support.http import RunningServer

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


def test_the_home_page_shows_areas_newest_papers_with_code_and_a_search_box(
    tab: Visit, site: RunningServer
) -> None:
    answer = site.data("""{ areas(first: 24) { nodes { name tasks(first: 5) { nodes { name } } } }
      papers(where: {hasCode: true}, orderBy: [{field: PUBLISHED, direction: DESC}], first: 10) {
        nodes { title } } }""")
    page = tab.open("/")
    expect(page).to_have_title("Papers, code and the state of the art · papers-graph")
    areas = page.locator(".area-grid .area")
    assert areas.locator("h3").all_inner_texts() == [a["name"] for a in answer["areas"]["nodes"]]
    first = answer["areas"]["nodes"][0]
    assert areas.first.locator("li a").all_inner_texts() == [
        t["name"] for t in first["tasks"]["nodes"]
    ]
    newest = [p["title"] for p in answer["papers"]["nodes"]]
    assert newest and page.locator(".paper-cards h3").all_inner_texts() == newest
    expect(page.locator(".hero input[role=combobox]")).to_be_visible()
    stats = site.data("{ stats { papers tasks results authors } }")["stats"]
    shown = page.locator(".stats li").all_inner_texts()
    for field in ("papers", "tasks", "results", "authors"):
        assert f"{stats[field]:,} {field}" in shown, (field, shown)
    assert tab.page_views() == 1
    tab.shoot("home-desktop")


def test_the_search_box_suggests_as_you_type_and_enter_opens_the_results(
    tab: Visit, site: RunningServer
) -> None:
    page = tab.open("/")
    box = page.locator(".hero input[role=combobox]")
    box.click()
    box.press_sequentially("vision trans", delay=40)
    options = page.locator(".hero [role=option]")
    expect(options.first).to_be_visible()
    suggested = site.data('{ suggest(query: "vision trans", first: 8) { name } }')["suggest"]
    expect(options.locator(".name")).to_have_text([s["name"] for s in suggested])
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    box.press("ArrowUp")
    tab.shoot("typeahead")
    box.press("Escape")
    expect(options.first).to_be_hidden()
    box.fill("transformer")
    box.press("Enter")
    found = site.data('{ search(query: "transformer", first: 20) { totalCount nodes { title } } }')
    titles = [p["title"] for p in found["search"]["nodes"]]
    assert titles
    # The results page routes in the browser: its request starts after Enter, so wait for its rows.
    expect(page.locator(".results-list > li > a")).to_have_text(titles, timeout=15_000)
    tab.settled()
    assert page.url.endswith("/search?q=transformer")
    expect(page.locator("h1")).to_have_text("Papers matching “transformer”")
    total = found["search"]["totalCount"]
    assert 0 < total < 1000  # the count is exact under its bound of 1,000
    noun = "paper" if total == 1 else "papers"
    expect(page.locator(".search p[role=status]")).to_have_text(f"{total:,} {noun}")
    expect(page).to_have_title("Search: transformer · papers-graph")
    tab.shoot("search")


def test_picking_a_suggestion_with_the_keyboard_opens_its_page(tab: Visit) -> None:
    page = tab.open("/")
    box = page.locator("header input[role=combobox]")
    box.click()
    box.press_sequentially("ViViT", delay=40)
    option = page.locator("header [role=option]").first
    expect(option).to_contain_text("ViViT")
    box.press("ArrowDown")
    box.press("Enter")
    tab.settled()
    assert "/paper/vivit-a-video-vision-transformer" in page.url
    expect(page.locator("h1")).to_have_text("ViViT: A Video Vision Transformer")


TASK = """query ($name: String!) { task(name: $name) { name ancestors { name }
  leaderboards(first: 12) { nodes { dataset { name } metric best { model value } progression { date } } }
  papers(first: 20) { nodes { title } } } }"""


def test_the_task_page_shows_its_leaderboards_with_a_sota_chart_each(
    tab: Visit, site: RunningServer
) -> None:
    name = "Common Sense Reasoning"
    task = site.data(TASK, {"name": name})["task"]
    page = tab.open("/task/Common%20Sense%20Reasoning")
    expect(page).to_have_title(f"{name} · papers-graph")
    expect(page.locator("h1")).to_have_text(name)
    rows = page.locator("table.leaderboards tbody tr")
    boards = task["leaderboards"]["nodes"]
    assert rows.count() == len(boards) > 0
    for row, board in zip(rows.all(), boards, strict=True):
        cells = row.locator("td").all_inner_texts()
        assert cells[:2] == [board["dataset"]["name"], board["metric"]]
        assert cells[3] == board["best"]["value"]
    charted = [b for b in boards if any(p["date"] for p in b["progression"])]
    expect(page.locator(".board-chart canvas")).to_have_count(len(charted))
    assert page.locator(".board-chart canvas").first.bounding_box()["height"] > 100  # type: ignore[index]
    assert (
        page.locator("#papers ~ ul li > a").all_inner_texts() != [] or not task["papers"]["nodes"]
    )
    assert tab.page_views() == 1
    tab.shoot("task-desktop")


def test_the_task_breadcrumb_walks_up_the_tree(tab: Visit, site: RunningServer) -> None:
    task = site.data(TASK, {"name": "Tiny Object Detection"})["task"]
    page = tab.open("/task/Tiny%20Object%20Detection")
    crumbs = page.locator(".breadcrumb a").all_inner_texts()
    assert (
        crumbs[1:]
        == [a["name"] for a in task["ancestors"]]
        == [
            "Object Detection",
            "Small Object Detection",
        ]
    )
    page.locator(".breadcrumb a", has_text="Small Object Detection").click()
    tab.settled()
    expect(page.locator("h1")).to_have_text("Small Object Detection")
    page.go_back()
    tab.settled()
    expect(page.locator("h1")).to_have_text("Tiny Object Detection")


BOARD = """query ($metric: String) {
  leaderboard(task: "Common Sense Reasoning", dataset: "ReCoRD", metric: $metric) {
    metric metrics rows(first: 100) { nodes { rank model value } } } }"""


def test_the_leaderboard_ranks_its_rows_and_switches_metric(
    tab: Visit, site: RunningServer
) -> None:
    board = site.data(BOARD)["leaderboard"]
    page = tab.open("/leaderboard/Common%20Sense%20Reasoning/ReCoRD")
    expect(page).to_have_title(
        f"Common Sense Reasoning on ReCoRD ({board['metric']}) · papers-graph"
    )
    rows = page.locator("table.ranking tbody tr")
    expected = board["rows"]["nodes"]
    assert rows.count() == len(expected) > 0
    for row, result in zip(rows.all(), expected, strict=True):
        cells = row.locator("td").all_inner_texts()
        assert cells[:3] == [str(result["rank"]), result["model"], result["value"]]
    expect(page.locator("#sota ~ .chart-box canvas")).to_have_count(1)
    tab.shoot("leaderboard-desktop")
    other = next(m for m in board["metrics"] if m != board["metric"])
    page.locator(".metric-switch a", has_text=other).click()
    tab.settled()
    assert page.url.endswith(f"?metric={other}")
    switched = site.data(BOARD, {"metric": other})["leaderboard"]["rows"]["nodes"]
    assert page.locator("table.ranking tbody tr td:nth-child(3)").all_inner_texts() == [
        r["value"] for r in switched
    ]
    expect(page.locator(".metric-switch a[aria-current=page]")).to_have_text(other)
    assert tab.page_views() == 2


def test_unknown_names_show_the_404_page(tab: Visit) -> None:
    for path in ("/task/No%20Such%20Task", "/author/Nobody%20At%20All", "/dataset/No-Such-Set",
                 "/method/No%20Such%20Method", "/leaderboard/Common%20Sense%20Reasoning/Nowhere"):  # fmt: skip
        page = tab.open(path)
        expect(page.locator("h1")).to_have_text("Page not found")
    assert tab.page_views() == 5


def test_the_author_page_shows_papers_and_coauthors(tab: Visit, site: RunningServer) -> None:
    author = site.data("""{ author(name: "Jacob Devlin") { papers(first: 50) { nodes { title } }
      coauthors(first: 20) { edges { sharedPapers node { name } } } } }""")["author"]
    page = tab.open("/author/Jacob%20Devlin")
    expect(page).to_have_title("Jacob Devlin · papers-graph")
    assert page.locator("#papers ~ ul > li > a").all_inner_texts() == [
        p["title"] for p in author["papers"]["nodes"]
    ]
    assert page.locator("ul.coauthors > li > a").all_inner_texts() == [
        e["node"]["name"] for e in author["coauthors"]["edges"]
    ]
    tab.shoot("author-desktop")


def test_the_dataset_page(tab: Visit, site: RunningServer) -> None:
    dataset = site.data("""{ dataset(name: "ReCoRD") { name tasks(first: 30) { nodes { name } }
      leaderboards(first: 30) { nodes { task { name } } } papers(first: 20) { nodes { title } } } }""")[
        "dataset"
    ]
    page = tab.open("/dataset/ReCoRD")
    expect(page.locator("h1")).to_have_text("ReCoRD")
    assert page.locator("#tasks ~ ul .chip").all_inner_texts() == [
        t["name"] for t in dataset["tasks"]["nodes"]
    ]
    assert page.locator("table.leaderboards tbody td:first-child").all_inner_texts() == [
        b["task"]["name"] for b in dataset["leaderboards"]["nodes"]
    ]
    assert page.locator("#papers ~ ul > li > a").all_inner_texts() == [
        p["title"] for p in dataset["papers"]["nodes"]
    ]
    tab.shoot("dataset-desktop")


def test_the_method_page(tab: Visit, site: RunningServer) -> None:
    method = site.data("""{ method(name: "Multi-Head Attention") { name introducedIn { title }
      papers(first: 20) { nodes { title } } } }""")["method"]
    page = tab.open("/method/Multi-Head%20Attention")
    expect(page.locator("h1")).to_have_text("Multi-Head Attention")
    titles = [p["title"] for p in method["papers"]["nodes"]]
    assert titles and page.locator("#papers ~ ul > li > a").all_inner_texts() == titles
    series = site.data('{ method(name: "Multi-Head Attention") { papersByYear { year count } } }')[
        "method"
    ]["papersByYear"]
    assert series, "the sample method has dated papers"
    busiest = max(series, key=lambda y: (y["count"], -y["year"]))
    chart = page.locator("#usage ~ .chart-box canvas")
    expect(chart).to_have_attribute(
        "aria-label",
        re.compile(
            rf"^papers using it per year: {sum(y['count'] for y in series):,} dated papers using it"
            rf" .*the most in {busiest['year']} \({busiest['count']:,}\)\.$"
        ),
    )
    tab.shoot("method-desktop")


def test_the_areas_page_lists_each_area_with_its_tasks(tab: Visit, site: RunningServer) -> None:
    areas = site.data(
        "{ areas(first: 100) { nodes { name tasks(first: 60) { nodes { name } } } } }"
    )
    page = tab.open("/areas")
    expect(page).to_have_title("Tasks by area · papers-graph")
    assert page.locator(".areas h2").all_inner_texts() == [
        a["name"] for a in areas["areas"]["nodes"]
    ]
    nlp = next(a for a in areas["areas"]["nodes"] if a["name"] == "Natural Language Processing")
    section = page.locator(
        "section", has=page.locator("h2", has_text="Natural Language Processing")
    )
    assert section.locator("li > a").all_inner_texts() == [t["name"] for t in nlp["tasks"]["nodes"]]
    tab.shoot("areas-desktop")


@pytest.mark.parametrize(("path", "heading"), [("/papers", "Papers"), ("/datasets", "Datasets"),
                                               ("/methods", "Methods"),
                                               ("/sota", "State of the art: all leaderboards")])  # fmt: skip
def test_the_browse_pages(tab: Visit, path: str, heading: str) -> None:
    page = tab.open(path)
    expect(page.locator("h1")).to_have_text(heading)
    assert page.locator(".list-page a").count() > 0
    assert tab.page_views() == 1


# The related-paper explorer ------------------------------------------------------------------

NEIGHBOURHOOD = """query ($id: ID!, $limit: Int!) { neighborhood(id: $id, hops: 1, limit: $limit) {
  nodes { id } edges { source target type } } }"""


def paper_id(site: RunningServer, slug: str) -> str:
    found: str = site.data("query ($s: String!) { paper(slug: $s) { id } }", {"s": slug})["paper"][
        "id"
    ]
    return found


def graph_size(nodes: set[str], edges: list[dict[str, str]]) -> str:
    kept = {
        (e["source"], e["type"], e["target"])
        for e in edges
        if e["source"] in nodes and e["target"] in nodes
    }
    return f"{len(nodes)} nodes, {len(kept)} edges"


def test_the_explorer_expands_a_node_on_click(tab: Visit, site: RunningServer) -> None:
    bert = paper_id(site, "bert-pre-training-of-deep-bidirectional")
    attention = paper_id(site, "attention-is-all-you-need")
    first = site.data(NEIGHBOURHOOD, {"id": bert, "limit": 60})["neighborhood"]
    nodes = {n["id"] for n in first["nodes"]} | {bert}
    assert attention in nodes
    page = tab.open(f"/explore/{bert}")
    expect(page).to_have_title(
        "Explore: BERT: Pre-training of Deep Bidirectional Transformers · papers-graph"
    )
    status = page.locator(".graph-size")
    expect(status).to_have_text(graph_size(nodes, first["edges"]))
    assert page.locator(".graph-box canvas").count() > 0
    # Why BERT and Attention Is All You Need are related: the stored link's shared method.
    why = page.locator(".related-why li", has_text="Attention Is All You Need")
    expect(why).to_contain_text("Shared methods")
    expect(why).to_contain_text("Multi-Head Attention")
    tab.shoot("explorer-start")

    # A real click on the canvas, where the graph drew Attention Is All You Need.
    box = page.locator(".graph-box").bounding_box()
    assert box is not None
    x, y = page.evaluate(
        "(id) => { const p = document.querySelector('.graph-box').cy.$id(id).renderedPosition();"
        " return [p.x, p.y]; }",
        attention,
    )
    page.mouse.click(box["x"] + x, box["y"] + y)
    second = site.data(NEIGHBOURHOOD, {"id": attention, "limit": 40})["neighborhood"]
    grown = nodes | {n["id"] for n in second["nodes"]}
    assert len(grown) > len(nodes)
    expect(status).to_contain_text(graph_size(grown, first["edges"] + second["edges"]))
    expect(page.locator(".panel .selected-name")).to_have_text("Attention Is All You Need")
    expect(page.locator(".graph-size")).to_contain_text(f"Added {len(grown) - len(nodes)} nodes")
    tab.shoot("explorer-expanded")
    assert tab.page_views() == 2  # the page view, then the expansion


PATH = """query ($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 6) { nodes { id } } }"""


def pick_paper(tab: Visit, typed: str) -> None:
    box = tab.page.locator(".panel input[role=combobox]")
    box.click()
    box.press_sequentially(typed, delay=40)
    expect(tab.page.locator(".panel [role=option]").first).to_contain_text(typed)
    box.press("ArrowDown")
    box.press("Enter")


def test_the_explorer_finds_a_shortest_path_to_a_paper(tab: Visit, site: RunningServer) -> None:
    vivit = paper_id(site, "vivit-a-video-vision-transformer")
    gan = paper_id(site, "generative-adversarial-networks")
    path = site.data(PATH, {"a": vivit, "b": gan})["path"]
    assert len(path["nodes"]) == 3  # ViViT, then ViT (shared method), then GANs (shared task)
    page = tab.open(f"/explore/{vivit}")
    pick_paper(tab, "Generative Adversarial")
    steps = page.locator("ol.path li")
    expect(steps).to_have_count(3)
    assert [s.strip() for s in steps.all_inner_texts()] == [
        "ViViT: A Video Vision Transformer",
        "An Image is Worth 16x16 Words:…",
        "Generative Adversarial Networks",
    ]
    tab.shoot("explorer-path")


def test_the_explorer_says_when_there_is_no_path(tab: Visit, site: RunningServer) -> None:
    bert = paper_id(site, "bert-pre-training-of-deep-bidirectional")
    vit = paper_id(site, "an-image-is-worth-16x16-words")
    assert site.data(PATH, {"a": bert, "b": vit})["path"] is None
    tab.open(f"/explore/{bert}")
    pick_paper(tab, "An Image is Worth")
    expect(tab.page.locator(".graph-size")).to_contain_text("No path within 6 hops")
    expect(tab.page.locator("ol.path")).to_have_count(0)


def test_an_unknown_id_shows_the_404_page(tab: Visit) -> None:
    page = tab.open("/explore/not-an-id")
    expect(page.locator("h1")).to_have_text("Page not found")
    page = tab.open("/explore/UGFwZXI6bm8tc3VjaC1wYXBlcg")  # Paper:no-such-paper
    expect(page.locator("h1")).to_have_text("Page not found")


def test_the_playground_runs_the_example_query_without_the_internet(
    tab: Visit, site: RunningServer
) -> None:
    """GraphiQL at /graphql loads every file from this server (anything else is refused, as on
    a machine without internet), runs the paper-page example it opens with and shows the schema's
    documentation."""
    outside: list[str] = []

    def only_this_server(route: Route) -> None:
        url = route.request.url
        if url.startswith(site.base_url) or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page = tab.page
    page.route("**/*", only_this_server)
    page.goto(site.base_url + "/graphql")
    page.locator(".graphiql-execute-button").click()
    expected = site.data('{ paper(arxivId: "1706.03762") { title } }')["paper"]["title"]
    expect(page.locator(".result-window")).to_contain_text(expected, timeout=20_000)
    page.get_by_label("Show Documentation Explorer").click()
    expect(page.locator(".graphiql-doc-explorer")).to_contain_text("Query", timeout=10_000)
    tab.shoot("playground")
    assert outside == []
