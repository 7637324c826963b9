"""Translation without a database: a query and its variables in, one statement and its
parameters out (as @neo4j/graphql's TCK tests its translation)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from schema.build import sdl
from schema.data.cursors import encode_cursor
from schema.lane.run import Lane, graphql_schema
from schema.model import TYPES, check_model

SCHEMA = graphql_schema(sdl())
HOSTILE = "x'}) DETACH DELETE n //"


def translate(
    query: str, variables: dict[str, Any] | None = None, lane: Lane | None = None
) -> tuple[str | None, dict[str, Any]]:
    lane = lane or Lane(SCHEMA, executor=lambda: None)  # type: ignore[arg-type,return-value]
    prepared = lane.prepare(query)
    assert prepared.document is not None and not prepared.errors, prepared.errors
    from schema.lane.run import _operation

    operation = _operation(prepared.document, None)
    from graphql import get_variable_values

    coerced = get_variable_values(SCHEMA, operation.variable_definitions or (), variables or {})
    assert not isinstance(coerced, list), coerced
    translated, params = lane._translated(query, operation, prepared, coerced)
    return translated.statement, params


def test_every_field_of_the_schema_is_declared_in_the_model() -> None:
    check_model(SCHEMA)  # raises naming the fields without a source
    assert set(TYPES["Paper"].fields) == set(SCHEMA.type_map["Paper"].fields)  # type: ignore[attr-defined]


def test_a_paper_page_is_one_statement_with_a_call_per_list() -> None:
    statement, params = translate(
        "query($s: String) { paper(slug: $s) { title authors { nodes { name } } "
        "related(first: 3) { edges { score node { title } } } repositories { totalCount } } }",
        {"s": "attention-is-all-you-need"},
    )
    assert statement is not None
    assert statement.startswith("OPTIONAL CALL () { MATCH (r1:Paper {slug: $p")
    assert statement.count("AUTHORED_BY") == 1 and statement.count("RELATED_TO") == 1
    # totalCount of the repositories: the degree Neo4j keeps, without visiting them
    assert "COUNT { (parent)-[:HAS_CODE]->() }" in statement
    assert "attention-is-all-you-need" in params.values()
    assert 4 in params.values()  # the related page: one more than asked tells a next page


def test_only_the_properties_the_selection_needs_are_read() -> None:
    statement, _ = translate('{ paper(slug: "a") { title authors { nodes { name paperCount } } } }')
    assert statement is not None
    assert "r1 {.slug, .title," in statement and ".abstract" not in statement
    assert "{.name, .paperCount}" in statement


@pytest.mark.parametrize(
    "query",
    [
        '{ paper(slug: "%s") { title } }',
        '{ author(name: "%s") { papers { nodes { title } } } }',
        '{ papers(where: {OR: [{titleContains: "%s"}, {task: "%s"}]}) { totalCount nodes { slug } } }',
        '{ authors(where: {nameContains: "%s"}) { nodes { name } } }',
        '{ search(query: "%s") { totalCount nodes { slug } } }',
        '{ leaderboard(task: "%s", dataset: "%s", metric: "%s") { rows { nodes { model } } } }',
        '{ paper(slug: "a") { results(task: "%s", dataset: "%s") { nodes { value } } } }',
        '{ repository(url: "%s") { papers { nodes { slug } } } }',
    ],
)
def test_client_values_are_parameters_never_text(query: str) -> None:
    text = query.replace("%s", HOSTILE.replace('"', '\\"'))
    statement, params = translate(text)
    assert statement is not None
    assert "DETACH" not in statement and "x'})" not in statement
    assert any("DETACH DELETE n" in str(v) for v in params.values()), params  # search escapes it


def test_a_cursor_becomes_a_keyset_predicate_on_its_parameter() -> None:
    from schema.data.cursors import encode_cursor

    cursor = encode_cursor("author.papers", ["2020-01-01", "prolific-study-01"])
    statement, params = translate(
        '{ author(name: "A") { papers(after: "%s") { nodes { slug } } } }' % cursor
    )
    assert statement is not None
    assert re.search(r"sortKey\[0\] < date\(\$p\d+\[0\]\)", statement)
    assert ["2020-01-01", "prolific-study-01"] in params.values()


def test_an_argument_error_translates_nothing_for_that_field() -> None:
    statement, _ = translate(
        '{ a: paper(slug: "a") { title } b: paper(slug: "b") { authors(first: 101) { nodes { name } } } }'
    )
    assert statement is not None
    assert statement.count("AUTHORED_BY") == 0 and statement.count("OPTIONAL CALL () {") == 2


def test_a_request_of_type_names_only_needs_no_statement() -> None:
    statement, _ = translate("{ __typename }")
    assert statement is None


def test_include_and_skip_decide_what_is_translated() -> None:
    query = 'query($with: Boolean!) { paper(slug: "a") { title authors @include(if: $with) { nodes { name } } } }'
    with_authors, _ = translate(query, {"with": True})
    without, _ = translate(query, {"with": False})
    assert with_authors is not None and "AUTHORED_BY" in with_authors
    assert without is not None and "AUTHORED_BY" not in without


def test_a_leaderboard_reads_its_metrics_then_ranks_by_the_chosen_one() -> None:
    statement, params = translate(
        '{ leaderboard(task: "T", dataset: "D") { metric rows(first: 3) { nodes { rank } } } }'
    )
    assert statement is not None
    assert "min(coalesce(r.metricIndex, 1000))" in statement
    assert "coalesce(null, m" in statement  # no metric asked: the first one
    assert {"T", "D", 4} <= set(params.values())


def test_a_node_by_global_id_matches_its_label_and_key() -> None:
    from schema.data.cursors import encode_id

    statement, params = translate(
        '{ node(id: "%s") { ... on Task { name } } }' % encode_id("Task", "Task 0")
    )
    assert statement is not None and "MATCH (r1:Task {name: $p0})" in statement
    assert params == {"p0": "Task 0"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("{ }", "Syntax Error: Expected Name, found '}'."),
        ("{ ...Missing }", "Unknown fragment 'Missing'."),
    ],
)
def test_a_malformed_document_is_a_graphql_error(query: str, message: str) -> None:
    import asyncio

    lane = Lane(SCHEMA, executor=lambda: None)  # type: ignore[arg-type,return-value]
    answer = asyncio.run(lane.answer(query, None, None, "test"))
    assert answer.status == 200 and answer.body["data"] is None
    assert [e["message"] for e in answer.body["errors"]] == [message]
    assert answer.body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_a_filtered_list_started_from_its_dataset_does_not_test_the_dataset_again() -> None:
    query = "query($d: String!) { papers(first: 5, where: {dataset: $d, hasCode: true}) { totalCount nodes { slug } } }"
    statement, params = translate(query, {"d": "ImageNet"})
    assert statement is not None and "MATCH (:Dataset {name: $" in statement
    assert "USES_DATASET]->(:Dataset" not in statement  # the anchor holds for every paper found
    assert "EXISTS { (n)-[:HAS_CODE]->() }" in statement
    assert list(params.values()).count("ImageNet") == 1


@pytest.mark.parametrize(
    ("query", "rel_type"),
    [
        ('{ papers(first: 5, where: {task: "T", hasCode: true}) { nodes { slug } } }', "ADDRESSES"),
        ('{ papers(first: 5, where: {method: "M"}) { nodes { slug } } }', "USES_METHOD"),
        ('{ task(name: "T") { papers(first: 5) { nodes { slug } } } }', "ADDRESSES"),
        ('{ method(name: "M") { papers(first: 5) { nodes { slug } } } }', "USES_METHOD"),
        ('{ papers(first: 5, where: {author: "A"}) { nodes { slug } } }', "AUTHORED_BY"),
        ('{ author(name: "A") { papers(first: 5) { nodes { slug } } } }', "AUTHORED_BY"),
    ],
)
def test_a_task_or_method_s_papers_newest_first_are_read_from_its_dated_links(
    query: str, rel_type: str
) -> None:
    statement, _ = translate(query, {})
    assert statement is not None
    assert f"MATCH (n:Paper)-[link:{rel_type}]->()" in statement
    assert "ORDER BY link.name, link.paperDate DESC, n.slug" in statement
    # another order sorts the papers it finds
    other = query.replace("first: 5", "first: 5, orderBy: [{field: TITLE, direction: ASC}]")
    if other != query and query.startswith("{ papers"):
        sorted_statement, _ = translate(other, {})
        assert sorted_statement is not None and "link.paperDate" not in sorted_statement


def test_an_author_s_co_authors_are_read_from_kept_links_when_the_author_has_them() -> None:
    query = '{ author(name: "A") { coauthors(first: 3, after: $c) { totalCount edges { sharedPapers } } } }'
    cursor = encode_cursor("author.coauthors", [4, "B"])
    statement, params = translate(query.replace("$c", f'"{cursor}"'), {})
    assert statement is not None
    kept = statement.index("WITH parent WHERE parent.coauthorsKept IS NOT NULL")
    ranked = statement.index("WITH parent WHERE parent.coauthorsKept IS NULL")
    assert "MATCH ()-[link:COAUTHOR]->(n)" in statement[kept:ranked]
    assert "link.of = parent.name AND link.shared <= $" in statement[kept:ranked]
    assert "ORDER BY link.of, link.shared DESC, n.name LIMIT $" in statement[kept:ranked]
    assert "count(*) AS shared" in statement[ranked:]  # ranked per request for the others
    assert "COUNT { (parent)-[:COAUTHOR]->() }" in statement
    assert [4, "B"] in params.values()


def test_an_unfiltered_count_reads_the_degree_a_filtered_one_counts() -> None:
    plain, _ = translate('{ task(name: "x") { papers { totalCount } } }', {})
    assert plain is not None and "COUNT { (parent)<-[:ADDRESSES]-() }" in plain
    results, _ = translate('{ paper(slug: "x") { results(task: "t") { totalCount } } }', {})
    assert results is not None and "count(n)" in results
    assert "COUNT { (parent)-[:REPORTS]->() }" not in results


def test_nodes_finds_each_type_of_entity_asked_for_in_one_call() -> None:
    from schema.data.cursors import encode_id

    ids = [encode_id("Paper", "a"), encode_id("Conference", "NeurIPS"), encode_id("Paper", "b"),
           encode_id("Paper", "a"), encode_id("Paper", HOSTILE)]  # fmt: skip
    statement, params = translate(
        'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Paper { venue { name } } } }', {"ids": ids}
    )  # fmt: skip
    assert statement is not None
    assert statement.count("UNWIND $p") == 2  # papers together, conferences together
    assert (
        "MATCH (r1:Paper {slug: key})" in statement and "(r5:Conference {name: key})" in statement
    )
    assert statement.count("PUBLISHED_IN") == 1  # only papers read their venue
    assert ["a", "b", HOSTILE] in params.values() and ["NeurIPS"] in params.values()
    assert "DETACH" not in statement


def test_embedded_objects_are_read_from_the_properties_they_are_kept_in() -> None:
    statement, _ = translate(
        '{ dataset(name: "D") { dataLoaders { url } } method(name: "M") { source { url } } }'
    )
    assert statement is not None
    assert "r1 {.name, .dataLoadersJson}" in statement
    assert "{.name, .sourceTitle, .sourceUrl}" in statement


def test_a_proceeding_is_found_by_its_name_or_a_papers_proceeding_text() -> None:
    for given in ("NeurIPS 2018", "NeurIPS 2018 12", " NeurIPS  2018 "):
        _, params = translate("query($n: String!) { proceeding(name: $n) { name } }", {"n": given})
        assert params == {"p0": "NeurIPS 2018"}


PAPER_BY_ARXIV = (
    "query ($id: String!) { paper(arxivId: $id) { title authors(first: 3) { nodes { name } } } }"
)


def test_a_lookup_key_variable_reuses_the_translation_with_its_parameter_remade() -> None:
    lane = Lane(SCHEMA, executor=lambda: None)  # type: ignore[arg-type,return-value]
    first, first_params = translate(PAPER_BY_ARXIV, {"id": "1706.03762"}, lane)
    kept = len(lane._translations)
    second, second_params = translate(PAPER_BY_ARXIV, {"id": "arXiv:1810.04805v2"}, lane)
    assert second == first and len(lane._translations) == kept == 1
    assert "1706.03762" in first_params.values()
    assert "1810.04805" in second_params.values() and "1706.03762" not in second_params.values()


def test_a_value_that_is_no_key_is_translated_anew_as_its_error() -> None:
    lane = Lane(SCHEMA, executor=lambda: None)  # type: ignore[arg-type,return-value]
    good, _ = translate(PAPER_BY_ARXIV, {"id": "1706.03762"}, lane)
    bad, _ = translate(PAPER_BY_ARXIV, {"id": "not an id"}, lane)
    assert good is not None and bad is None  # the field's error needs no statement
    again, params = translate(PAPER_BY_ARXIV, {"id": "2010.11929"}, lane)
    assert again == good and "2010.11929" in params.values()


@pytest.mark.parametrize(
    "query",
    [
        # the variable is given twice: both its parameters would need remaking
        "query ($id: String!) { a: paper(arxivId: $id) { title } b: paper(arxivId: $id) { slug } }",
        "query ($s: String!) { paper(slug: $s) { title } author(name: $s) { name } }",
    ],
)
def test_a_variable_read_elsewhere_too_keeps_its_value_in_the_key(query: str) -> None:
    lane = Lane(SCHEMA, executor=lambda: None)  # type: ignore[arg-type,return-value]
    translate(query, {"id": "1706.03762", "s": "a"}, lane)
    translate(query, {"id": "1810.04805", "s": "b"}, lane)
    assert len(lane._translations) == 2


def test_another_type_of_id_is_refused_after_a_kept_translation() -> None:
    lane = Lane(SCHEMA, executor=lambda: None)  # type: ignore[arg-type,return-value]
    query = "query ($id: ID!) { paper(id: $id) { title } }"
    from schema.data.cursors import encode_id

    ok, params = translate(query, {"id": encode_id("Paper", "attention")}, lane)
    assert ok is not None and "attention" in params.values()
    refused, _ = translate(query, {"id": encode_id("Task", "attention")}, lane)
    assert refused is None


def test_a_directive_variable_stays_in_the_key_beside_a_free_one() -> None:
    lane = Lane(SCHEMA, executor=lambda: None)  # type: ignore[arg-type,return-value]
    query = (
        "query ($id: String!, $on: Boolean!) { paper(arxivId: $id) { title @include(if: $on) } }"
    )
    with_title, _ = translate(query, {"id": "1706.03762", "on": True}, lane)
    without, _ = translate(query, {"id": "1810.04805", "on": False}, lane)
    again, params = translate(query, {"id": "2010.11929", "on": True}, lane)
    assert with_title != without and again == with_title and len(lane._translations) == 2
    assert "2010.11929" in params.values()


def _papers_cursor(date: str, slug: str) -> str:
    """A cursor of `papers` newest first, as its endCursor would be."""
    from schema.data.cursors import encode_cursor
    from schema.data.lists import ALL_PAPERS, SortKey, root_spec
    from schema.filters import paper_order

    spec = root_spec("papers", ALL_PAPERS, paper_order(None), SortKey("n.slug"))
    return encode_cursor(spec.name, [date, slug])


PAGE_AFTER = "query ($after: String) { papers(first: 5, after: $after) { nodes { title } } }"


def test_a_cursor_variable_reuses_the_translation_with_its_position_remade() -> None:
    lane = Lane(SCHEMA, executor=lambda: None)  # type: ignore[arg-type,return-value]
    first, _ = translate(PAGE_AFTER, {"after": _papers_cursor("2020-01-01", "a")}, lane)
    second, second_params = translate(
        PAGE_AFTER, {"after": _papers_cursor("2019-05-05", "b")}, lane
    )
    assert second == first and len(lane._translations) == 1
    assert ["2019-05-05", "b"] in second_params.values()
    assert ["2020-01-01", "a"] not in second_params.values()


def test_a_null_cursor_is_a_translation_of_its_own_and_both_are_kept() -> None:
    lane = Lane(SCHEMA, executor=lambda: None)  # type: ignore[arg-type,return-value]
    after, _ = translate(PAGE_AFTER, {"after": _papers_cursor("2020-01-01", "a")}, lane)
    first_page, _ = translate(PAGE_AFTER, {"after": None}, lane)
    again, _ = translate(PAGE_AFTER, {}, lane)
    later, params = translate(PAGE_AFTER, {"after": _papers_cursor("2018-02-02", "c")}, lane)
    assert first_page != after and again == first_page and later == after
    assert ["2018-02-02", "c"] in params.values() and len(lane._translations) == 2


def test_a_cursor_of_another_list_after_a_kept_translation_is_its_error() -> None:
    lane = Lane(SCHEMA, executor=lambda: None)  # type: ignore[arg-type,return-value]
    from schema.data.cursors import encode_cursor

    translate(PAGE_AFTER, {"after": _papers_cursor("2020-01-01", "a")}, lane)
    refused, _ = translate(PAGE_AFTER, {"after": encode_cursor("authors", ["x"])}, lane)
    assert refused is None  # the field's error: nothing to run


FILTERED = (
    "query ($task: String!) { papers(first: 5, where: {task: $task, hasCode: true}) "
    "{ nodes { title } } }"
)


def test_a_filtered_lists_task_variable_reuses_the_translation() -> None:
    lane = Lane(SCHEMA, executor=lambda: None)  # type: ignore[arg-type,return-value]
    first, _ = translate(FILTERED, {"task": "Image Classification"}, lane)
    second, params = translate(FILTERED, {"task": "Question Answering"}, lane)
    assert second == first and len(lane._translations) == 1
    assert "Question Answering" in params.values() and "Image Classification" not in params.values()


def test_a_leaderboard_and_a_search_reuse_their_translations() -> None:
    lane = Lane(SCHEMA, executor=lambda: None)  # type: ignore[arg-type,return-value]
    board = "query ($t: String!, $d: String!) { leaderboard(task: $t, dataset: $d) { metric } }"
    first, _ = translate(board, {"t": "A", "d": "B"}, lane)
    second, params = translate(board, {"t": "C", "d": "D"}, lane)
    assert second == first and {"C", "D"} <= set(params.values())
    search = "query ($q: String!) { search(query: $q, first: 3) { nodes { title } } }"
    words, _ = translate(search, {"q": "graph neural"}, lane)
    other, params = translate(search, {"q": "vision AND transformer"}, lane)
    assert other == words and "vision and transformer" in params.values()
    assert len(lane._translations) == 2
    # An arXiv id is another statement (it finds the paper), not these words' one.
    exact, params = translate(search, {"q": "1706.03762"}, lane)
    assert exact is not None and "arxivId" in exact and "arxivId" not in str(words)
    assert "1706.03762" in params.values()


def test_per_year_counts_are_one_aggregation_each_and_stats_read_only_what_is_asked() -> None:
    statement, params = translate(
        '{ task(name: "X") { papersByYear { year count } } '
        "papers(where: {hasCode: true}, first: 0) { byYear { year } alias: byYear { count } } }"
    )
    assert statement is not None
    # one grouping per field (the two byYear of one list share it), the filter as the list's
    assert statement.count("WITH year, count(*) AS papers ORDER BY year") == 2
    assert "EXISTS { (n)-[:HAS_CODE]->() }" in statement and "X" in params.values()
    statement, _ = translate("{ stats { authors results } }")
    assert statement is not None and "GraphCounts" not in statement
    assert "MATCH (x:Author) RETURN count(x)" in statement and "Paper" not in statement
    statement, _ = translate("{ stats { papers } }")
    assert statement is not None
    # the kept number, and the live count only under the guard of its absence
    assert "MATCH (kept:GraphCounts {name: 'graph'})" in statement
    assert "WITH kept WHERE kept IS NULL CALL () { MATCH (n:Paper)" in statement
