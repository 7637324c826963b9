"""The graph model, declared once: what every GraphQL field of every type is made from.

Each object type of the schema names, per field, where its value comes from:

- `Stored`: a stored property of the node (with how it is shown: as is, a boolean, a list);
- `GlobalId`: the type's global id, from its key;
- `Page`: a connection, one of the lists of lists.py, with the fields its edges add and
  the arguments that filter it;
- `Link`: one node, or a short list, reached by a fixed pattern;
- `NamedNode`: a node whose name this one stores (a result's task), its name alone when it is
  not in the graph;
- `Board`: a leaderboard (task and dataset) that this one names;
- `Computed`: a value made from the node by a fixed Cypher expression (schema/data/cypher.py);
- `ByYear`: how many papers the node has per year of publication (an aggregation in the
  statement);
- `GraphCount`: a number of the whole graph (root `stats`);
- `Embedded`: small objects that are not nodes (links with titles, data loaders), kept on the
  node as one JSON property; `Composite`: one such object made of several of its properties.

Each declaration also says what the schema shows of its field: its description and, for a
stored field, its GraphQL type (a Python annotation: `str | None`, `list[str]`); the other
sources imply theirs. The object types of the schema are made from these declarations
(schema/types/objects.py), and the translation (schema/lane) reads only them: a stored field
added here needs no other edit. The root fields are declared in `ROOTS` (their arguments in
schema/query.py); a field of the schema without a source here is refused when the app starts
(`check_model`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import KW_ONLY, dataclass, field
from typing import Any, Final, Literal

from graphql import GraphQLObjectType, GraphQLSchema

from graphdb import list_counts
from graphdb.identifiers import proceeding_name
from schema.data import cypher, lists
from schema.data.lists import ListSpec
from schema.types.enums import Decision, ResultSource, SubmissionKind, SubmissionStatus

Show = Literal["value", "bool", "list", "title", "float"]


@dataclass(frozen=True)
class Stored:
    """A stored property: `value` as is, `bool` (false when missing), `list` ([] when
    missing), `title` (the slug when missing), `float` (a number shown as a float)."""

    prop: str
    show: Show = "value"
    default: Any = None
    _: KW_ONLY
    type: Any
    description: str


@dataclass(frozen=True)
class GlobalId:
    """The global id: base64 of "Type:key"."""

    description: str


EdgeValue = Callable[[Mapping[str, Any]], Any]


@dataclass(frozen=True)
class EdgeField:
    """A field an edge adds: `value` makes it from the list's edge map."""

    value: EdgeValue
    type: Any
    description: str

    def __call__(self, edge: Mapping[str, Any]) -> Any:
        return self.value(edge)


@dataclass(frozen=True)
class EdgeTypes:
    """The own types of a list whose edges add fields: `{name}Edge` (described by `edge`) and
    `{name}Connection` (by `connection`; its `edges` field by `edges`)."""

    name: str
    edge: str
    connection: str
    edges: str


@dataclass(frozen=True)
class Filter:
    """An argument that filters a list: the spec's filter `name`, the argument's type and
    description."""

    name: str
    type: Any
    description: str


@dataclass(frozen=True)
class Page:
    """A connection over `spec`, its items of type `item`; `edge`: the fields its edges add,
    made from the list's edge map (`EdgeField`s, their own types named by `edge_types`);
    `arguments`: GraphQL argument -> the filter it sets (`filters`: -> the spec's filter name)."""

    spec: ListSpec
    item: str
    edge: Mapping[str, EdgeValue] = field(default_factory=dict)
    arguments: Mapping[str, Filter] = field(default_factory=dict)
    # The items are leaderboards: the expressions of (their task's, their dataset's) names, over
    # `{parent}` (the node whose list it is) and `{item}` (each item of the list).
    boards: tuple[str, str] | None = None
    _: KW_ONLY
    edge_types: EdgeTypes | None = None
    description: str = ""

    @property
    def filters(self) -> Mapping[str, str]:
        return {argument: declared.name for argument, declared in self.arguments.items()}


@dataclass(frozen=True)
class Link:
    """One node (`many=False`: the first in `order`) or a short list of them, reached from
    the node `{v}` by `pattern`, which binds `{n}`; `order` sorts on `{n}`."""

    pattern: str
    item: str
    order: str
    many: bool = False
    _: KW_ONLY
    description: str


@dataclass(frozen=True)
class NamedNode:
    """The node of type `item` whose name is this node's property `prop`."""

    prop: str
    item: str
    _: KW_ONLY
    description: str


@dataclass(frozen=True)
class Embedded:
    """A list of small objects of type `item` that are not nodes (a link with its title, a data
    loader), kept on the node as a JSON array in the property `prop` ([] when missing): Neo4j
    stores no maps, and these are only ever shown whole."""

    prop: str
    item: str
    _: KW_ONLY
    description: str


