"""The root Query type: entry points into the graph."""

from __future__ import annotations

from typing import Annotated, NoReturn

import strawberry

from schema.filters import (
    AuthorWhere,
    DatasetWhere,
    MethodWhere,
    NameOrder,
    PaperOrder,
    PaperWhere,
    TaskWhere,
)
from schema.limits import (
    HIT_COUNT_DEFAULT,
    HIT_COUNT_MAX,
    MAX_NEIGHBORHOOD,
    MAX_NODE_IDS,
    MAX_PATH_HOPS,
)
from schema.model import EdgeTypes
from schema.types.connection import MAX_PAGE_SIZE
from schema.types.declare import unanswered
from schema.types.enums import SubmissionStatus
from schema.types.node import Node
from schema.types.objects import answered_field, connection_of, edge_types, ref
from schema.types.subgraph import Subgraph
from schema.types.suggestion import Suggestion, SuggestType

PaperSearchConnection = edge_types(
    EdgeTypes(
        "PaperSearch",
        edge="A paper found by a search, with its relevance.",
        connection="Search results, most relevant first.",
        edges="The papers found, with scores and cursors.",
    ),
    "Paper",
    {"score": (float, "Full-text relevance (higher is better).")},
    {
        "hitCount": answered_field(
            "hitCount",
            ref("HitCount"),
            f"How many papers the search finds, counted up to `atMost` (1 to {HIT_COUNT_MAX:,}): "
            "as quick for a common word as for a rare one, where `totalCount` counts every hit.",
            {"atMost": (int, HIT_COUNT_DEFAULT)},
        )
    },
)


