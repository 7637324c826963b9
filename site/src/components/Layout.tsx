import type { ComponentChildren } from "preact";
import { urls } from "../urls";
import { SearchBox } from "./SearchBox";

export function Layout({ children }: { children: ComponentChildren }) {
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <a class="brand" href="/">
          papers-graph
        </a>
        <nav aria-label="Main">
          <a href={urls.areas()}>Tasks</a>
          <a href="/sota">SotA</a>
          <a href="/datasets">Datasets</a>
          <a href={urls.papers()}>Papers</a>
          <a href="/methods">Methods</a>
          <a href="/submit">Submit</a>
          <a href="/about">About</a>
        </nav>
        <SearchBox />
      </header>
      <main id="main">{children}</main>
      <footer class="site-footer">
        <div>
          <h2>Explore</h2>
          <a href="/sota">All SotA</a>
          <a href="/datasets">Datasets</a>
          <a href={urls.papers()}>Papers</a>
          <a href="/methods">Methods</a>
        </div>
        <div>
          <h2>Community</h2>
          <a href="/submit">Submit results</a>
          <a href="/submissions">My submissions</a>
          <a href="/moderation">Moderation</a>
          <a href="/about">About</a>
          <a href="/graphql">GraphQL API</a>
        </div>
        <p class="source">Data sourced from the PWC Archive (CC-BY-SA 4.0)</p>
      </footer>
    </>
  );
}
