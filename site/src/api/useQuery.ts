// A page view's one request: sent when the page mounts or its variables change, aborted when
// the page goes away.
import { useEffect, useState } from "preact/hooks";
import type { TypedDocumentString } from "../gql/graphql";
import { request } from "./client";

export type QueryState<R> =
  | { status: "loading" }
  | { status: "error"; error: Error }
  | { status: "ready"; data: R };

export function useQuery<R, V>(document: TypedDocumentString<R, V>, variables: V): QueryState<R> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ key: string; value: QueryState<R> }>({
    key,
    value: { status: "loading" },
  });
  useEffect(() => {
    const controller = new AbortController();
    setState({ key, value: { status: "loading" } });
    request(document, variables, controller.signal).then(
      (data) => setState({ key, value: { status: "ready", data } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ key, value: { status: "error", error: error instanceof Error ? error : new Error(String(error)) } });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document, key]);
  // Variables changed and the effect has not run yet: show loading, not the old page's data.
  return state.key === key ? state.value : { status: "loading" };
}
