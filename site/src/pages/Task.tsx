import { useRoute } from "preact-iso";
import { useQuery } from "../api/useQuery";
import { Chips } from "../components/links";
import { SotaChart } from "../components/SotaChart";
import { YearChart } from "../components/YearChart";
import { ErrorState, Loading, NotFound } from "../components/states";
import { useTitle } from "../components/title";
import { count } from "../format";
import { TaskPageDocument, type TaskPageQuery } from "../gql/graphql";
import { urls } from "../urls";

type Task = NonNullable<TaskPageQuery["task"]>;

export function TaskPage() {
  const { params } = useRoute();
  const state = useQuery(TaskPageDocument, { name: params.name });
  if (state.status === "loading") return <Loading what="the task" />;
  if (state.status === "error") return <ErrorState error={state.error} />;
  if (!state.data.task) return <NotFound what={`task “${params.name}”`} />;
  return <TaskView task={state.data.task} />;
}

function TaskView({ task }: { task: Task }) {
  useTitle(task.name);
  const boards = task.leaderboards;
  // Newest first as the API gives them, the ones with code first.
  const papers = [...task.papers.nodes].sort(
    (a, b) => Number(b.repositories.totalCount > 0) - Number(a.repositories.totalCount > 0),
  );
  return (
    <article class="task">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        {task.areas[0] ? <a href={urls.area(task.areas[0].name)}>{task.areas[0].name}</a> : <a href={urls.areas()}>Tasks</a>}
        {task.ancestors.map((a) => (
          <span key={a.name}>
            {" / "}
            <a href={urls.task(a.name)}>{a.name}</a>
          </span>
        ))}
        {" / "}
        <span aria-current="page">{task.name}</span>
      </nav>
      <h1>{task.name}</h1>
      <p class="muted">
        {count(task.paperCount ?? 0, "paper")} · {count(boards.totalCount, "leaderboard")}
        {task.synonyms.length > 0 && ` · also called ${task.synonyms.join(", ")}`}
      </p>
      {task.description && <p class="description">{task.description}</p>}
      {task.subtasks.nodes.length > 0 && (
        <section aria-labelledby="subtasks">
          <h2 id="subtasks">Subtasks</h2>
          <Chips label="Subtasks" names={task.subtasks.nodes.map((t) => t.name)} to={urls.task} />
        </section>
      )}

      <section aria-labelledby="leaderboards">
        <h2 id="leaderboards">Leaderboards</h2>
        {boards.nodes.length ? (
          <>
            <div class="table-wrap">
              <table class="leaderboards">
                <thead>
                  <tr>
                    <th scope="col">Dataset</th>
                    <th scope="col">Metric</th>
                    <th scope="col">Best model</th>
                    <th scope="col">Best value</th>
                    <th scope="col">Results</th>
                  </tr>
                </thead>
                <tbody>
                  {boards.nodes.map((b) => (
                    <tr key={b.id}>
                      <td>
                        <a href={urls.leaderboard(task.name, b.dataset.name)}>{b.dataset.name}</a>
                      </td>
                      <td>{b.metric}</td>
                      <td>
                        {b.best?.paper ? <a href={urls.paper(b.best.paper.slug)}>{b.best.model ?? b.best.paper.title}</a> : (b.best?.model ?? "—")}
                      </td>
                      <td class="num">{b.best?.value ?? "—"}</td>
                      <td class="num">{b.resultCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3 class="charts-heading">State of the art over time</h3>
            <div class="board-grid">
              {boards.nodes.map((b) => (
                <figure class="board-chart" key={b.id}>
                  <figcaption>
                    <a href={urls.leaderboard(task.name, b.dataset.name)}>{b.dataset.name}</a>{" "}
                    <span class="muted">{b.metric}</span>
                  </figcaption>
                  <SotaChart progression={b.progression} metric={b.metric} higherIsBetter={b.higherIsBetter} compact />
                </figure>
              ))}
            </div>
            {boards.totalCount > boards.nodes.length && (
              <p class="muted">
                The first {boards.nodes.length} of {boards.totalCount} leaderboards.
              </p>
            )}
          </>
        ) : (
          <p class="muted">No leaderboards for this task.</p>
        )}
      </section>

      {task.datasets.nodes.length > 0 && (
        <section aria-labelledby="datasets">
          <h2 id="datasets">Datasets</h2>
          <Chips label="Datasets" names={task.datasets.nodes.map((d) => d.name)} to={urls.dataset} />
        </section>
      )}

      <section aria-labelledby="per-year">
        <h2 id="per-year">Papers per year</h2>
        <YearChart series={task.papersByYear} what="papers" />
      </section>

      <section aria-labelledby="papers">
        <h2 id="papers">Papers</h2>
        {papers.length ? (
          <ul class="paper-list">
            {papers.map((p) => (
              <li key={p.slug}>
                <a href={urls.paper(p.slug)}>{p.title}</a>
                {p.published && <span class="date"> {p.published}</span>}
                {p.repositories.totalCount > 0 && <span class="badge">code</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No papers for this task.</p>
        )}
      </section>
    </article>
  );
}
