// One GraphQL request over fetch: the document's text and its variables, typed by codegen.
import type { TypedDocumentString } from "../gql/graphql";

export type ApiErrorKind = "network" | "http" | "graphql";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly kind: ApiErrorKind,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface GraphQLBody<R> {
  data?: R | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export const ENDPOINT = "/graphql";

export async function request<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  signal?: AbortSignal,
): Promise<R> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: document.toString(), variables }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError("The API cannot be reached: check your connection and try again.", "network");
  }
  let body: GraphQLBody<R>;
  try {
    body = (await response.json()) as GraphQLBody<R>;
  } catch {
    throw new ApiError(`The API answered HTTP ${response.status} without a GraphQL body.`, "http", response.status);
  }
  if (response.status === 503) {
    throw new ApiError("The database is unavailable right now; try again in a few seconds.", "http", 503);
  }
  // A page needs its whole answer: any error makes it an error state, with the API's message.
  if (body.errors?.length || body.data == null) {
    const message = body.errors?.map((e) => e.message).join("; ") || `HTTP ${response.status}`;
    throw new ApiError(message, "graphql", response.status);
  }
  return body.data;
}
