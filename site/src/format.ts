// How values are shown: dates as the archive gives them (YYYY-MM-DD), long titles cut at a word.

export function shorten(text: string, max = 60): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function year(date: string | null | undefined): string {
  return date ? date.slice(0, 4) : "";
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** A count known only up to a bound (a search's hitCount): "1,000+ papers" when there are more. */
export function atLeast(n: number, exact: boolean, one: string, many = `${one}s`): string {
  return exact ? count(n, one, many) : `${n.toLocaleString("en")}+ ${many}`;
}

/** A repository URL as owner/name (github.com/owner/name → owner/name). */
export function repoLabel(url: string): string {
  try {
    const { hostname, pathname } = new URL(url);
    const path = pathname.replace(/^\/+|\/+$/g, "");
    return hostname === "github.com" && path ? path : `${hostname}${path ? `/${path}` : ""}`;
  } catch {
    return url;
  }
}

/** A date (YYYY-MM-DD) as milliseconds, for a chart's x axis; null when it is not a date. */
export function dateMs(date: string | null | undefined): number | null {
  if (!date) return null;
  const ms = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}
