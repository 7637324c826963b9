import { useRoute } from "preact-iso";
import { useQuery } from "../api/useQuery";
import { Chips, PaperList } from "../components/links";
import { YearChart } from "../components/YearChart";
import { ErrorState, Loading, NotFound } from "../components/states";
import { useTitle } from "../components/title";
import { count } from "../format";
import { DatasetPageDocument, type DatasetPageQuery } from "../gql/graphql";
import { urls } from "../urls";

export function DatasetPage() {
  const { params } = useRoute();
  const state = useQuery(DatasetPageDocument, { name: params.name });
  if (state.status === "loading") return <Loading what="the dataset" />;
  if (state.status === "error") return <ErrorState error={state.error} />;
  if (!state.data.dataset) return <NotFound what={`dataset “${params.name}”`} />;
  return <DatasetView dataset={state.data.dataset} />;
}

function DatasetView({ dataset: d }: { dataset: NonNullable<DatasetPageQuery["dataset"]> }) {
  useTitle(d.name);
  return (
    <article class="dataset">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href="/datasets">Datasets</a>
        {d.parent && (
          <>
            {" / "}
            <a href={urls.dataset(d.parent.name)}>{d.parent.name}</a>
          </>
        )}{" "}
        / <span aria-current="page">{d.name}</span>
      </nav>
      <h1>{d.name}</h1>
      {d.fullName && d.fullName !== d.name && <p class="full-name">{d.fullName}</p>}
      <dl class="facts">
        {d.homepage && (
          <>
            <dt>Homepage</dt>
            <dd>
              <a href={d.homepage} rel="noopener">
                {d.homepage}
              </a>
            </dd>
          </>
        )}
        {d.modalities.length > 0 && (
          <>
            <dt>Modalities</dt>
            <dd>{d.modalities.join(", ")}</dd>
          </>
        )}
        {d.languages.length > 0 && (
          <>
            <dt>Languages</dt>
            <dd>{d.languages.join(", ")}</dd>
          </>
        )}
        <dt>Licence</dt>
        <dd>{d.licenseUrl ? <a href={d.licenseUrl}>{d.licenseName ?? d.licenseUrl}</a> : (d.licenseName ?? "Unknown")}</dd>
        {d.introducedIn && (
          <>
            <dt>Introduced in</dt>
            <dd>
              <a href={urls.paper(d.introducedIn.slug)}>{d.introducedIn.title}</a>
              {d.introducedIn.published && ` (${d.introducedIn.published.slice(0, 4)})`}
            </dd>
          </>
        )}
        {d.variants.length > 0 && (
          <>
            <dt>Variants</dt>
            <dd>{d.variants.join(", ")}</dd>
          </>
        )}
      </dl>
      {d.description && <p class="description">{d.description}</p>}

      <section aria-labelledby="tasks">
        <h2 id="tasks">Tasks</h2>
        {d.tasks.nodes.length ? (
          <Chips label="Tasks" names={d.tasks.nodes.map((t) => t.name)} to={urls.task} />
        ) : (
          <p class="muted">No tasks.</p>
        )}
      </section>

      <section aria-labelledby="leaderboards">
        <h2 id="leaderboards">Leaderboards</h2>
        {d.leaderboards.nodes.length ? (
          <div class="table-wrap">
            <table class="leaderboards">
              <thead>
                <tr>
                  <th scope="col">Task</th>
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
                      <a href={urls.leaderboard(b.task.name, d.name)}>{b.task.name}</a>
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
        ) : (
          <p class="muted">No leaderboards on this dataset.</p>
        )}
      </section>

      <section aria-labelledby="usage">
        <h2 id="usage">Usage per year</h2>
        <YearChart series={d.papersByYear} what="papers using it" />
      </section>

      <section aria-labelledby="papers">
        <h2 id="papers">Papers using {d.name}</h2>
        <p class="muted">{count(d.papers.totalCount, "paper")}, newest first</p>
        <PaperList papers={d.papers.nodes} />
      </section>
    </article>
  );
}