@dataclass(frozen=True)
class Composite:
    """One small object of type `item` made of the node's properties: `parts` maps each field
    of the item to the property holding it; null when the property of `present` is missing."""

    item: str
    parts: Mapping[str, str]
    present: str = "url"
    _: KW_ONLY
    description: str


@dataclass(frozen=True)
class Computed:
    """A value made from the node `{n}` by `expr`, a fixed Cypher expression (the reviewed
    ones of schema/data/cypher.py), shown as a stored value of its `type` is."""

    expr: str
    _: KW_ONLY
    type: Any
    description: str


@dataclass(frozen=True)
class ByYear:
    """The node's papers counted per year of publication (`[YearCount!]!`): `papers` is a fixed
    Cypher text (a list's pattern of schema/data/lists.py, or of cypher.py) from `parent`, the
    node, binding each paper `n` once. Read from the node's property `kept` when the loader
    keeps it there (graphdb/list_counts.py: [year, papers, ...]), else counted by one
    aggregation in the statement; the years between the first and the last are filled with
    zeros when the answer is shaped."""

    papers: str
    _: KW_ONLY
    description: str
    kept: str | None = None


@dataclass(frozen=True)
class ListByYear:
    """A connection's own field: the items of the whole list (papers), filtered as the list is,
    counted per year of publication, as `ByYear` counts them."""

    _: KW_ONLY
    description: str


@dataclass(frozen=True)
class GraphCount:
    """A number of the whole graph (`Int!`): the nodes of `label`, which Neo4j answers from its
    count store without reading them, or `kept`, a number of graphdb/counts.py that the loader
    keeps on the graph's counts node (counted live on a graph loaded before it kept them)."""

    label: str | None = None
    kept: str | None = None
    _: KW_ONLY
    description: str


BoardPart = Literal[
    "metrics", "metric", "higherIsBetter", "task", "dataset", "rows",
    "id", "resultCount", "best", "progression",
]  # fmt: skip


@dataclass(frozen=True)
class Board:
    """A field of a leaderboard: its metrics (`metrics`, `metric`, `higherIsBetter`), its
    task or dataset, its ranked rows, its global id (task, dataset and metric), its number of
    results, its best result or its progression (its type follows from the part)."""

    part: BoardPart
    _: KW_ONLY
    description: str


FieldSource = (
    Stored | GlobalId | Page | Link | NamedNode | Board | Embedded | Composite | Computed | ByYear
    | GraphCount
)  # fmt: skip


@dataclass(frozen=True)
class NodeType:
    """An object type made from one node of `label` (None: not a node, e.g. a leaderboard)."""

    name: str
    label: str | None
    key: str | None
    fields: Mapping[str, FieldSource]
    _: KW_ONLY
    description: str

    def properties(self, names: list[str]) -> tuple[str, ...]:
        """The stored properties the named fields are made from, the key first."""
        wanted = [self.key] if self.key else []
        for name in names:
            source = self.fields.get(name)
            if isinstance(source, Stored | NamedNode | Embedded):
                props = [source.prop]
            elif isinstance(source, Composite):
                props = list(source.parts.values())
            else:
                props = []
            wanted += [prop for prop in props if prop not in wanted]
        return tuple(wanted)


def _flag(name: str, description: str) -> EdgeField:
    return EdgeField(lambda edge: bool(edge.get(name)), bool, description)


CODE_FLAGS: Final[Mapping[str, EdgeField]] = {
    "official": _flag("official", "The paper's authors' own code."),
    "mentionedInPaper": _flag("mentionedInPaper", "The paper links to this repository."),
    "mentionedInGithub": _flag("mentionedInGithub", "The repository links to the paper."),
}


def _shared(kind: str, description: str) -> EdgeField:
    prefix = f"{kind}:"
    cut = len(prefix)

    def shared(edge: Mapping[str, Any]) -> list[str]:
        return [r[cut:] for r in edge.get("reasons") or [] if r.startswith(prefix)]

    return EdgeField(shared, list[str], description)


RELATED_EDGE: Final[Mapping[str, EdgeField]] = {
    "score": EdgeField(
        lambda edge: float(edge.get("score") or 0.0), float,
        "Adamic-Adar score: the sum of 1/ln(papers having it) over the shared features.",
    ),
    "sharedAuthors": _shared("author", "Names of the authors both papers list."),
    "sharedTasks": _shared("task", "Names of the tasks both papers address."),
    "sharedMethods": _shared("method", "Names of the methods both papers use."),
    "sharedDatasets": _shared("dataset", "Names of the datasets both papers use."),
}  # fmt: skip

COAUTHOR_EDGE: Final[Mapping[str, EdgeField]] = {
    "sharedPapers": EdgeField(
        lambda edge: int(edge["sharedPapers"]), int, "Papers both authors are listed on."
    ),
}


def _id(type_name: str) -> GlobalId:
    return GlobalId(f"The global id of this {type_name}.")


_YEARS = ("every year from the first paper's to the last's, oldest first, zeros included; papers "
          "without a publication date are left out")  # fmt: skip


