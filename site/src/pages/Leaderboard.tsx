import { useRoute } from "preact-iso";
import { useQuery } from "../api/useQuery";
import { SotaChart } from "../components/SotaChart";
import { ErrorState, Loading, NotFound } from "../components/states";
import { useTitle } from "../components/title";
import { count, repoLabel } from "../format";
import { LeaderboardPageDocument, type LeaderboardPageQuery } from "../gql/graphql";
import { urls } from "../urls";

type Board = NonNullable<LeaderboardPageQuery["leaderboard"]>;

export function LeaderboardPage() {
  const { params, query } = useRoute();
  const variables = { task: params.task, dataset: params.dataset, metric: query.metric || null };
  const state = useQuery(LeaderboardPageDocument, variables);
  if (state.status === "loading") return <Loading what="the leaderboard" />;
  if (state.status === "error") return <ErrorState error={state.error} />;
  const board = state.data.leaderboard;
  // An unknown metric of a known board is a 404 too: the API answers null for it.
  if (!board) return <NotFound what={`leaderboard of “${params.task}” on “${params.dataset}”${query.metric ? ` with metric “${query.metric}”` : ""}`} />;
  return <LeaderboardView board={board} />;
}

function LeaderboardView({ board }: { board: Board }) {
  const task = board.task.name;
  const dataset = board.dataset.name;
  useTitle(`${task} on ${dataset} (${board.metric})`);
  const rows = board.rows.nodes;
  return (
    <article class="leaderboard">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href={urls.task(task)}>{task}</a> / <a href={urls.dataset(dataset)}>{dataset}</a> /{" "}
        <span aria-current="page">{board.metric}</span>
      </nav>
      <h1>
        {task} on {dataset}
      </h1>
      <p class="muted">
        {board.dataset.fullName && board.dataset.fullName !== dataset && `${board.dataset.fullName} · `}
        {count(board.resultCount, "result")} · {board.higherIsBetter ? "higher" : "lower"} is better
      </p>
      {board.metrics.length > 1 && (
        <nav aria-label="Metric">
          <ul class="metric-switch">
            {board.metrics.map((m) => (
              <li key={m}>
                <a class="chip" href={urls.leaderboard(task, dataset, m)} aria-current={m === board.metric ? "page" : undefined}>
                  {m}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <section aria-labelledby="sota">
        <h2 id="sota">State of the art over time ({board.metric})</h2>
        <SotaChart progression={board.progression} metric={board.metric} higherIsBetter={board.higherIsBetter} />
      </section>

      <section aria-labelledby="ranking">
        <h2 id="ranking">Ranking ({board.metric})</h2>
        <div class="table-wrap">
          <table class="ranking">
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Model</th>
                <th scope="col">{board.metric}</th>
                <th scope="col">Paper</th>
                <th scope="col">Code</th>
                <th scope="col">Extra data</th>
                <th scope="col">Date</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} class={r.rank === 1 ? "best" : undefined}>
                  <td class="num">{r.rank ?? "—"}</td>
                  <td>
                    {r.model ?? ""}
                    {r.source === "COMMUNITY" && (
                      <span class="chip community" title={`A community submission, approved by ${r.approvedBy ?? "a moderator"}`}>
                        community
                      </span>
                    )}
                  </td>
                  <td class="num">{r.value ?? "—"}</td>
                  <td>{r.paper ? <a href={urls.paper(r.paper.slug)}>{r.paper.title}</a> : (r.paperTitle ?? "")}</td>
                  <td>
                    {r.code.map((c) => (
                      <a key={c.url} href={c.url} rel="noopener" title={c.url}>
                        {repoLabel(c.url)}
                      </a>
                    ))}
                  </td>
                  <td>{r.usesAdditionalData ? "Yes" : "No"}</td>
                  <td class="num">{r.date ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {board.resultCount > rows.length && (
          <p class="muted">
            The top {rows.length} of {board.resultCount} results.
          </p>
        )}
      </section>
    </article>
  );
}
