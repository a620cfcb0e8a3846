import { createMemo, createSignal, createUniqueId, For, Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import type { ChoiceHandle } from "../survey/view.ts";
import * as v from "../survey/view.ts";

export interface ComboboxProps {
  id: string;
  options: ChoiceHandle[];
  isSelected: (c: ChoiceHandle) => boolean;
  onPick: (c: ChoiceHandle) => void;
  /** Text shown in the box when it is not being typed in (the selected label, for single choice). */
  displayText: string;
  placeholder?: string;
  label?: string;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  readOnly?: boolean;
  multiple?: boolean;
}

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase();

/** A searchable list box following the WAI-ARIA combobox pattern. */
export default function Combobox(props: ComboboxProps) {
  const listId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [query, setQuery] = createSignal<string | null>(null);
  const [active, setActive] = createSignal(0);
  const filtered = createMemo(() => {
    const q = query();
    if (!q) return props.options;
    const needle = fold(q);
    return props.options.filter((c) => fold(v.choiceText(c)).includes(needle));
  });
  const optionId = (i: number) => `${listId}-o${i}`;
  const pick = (c: ChoiceHandle | undefined) => {
    if (!c || !v.choiceEnabled(c)) return;
    props.onPick(c);
    if (!props.multiple) {
      setOpen(false);
      setQuery(null);
    }
  };
  const move = (delta: number) => {
    const n = filtered().length;
    if (n === 0) return;
    setOpen(true);
    setActive((a) => (a + delta + n) % n);
    document.getElementById(optionId(active()))?.scrollIntoView({ block: "nearest" });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!open()) setOpen(true);
        else move(1);
        break;
      case "ArrowUp":
        e.preventDefault();
        move(-1);
        break;
      case "Enter":
        if (open()) {
          e.preventDefault();
          pick(filtered()[active()]);
        }
        break;
      case "Escape":
        if (open()) {
          e.preventDefault();
          setOpen(false);
          setQuery(null);
        }
        break;
      case "Home":
      case "End":
        if (open()) {
          e.preventDefault();
          setActive(e.key === "Home" ? 0 : Math.max(0, filtered().length - 1));
        }
        break;
    }
  };
  return (
    <div class="combobox">
      <input
        id={props.id}
        class="input"
        type="text"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded={open() ? "true" : "false"}
        aria-controls={listId}
        aria-activedescendant={open() && filtered().length ? optionId(active()) : undefined}
        aria-label={props.label}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid ? "true" : undefined}
        aria-required={props.required ? "true" : undefined}
        readOnly={props.readOnly}
        placeholder={props.placeholder || t("chooseOption")}
        value={query() ?? props.displayText}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(e) => {
          if (!props.readOnly && !props.multiple) e.currentTarget.select();
        }}
        onClick={() => !props.readOnly && setOpen(true)}
        onKeyDown={(e) => !props.readOnly && onKeyDown(e)}
        onBlur={() => {
          setOpen(false);
          setQuery(null);
        }}
      />
      <ul id={listId} role="listbox" class="listbox" hidden={!open()} aria-multiselectable={props.multiple ? "true" : undefined} aria-label={props.label}>
        <For each={filtered()}>
          {(c, i) => (
            <li
              id={optionId(i())}
              role="option"
              class="option"
              classList={{ active: i() === active() }}
              aria-selected={props.isSelected(c) ? "true" : "false"}
              aria-disabled={v.choiceEnabled(c) ? undefined : "true"}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c);
              }}
            >
              {v.choiceText(c)}
            </li>
          )}
        </For>
        <Show when={filtered().length === 0}>
          <li class="option empty" role="option" aria-disabled="true" aria-selected="false">
            {t("noMatches")}
          </li>
        </Show>
      </ul>
    </div>
  );
}
