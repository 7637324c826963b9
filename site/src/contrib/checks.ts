// The server's checks of a submission (graphdb/contributions.py), run in the browser first so
// that a mistake is shown beside its field before anything is sent. The server checks again:
// these only spare a round trip.

export const MAX_CHARS = {
  paper: 300,
  task: 300,
  dataset: 300,
  metric: 100,
  value: 100,
  model: 200,
  evidenceUrl: 500,
  codeUrl: 500,
  repositoryUrl: 500,
  framework: 40,
  reason: 1000,
} as const;

export type Field = keyof typeof MAX_CHARS;
export type FieldErrors = Partial<Record<string, string>>;

// A control character (line breaks, tabs, ...): refused in every text field.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// The start of a value the loader's metric parser reads a number from ("84.3", "0.84 ± 0.01",
// "76.2%", "1,234", ".5").
const NUMBER = /^\s*[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?/;

export function checkText(field: Field, value: string, required: boolean): string | null {
  const text = value.trim();
  if (!text) return required ? "Required." : null;
  if (text.length > MAX_CHARS[field]) return `At most ${MAX_CHARS[field]} characters (this has ${text.length}).`;
  if (CONTROL.test(text)) return "No line breaks or tabs.";
  return null;
}

export function checkUrl(field: Field, value: string, required: boolean): string | null {
  const bad = checkText(field, value, required);
  if (bad || !value.trim()) return bad;
  const text = value.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return "An http(s) URL with a host, e.g. https://github.com/owner/repo.";
  }
  if ((parsed.protocol !== "http:" && parsed.protocol !== "https:") || !parsed.hostname || text.includes(" ")) {
    return "An http(s) URL with a host, e.g. https://github.com/owner/repo.";
  }
  return null;
}

export function hasNumber(value: string): boolean {
  const match = NUMBER.exec(value);
  return !!match && /\d/.test(match[0]);
}

export interface ResultForm {
  paper: string;
  task: string;
  dataset: string;
  metric: string;
  value: string;
  model: string;
  evidenceUrl: string;
  codeUrl: string;
  usesAdditionalData: boolean;
}

export interface CodeLinkForm {
  paper: string;
  repositoryUrl: string;
  framework: string;
  official: boolean;
}

function collect(checks: [string, string | null][]): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, error] of checks) if (error) errors[field] = error;
  return errors;
}

export function checkResult(form: ResultForm): FieldErrors {
  const errors = collect([
    ["paper", checkText("paper", form.paper, true)],
    ["task", checkText("task", form.task, true)],
    ["dataset", checkText("dataset", form.dataset, true)],
    ["metric", checkText("metric", form.metric, true)],
    ["value", checkText("value", form.value, true)],
    ["model", checkText("model", form.model, true)],
    ["evidenceUrl", checkUrl("evidenceUrl", form.evidenceUrl, true)],
    ["codeUrl", checkUrl("codeUrl", form.codeUrl, false)],
  ]);
  if (!errors.value && !hasNumber(form.value)) errors.value = "The value must hold a number (84.3, 0.84 ± 0.01, 76.2%).";
  return errors;
}

export function checkCodeLink(form: CodeLinkForm): FieldErrors {
  return collect([
    ["paper", checkText("paper", form.paper, true)],
    ["repositoryUrl", checkUrl("repositoryUrl", form.repositoryUrl, true)],
    ["framework", checkText("framework", form.framework, false)],
  ]);
}
