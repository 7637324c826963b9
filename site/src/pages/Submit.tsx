// Submit: a result for a leaderboard, or a code link for a paper. Each form checks its fields
// as the server does (contrib/checks.ts) and shows every error beside its field, the server's
// too (its `extensions.field`). A retried attempt reuses its Idempotency-Key: written once.
import type { JSX } from "preact";
import { useRoute } from "preact-iso";
import { useState } from "preact/hooks";
import { type GraphQLError, errorField, newKey, send } from "../api/authed";
import { useTitle } from "../components/title";
import { type CodeLinkForm, type FieldErrors, type ResultForm, checkCodeLink, checkResult } from "../contrib/checks";
import { TokenBox, useToken } from "../contrib/token";
import { SubmitCodeLinkDocument, SubmitResultDocument, type SubmissionFieldsFragment } from "../gql/graphql";

type Kind = "result" | "code";

export function SubmitPage() {
  useTitle("Submit");
  const [token, setToken] = useToken();
  const { query } = useRoute();
  const [kind, setKind] = useState<Kind>(query.kind === "code" ? "code" : "result");
  return (
    <article class="contrib">
      <h1>Submit results</h1>
      <p class="muted">
        A submission stays pending until a moderator approves it; then it joins its leaderboard (or its paper's code), marked
        as a community contribution. See <a href="/submissions">My submissions</a>.
      </p>
      <TokenBox token={token} setToken={setToken} />
      <div class="kind-switch" role="tablist" aria-label="What to submit">
        <button type="button" role="tab" aria-selected={kind === "result"} class={kind === "result" ? "" : "ghost"}
          onClick={() => setKind("result")}>
          A result
        </button>
        <button type="button" role="tab" aria-selected={kind === "code"} class={kind === "code" ? "" : "ghost"}
          onClick={() => setKind("code")}>
          A code link
        </button>
      </div>
      {kind === "result" ? (
        <ResultFormView token={token} initial={query} />
      ) : (
        <CodeFormView token={token} initial={query} />
      )}
    </article>
  );
}

interface FieldProps {
  form: string;
  name: string;
  label: string;
  value: string;
  errors: FieldErrors;
  onInput: (value: string) => void;
  hint?: string;
  type?: string;
}

function Field({ form, name, label, value, errors, onInput, hint, type }: FieldProps) {
  const id = `${form}-${name}`;
  const error = errors[name];
  return (
    <div class={`field${error ? " invalid" : ""}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type ?? "text"}
        value={value}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {hint && !error && (
        <p class="hint muted" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

interface Sent {
  errors: FieldErrors;
  formError: string | null;
  done: SubmissionFieldsFragment | null;
  busy: boolean;
}

const idle: Sent = { errors: {}, formError: null, done: null, busy: false };

/** The server's errors, each by its field (those naming none: the form's). */
function placed(errors: GraphQLError[], status: number): Pick<Sent, "errors" | "formError"> {
  const byField: FieldErrors = {};
  const rest: string[] = [];
  for (const e of errors) {
    const field = errorField(e);
    if (field) byField[field] = e.message.replace(/^input\.\w+: /, "");
    else rest.push(e.message);
  }
  if (status === 401) rest.unshift("Your token is not valid (wrong or revoked): paste another one above.");
  return { errors: byField, formError: rest.length ? rest.join(" ") : null };
}

function Outcome({ sent }: { sent: Sent }) {
  return (
    <>
      {sent.formError && (
        <p class="form-error" role="alert">
          {sent.formError}
        </p>
      )}
      {sent.done && (
        <p class="notice success" role="status">
          Submitted for review: <strong>{sent.done.status}</strong> ({sent.done.kind === "RESULT" ? sent.done.model : sent.done.repositoryUrl}{" "}
          on {sent.done.paperTitle ?? sent.done.paper}). Follow it in <a href="/submissions">My submissions</a>.
        </p>
      )}
    </>
  );
}

function useSender() {
  const [sent, setSent] = useState<Sent>(idle);
  // One key per attempt: kept while the same values are sent again, new after an edit.
  const [key, setKey] = useState<string>(newKey);
  const edited = () => setKey(newKey());
  return { sent, setSent, key, edited };
}

function ResultFormView({ token, initial }: { token: string | null; initial: Record<string, string> }) {
  const [form, setForm] = useState<ResultForm>({
    paper: initial.paper ?? "", task: initial.task ?? "", dataset: initial.dataset ?? "", metric: initial.metric ?? "",
    value: "", model: "", evidenceUrl: "", codeUrl: "", usesAdditionalData: false,
  });
  const { sent, setSent, key, edited } = useSender();
  const set = (name: keyof ResultForm) => (value: string | boolean) => {
    setForm({ ...form, [name]: value });
    edited();
  };
  const onSubmit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errors = checkResult(form);
    if (Object.keys(errors).length) return setSent({ ...idle, errors });
    if (!token) return setSent({ ...idle, formError: "Paste your API token above first." });
    setSent({ ...idle, busy: true });
    const input = { ...form, codeUrl: form.codeUrl.trim() || null };
    const answer = await send(SubmitResultDocument, { input }, { token, idempotencyKey: key });
    if (answer.data?.submitResult) {
      setSent({ ...idle, done: answer.data.submitResult });
      setForm({ ...form, value: "", model: "", evidenceUrl: "", codeUrl: "", usesAdditionalData: false });
      edited();
    } else setSent({ ...idle, ...placed(answer.errors, answer.status) });
  };
  const f = { form: "result", errors: sent.errors };
  return (
    <form class="submit-form" aria-label="Submit a result" noValidate onSubmit={onSubmit}>
      <Field {...f} name="paper" label="Paper" value={form.paper} onInput={set("paper")}
        hint="Its slug (deep-residual-learning-for-image), arXiv id (1512.03385) or arXiv URL." />
      <Field {...f} name="task" label="Task" value={form.task} onInput={set("task")} hint="As the site names it: Image Classification." />
      <Field {...f} name="dataset" label="Dataset" value={form.dataset} onInput={set("dataset")} hint="ImageNet" />
      <Field {...f} name="metric" label="Metric" value={form.metric} onInput={set("metric")} hint="One of the leaderboard's: Top 1 Accuracy." />
      <Field {...f} name="value" label="Value" value={form.value} onInput={set("value")} hint="As the paper gives it: 84.3, 0.84 ± 0.01, 76.2%." />
      <Field {...f} name="model" label="Model" value={form.model} onInput={set("model")} />
      <Field {...f} name="evidenceUrl" label="Evidence URL" type="url" value={form.evidenceUrl} onInput={set("evidenceUrl")}
        hint="Where a moderator can check the value (the paper's table)." />
      <Field {...f} name="codeUrl" label="Code URL (optional)" type="url" value={form.codeUrl} onInput={set("codeUrl")} />
      <div class="field check">
        <input id="result-usesAdditionalData" type="checkbox" checked={form.usesAdditionalData}
          onChange={(e) => set("usesAdditionalData")(e.currentTarget.checked)} />
        <label for="result-usesAdditionalData">The model used extra training data</label>
      </div>
      <button type="submit" disabled={sent.busy}>
        {sent.busy ? "Submitting…" : "Submit the result"}
      </button>
      <Outcome sent={sent} />
    </form>
  );
}

function CodeFormView({ token, initial }: { token: string | null; initial: Record<string, string> }) {
  const [form, setForm] = useState<CodeLinkForm>({ paper: initial.paper ?? "", repositoryUrl: "", framework: "", official: false });
  const { sent, setSent, key, edited } = useSender();
  const set = (name: keyof CodeLinkForm) => (value: string | boolean) => {
    setForm({ ...form, [name]: value });
    edited();
  };
  const onSubmit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errors = checkCodeLink(form);
    if (Object.keys(errors).length) return setSent({ ...idle, errors });
    if (!token) return setSent({ ...idle, formError: "Paste your API token above first." });
    setSent({ ...idle, busy: true });
    const input = { ...form, framework: form.framework.trim() || null };
    const answer = await send(SubmitCodeLinkDocument, { input }, { token, idempotencyKey: key });
    if (answer.data?.submitCodeLink) {
      setSent({ ...idle, done: answer.data.submitCodeLink });
      setForm({ ...form, repositoryUrl: "", framework: "", official: false });
      edited();
    } else setSent({ ...idle, ...placed(answer.errors, answer.status) });
  };
  const f = { form: "code", errors: sent.errors };
  return (
    <form class="submit-form" aria-label="Submit a code link" noValidate onSubmit={onSubmit}>
      <Field {...f} name="paper" label="Paper" value={form.paper} onInput={set("paper")}
        hint="Its slug, arXiv id or arXiv URL." />
      <Field {...f} name="repositoryUrl" label="Repository URL" type="url" value={form.repositoryUrl} onInput={set("repositoryUrl")}
        hint="https://github.com/owner/repo" />
      <Field {...f} name="framework" label="Framework (optional)" value={form.framework} onInput={set("framework")} hint="pytorch, tf, jax, …" />
      <div class="field check">
        <input id="code-official" type="checkbox" checked={form.official} onChange={(e) => set("official")(e.currentTarget.checked)} />
        <label for="code-official">The paper's authors' own code</label>
      </div>
      <button type="submit" disabled={sent.busy}>
        {sent.busy ? "Submitting…" : "Submit the code link"}
      </button>
      <Outcome sent={sent} />
    </form>
  );
}
