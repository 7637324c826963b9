// The token panel of the contribution pages: who the token says you are, or a box to paste it.
import { useEffect, useState } from "preact/hooks";
import { type Answer, saveToken, savedToken, send } from "../api/authed";
import { ViewerDocument, type ViewerQuery } from "../gql/graphql";

export type Viewer = ViewerQuery["viewer"];

export function useToken(): [string | null, (token: string | null) => void] {
  const [token, setToken] = useState<string | null>(() => savedToken());
  const update = (value: string | null) => {
    saveToken(value);
    setToken(value ? value.trim() : null);
  };
  return [token, update];
}

/** The answer of a query sent with the token; `reload` sends it again. */
export function useAuthed<R, V>(
  document: Parameters<typeof send<R, V>>[0],
  variables: V,
  token: string | null,
): { answer: Answer<R> | null; reload: () => void } {
  const [answer, setAnswer] = useState<Answer<R> | null>(null);
  const [round, setRound] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    setAnswer(null);
    send(document, variables, { token, signal: controller.signal }).then(setAnswer, () => undefined);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document, key, token, round]);
  return { answer: token ? answer : null, reload: () => setRound((n) => n + 1) };
}

export function TokenBox({ token, setToken }: { token: string | null; setToken: (t: string | null) => void }) {
  const [typed, setTyped] = useState("");
  const { answer } = useAuthed(ViewerDocument, {}, token);
  if (!token) {
    return (
      <form
        class="token-box"
        aria-label="API token"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) setToken(typed);
        }}
      >
        <label for="token">Your API token</label>
        <input
          id="token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
          placeholder="pgt_…"
        />
        <button type="submit">Use this token</button>
        <p class="muted">
          Contributions need a token (an administrator makes one with <code>papers-graph token create</code>). It is kept in
          this tab only and sent only to this site.
        </p>
      </form>
    );
  }
  const viewer = answer?.data?.viewer;
  const refused = answer && !viewer;
  return (
    <div class="token-box signed-in">
      {viewer && (
        <span class="viewer">
          Signed in as <strong>{viewer.name}</strong> ({viewer.role})
        </span>
      )}
      {refused && (
        <span class="field-error" role="alert">
          {answer.status === 401 ? "This token is not valid (wrong or revoked)." : answer.errors[0]?.message}
        </span>
      )}
      {!answer && <span class="muted">Checking the token…</span>}
      <button type="button" class="ghost" onClick={() => setToken(null)}>
        Forget token
      </button>
    </div>
  );
}

export function useViewer(token: string | null): Viewer | null {
  const { answer } = useAuthed(ViewerDocument, {}, token);
  return answer?.data?.viewer ?? null;
}