def _by_year(papers: str, whose: str) -> ByYear:
    return ByYear(papers, kept=list_counts.YEARS,
                  description=f"How many of {whose} were published each year: {_YEARS}.")  # fmt: skip


# In the order the schema shows them (Node's `id` first).
TYPES: Final[Mapping[str, NodeType]] = {
    "Paper": NodeType("Paper", "Paper", "slug", {
        "id": _id("paper"),
        "slug": Stored("slug", type=str,
                       description="The paper's key: the last part of its Papers With Code URL."),
        "arxivId": Stored("arxivId", type=str | None,
                          description="The arXiv identifier without version, e.g. 1706.03762."),
        "title": Stored("title", "title", type=str, description="The paper's title."),
        "abstract": Stored("abstract", type=str | None, description="The paper's abstract."),
        "published": Stored("published", type=dt.date | None,
                            description="Publication date, when known."),
        "urlAbs": Stored("urlAbs", type=str | None,
                         description="Link to the paper's abstract page (arXiv or venue)."),
        "urlPdf": Stored("urlPdf", type=str | None, description="Link to the paper's PDF."),
        "proceeding": Stored("proceeding", type=str | None, description=(
            'Venue and date as the archive writes them, e.g. "NeurIPS 2018 12" (its proceeding '
            "is `venue`).")),
        "conference": Stored("conference", type=str | None, description=(
            "The Papers With Code slug of the paper's conference version, as the archive gives "
            "it (e.g. attention-is-all-you-need-1); the venue is `venue`.")),
        "conferenceUrlAbs": Stored("conferenceUrlAbs", type=str | None,
                                   description="Link to the paper's page at its venue."),
        "conferenceUrlPdf": Stored("conferenceUrlPdf", type=str | None,
                                   description="Link to the paper's PDF at its venue."),
        "openReviewId": Stored("openreviewId", type=str | None,
                               description="The paper's OpenReview id, when it has one."),
        "nipsId": Stored("nipsId", type=str | None,
                         description="The paper's NeurIPS proceedings id, when it has one."),
        "venue": Link("MATCH ({v})-[:PUBLISHED_IN]->({n}:Proceeding)", "Proceeding", "{n}.name",
                      description=(
            'The proceeding the paper appeared in (NeurIPS 2018), from `proceeding`; null when '
            "it names none.")),
        "reproduces": Link("MATCH ({v})-[:REPRODUCES]->({n}:Paper)", "Paper", "{n}.slug",
                           description="The paper this one reproduces (a reproducibility report)."),
        "pwcUrl": Stored("pwcUrl", type=str | None,
                         description="The paper's Papers With Code URL."),
        "isStub": Stored("stub", "bool", type=bool, description=(
            "True when the papers dump lacks this paper and it is known only from a link to it.")),
        "authors": Page(lists.PAPER_AUTHORS, "Author",
                        description="The paper's authors, in the order the paper lists them."),
        "tasks": Page(lists.PAPER_TASKS, "Task",
                      description="The tasks the paper addresses, by name."),
        "methods": Page(lists.PAPER_METHODS, "Method",
                        description="The methods the paper uses, by name."),
        "datasets": Page(lists.PAPER_DATASETS, "Dataset", description=(
            "The paper's datasets: those of its results and those it introduced, by name.")),
        "repositories": Page(
            lists.PAPER_REPOSITORIES, "Repository", CODE_FLAGS,
            {"officialOnly": Filter("officialOnly", bool | None,
                                    "Only the repositories marked official.")},
            edge_types=EdgeTypes("Repository",
                                 edge="A repository of a paper, with how the link is known.",
                                 connection="A page of repositories, official ones first.",
                                 edges="The repositories with their link flags."),
            description="Code for the paper, official repositories first."),
        "results": Page(
            lists.PAPER_RESULTS, "Result",
            arguments={"task": Filter("task", str | None, "Only results on this task."),
                       "dataset": Filter("dataset", str | None, "Only results on this dataset.")},
            description="The paper's leaderboard results, by task, dataset and metric."),
        "related": Page(
            lists.PAPER_RELATED, "Paper", RELATED_EDGE,
            edge_types=EdgeTypes(
                "RelatedPaper",
                edge="A related paper with its score and what the two papers share.",
                connection="A page of related papers, best first.",
                edges="The related papers with scores and cursors."),
            description="Related papers (stored by the loader), best first, with what they share."),
    }, description="A research paper of the Papers With Code archive."),
    "Author": NodeType("Author", "Author", "name", {
        "id": _id("author"),
        "name": Stored("name", type=str,
                       description="The author's name as the archive spells it (the key)."),
        "paperCount": Stored("paperCount", type=int | None,
                             description="How many papers of the graph list this author."),
        "papersByYear": _by_year(lists.AUTHOR_PAPERS.pattern, "the author's papers"),
        "papers": Page(lists.AUTHOR_PAPERS, "Paper",
                       description="The author's papers, newest first."),
        "coauthors": Page(
            lists.AUTHOR_COAUTHORS, "Author", COAUTHOR_EDGE,
            edge_types=EdgeTypes(
                "Coauthor",
                edge="A co-author, with how many papers the two wrote together.",
                connection="A page of co-authors.",
                edges="The co-authors of this page with their cursors."),
            description="People who wrote papers with this author, most shared papers first."),
        "tasks": Page(lists.AUTHOR_TASKS, "Task",
                      description="Tasks the author's papers address, most papers first."),
    }, description="A person who wrote papers, identified by name as the archive spells it."),
    "Task": NodeType("Task", "Task", "name", {
        "id": _id("task"),
        "name": Stored("name", type=str, description="The task's name (the key)."),
        "description": Stored("description", type=str | None,
                              description="What the task is, from the archive."),
        "synonyms": Stored("synonyms", "list", type=list[str],
                           description="Other names of the task."),
        "sourceLink": Composite("WebLink", {"title": "sourceLinkTitle", "url": "sourceLinkUrl"},
                                description="Where the task's description comes from."),
        "paperCount": Stored("paperCount", type=int | None,
                             description="How many papers address this task."),
        "papersByYear": _by_year(lists.TASK_PAPERS.pattern, "the papers addressing the task"),
        "areas": Link("MATCH ({v})-[:IN_AREA]->({n}:Area)", "Area", "{n}.name", many=True,
                      description="The research areas of the task."),
        # a task merged from several files can have several parents: the first by name
        "parent": Link("MATCH ({v})-[:SUBTASK_OF]->({n}:Task)", "Task", "{n}.name",
                       description="The task this one is a subtask of, if any."),
        "ancestors": Link(cypher.TASK_ANCESTORS, "Task", "depth DESC", many=True, description=(
            "The path from the root task down to this task's parent, root first (breadcrumbs): "
            "`parent`, its parent, and so on, in reverse; empty for a root task.")),
        "subtasks": Page(lists.TASK_SUBTASKS, "Task", description="The task's subtasks, by name."),
        "papers": Page(lists.TASK_PAPERS, "Paper",
                       description="Papers addressing the task, newest first."),
        "datasets": Page(lists.TASK_DATASETS, "Dataset",
                         description="Datasets used for the task, by name."),
        "leaderboards": Page(lists.TASK_LEADERBOARDS, "Leaderboard", boards=("{parent}.name", "{item}.name"),
                             description="The task's leaderboards, one per dataset, by dataset name."),
    }, description="A machine-learning task, e.g. Image Classification."),
    "Area": NodeType("Area", "Area", "name", {
        "id": _id("area"),
        "name": Stored("name", type=str, description="The area's name (the key)."),
        "taskCount": Computed(cypher.AREA_TASK_COUNT, type=int,
                              description="How many tasks the area groups."),
        "paperCount": Stored("paperCount", default=0, type=int, description=(
            "How many papers address at least one of its tasks (each paper once).")),
        "papersByYear": _by_year(cypher.AREA_PAPERS, "the papers addressing its tasks (each once)"),
        "tasks": Page(lists.AREA_TASKS, "Task",
                      description="The area's tasks, most papers first (then by name)."),
    }, description="A research area that groups tasks, e.g. Computer Vision."),
    "Dataset": NodeType("Dataset", "Dataset", "name", {
        "id": _id("dataset"),
        "name": Stored("name", type=str, description="The dataset's name (the key)."),
        "fullName": Stored("fullName", type=str | None, description="The dataset's full name."),
        "shortDescription": Stored("shortDescription", type=str | None,
                                   description="The dataset in a sentence."),
        "description": Stored("description", type=str | None,
                              description="What the dataset is (Markdown)."),
        "homepage": Stored("homepage", type=str | None, description="The dataset's homepage."),
        "pwcUrl": Stored("pwcUrl", type=str | None,
                         description="The dataset's Papers With Code URL."),
        "warning": Stored("warning", type=str | None,
                          description="A warning the archive gives about the dataset."),
        "variants": Stored("variants", "list", type=list[str],
                           description="The names of the dataset's variants."),
        "licenseName": Stored("licenseName", type=str | None,
                              description="The name of the dataset's license."),
        "licenseUrl": Stored("licenseUrl", type=str | None,
                             description="Link to the dataset's license."),
        "image": Stored("image", type=str | None, description="Link to an image of the dataset."),
        "thumbnail": Stored("thumbnail", type=str | None,
                            description="Link to a small image of the dataset."),
        "parentDataset": Stored("parentDataset", type=str | None,
                                description="The parent dataset as the archive names it."),
        "parent": Link("MATCH ({n}:Dataset {{name: {v}.parentDataset}}) WHERE {n} <> {v}",
                       "Dataset", "{n}.name", description=(
            "The dataset named by `parentDataset`, when the graph has one of that name.")),
        "dataLoaders": Embedded("dataLoadersJson", "DataLoader",
                                description="Code that loads the dataset, with its frameworks."),
        "modalities": Stored("modalities", "list", type=list[str],
                             description="Kinds of data: Images, Texts, ..."),
        "languages": Stored("languages", "list", type=list[str],
                            description="Languages of the data."),
        "introducedDate": Stored("introducedDate", type=dt.date | None,
                                 description="When the dataset was introduced."),
        "paperCount": Stored("paperCount", type=int | None,
                             description="How many papers use this dataset."),
        "papersByYear": _by_year(lists.DATASET_PAPERS.pattern, "the papers using the dataset"),
        "introducedIn": Link("MATCH ({v})-[:INTRODUCED_IN]->({n}:Paper)", "Paper", "{n}.slug",
                             description="The paper that introduced the dataset, if known."),
        "tasks": Page(lists.DATASET_TASKS, "Task",
                      description="Tasks the dataset is used for, by name."),
        "papers": Page(lists.DATASET_PAPERS, "Paper",
                       description="Papers using the dataset, newest first."),
        "leaderboards": Page(lists.DATASET_LEADERBOARDS, "Leaderboard", boards=("{item}.name", "{parent}.name"),
                             description="The dataset's leaderboards, one per task, by task name."),
    }, description="A dataset that papers evaluate on or introduce."),
    "Method": NodeType("Method", "Method", "name", {
        "id": _id("method"),
        "name": Stored("name", type=str, description="The method's name (the key)."),
        "fullName": Stored("fullName", type=str | None, description="The method's full name."),
        "description": Stored("description", type=str | None,
                              description="What the method is (Markdown)."),
        "introducedYear": Stored("introducedYear", type=int | None,
                                 description="The year the method was introduced."),
        "pwcUrl": Stored("pwcUrl", type=str | None,
                         description="The method's Papers With Code URL."),
        "source": Composite("WebLink", {"title": "sourceTitle", "url": "sourceUrl"},
                            description="Where the method is described (its paper or page)."),
        "codeSnippetUrl": Stored("codeSnippetUrl", type=str | None,
                                 description="Link to code implementing the method."),
        "paperCount": Stored("paperCount", type=int | None,
                             description="How many papers use this method."),
        "papersByYear": _by_year(lists.METHOD_PAPERS.pattern, "the papers using the method"),
        "introducedIn": Link("MATCH ({v})-[:INTRODUCED_IN]->({n}:Paper)", "Paper", "{n}.slug",
                             description="The paper that introduced the method, if known."),
        "collections": Link("MATCH ({v})-[:IN_COLLECTION]->({n}:Collection)", "Collection",
                            "{n}.name", many=True,
                            description="The collections the method belongs to."),
        "papers": Page(lists.METHOD_PAPERS, "Paper",
                       description="Papers using the method, newest first."),
    }, description="A method (technique, architecture, component) that papers use."),
    "Collection": NodeType("Collection", "Collection", "name", {
        "name": Stored("name", type=str, description="The collection's name."),
        "area": Stored("area", type=str | None,
                       description="The research area of the collection."),
    }, description="A collection of methods, e.g. Attention Mechanisms."),
    "Repository": NodeType("Repository", "Repository", "url", {
        "id": _id("repository"),
        "url": Stored("url", type=str, description="The repository's URL (the key)."),
        "owner": Stored("owner", type=str | None, description="The owner's account, from the URL."),
        "name": Stored("name", type=str | None,
                       description="The repository's name, from the URL."),
        "framework": Stored("framework", type=str | None,
                            description="The framework: pytorch, tf, jax, mxnet, paddle, ..."),
        "paperCount": Stored("paperCount", type=int | None,
                             description="How many papers this repository implements."),
        "papers": Page(
            lists.REPOSITORY_PAPERS, "Paper", CODE_FLAGS,
            edge_types=EdgeTypes(
                "PaperCode",
                edge="A paper implemented by a repository, with how the link is known.",
                connection="A page of the papers a repository implements.",
                edges="The papers with their link flags."),
            description="The papers this repository implements, newest first."),
    }, description="A code repository implementing papers."),
    "Result": NodeType("Result", "Result", "key", {
        "id": _id("result"),
        "model": Stored("model", type=str | None,
                        description="The model's name as the leaderboard gives it."),
        "metric": Stored("metric", default="", type=str, description="The metric's name."),
        "value": Stored("value", type=str | None,
                        description='The value as the archive wrote it, e.g. "0.8428 ± 0.0014".'),
        "numericValue": Stored("numericValue", "float", type=float | None,
                               description="The number in the value, when there is one."),
        "errorBound": Stored("errorBound", "float", type=float | None,
                             description="The ± bound in the value, when there is one."),
        "higherIsBetter": Stored("higherIsBetter", "bool", default=True, type=bool,
                                 description="Whether a higher value ranks better on this metric."),
        "rank": Stored("rank", type=int | None, description=(
            "Rank on the leaderboard for this metric (1 is best; ties share a rank); "
            "null without a number.")),
        "usesAdditionalData": Stored("usesAdditionalData", "bool", type=bool,
                                     description="Whether the model used extra training data."),
        "paperTitle": Stored("paperTitle", type=str | None,
                             description="The paper title the row gives (often empty)."),
        "paperUrl": Stored("paperUrl", type=str | None,
                           description="The paper link the row gives."),
        "paperDate": Stored("paperDate", type=str | None,
                            description="The paper date the row gives."),
        "date": Computed(cypher.RESULT_DATE, type=dt.date | None, description=(
            "When the result was published: the row's paper date, else the publication date of "
            "its paper (`paper`); null when neither is known.")),
        "codeLinks": Stored("codeLinks", "list", type=list[str],
                            description="Code links the row gives."),
        "code": Embedded("codeLinksJson", "WebLink",
                         description="Code links the row gives, with their titles."),
        "modelLinks": Embedded("modelLinksJson", "WebLink",
                               description="Links to the model the row gives, with their titles."),
        # several papers may report a row: the first by slug
        "paper": Link("MATCH ({v})<-[:REPORTS]-({n}:Paper)", "Paper", "{n}.slug", description=(
            "The paper the row reports, when the archive's link could be joined to one.")),
        "task": NamedNode("task", "Task", description="The leaderboard's task."),
        "dataset": NamedNode("dataset", "Dataset", description="The leaderboard's dataset."),
        "source": Stored("source", default="ARCHIVE", type=ResultSource, description=(
            "ARCHIVE: from the archive's dump; COMMUNITY: a contributor's submission, approved "
            "by a moderator (`approvedBy`).")),
        "approvedBy": Stored("approvedBy", type=str | None, description=(
            "The moderator who approved a community result; null for the archive's.")),
        "evidenceUrl": Stored("evidenceUrl", type=str | None, description=(
            "Where a community result's value can be checked (a table of its paper); null for "
            "the archive's.")),
    }, description="A model's value for one metric on one leaderboard (task, dataset)."),
    "Leaderboard": NodeType("Leaderboard", None, None, {
        "id": Board("id", description=(
            "The global id of this leaderboard ranked by its metric (`node(id:)` refetches it).")),
        "task": Board("task", description="The leaderboard's task."),
        "dataset": Board("dataset", description="The leaderboard's dataset."),
        "metrics": Board("metrics",
                         description="The leaderboard's metrics, in the archive's column order."),
        "metric": Board("metric", description=(
            "The metric the rows are ranked by (the first metric unless one was asked for).")),
        "higherIsBetter": Board("higherIsBetter",
                                description="Whether a higher value ranks better on the metric."),
        "rows": Board("rows", description=(
            "The results on the metric, best rank first; rows without a number come last.")),
        "resultCount": Board("resultCount", description=(
            "How many results the leaderboard has on the metric (`rows`, with or without a "
            "number).")),
        "best": Board("best", description=(
            "The best result on the metric (the first of `rows`); null when no row has a "
            "number.")),
        "progression": Board("progression", description=(
            "The state of the art over time, oldest first, as a chart plots it: the results that "
            "set a new best on the metric (its direction decides) when taken in the order of "
            "their `date`, the results of one date best first. A result equal to the best so far "
            "is not a new best; results without a date or a number are left out.")),
    }, description=(
        "The results of one task on one dataset, ranked by a metric, best first. Its id names "
        "the task, the dataset and the metric.")),
    "Conference": NodeType("Conference", "Conference", "name", {
        "id": _id("conference"),
        "name": Stored("name", type=str,
                       description='The conference\'s name as the archive writes it (the key), e.g. "NeurIPS".'),
        "years": Stored("years", "list", type=list[int],
                        description="The years of its proceedings, oldest first."),
        "paperCount": Stored("paperCount", type=int | None,
                             description="How many papers its proceedings hold."),
        "proceedings": Page(lists.CONFERENCE_PROCEEDINGS, "Proceeding",
                            description="The conference's proceedings, newest first."),
    }, description=(
        "A conference (NeurIPS, CVPR, ...), from its papers' `proceeding`: the words before the "
        "year.")),
    "Proceeding": NodeType("Proceeding", "Proceeding", "name", {
        "id": _id("proceeding"),
        "name": Stored("name", type=str,
                       description='The conference and the year (the key), e.g. "NeurIPS 2018".'),
        "year": Stored("year", type=int | None, description="The proceeding's year."),
        "paperCount": Stored("paperCount", type=int | None,
                             description="How many papers of the graph appeared in it."),
        "conference": NamedNode("conference", "Conference",
                                description="The conference the proceeding is of."),
        "papers": Page(lists.PROCEEDING_PAPERS, "Paper",
                       description="The papers that appeared in it, newest first."),
    }, description=(
        'One year of a conference (NeurIPS 2018), from its papers\' `proceeding` ("NeurIPS 2018 '
        '12": the conference, the year, the month, which is not kept).')),
    "Submission": NodeType("Submission", "Submission", "id", {
        "id": _id("submission"),
        "kind": Stored("kind", type=SubmissionKind,
                       description="What it adds: a leaderboard result or a code link."),
        "status": Stored("status", type=SubmissionStatus, description=(
            "PENDING until a moderator decides; APPROVED (in the graph), REJECTED (kept for the "
            "record) or WITHDRAWN (by its author, while pending).")),
        "submittedBy": Stored("submittedBy", type=str,
                              description="The name of the token's account that submitted it."),
        "submittedAt": Stored("submittedAt", type=dt.datetime, description="When it was submitted."),
        "reviewedBy": Stored("reviewedBy", type=str | None,
                             description="The moderator who decided, or its author who withdrew it."),
        "reviewedAt": Stored("reviewedAt", type=dt.datetime | None,
                             description="When it was decided or withdrawn."),
        "decision": Stored("decision", type=Decision | None,
                           description="The moderator's decision, once made."),
        "reason": Stored("reason", type=str | None, description="Why, as the moderator wrote it."),
        "paper": Stored("paper", type=str,
                        description="The slug of the paper it is about (`paper(slug:)`)."),
        "paperTitle": Stored("paperTitle", type=str | None, description="That paper's title."),
        "task": Stored("task", type=str | None, description="A result's task."),
        "dataset": Stored("dataset", type=str | None, description="A result's dataset."),
        "metric": Stored("metric", type=str | None, description="A result's metric."),
        "value": Stored("value", type=str | None, description="A result's value as submitted."),
        "numericValue": Stored("numericValue", type=float | None, description=(
            "The number in the value (the loader's metric parser), null without one.")),
        "errorBound": Stored("errorBound", type=float | None,
                             description="The ± bound in the value, when there is one."),
        "model": Stored("model", type=str | None, description="A result's model name."),
        "usesAdditionalData": Stored("usesAdditionalData", type=bool | None,
                                     description="Whether a result's model used extra data."),
        "evidenceUrl": Stored("evidenceUrl", type=str | None,
                              description="Where a result's value can be checked."),
        "codeUrl": Stored("codeUrl", type=str | None, description="A result's code."),
        "repositoryUrl": Stored("repositoryUrl", type=str | None,
                                description="A code link's repository."),
        "official": Stored("official", type=bool | None,
                           description="Whether a code link is the paper's authors' own code."),
        "framework": Stored("framework", type=str | None, description="A code link's framework."),
        "resultId": Stored("resultId", type=str | None, description=(
            "The global id of the result an approved result submission made (`node(id:)`).")),
    }, description=(
        "A contribution: a result or a code link submitted with a token, and its review. Read "
        "with `submissions` (its author and moderators only; `node(id:)` does not find it).")),
    "Viewer": NodeType("Viewer", None, None, {
        "name": Stored("name", type=str, description="The token's account name."),
        "role": Stored("role", type=str, description="contributor or moderator."),
    }, description="Who the request's token says it is."),
    "WebLink": NodeType("WebLink", None, None, {
        "title": Stored("title", type=str | None, description="The link's title, when it has one."),
        "url": Stored("url", type=str, description="The link's URL."),
    }, description="A link with its title, as the archive gives it."),
    "DataLoader": NodeType("DataLoader", None, None, {
        "url": Stored("url", type=str, description="Link to the loader's code."),
        "repo": Stored("repo", type=str | None, description="The repository holding it."),
        "frameworks": Stored("frameworks", "list", type=list[str],
                             description="The frameworks it loads the data for: pytorch, tf, ..."),
    }, description="Code that loads a dataset, as the archive lists it."),
    "YearCount": NodeType("YearCount", None, None, {
        "year": Stored("year", type=int, description="The year of publication."),
        "count": Stored("count", type=int, description="How many papers were published that year."),
    }, description="How many papers were published in one year."),
    "HitCount": NodeType("HitCount", None, None, {
        "count": Stored("count", type=int, description=(
            "How many papers the search finds, or `atMost` when it finds more.")),
        "exact": Stored("exact", type=bool, description=(
            "Whether `count` is every paper found (false: more than `count`, shown as \"1,000+\").")),
    }, description="How many papers a search finds, counted up to a bound."),
    "Stats": NodeType("Stats", None, None, {
        "papers": GraphCount(kept="papers", description=(
            "How many papers the graph has (stubs, known only from a link to them, left out), as "
            "`papers` lists them.")),
        "papersWithCode": GraphCount(kept="papersWithCode", description=(
            "How many of them have code (`papers(where: {hasCode: true})`).")),
        "authors": GraphCount("Author", description="How many authors the graph has."),
        "tasks": GraphCount("Task", description="How many tasks the graph has."),
        "datasets": GraphCount("Dataset", description="How many datasets the graph has."),
        "methods": GraphCount("Method", description="How many methods the graph has."),
        "repositories": GraphCount("Repository",
                                   description="How many code repositories the graph has."),
        "results": GraphCount("Result", description="How many leaderboard results the graph has."),
        "leaderboards": GraphCount(kept="leaderboards", description=(
            "How many leaderboards (a task on a dataset with results) the graph has, as root "
            "`leaderboards` lists them.")),
    }, description=(
        "The numbers of the whole graph. Those of a label are Neo4j's count store's; `papers`, "
        "`papersWithCode` and `leaderboards` are kept by the loader, counted again at each load.")),
}  # fmt: skip

