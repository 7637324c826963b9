import { useEffect } from "preact/hooks";

export const SITE_NAME = "papers-graph";

/** The document title of the page shown: "Page · papers-graph". */
export function useTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · ${SITE_NAME}` : SITE_NAME;
  }, [title]);
}
