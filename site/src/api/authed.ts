// Requests with the user's API token, kept in sessionStorage: it lasts as long as the tab and
// is sent only to this site's /graphql (never in a cookie, never to another origin).
import type { TypedDocumentString } from "../gql/graphql";
import { ENDPOINT } from "./client";

const KEY = "papers-graph-token";

export function savedToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string | null): void {
  if (token) sessionStorage.setItem(KEY, token.trim());
  else sessionStorage.removeItem(KEY);
}

export interface GraphQLError {
  message: string;
  extensions?: { code?: string; field?: string };
}

export interface Answer<R> {
  status: number;
  data: R | null;
  errors: GraphQLError[];
}

/** The whole answer (data and errors), so that a page can show each error beside its field. */
export async function send<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  options: { token: string; idempotencyKey?: string; signal?: AbortSignal },
): Promise<Answer<R>> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
    authorization: `Bearer ${options.token}`,
  };
  if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers,
      body: JSON.stringify({ query: document.toString(), variables }),
      signal: options.signal,
      credentials: "omit",
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { status: 0, data: null, errors: [{ message: "The API cannot be reached: check your connection and try again." }] };
  }
  try {
    const body = (await response.json()) as { data?: R | null; errors?: GraphQLError[] };
    return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
  } catch {
    return { status: response.status, data: null, errors: [{ message: `The API answered HTTP ${response.status}.` }] };
  }
}

/** The field an error names ("input.model" → "model"), or null for the whole form. */
export function errorField(error: GraphQLError): string | null {
  const field = error.extensions?.field;
  return field ? field.replace(/^input\./, "") : null;
}

/** A fresh key per attempt: a retry of the same attempt reuses it, and the server writes once. */
export function newKey(): string {
  return typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