@strawberry.type(description="Entry points into the Papers With Code graph.")
class Query:
    @strawberry.field(description="Any entity by its global id.")
    def node(self, id: strawberry.ID) -> Node | None:
        unanswered()

    @strawberry.field(
        description="One paper, by id, slug or arXiv id (`2302.00402`, `2302.00402v1` or an arXiv URL).",
        graphql_type=ref("Paper") | None,
    )
    def paper(
        self,
        id: strawberry.ID | None = None,
        slug: str | None = None,
        arxiv_id: str | None = None,
    ) -> NoReturn:
        unanswered()

    @strawberry.field(
        description="Papers, filtered and sorted (newest first by default).",
        graphql_type=connection_of("Paper"),
    )
    def papers(
        self,
        where: PaperWhere | None = None,
        order_by: list[PaperOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> NoReturn:
        unanswered()

    @strawberry.field(
        description=(
            "Full-text search over paper titles and abstracts, most relevant first. Lucene syntax "
            "characters are searched as text. An arXiv id or URL as the query finds that paper."
        ),
        graphql_type=PaperSearchConnection,
    )
    def search(self, query: str, first: int | None = None, after: str | None = None) -> NoReturn:
        unanswered()

    @strawberry.field(description="One author, by id or name.", graphql_type=ref("Author") | None)
    def author(self, id: strawberry.ID | None = None, name: str | None = None) -> NoReturn:
        unanswered()

    @strawberry.field(
        description="Authors, filtered by name, sorted by name unless asked otherwise.",
        graphql_type=connection_of("Author"),
    )
    def authors(
        self,
        where: AuthorWhere | None = None,
        order_by: list[NameOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> NoReturn:
        unanswered()

    @strawberry.field(description="One task, by id or name.", graphql_type=ref("Task") | None)
    def task(self, id: strawberry.ID | None = None, name: str | None = None) -> NoReturn:
        unanswered()

    @strawberry.field(
        description="Tasks, filtered by name, sorted by name unless asked otherwise.",
        graphql_type=connection_of("Task"),
    )
    def tasks(
        self,
        where: TaskWhere | None = None,
        order_by: list[NameOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> NoReturn:
        unanswered()

    @strawberry.field(description="One dataset, by id or name.", graphql_type=ref("Dataset") | None)
    def dataset(self, id: strawberry.ID | None = None, name: str | None = None) -> NoReturn:
        unanswered()

    @strawberry.field(
        description="Datasets, filtered by name, sorted by name unless asked otherwise.",
        graphql_type=connection_of("Dataset"),
    )
    def datasets(
        self,
        where: DatasetWhere | None = None,
        order_by: list[NameOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> NoReturn:
        unanswered()

    @strawberry.field(description="One method, by id or name.", graphql_type=ref("Method") | None)
    def method(self, id: strawberry.ID | None = None, name: str | None = None) -> NoReturn:
        unanswered()

    @strawberry.field(
        description="Methods, filtered by name, sorted by name unless asked otherwise.",
        graphql_type=connection_of("Method"),
    )
    def methods(
        self,
        where: MethodWhere | None = None,
        order_by: list[NameOrder] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> NoReturn:
        unanswered()

    @strawberry.field(
        description="One code repository, by URL.", graphql_type=ref("Repository") | None
    )
    def repository(self, url: str) -> NoReturn:
        unanswered()

    @strawberry.field(
        description="The leaderboard of a task on a dataset, ranked by `metric` (default: its first metric).",
        graphql_type=ref("Leaderboard") | None,
    )
    def leaderboard(self, task: str, dataset: str, metric: str | None = None) -> NoReturn:
        unanswered()

    @strawberry.field(
        description=(
            "Leaderboards (a task on a dataset, each ranked by its first metric) by task name, "
            "then dataset name; of one task, one dataset or both when given (unknown names: an "
            "empty list)."
        ),
        graphql_type=connection_of("Leaderboard"),
    )
    def leaderboards(
        self,
        task: Annotated[
            str | None, strawberry.argument(description="Only the leaderboards of this task.")
        ] = None,
        dataset: Annotated[
            str | None, strawberry.argument(description="Only the leaderboards on this dataset.")
        ] = None,
        first: int | None = None,
        after: str | None = None,
    ) -> NoReturn:
        unanswered()

    @strawberry.field(description="The nodes and edges around any node, for graph views.")
    def neighborhood(
        self,
        id: strawberry.ID,
        hops: Annotated[int, strawberry.argument(description="How far to walk: 1 to 3.")] = 1,
        limit: Annotated[
            int,
            strawberry.argument(description=f"At most this many nodes (1 to {MAX_NEIGHBORHOOD})."),
        ] = 100,
    ) -> Subgraph:
        unanswered()

    @strawberry.field(
        description="A shortest path between two nodes, null when there is none within maxHops."
    )
    def path(
        self,
        from_: Annotated[
            strawberry.ID,
            strawberry.argument(name="from", description="Global id of the first node."),
        ],
        to: Annotated[
            strawberry.ID, strawberry.argument(description="Global id of the last node.")
        ],
        max_hops: Annotated[
            int, strawberry.argument(description=f"Longest path looked for: 1 to {MAX_PATH_HOPS}.")
        ] = 4,
    ) -> Subgraph | None:
        unanswered()

    @strawberry.field(
        description="Conferences (from the papers' `proceeding`), by name.",
        graphql_type=connection_of("Conference"),
    )
    def conferences(self, first: int | None = None, after: str | None = None) -> NoReturn:
        unanswered()

    @strawberry.field(
        description=(
            'One proceeding by name, "NeurIPS 2018" (a paper\'s `proceeding`, "NeurIPS 2018 12", '
            "finds it too); null when there is none."
        ),
        graphql_type=ref("Proceeding") | None,
    )
    def proceeding(self, name: str) -> NoReturn:
        unanswered()

    @strawberry.field(
        description="Research areas (the groups of tasks: Computer Vision, ...), by name.",
        graphql_type=connection_of("Area"),
    )
    def areas(self, first: int | None = None, after: str | None = None) -> NoReturn:
        unanswered()

    @strawberry.field(
        description="One research area by name; null when there is none.",
        graphql_type=ref("Area") | None,
    )
    def area(self, name: str) -> NoReturn:
        unanswered()

    @strawberry.field(
        description=(
            f"Several entities by their global ids (at most {MAX_NODE_IDS}), in the order given: "
            "null in the place of an id whose entity is not in the graph."
        )
    )
    def nodes(
        self,
        ids: Annotated[
            list[strawberry.ID],
            strawberry.argument(description=f"Global ids, 1 to {MAX_NODE_IDS}."),
        ],
    ) -> list[Node | None]:
        unanswered()

    @strawberry.field(
        description=(
            "The numbers of the whole graph: papers, those with code, authors, tasks, datasets, "
            "methods, repositories, results and leaderboards."
        ),
        graphql_type=ref("Stats"),
    )
    def stats(self) -> NoReturn:
        unanswered()

    @strawberry.field(
        description=(
            "Typeahead: papers by title, and authors, tasks, datasets and methods by name, whose "
            "words start with the words typed ('vis trans' finds Vision Transformer), best match "
            "first (see `Suggestion.score`), then the most popular (a paper: its code "
            "repositories; the others: their papers). Case, accents and punctuation do not "
            "matter; a query without a letter or a digit finds nothing."
        )
    )
    def suggest(
        self,
        query: Annotated[str, strawberry.argument(description="The words typed so far.")],
        types: Annotated[
            list[SuggestType] | None,
            strawberry.argument(description="Only these kinds (null or empty: all of them)."),
        ] = None,
        first: Annotated[
            int | None,
            strawberry.argument(description=f"How many suggestions: 0 to {MAX_PAGE_SIZE}."),
        ] = 8,
    ) -> list[Suggestion]:
        unanswered()

    @strawberry.field(
        description=(
            "Submissions, newest first: a moderator's token sees everyone's, a contributor's its "
            "own account's; without a token, UNAUTHENTICATED."
        ),
        graphql_type=connection_of("Submission"),
    )
    def submissions(
        self,
        status: Annotated[
            SubmissionStatus | None,
            strawberry.argument(description="Only the submissions in this status."),
        ] = None,
        first: int | None = None,
        after: str | None = None,
    ) -> NoReturn:
        unanswered()

    @strawberry.field(
        description=(
            "Who the request's token says it is (its account and role); without a token, "
            "UNAUTHENTICATED."
        ),
        graphql_type=ref("Viewer"),
    )
    def viewer(self) -> NoReturn:
        unanswered()