# The types of the graph's nodes that a global id can name: what `node(id:)` and graph walks find.
ENTITY_TYPES: Final = ("Paper", "Author", "Task", "Dataset", "Method", "Repository", "Result",
                       "Conference", "Proceeding", "Area")  # fmt: skip
# Every type with a global id: the entities, and a leaderboard, which is not one node of the
# graph but its task, dataset and metric (its id holds them; `node(id:)` refetches it too).
NODE_TYPES: Final = (*ENTITY_TYPES, "Leaderboard")
# Nodes with a global id that only their author and moderators read (`submissions`): no graph
# walk, `node(id:)` or `nodes(ids:)` finds them.
PRIVATE_NODE_TYPES: Final = ("Submission",)


@dataclass(frozen=True)
class RootList:
    """A root connection: every node of `label` (papers: not stubs), filtered by `where`
    (the predicates of schema/lane/filters.py) in an order of `orderBy`, when the field takes
    them (`conferences` takes neither: by name)."""

    item: str


@dataclass(frozen=True)
class Lookup:
    """A node by its key (`keys`: GraphQL argument -> stored property), or by global id;
    `normalize` makes the key from the value given."""

    item: str
    keys: tuple[str, ...]
    by_id: bool = True
    normalize: Callable[[str], str] | None = None


