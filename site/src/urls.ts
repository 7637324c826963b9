// Every page's URL, made in one place so links and routes agree. Names are path segments,
// percent-encoded (a task name may hold a slash).
const seg = encodeURIComponent;

export const urls = {
  home: () => "/",
  paper: (slug: string) => `/paper/${seg(slug)}`,
  papers: (after?: string | null) => (after ? `/papers?after=${seg(after)}` : "/papers"),
  search: (query: string, after?: string | null) =>
    `/search?q=${seg(query)}${after ? `&after=${seg(after)}` : ""}`,
  task: (name: string) => `/task/${seg(name)}`,
  leaderboard: (task: string, dataset: string, metric?: string | null) =>
    `/leaderboard/${seg(task)}/${seg(dataset)}${metric ? `?metric=${seg(metric)}` : ""}`,
  author: (name: string) => `/author/${seg(name)}`,
  dataset: (name: string) => `/dataset/${seg(name)}`,
  method: (name: string) => `/method/${seg(name)}`,
  areas: () => "/areas",
  datasets: () => "/datasets",
  methods: () => "/methods",
  sota: () => "/sota",
  area: (name: string) => `/areas#${seg(name)}`,
  explore: (id: string) => `/explore/${seg(id)}`,
};

export type SuggestKind = "PAPER" | "AUTHOR" | "TASK" | "DATASET" | "METHOD";

/** The page of a suggested entity: papers by slug, the others by name. */
export function suggestionUrl(type: SuggestKind, name: string, slug?: string | null): string {
  switch (type) {
    case "PAPER":
      return urls.paper(slug ?? name);
    case "AUTHOR":
      return urls.author(name);
    case "TASK":
      return urls.task(name);
    case "DATASET":
      return urls.dataset(name);
    case "METHOD":
      return urls.method(name);
  }
}
