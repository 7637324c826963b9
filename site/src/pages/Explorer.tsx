// The related-paper explorer: a graph (Cytoscape.js) that starts at a node's neighbourhood,
// expands a node when it is clicked, says why two papers are related, and finds a shortest path.
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { Fragment } from "preact";
import { useRoute } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { request } from "../api/client";
import { useQuery } from "../api/useQuery";
import { SearchBox, type Suggestion } from "../components/SearchBox";
import { ErrorState, Loading, NotFound } from "../components/states";
import { useTitle } from "../components/title";
import {
  ExplorerExpandDocument,
  ExplorerPageDocument,
  ExplorerPathDocument,
  type ExplorerPageQuery,
} from "../gql/graphql";
import {
  EDGE_COLOURS,
  GraphStore,
  NODE_COLOURS,
  OTHER_EDGE,
  edgeKey,
  nodeLabel,
  nodeName,
  nodeUrl,
  type GraphEdge,
  type GraphNode,
  type Why,
} from "../graphModel";

export function ExplorerPage() {
  const { params } = useRoute();
  const state = useQuery(ExplorerPageDocument, { id: params.id });
  if (state.status === "loading") return <Loading what="the graph" />;
  if (state.status === "error") {
    // An id that is not one of this API's is a name that does not exist, not a failure.
    if (/is not an id of this API/.test(state.error.message)) return <NotFound what="node with this id" />;
    return <ErrorState error={state.error} />;
  }
  if (!state.data.start) return <NotFound what="node with this id" />;
  return <ExplorerView key={params.id} data={state.data as Loaded} />;
}

type Loaded = ExplorerPageQuery & { start: GraphNode };

function elements(nodes: GraphNode[], edges: GraphEdge[]): ElementDefinition[] {
  return [
    ...nodes.map((n) => ({
      group: "nodes" as const,
      data: { id: n.id, label: nodeLabel(n), kind: n.__typename, colour: NODE_COLOURS[n.__typename ?? ""] ?? "#777" },
    })),
    ...edges.map((e) => ({
      group: "edges" as const,
      data: { id: edgeKey(e), source: e.source, target: e.target, kind: e.type, colour: EDGE_COLOURS[e.type] ?? OTHER_EDGE },
    })),
  ];
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: "node",
    style: {
      "background-color": "data(colour)",
      label: "data(label)",
      "font-size": 9,
      color: "#1d2330",
      "text-valign": "bottom",
      "text-margin-y": 3,
      "text-wrap": "ellipsis",
      "text-max-width": "110px",
      width: 16,
      height: 16,
    },
  },
  { selector: "node.start", style: { width: 28, height: 28, "border-width": 3, "border-color": "#14213d", "font-weight": "bold" } },
  { selector: "node.expanded", style: { "border-width": 2, "border-color": "#14213d" } },
  { selector: "node:selected", style: { "overlay-color": "#1f5fbf", "overlay-opacity": 0.25, "overlay-padding": 6 } },
  {
    selector: "edge",
    style: { width: 1.5, "line-color": "data(colour)", "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": "data(colour)", "arrow-scale": 0.6 },
  },
  { selector: "edge[kind = 'RELATED_TO']", style: { width: 3 } },
  { selector: "node.on-path", style: { "border-width": 3, "border-color": "#111", "z-index": 10 } },
  { selector: "edge.on-path", style: { "line-color": "#111", "target-arrow-color": "#111", width: 4, "z-index": 10 } },
  { selector: "edge:selected", style: { width: 5, "overlay-color": "#1f5fbf", "overlay-opacity": 0.2 } },
];

// Fitting a small graph would blow it up: labels stay readable at this zoom at most.
const FIT_ZOOM = 1.2;

function capZoom(graph: Core) {
  if (graph.zoom() > FIT_ZOOM) {
    graph.zoom(FIT_ZOOM);
    graph.center();
  }
}

type Selection = { kind: "node"; id: string } | { kind: "edge"; edge: GraphEdge } | null;

