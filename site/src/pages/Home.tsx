import { useQuery } from "../api/useQuery";
import { AuthorList, Chips } from "../components/links";
import { SearchBox } from "../components/SearchBox";
import { ErrorState, Loading } from "../components/states";
import { useTitle } from "../components/title";
import { HomePageDocument } from "../gql/graphql";
import { count, repoLabel } from "../format";
import { urls } from "../urls";

export function HomePage() {
  const state = useQuery(HomePageDocument, {});
  useTitle(state.status === "ready" ? "Papers, code and the state of the art" : null);
  if (state.status === "loading") return <Loading what="the home page" />;
  if (state.status === "error") return <ErrorState error={state.error} />;
  const { areas, newest, stats } = state.data;
  return (
    <div class="home">
      <section class="hero">
        <h1>Papers, code and the state of the art</h1>
        <p>Machine-learning research from the Papers With Code archive, as a graph.</p>
        <SearchBox label="Search the archive" placeholder="Search papers, tasks, datasets, methods, authors" />
        <ul class="stats" aria-label="What the graph holds">
          <Stat n={stats.papers} what="papers" href={urls.papers()} />
          <Stat n={stats.papersWithCode} what="with code" href={urls.papers()} />
          <Stat n={stats.tasks} what="tasks" href={urls.areas()} />
          <Stat n={stats.leaderboards} what="leaderboards" href={urls.sota()} />
          <Stat n={stats.results} what="results" href={urls.sota()} />
          <Stat n={stats.datasets} what="datasets" href={urls.datasets()} />
          <Stat n={stats.methods} what="methods" href={urls.methods()} />
          <Stat n={stats.authors} what="authors" />
          <Stat n={stats.repositories} what="repositories" />
        </ul>
      </section>

      <section aria-labelledby="areas">
        <h2 id="areas">Research areas</h2>
        <div class="area-grid">
          {areas.nodes.map((area) => (
            <div class="card area" key={area.name}>
              <h3>
                <a href={urls.area(area.name)}>{area.name}</a>
              </h3>
              <p class="muted">
                {count(area.taskCount, "task")} · {count(area.paperCount, "paper")}
              </p>
              <ul>
                {area.tasks.nodes.map((t) => (
                  <li key={t.name}>
                    <a href={urls.task(t.name)}>{t.name}</a> <span class="muted">{t.paperCount ?? 0}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
        <p>
          <a href={urls.areas()}>All {areas.totalCount} areas and their tasks →</a>
        </p>
      </section>

      <section aria-labelledby="newest">
        <h2 id="newest">Newest papers with code</h2>
        <ul class="paper-cards">
          {newest.nodes.map((p) => (
            <li class="card" key={p.slug}>
              <h3>
                <a href={urls.paper(p.slug)}>{p.title}</a>
              </h3>
              <p class="muted">
                {p.published} · <AuthorList names={p.authors.nodes.map((a) => a.name)} />
                {p.authors.totalCount > p.authors.nodes.length && " et al."}
              </p>
              <Chips label="Tasks" names={p.tasks.nodes.map((t) => t.name)} to={urls.task} />
              {p.repositories.nodes[0] && (
                <p class="code-line">
                  Code: <a href={p.repositories.nodes[0].url}>{repoLabel(p.repositories.nodes[0].url)}</a>
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Stat(props: { n: number; what: string; href?: string }) {
  const body = (
    <>
      <strong>{props.n.toLocaleString("en")}</strong> {props.what}
    </>
  );
  return <li>{props.href ? <a href={props.href}>{body}</a> : body}</li>;
}
