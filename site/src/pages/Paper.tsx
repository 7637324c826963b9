import { useRoute } from "preact-iso";
import { useQuery } from "../api/useQuery";
import { AuthorList, Chips } from "../components/links";
import { ErrorState, Loading, NotFound } from "../components/states";
import { useTitle } from "../components/title";
import { shorten, repoLabel } from "../format";
import { PaperPageDocument, type PaperPageQuery } from "../gql/graphql";
import { urls } from "../urls";

type Paper = NonNullable<PaperPageQuery["paper"]>;

export function PaperPage() {
  const { params } = useRoute();
  const state = useQuery(PaperPageDocument, { slug: params.slug });
  if (state.status === "loading") return <Loading what="the paper" />;
  if (state.status === "error") return <ErrorState error={state.error} />;
  if (!state.data.paper) return <NotFound what={`paper “${params.slug}”`} />;
  return <PaperView paper={state.data.paper} />;
}

function PaperView({ paper }: { paper: Paper }) {
  useTitle(paper.title);
  const results = paper.results.nodes;
  return (
    <article class="paper">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href={urls.papers()}>Papers</a> / <span aria-current="page">{shorten(paper.title, 70)}</span>
      </nav>
      <h1>{paper.title}</h1>
      <p class="byline">
        <AuthorList names={paper.authors.nodes.map((a) => a.name)} />
      </p>
      <div class="meta">
        {paper.published && <time dateTime={paper.published}>{paper.published}</time>}
        {paper.venue && <span class="venue">{paper.venue.name}</span>}
        <Chips label="Tasks" names={paper.tasks.nodes.map((t) => t.name)} to={urls.task} />
      </div>
      <ul class="paper-links" aria-label="Links">
        {paper.urlAbs && (
          <li>
            <a class="button" href={paper.urlAbs} rel="noopener">
              Paper
            </a>
          </li>
        )}
        {paper.urlPdf && (
          <li>
            <a class="button" href={paper.urlPdf} rel="noopener">
              PDF
            </a>
          </li>
        )}
        {paper.repositories.edges.map((edge) => (
          <li key={edge.node.url}>
            <a class="button code" href={edge.node.url} rel="noopener" title={edge.node.url}>
              Code{edge.official ? " (official)" : ""}
              <span class="repo"> {repoLabel(edge.node.url)}</span>
            </a>
          </li>
        ))}
        <li>
          <a class="button ghost" href={urls.explore(paper.id)}>
            Explore the graph
          </a>
        </li>
        <li>
          <a class="button ghost" href={`/submit?paper=${encodeURIComponent(paper.slug)}`}>
            Submit a result
          </a>
        </li>
      </ul>

      <section aria-labelledby="abstract">
        <h2 id="abstract">Abstract</h2>
        <p class="abstract">{paper.abstract || <span class="muted">No abstract in the archive.</span>}</p>
      </section>

      <section aria-labelledby="results">
        <h2 id="results">Results</h2>
        {results.length ? (
          <div class="table-wrap">
            <table class="results">
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Dataset</th>
                  <th scope="col">Metric</th>
                  <th scope="col">Value</th>
                  <th scope="col">Model</th>
                </tr>
              </thead>
              <tbody>
                {results.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <a href={urls.task(r.task.name)}>{r.task.name}</a>
                    </td>
                    <td>
                      <a href={urls.leaderboard(r.task.name, r.dataset.name)}>{r.dataset.name}</a>
                    </td>
                    <td>
                      <a href={urls.leaderboard(r.task.name, r.dataset.name, r.metric)}>{r.metric}</a>
                    </td>
                    <td class="num">
                      {r.value ?? "—"}
                      {r.rank != null && <span class="rank"> #{r.rank}</span>}
                    </td>
                    <td>{r.model ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {paper.results.totalCount > results.length && (
              <p class="muted">
                The first {results.length} of {paper.results.totalCount} results.
              </p>
            )}
          </div>
        ) : (
          <p class="muted">No results reported in the archive.</p>
        )}
      </section>

      <section aria-labelledby="related">
        <h2 id="related">Related Papers</h2>
        {paper.related.edges.length ? (
          <ul class="paper-list related">
            {paper.related.edges.map((edge) => (
              <li key={edge.node.slug}>
                <a href={urls.paper(edge.node.slug)}>{edge.node.title}</a>
                {edge.node.published && <span class="date"> {edge.node.published}</span>}
                <span class="why">{whyRelated(edge)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No related papers.</p>
        )}
      </section>
      {paper.methods.nodes.length > 0 && (
        <section aria-labelledby="methods">
          <h2 id="methods">Methods</h2>
          <Chips label="Methods" names={paper.methods.nodes.map((m) => m.name)} to={urls.method} />
        </section>
      )}

    </article>
  );
}

export function whyRelated(edge: {
  sharedAuthors: string[];
  sharedTasks: string[];
  sharedMethods: string[];
  sharedDatasets: string[];
}): string {
  const parts = [
    ["authors", edge.sharedAuthors],
    ["tasks", edge.sharedTasks],
    ["methods", edge.sharedMethods],
    ["datasets", edge.sharedDatasets],
  ] as const;
  return parts
    .filter(([, names]) => names.length)
    .map(([what, names]) => `shared ${what}: ${names.join(", ")}`)
    .join(" · ");
}