ROOTS: Final[Mapping[str, RootList | Lookup | str]] = {
    "node": "node",
    "paper": Lookup("Paper", ("slug", "arxivId")),
    "papers": RootList("Paper"),
    "search": "search",
    "author": Lookup("Author", ("name",)),
    "authors": RootList("Author"),
    "task": Lookup("Task", ("name",)),
    "tasks": RootList("Task"),
    "dataset": Lookup("Dataset", ("name",)),
    "datasets": RootList("Dataset"),
    "method": Lookup("Method", ("name",)),
    "methods": RootList("Method"),
    "repository": Lookup("Repository", ("url",), by_id=False),
    "leaderboard": "leaderboard",
    "leaderboards": "leaderboards",
    "neighborhood": "neighborhood",
    "path": "path",
    "conferences": RootList("Conference"),
    "proceeding": Lookup("Proceeding", ("name",), by_id=False, normalize=proceeding_name),
    "nodes": "nodes",
    "areas": RootList("Area"),
    "area": Lookup("Area", ("name",), by_id=False),
    "suggest": "suggest",
    "stats": "stats",
    "submissions": "submissions",  # answered by schema/lane/mutate.py, with the caller's token
    "viewer": "viewer",  # the same
}

# Root fields answered with the caller's token (schema/lane/mutate.py), not by translation.
PRIVATE_ROOTS: Final = frozenset({"submissions", "viewer"})

