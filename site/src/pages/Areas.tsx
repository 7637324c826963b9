import { useEffect } from "preact/hooks";
import { useQuery } from "../api/useQuery";
import { ErrorState, Loading } from "../components/states";
import { useTitle } from "../components/title";
import { AreasPageDocument } from "../gql/graphql";
import { urls } from "../urls";
import { count } from "../format";

export function AreasPage() {
  const state = useQuery(AreasPageDocument, {});
  useTitle("Tasks by area");
  const ready = state.status === "ready";
  useEffect(() => {
    // A link to one area (/areas#Name) scrolls to it once the page is there.
    if (ready && location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }, [ready]);
  if (state.status === "loading") return <Loading what="the areas" />;
  if (state.status === "error") return <ErrorState error={state.error} />;
  const { areas } = state.data;
  return (
    <div class="areas">
      <h1>Tasks by area</h1>
      <p class="muted">{areas.totalCount} research areas, each with its tasks by number of papers.</p>
      {areas.nodes.map((area) => (
        <section key={area.name} id={area.name} aria-labelledby={`area-${area.name}`}>
          <h2 id={`area-${area.name}`}>{area.name}</h2>
          <p class="muted">
            {count(area.taskCount, "task")} · {count(area.paperCount, "paper")}
          </p>
          <ul class="task-grid">
            {area.tasks.nodes.map((t) => (
              <li key={t.name}>
                <a href={urls.task(t.name)}>{t.name}</a> <span class="muted">{count(t.paperCount ?? 0, "paper")}</span>
              </li>
            ))}
          </ul>
          {area.taskCount > area.tasks.nodes.length && (
            <p class="muted">The {area.tasks.nodes.length} tasks with most papers.</p>
          )}
        </section>
      ))}
    </div>
  );
}