function ExplorerView({ data }: { data: Loaded }) {
  const start = data.start;
  useTitle(`Explore: ${nodeName(start)}`);
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const store = useRef(new GraphStore()).current;
  const expanded = useRef(new Set<string>([start.id])).current;
  const [selection, setSelection] = useState<Selection>({ kind: "node", id: start.id });
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [size, setSize] = useState({ nodes: 0, edges: 0 });
  const [path, setPath] = useState<GraphNode[] | null>(null);

  function layout() {
    const graph = cy.current;
    if (!graph) return;
    graph.one("layoutstop", () => capZoom(graph));
    graph.layout({ name: "cose", animate: false, randomize: false, fit: true, padding: 30, nodeRepulsion: () => 20000, idealEdgeLength: () => 80, nodeOverlap: 40 } as cytoscape.LayoutOptions).run();
  }

  function grow(nodes: GraphNode[], edges: GraphEdge[], near?: string): number {
    const fresh = store.add(nodes, edges);
    const graph = cy.current;
    if (!graph) return 0;
    const centre = near ? graph.$id(near).position() : { x: 0, y: 0 };
    const added = graph.add(elements(fresh.nodes, fresh.edges));
    // New nodes start around the node they came from, so the layout keeps the picture stable.
    added.nodes().forEach((n, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, added.nodes().length);
      n.position({ x: centre.x + 60 * Math.cos(angle), y: centre.y + 60 * Math.sin(angle) });
    });
    setSize({ nodes: graph.nodes().length, edges: graph.edges().length });
    return fresh.nodes.length;
  }

  async function expand(id: string) {
    setSelection({ kind: "node", id });
    if (expanded.has(id)) return;
    setBusy(`Expanding ${nodeLabel(store.nodes.get(id)!)}…`);
    setMessage(null);
    try {
      const { neighborhood } = await request(ExplorerExpandDocument, { id });
      const added = grow(neighborhood.nodes, neighborhood.edges, id);
      expanded.add(id);
      cy.current?.$id(id).addClass("expanded");
      layout();
      setMessage(added ? `Added ${added} node${added === 1 ? "" : "s"} around ${nodeLabel(store.nodes.get(id)!)}.` : "No new neighbours.");
    } catch (error) {
      setMessage(`Could not expand: ${(error as Error).message}`);
    } finally {
      setBusy(null);
    }
  }

  async function pathTo(target: { id: string; name: string }) {
    setBusy(`Finding a path to ${target.name}…`);
    setMessage(null);
    try {
      const answer = await request(ExplorerPathDocument, { from: start.id, to: target.id });
      const graph = cy.current;
      graph?.elements().removeClass("on-path");
      if (!answer.path) {
        setPath(null);
        setMessage(`No path within 6 hops between ${nodeLabel(start)} and ${target.name}.`);
        return;
      }
      grow(answer.path.nodes, answer.path.edges, start.id);
      layout();
      for (const n of answer.path.nodes) graph?.$id(n.id).addClass("on-path");
      for (const e of answer.path.edges) {
        graph?.$id(edgeKey(e)).addClass("on-path");
        graph?.$id(edgeKey({ ...e, source: e.target, target: e.source })).addClass("on-path");
      }
      setPath(answer.path.nodes);
      setSelection({ kind: "node", id: target.id });
    } catch (error) {
      setMessage(`Could not find a path: ${(error as Error).message}`);
    } finally {
      setBusy(null);
    }
  }

  useEffect(() => {
    store.add([start], []);
    const first = store.add(data.neighborhood.nodes, data.neighborhood.edges);
    const graph = cytoscape({
      container: container.current,
      elements: elements([start, ...first.nodes.filter((n) => n.id !== start.id)], [...store.edges.values()]),
      style: STYLE,
      layout: { name: "cose", animate: false, padding: 30, nodeRepulsion: () => 20000, idealEdgeLength: () => 80, nodeOverlap: 40 } as cytoscape.LayoutOptions,
      minZoom: 0.2,
      maxZoom: 3,
      wheelSensitivity: 0.3,
    });
    capZoom(graph);
    graph.$id(start.id).addClass("start expanded");
    graph.on("tap", "node", (event) => void expand(event.target.id() as string));
    graph.on("tap", "edge", (event) => {
      const d = event.target.data() as { source: string; target: string; kind: string };
      setSelection({ kind: "edge", edge: { source: d.source, target: d.target, type: d.kind } });
    });
    cy.current = graph;
    // For the browser tests and the console: the drawn graph, to find a node's position.
    (container.current as HTMLDivElement & { cy?: Core }).cy = graph;
    setSize({ nodes: graph.nodes().length, edges: graph.edges().length });
    return () => graph.destroy();
  }, []);

  const kinds = [...new Set([...store.nodes.values()].map((n) => n.__typename ?? ""))];
  const relations = [...new Set([...store.edges.values()].map((e) => e.type))];
  return (
    <article class="explorer-page">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        Explore / <span aria-current="page">{nodeLabel(start)}</span>
      </nav>
      <h1>Explore the graph around {start.__typename === "Paper" ? "the paper" : nodeName(start)}</h1>
      {start.__typename === "Paper" && (
        <p class="start-title">
          <a href={nodeUrl(start) ?? "#"}>{start.title}</a>
        </p>
      )}
      <p class="muted">Click a node to expand it; click a pink edge to see why two papers are related.</p>
      <div class="explorer">
        <div>
          <div ref={container} class="graph-box" role="img" aria-label={`A graph of ${size.nodes} nodes and ${size.edges} edges around ${nodeName(start)}`} />
          <p class="graph-size muted" role="status" aria-live="polite">
            {busy ?? `${size.nodes} nodes, ${size.edges} edges`}
            {message && !busy && ` · ${message}`}
          </p>
          <ul class="legend" aria-label="Node types">
            {kinds.map((k) => (
              <li key={k}>
                <span class="swatch" style={{ background: NODE_COLOURS[k] ?? "#777" }} />
                {k}
              </li>
            ))}
          </ul>
          <ul class="legend" aria-label="Relationships">
            {relations.map((r) => (
              <li key={r}>
                <span class="line" style={{ background: EDGE_COLOURS[r] ?? OTHER_EDGE }} />
                {r.toLowerCase().replace(/_/g, " ")}
              </li>
            ))}
          </ul>
        </div>
        <aside class="panel">
          <Details selection={selection} store={store} startId={start.id} onPath={pathTo} />
          <section aria-labelledby="path-heading">
            <h2 id="path-heading">Shortest path</h2>
            <p class="muted">From {nodeLabel(start)} to a paper:</p>
            <SearchBox
              label="A paper to find a path to"
              placeholder="Type a paper's title…"
              types={["PAPER"]}
              onPick={(s: Suggestion) => void pathTo({ id: s.id, name: s.name })}
            />
            {path && (
              <ol class="path">
                {path.map((n) => (
                  <li key={n.id}>
                    <span class="swatch" style={{ background: NODE_COLOURS[n.__typename ?? ""] ?? "#777" }} /> {nodeLabel(n)}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}

function Reasons({ why }: { why: Why }) {
  const parts: [string, string[]][] = [
    ["Shared authors", why.sharedAuthors],
    ["Shared tasks", why.sharedTasks],
    ["Shared methods", why.sharedMethods],
    ["Shared datasets", why.sharedDatasets],
  ];
  return (
    <dl class="facts why-related">
      <dt>Score</dt>
      <dd>{why.score.toFixed(2)}</dd>
      {parts
        .filter(([, names]) => names.length)
        .map(([what, names]) => (
          <Fragment key={what}>
            <dt>{what}</dt>
            <dd>{names.join(", ")}</dd>
          </Fragment>
        ))}
    </dl>
  );
}

function Details(props: { selection: Selection; store: GraphStore; startId: string; onPath: (t: { id: string; name: string }) => void }) {
  const { selection, store } = props;
  if (!selection) return null;
  if (selection.kind === "edge") {
    const { edge } = selection;
    const a = store.nodes.get(edge.source);
    const b = store.nodes.get(edge.target);
    const why = edge.type === "RELATED_TO" ? store.whyRelated(edge.source, edge.target) : null;
    return (
      <section aria-labelledby="selected-heading">
        <h2 id="selected-heading">{edge.type === "RELATED_TO" ? "Why these papers are related" : edge.type.toLowerCase().replace(/_/g, " ")}</h2>
        <p>
          {a && nodeLabel(a)} → {b && nodeLabel(b)}
        </p>
        {why && <Reasons why={why} />}
      </section>
    );
  }
  const node = store.nodes.get(selection.id);
  if (!node) return null;
  const url = nodeUrl(node);
  const related = node.__typename === "Paper" ? store.relatedInView(node.id) : [];
  return (
    <section aria-labelledby="selected-heading">
      <h2 id="selected-heading">{node.__typename}</h2>
      <p class="selected-name">{url ? <a href={url}>{nodeName(node)}</a> : nodeName(node)}</p>
      {node.__typename === "Paper" && node.published && <p class="muted">{node.published}</p>}
      {node.id !== props.startId && (
        <button type="button" class="ghost" onClick={() => props.onPath({ id: node.id, name: nodeLabel(node) })}>
          Shortest path from the start
        </button>
      )}
      {related.length > 0 && (
        <>
          <h3>Related papers in view</h3>
          <ul class="paper-list related-why">
            {related.map(({ other, why }) => (
              <li key={other.id}>
                {nodeLabel(other)}
                {why && <Reasons why={why} />}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
