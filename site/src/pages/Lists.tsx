// The browse pages of the header: papers (newest first), datasets and methods (most used first),
// all leaderboards (by task, then dataset). Each page view is one request; "More" is the next page.
import type { ComponentChildren } from "preact";
import { useRoute } from "preact-iso";
import { useQuery, type QueryState } from "../api/useQuery";
import { ErrorState, Loading } from "../components/states";
import { useTitle } from "../components/title";
import { DatasetsListDocument, MethodsListDocument, PapersListDocument, SotaListDocument } from "../gql/graphql";
import { urls } from "../urls";
import { count } from "../format";

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

function ListPage<R>(props: {
  title: string;
  what: string;
  state: QueryState<R>;
  page: (data: R) => Page;
  path: string;
  children: (data: R) => ComponentChildren;
}) {
  useTitle(props.title);
  const { state } = props;
  if (state.status === "loading") return <Loading what={props.what} />;
  if (state.status === "error") return <ErrorState error={state.error} />;
  const page = props.page(state.data);
  return (
    <div class="list-page">
      <h1>{props.title}</h1>
      <p class="muted">{page.totalCount.toLocaleString("en")} in the archive</p>
      {props.children(state.data)}
      {page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <p class="pager">
          <a class="button ghost" href={`${props.path}?after=${encodeURIComponent(page.pageInfo.endCursor)}`}>
            More →
          </a>
        </p>
      )}
    </div>
  );
}

function useAfter(): string | null {
  return useRoute().query.after || null;
}

export function PapersListPage() {
  const state = useQuery(PapersListDocument, { after: useAfter() });
  return (
    <ListPage title="Papers" what="the papers" state={state} page={(d) => d.papers} path="/papers">
      {(d) => (
        <ul class="paper-list">
          {d.papers.nodes.map((p) => (
            <li key={p.slug}>
              <a href={urls.paper(p.slug)}>{p.title}</a>
              {p.published && <span class="date"> {p.published}</span>}
              {p.repositories.totalCount > 0 && <span class="badge">code</span>}
            </li>
          ))}
        </ul>
      )}
    </ListPage>
  );
}

function NamedList({ items, to }: { items: { name: string; fullName?: string | null; paperCount?: number | null }[]; to: (n: string) => string }) {
  return (
    <ul class="task-grid named-list">
      {items.map((item) => (
        <li key={item.name}>
          <a href={to(item.name)}>{item.name}</a>{" "}
          <span class="muted">
            {item.fullName && item.fullName !== item.name ? `${item.fullName} · ` : ""}
            {count(item.paperCount ?? 0, "paper")}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function DatasetsListPage() {
  const state = useQuery(DatasetsListDocument, { after: useAfter() });
  return (
    <ListPage title="Datasets" what="the datasets" state={state} page={(d) => d.datasets} path="/datasets">
      {(d) => <NamedList items={d.datasets.nodes} to={urls.dataset} />}
    </ListPage>
  );
}

export function MethodsListPage() {
  const state = useQuery(MethodsListDocument, { after: useAfter() });
  return (
    <ListPage title="Methods" what="the methods" state={state} page={(d) => d.methods} path="/methods">
      {(d) => <NamedList items={d.methods.nodes} to={urls.method} />}
    </ListPage>
  );
}

export function SotaListPage() {
  const state = useQuery(SotaListDocument, { after: useAfter() });
  return (
    <ListPage title="State of the art: all leaderboards" what="the leaderboards" state={state} page={(d) => d.leaderboards} path="/sota">
      {(d) => (
        <div class="table-wrap">
          <table class="leaderboards">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Dataset</th>
                <th scope="col">Metric</th>
                <th scope="col">Best model</th>
                <th scope="col">Best value</th>
                <th scope="col">Results</th>
              </tr>
            </thead>
            <tbody>
              {d.leaderboards.nodes.map((b) => (
                <tr key={b.id}>
                  <td>
                    <a href={urls.task(b.task.name)}>{b.task.name}</a>
                  </td>
                  <td>
                    <a href={urls.leaderboard(b.task.name, b.dataset.name)}>{b.dataset.name}</a>
                  </td>
                  <td>{b.metric}</td>
                  <td>{b.best?.model ?? "—"}</td>
                  <td class="num">{b.best?.value ?? "—"}</td>
                  <td class="num">{b.resultCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ListPage>
  );
}

export function AboutPage() {
  useTitle("About");
  return (
    <div class="about">
      <h1>About papers-graph</h1>
      <p>
        papers-graph is a GraphQL API over a Neo4j graph of the public Papers With Code archive: papers,
        authors, tasks, datasets, methods, code and leaderboards. This site is built on it: every page is one
        GraphQL request.
      </p>
      <p>
        Query the API yourself in the playground at <a href="/graphql">/graphql</a>.
      </p>
      <p>Data sourced from the PWC Archive (CC-BY-SA 4.0).</p>
    </div>
  );
}
