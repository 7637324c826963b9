import { useRoute } from "preact-iso";
import { useQuery } from "../api/useQuery";
import { Chips } from "../components/links";
import { ErrorState, Loading, NotFound } from "../components/states";
import { useTitle } from "../components/title";
import { count } from "../format";
import { AuthorPageDocument, type AuthorPageQuery } from "../gql/graphql";
import { urls } from "../urls";

export function AuthorPage() {
  const { params } = useRoute();
  const state = useQuery(AuthorPageDocument, { name: params.name });
  if (state.status === "loading") return <Loading what="the author" />;
  if (state.status === "error") return <ErrorState error={state.error} />;
  if (!state.data.author) return <NotFound what={`author “${params.name}”`} />;
  return <AuthorView author={state.data.author} />;
}

function AuthorView({ author }: { author: NonNullable<AuthorPageQuery["author"]> }) {
  useTitle(author.name);
  const papers = author.papers;
  return (
    <article class="author">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        Authors / <span aria-current="page">{author.name}</span>
      </nav>
      <h1>{author.name}</h1>
      <p class="muted">{count(papers.totalCount, "paper")}</p>
      <div class="two-col">
        <section aria-labelledby="papers">
          <h2 id="papers">Papers</h2>
          <ul class="paper-list">
            {papers.nodes.map((p) => (
              <li key={p.slug}>
                <a href={urls.paper(p.slug)}>{p.title}</a>
                {p.published && <span class="date"> {p.published}</span>}
                <Chips label="Tasks" names={p.tasks.nodes.map((t) => t.name)} to={urls.task} />
              </li>
            ))}
          </ul>
          {papers.totalCount > papers.nodes.length && (
            <p class="muted">
              The newest {papers.nodes.length} of {papers.totalCount} papers.
            </p>
          )}
        </section>
        <aside>
          <section aria-labelledby="coauthors">
            <h2 id="coauthors">Co-authors</h2>
            {author.coauthors.edges.length ? (
              <ul class="paper-list coauthors">
                {author.coauthors.edges.map((edge) => (
                  <li key={edge.node.name}>
                    <a href={urls.author(edge.node.name)}>{edge.node.name}</a>
                    <span class="date"> {count(edge.sharedPapers, "shared paper")}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">No co-authors in the archive.</p>
            )}
          </section>
          <section aria-labelledby="tasks">
            <h2 id="tasks">Tasks</h2>
            <Chips label="Tasks" names={author.tasks.nodes.map((t) => t.name)} to={urls.task} />
          </section>
        </aside>
      </div>
      <p>
        <a class="button ghost" href={urls.explore(author.id)}>
          Explore the graph around {author.name}
        </a>
      </p>
    </article>
  );
}
