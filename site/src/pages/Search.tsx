import { useRoute } from "preact-iso";
import { useQuery } from "../api/useQuery";
import { AuthorList, Chips } from "../components/links";
import { SearchBox } from "../components/SearchBox";
import { ErrorState, Loading } from "../components/states";
import { useTitle } from "../components/title";
import { atLeast, shorten } from "../format";
import { SearchPageDocument } from "../gql/graphql";
import { urls } from "../urls";

export function SearchPage() {
  const { query } = useRoute();
  const text = (query.q ?? "").trim();
  if (!text) return <EmptySearch />;
  return <SearchResults text={text} after={query.after || null} />;
}

function EmptySearch() {
  useTitle("Search");
  return (
    <div>
      <h1>Search</h1>
      <SearchBox label="Search the archive" autofocus />
    </div>
  );
}

function SearchResults({ text, after }: { text: string; after: string | null }) {
  const state = useQuery(SearchPageDocument, { query: text, after });
  useTitle(`Search: ${text}`);
  if (state.status === "loading") return <Loading what="the results" />;
  if (state.status === "error") return <ErrorState error={state.error} />;
  const { search } = state.data;
  return (
    <div class="search">
      <h1>
        Papers matching “{text}”
      </h1>
      <p class="muted" role="status">
        {atLeast(search.hitCount.count, search.hitCount.exact, "paper")}
      </p>
      {search.edges.length ? (
        <ol class="paper-list results-list">
          {search.edges.map(({ node: p }) => (
            <li key={p.slug}>
              <a href={urls.paper(p.slug)}>{p.title}</a>
              {p.published && <span class="date"> {p.published}</span>}
              <span class="snippet">
                <AuthorList names={p.authors.nodes.map((a) => a.name)} />
                {p.authors.totalCount > p.authors.nodes.length && " et al."}
              </span>
              {p.abstract && <span class="snippet">{shorten(p.abstract, 220)}</span>}
              <Chips label="Tasks" names={p.tasks.nodes.map((t) => t.name)} to={urls.task} />
            </li>
          ))}
        </ol>
      ) : (
        <p>No paper matches. Try fewer or other words.</p>
      )}
      {search.pageInfo.hasNextPage && (
        <p class="pager">
          <a class="button ghost" href={urls.search(text, search.pageInfo.endCursor)}>
            More results →
          </a>
        </p>
      )}
    </div>
  );
}
