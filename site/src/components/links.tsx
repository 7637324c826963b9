// Links to entities, so every place an entity is named leads to its page.
import { urls } from "../urls";

export function Chips({ names, to, label }: { names: string[]; to: (name: string) => string; label: string }) {
  if (!names.length) return null;
  return (
    <ul class="chips" aria-label={label}>
      {names.map((name) => (
        <li key={name}>
          <a class="chip" href={to(name)}>
            {name}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function AuthorList({ names }: { names: string[] }) {
  return (
    <span class="authors">
      {names.map((name, i) => (
        <span key={`${i}-${name}`}>
          {i > 0 && ", "}
          <a href={urls.author(name)}>{name}</a>
        </span>
      ))}
    </span>
  );
}

export interface PaperItem {
  slug: string;
  title: string;
  published?: string | null;
}

export function PaperList({ papers, empty = "No papers." }: { papers: PaperItem[]; empty?: string }) {
  if (!papers.length) return <p class="muted">{empty}</p>;
  return (
    <ul class="paper-list">
      {papers.map((p) => (
        <li key={p.slug}>
          <a href={urls.paper(p.slug)}>{p.title}</a>
          {p.published && <span class="date"> {p.published}</span>}
        </li>
      ))}
    </ul>
  );
}
