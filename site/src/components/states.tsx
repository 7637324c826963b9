import type { ComponentChildren } from "preact";
import { useTitle } from "./title";

export function Loading({ what }: { what: string }) {
  useTitle("Loading…");
  return (
    <div class="state loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function ErrorState({ error }: { error: Error }) {
  useTitle("Error");
  return (
    <div class="state error" role="alert">
      <h1>Something went wrong</h1>
      <p>{error.message}</p>
      <p>
        <button type="button" onClick={() => location.reload()}>
          Try again
        </button>
      </p>
    </div>
  );
}

export function NotFound({ what, children }: { what?: string; children?: ComponentChildren }) {
  useTitle("Not found");
  return (
    <div class="state not-found">
      <h1>Page not found</h1>
      <p>{what ? `There is no ${what} in the archive.` : "There is no page at this address."}</p>
      {children}
      <p>
        <a href="/">Back to the home page</a>
      </p>
    </div>
  );
}
