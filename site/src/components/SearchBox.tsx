// A search box that suggests papers, tasks, datasets, methods and authors as you type
// (a combobox: arrows move, Enter opens, Escape closes). Enter with no suggestion chosen
// opens the results page for the text.
import { useLocation } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { request } from "../api/client";
import { SuggestDocument, type SuggestQuery, type SuggestType } from "../gql/graphql";
import { suggestionUrl, urls } from "../urls";

export type Suggestion = SuggestQuery["suggest"][number];

const KIND_LABEL: Record<SuggestType, string> = {
  PAPER: "Paper",
  AUTHOR: "Author",
  TASK: "Task",
  DATASET: "Dataset",
  METHOD: "Method",
};
const PAUSE_MS = 150;

let instances = 0;

export function SearchBox(props: {
  label?: string;
  placeholder?: string;
  types?: SuggestType[];
  initial?: string;
  /** Called instead of opening the suggestion's page. */
  onPick?: (suggestion: Suggestion) => void;
  autofocus?: boolean;
}) {
  const { route } = useLocation();
  const [text, setText] = useState(props.initial ?? "");
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const id = useRef(`search-${++instances}`).current;
  const typesKey = (props.types ?? []).join(",");

  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      request(SuggestDocument, { query, types: props.types ?? null, first: 8 }, controller.signal).then(
        (data) => {
          setItems(data.suggest);
          setActive(-1);
        },
        () => setItems([]), // suggestions are a help: the results page still works without them
      );
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, typesKey]);

  function pick(item: Suggestion) {
    setOpen(false);
    if (props.onPick) {
      props.onPick(item);
      setText("");
      return;
    }
    const slug = item.node.__typename === "Paper" ? item.node.slug : null;
    route(suggestionUrl(item.type, item.name, slug));
    setText("");
  }

  function onKeyDown(event: KeyboardEvent) {
    const shown = open && items.length > 0;
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % items.length);
    } else if (event.key === "ArrowUp" && shown) {
      event.preventDefault();
      setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (shown && active >= 0) pick(items[active]);
      else if (!props.onPick && text.trim()) {
        setOpen(false);
        route(urls.search(text.trim()));
      }
    }
  }

  const expanded = open && items.length > 0;
  return (
    <div class="search-box" role="search">
      <label class="visually-hidden" for={`${id}-input`}>
        {props.label ?? "Search papers, tasks, datasets, methods and authors"}
      </label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        placeholder={props.placeholder ?? "Search papers, tasks, datasets…"}
        value={text}
        autoFocus={props.autofocus}
        autoComplete="off"
        onInput={(e) => {
          setText((e.target as HTMLInputElement).value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={`${id}-list`} role="listbox" class="suggestions" hidden={!expanded} aria-label="Suggestions">
        {items.map((item, i) => (
          <li
            key={item.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            class={i === active ? "active" : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(item);
            }}
          >
            <span class="kind">{KIND_LABEL[item.type]}</span> <span class="name">{item.name}</span>
            {item.node.__typename === "Paper" && item.node.published && (
              <span class="muted"> {item.node.published.slice(0, 4)}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
