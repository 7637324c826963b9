import { useRoute } from "preact-iso";
import { useQuery } from "../api/useQuery";
import { PaperList } from "../components/links";
import { YearChart } from "../components/YearChart";
import { ErrorState, Loading, NotFound } from "../components/states";
import { useTitle } from "../components/title";
import { count } from "../format";
import { MethodPageDocument, type MethodPageQuery } from "../gql/graphql";
import { urls } from "../urls";

export function MethodPage() {
  const { params } = useRoute();
  const state = useQuery(MethodPageDocument, { name: params.name });
  if (state.status === "loading") return <Loading what="the method" />;
  if (state.status === "error") return <ErrorState error={state.error} />;
  if (!state.data.method) return <NotFound what={`method “${params.name}”`} />;
  return <MethodView method={state.data.method} />;
}

function MethodView({ method: m }: { method: NonNullable<MethodPageQuery["method"]> }) {
  useTitle(m.fullName && m.fullName !== m.name ? `${m.name}: ${m.fullName}` : m.name);
  return (
    <article class="method">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href="/methods">Methods</a> / <span aria-current="page">{m.name}</span>
      </nav>
      <h1>{m.name}</h1>
      {m.fullName && m.fullName !== m.name && <p class="full-name">{m.fullName}</p>}
      <dl class="facts">
        <dt>Introduced in</dt>
        <dd>
          {m.introducedIn ? <a href={urls.paper(m.introducedIn.slug)}>{m.introducedIn.title}</a> : "Unknown"}
          {m.introducedYear && ` (${m.introducedYear})`}
        </dd>
        {m.collections.length > 0 && (
          <>
            <dt>Collections</dt>
            <dd>{m.collections.map((c) => (c.area ? `${c.name} (${c.area})` : c.name)).join(", ")}</dd>
          </>
        )}
        {m.source && (
          <>
            <dt>Source</dt>
            <dd>
              <a href={m.source.url} rel="noopener">
                {m.source.title ?? m.source.url}
              </a>
            </dd>
          </>
        )}
        {m.codeSnippetUrl && (
          <>
            <dt>Code</dt>
            <dd>
              <a href={m.codeSnippetUrl} rel="noopener">
                {m.codeSnippetUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
      {m.description && <p class="description">{m.description}</p>}
      <section aria-labelledby="usage">
        <h2 id="usage">Usage per year</h2>
        <YearChart series={m.papersByYear} what="papers using it" />
      </section>
      <section aria-labelledby="papers">
        <h2 id="papers">Papers using {m.name}</h2>
        <p class="muted">{count(m.papers.totalCount, "paper")}, newest first</p>
        <PaperList papers={m.papers.nodes} />
      </section>
    </article>
  );
}
