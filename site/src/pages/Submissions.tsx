// My submissions (the token's account's, with Withdraw while pending) and the moderation
// queue (pending submissions, Approve or Reject with a reason; moderators only).
import { useState } from "preact/hooks";
import { newKey, send } from "../api/authed";
import { useTitle } from "../components/title";
import { TokenBox, useAuthed, useToken } from "../contrib/token";
import {
  ReviewSubmissionDocument,
  type SubmissionFieldsFragment,
  SubmissionsDocument,
  WithdrawSubmissionDocument,
} from "../gql/graphql";
import { urls } from "../urls";

type Submission = SubmissionFieldsFragment;

function What({ s }: { s: Submission }) {
  const paper = <a href={urls.paper(s.paper)}>{s.paperTitle ?? s.paper}</a>;
  if (s.kind === "CODE_LINK") {
    return (
      <>
        Code <a href={s.repositoryUrl ?? "#"} rel="noopener noreferrer nofollow">{s.repositoryUrl}</a>
        {s.official ? " (official)" : ""}
        {s.framework ? ` · ${s.framework}` : ""} for {paper}
      </>
    );
  }
  return (
    <>
      <strong>{s.model}</strong>: {s.metric} {s.value} on{" "}
      <a href={urls.leaderboard(s.task ?? "", s.dataset ?? "", s.metric)}>
        {s.task} / {s.dataset}
      </a>{" "}
      ({paper}
      {s.evidenceUrl && (
        <>
          , <a href={s.evidenceUrl} rel="noopener noreferrer nofollow">evidence</a>
        </>
      )}
      )
    </>
  );
}

function when(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace("T", " ") : "";
}

export function MySubmissionsPage() {
  useTitle("My submissions");
  const [token, setToken] = useToken();
  const { answer, reload } = useAuthed(SubmissionsDocument, { first: 100 }, token);
  const [error, setError] = useState<string | null>(null);
  const viewer = answer?.data?.viewer;
  const mine = (answer?.data?.submissions.nodes ?? []).filter((s) => s.submittedBy === viewer?.name);
  const withdraw = async (id: string) => {
    if (!token) return;
    const done = await send(WithdrawSubmissionDocument, { id }, { token, idempotencyKey: newKey() });
    setError(done.errors[0]?.message ?? null);
    reload();
  };
  return (
    <article class="contrib">
      <h1>My submissions</h1>
      <TokenBox token={token} setToken={setToken} />
      {token && !answer && <p class="state loading">Loading your submissions…</p>}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {viewer && (
        <>
          <p class="muted">
            {mine.length} submission{mine.length === 1 ? "" : "s"} by {viewer.name}, newest first. <a href="/submit">Submit another</a>.
          </p>
          <div class="table-wrap">
            <table class="submissions">
              <thead>
                <tr>
                  <th scope="col">Submitted</th>
                  <th scope="col">What</th>
                  <th scope="col">Status</th>
                  <th scope="col">Review</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {mine.map((s) => (
                  <tr key={s.id} data-id={s.id}>
                    <td>{when(s.submittedAt)}</td>
                    <td>
                      <What s={s} />
                    </td>
                    <td>
                      <span class={`status ${s.status.toLowerCase()}`}>{s.status}</span>
                    </td>
                    <td>
                      {s.reviewedBy && `${s.reviewedBy}, ${when(s.reviewedAt)}`}
                      {s.reason && <q>{s.reason}</q>}
                    </td>
                    <td>
                      {s.status === "PENDING" && (
                        <button type="button" class="ghost" onClick={() => void withdraw(s.id)}>
                          Withdraw
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </article>
  );
}

export function ModerationPage() {
  useTitle("Moderation");
  const [token, setToken] = useToken();
  const { answer, reload } = useAuthed(SubmissionsDocument, { status: "PENDING", first: 100 }, token);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const viewer = answer?.data?.viewer;
  const review = async (s: Submission, decision: "APPROVE" | "REJECT") => {
    if (!token) return;
    const reason = (reasons[s.id] ?? "").trim() || null;
    const done = await send(ReviewSubmissionDocument, { id: s.id, decision, reason }, { token, idempotencyKey: newKey() });
    const changed = done.data?.reviewSubmission;
    setNotice(
      changed
        ? { ok: true, text: `${changed.status === "APPROVED" ? "Approved" : "Rejected"}: ${changed.model ?? changed.repositoryUrl}` }
        : { ok: false, text: done.errors.map((e) => e.message).join(" ") },
    );
    reload();
  };
  return (
    <article class="contrib">
      <h1>Moderation queue</h1>
      <TokenBox token={token} setToken={setToken} />
      {token && !answer && <p class="state loading">Loading the queue…</p>}
      {notice && (
        <p class={notice.ok ? "notice success" : "form-error"} role={notice.ok ? "status" : "alert"}>
          {notice.text}
        </p>
      )}
      {viewer && viewer.role !== "moderator" && (
        <p class="form-error" role="alert">
          The moderation queue needs a moderator's token; {viewer.name}'s is a {viewer.role}'s.
        </p>
      )}
      {viewer?.role === "moderator" && answer?.data && (
        <>
          <p class="muted">{answer.data.submissions.totalCount} pending, oldest last.</p>
          <ul class="queue">
            {answer.data.submissions.nodes.map((s) => (
              <li key={s.id} data-id={s.id}>
                <p>
                  <What s={s} />
                </p>
                <p class="muted">
                  by {s.submittedBy}, {when(s.submittedAt)}
                </p>
                <label for={`reason-${s.id}`}>Reason (optional, shown to its author)</label>
                <input
                  id={`reason-${s.id}`}
                  value={reasons[s.id] ?? ""}
                  maxLength={1000}
                  onInput={(e) => setReasons({ ...reasons, [s.id]: e.currentTarget.value })}
                />
                <div class="actions">
                  <button type="button" onClick={() => void review(s, "APPROVE")}>
                    Approve
                  </button>
                  <button type="button" class="ghost" onClick={() => void review(s, "REJECT")}>
                    Reject
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