# The fields a connection of a type adds to its edges, nodes, pageInfo and totalCount.
CONNECTION_FIELDS: Final[Mapping[str, Mapping[str, ListByYear]]] = {
    "Paper": {"byYear": ListByYear(description=(
        f"How many papers of the whole list (not only this page, filtered as it is) were "
        f"published each year: {_YEARS}."))},
}  # fmt: skip

# Types whose fields the translation makes itself, whatever the model says.
SHAPES: Final = {"PageInfo", "Subgraph", "SubgraphEdge", "Suggestion", "Query", "Mutation"}

# What `suggest` finds, by SuggestType: the label and the property that is its name (graphdb/
# suggest.py says how names are indexed; loaders/suggestions.py writes the index's properties).
SUGGESTED: Final[Mapping[str, tuple[str, str]]] = {
    "PAPER": ("Paper", "title"), "AUTHOR": ("Author", "name"), "TASK": ("Task", "name"),
    "DATASET": ("Dataset", "name"), "METHOD": ("Method", "name"),
}  # fmt: skip


def check_model(schema: GraphQLSchema) -> None:
    """Every field of every object type of the schema is declared (or is a connection's or
    edge's own field): a field added to the schema without its source fails at startup."""
    missing = []
    for name, graphql_type in schema.type_map.items():
        if name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        if name in SHAPES or name.endswith("Connection") or name.endswith("Edge"):
            continue
        declared = TYPES.get(name)
        for field_name in graphql_type.fields:
            if declared is None or field_name not in declared.fields:
                missing.append(f"{name}.{field_name}")
    if set(ROOTS) != set(schema.query_type.fields if schema.query_type else ()):
        missing.append("Query: " + ", ".join(sorted(set(ROOTS) ^ set(schema.query_type.fields))))  # type: ignore[union-attr]
    if missing:
        raise RuntimeError("fields without a source in schema/model.py: " + ", ".join(missing))
