// The explorer's graph, apart from its drawing: nodes and edges merged as they arrive, labels,
// colours by node type and by relationship, and why two papers are related.
import type { ExplorerNodeFragment } from "./gql/graphql";
import { shorten } from "./format";
import { urls } from "./urls";

export type GraphNode = ExplorerNodeFragment;
export interface GraphEdge {
  source: string;
  target: string;
  type: string;
}

export const NODE_COLOURS: Record<string, string> = {
  Paper: "#1f5fbf",
  Author: "#d9730d",
  Task: "#1b7f4b",
  Method: "#7b3fbf",
  Dataset: "#c0392b",
  Repository: "#555f6d",
  Result: "#b08900",
  Proceeding: "#8a5a44",
  Conference: "#8a5a44",
  Area: "#138d90",
};

export const EDGE_COLOURS: Record<string, string> = {
  RELATED_TO: "#e0457b",
  AUTHORED_BY: "#f0a35e",
  ADDRESSES: "#6fbf8f",
  USES_METHOD: "#b28ae0",
  HAS_CODE: "#9aa3ad",
  REPORTS: "#d9c36a",
  ON_TASK: "#6fbf8f",
  ON_DATASET: "#e08a80",
  PUBLISHED_IN: "#c29d88",
  INTRODUCED_IN: "#7fa7e0",
  SUBTASK_OF: "#6fbf8f",
  IN_AREA: "#76c7c9",
  FOR_TASK: "#6fbf8f",
  IN_COLLECTION: "#b28ae0",
};
export const OTHER_EDGE = "#c3c8d0";

export function nodeName(node: GraphNode): string {
  switch (node.__typename) {
    case "Paper":
      return node.title;
    case "Repository":
      return node.url.replace(/^https?:\/\/(www\.)?github\.com\//, "");
    case "Result":
      return `${node.model ?? "result"}: ${node.metric} ${node.value ?? ""}`.trim();
    case "Author":
    case "Task":
    case "Method":
    case "Dataset":
    case "Proceeding":
    case "Conference":
    case "Area":
      return node.name;
    default:
      return node.id;
  }
}

export function nodeLabel(node: GraphNode): string {
  return shorten(nodeName(node), 34);
}

/** The site's page of a node, when it has one. */
export function nodeUrl(node: GraphNode): string | null {
  switch (node.__typename) {
    case "Paper":
      return urls.paper(node.slug);
    case "Author":
      return urls.author(node.name);
    case "Task":
      return urls.task(node.name);
    case "Method":
      return urls.method(node.name);
    case "Dataset":
      return urls.dataset(node.name);
    case "Repository":
      return node.url;
    default:
      return null;
  }
}

export interface Why {
  score: number;
  sharedAuthors: string[];
  sharedTasks: string[];
  sharedMethods: string[];
  sharedDatasets: string[];
}

export const edgeKey = (e: GraphEdge) => `${e.source}|${e.type}|${e.target}`;
const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Everything the explorer has been told so far, merged (a node seen twice is kept once). */
export class GraphStore {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();
  private readonly why = new Map<string, Why>();

  /** Adds what a query answered; returns the nodes and edges that are new. */
  add(nodes: GraphNode[], edges: GraphEdge[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
    const fresh: GraphNode[] = [];
    for (const node of nodes) {
      if (!this.nodes.has(node.id)) fresh.push(node);
      this.nodes.set(node.id, node);
      if (node.__typename === "Paper") {
        for (const edge of node.related.edges) {
          const { node: other, ...reasons } = edge;
          this.why.set(pairKey(node.id, other.id), reasons);
        }
      }
    }
    const freshEdges: GraphEdge[] = [];
    for (const edge of edges) {
      const key = edgeKey(edge);
      if (this.edges.has(key) || !this.nodes.has(edge.source) || !this.nodes.has(edge.target)) continue;
      this.edges.set(key, edge);
      freshEdges.push(edge);
    }
    return { nodes: fresh, edges: freshEdges };
  }

  /** Why two papers are related (their stored link's shared features), when known. */
  whyRelated(a: string, b: string): Why | null {
    return this.why.get(pairKey(a, b)) ?? null;
  }

  /** The papers linked to `id` by RELATED_TO in the graph, with why. */
  relatedInView(id: string): { other: GraphNode; why: Why | null }[] {
    // The loader stores a link both ways when each paper is in the other's top k: one entry.
    const found = new Map<string, { other: GraphNode; why: Why | null }>();
    for (const edge of this.edges.values()) {
      if (edge.type !== "RELATED_TO" || (edge.source !== id && edge.target !== id)) continue;
      const other = this.nodes.get(edge.source === id ? edge.target : edge.source);
      if (other) found.set(other.id, { other, why: this.whyRelated(id, other.id) });
    }
    return [...found.values()];
  }
}
