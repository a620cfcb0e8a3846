import { createSignal, For, Show } from "solid-js";
import { dt, typeLabel } from "../../i18n/messages-designer.ts";
import type { JsonPathSegment } from "../../schema/problem.ts";
import type { OutlineNode } from "../../survey/designer/outline.ts";
import { samePath } from "../../survey/designer/rename.ts";

export type OutlineAction =
  | { kind: "select"; node: OutlineNode }
  | { kind: "move"; node: OutlineNode; delta: -1 | 1 }
  | { kind: "duplicate"; node: OutlineNode }
  | { kind: "delete"; node: OutlineNode }
  | { kind: "rename"; node: OutlineNode; name: string }
  | { kind: "add"; type: string }
  | { kind: "addPage" };

const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** The tree of pages, panels and questions, with the structural edits a designer makes from it. */
export default function OutlinePanel(props: {
  nodes: readonly OutlineNode[];
  stale: boolean;
  selected: readonly JsonPathSegment[] | undefined;
  types: readonly string[];
  names: ReadonlySet<string>;
  /** Returns an error message when the action could not be done. */
  onAction: (a: OutlineAction) => string | undefined;
}) {
  const [type, setType] = createSignal("text");
  const [renaming, setRenaming] = createSignal<readonly JsonPathSegment[] | undefined>();
  const [message, setMessage] = createSignal("");
  const act = (a: OutlineAction) => setMessage(props.onAction(a) ?? "");

  const Item = (p: { node: OutlineNode }) => {
    const isSelected = () => !!props.selected && samePath(props.selected, p.node.path);
    const [draftName, setDraftName] = createSignal(p.node.name);
    const nameProblem = () => {
      const n = draftName().trim();
      if (!n) return dt("nameEmpty");
      if (n !== p.node.name && props.names.has(n)) return dt("nameTaken", { name: n });
      return "";
    };
    const nameWarning = () => (SAFE_NAME.test(draftName().trim()) ? "" : dt("nameUnsafe"));
    const isRenaming = () => !!renaming() && samePath(renaming()!, p.node.path);
    const label = () => (p.node.kind === "page" ? dt("pageLabel") : typeLabel(p.node.type));
    return (
      <li class={`outline-node ${p.node.kind}`} aria-current={isSelected() ? "true" : undefined}>
        <div class="outline-row">
          <button type="button" class="outline-item" aria-pressed={isSelected()} onClick={() => act({ kind: "select", node: p.node })}>
            <span class="outline-type">{label()}</span>
            <span class="outline-name" dir="ltr">
              {p.node.name || dt("unnamed")}
            </span>
            <Show when={p.node.title}>
              <span class="outline-title" dir="auto">
                {p.node.title}
              </span>
            </Show>
          </button>
        </div>
        <Show when={isSelected() && !props.stale && !isRenaming()}>
          <div class="outline-actions" role="group" aria-label={dt("elementActions", { name: p.node.name })}>
            <button type="button" class="button small secondary" onClick={() => act({ kind: "move", node: p.node, delta: -1 })}>
              <span aria-hidden="true">↑</span> {dt("moveUp")}
            </button>
            <button type="button" class="button small secondary" onClick={() => act({ kind: "move", node: p.node, delta: 1 })}>
              <span aria-hidden="true">↓</span> {dt("moveDown")}
            </button>
            <button type="button" class="button small secondary" onClick={() => act({ kind: "duplicate", node: p.node })}>
              {dt("duplicate")}
            </button>
            <Show when={p.node.name}>
              <button
                type="button"
                class="button small secondary"
                onClick={() => {
                  setDraftName(p.node.name);
                  setRenaming(p.node.path);
                }}
              >
                {dt("rename")}
              </button>
            </Show>
            <button type="button" class="button small danger" onClick={() => act({ kind: "delete", node: p.node })}>
              {dt("delete")}
            </button>
          </div>
        </Show>
        <Show when={isRenaming()}>
          <form
            class="outline-rename"
            onSubmit={(e) => {
              e.preventDefault();
              if (nameProblem()) return;
              setRenaming(undefined);
              act({ kind: "rename", node: p.node, name: draftName().trim() });
            }}
          >
            <label>
              <span>{dt("newName")}</span>
              <input
                class="input"
                dir="ltr"
                value={draftName()}
                aria-invalid={nameProblem() ? "true" : undefined}
                aria-describedby="rename-help"
                ref={(el) => queueMicrotask(() => el.select())}
                onInput={(e) => setDraftName(e.currentTarget.value)}
                onKeyDown={(e) => e.key === "Escape" && setRenaming(undefined)}
              />
            </label>
            <p id="rename-help" class={nameProblem() ? "field-error" : "hint"}>
              {nameProblem() || nameWarning() || dt("renameHelp")}
            </p>
            <div class="row-actions">
              <button type="submit" class="button small" disabled={!!nameProblem()}>
                {dt("renameConfirm")}
              </button>
              <button type="button" class="button small secondary" onClick={() => setRenaming(undefined)}>
                {dt("cancel")}
              </button>
            </div>
          </form>
        </Show>
        <Show when={p.node.children.length > 0}>
          <ul class="outline-children">
            <For each={p.node.children}>{(child) => <Item node={child} />}</For>
          </ul>
        </Show>
      </li>
    );
  };

  return (
    <div class="outline">
      <form
        class="outline-add"
        onSubmit={(e) => {
          e.preventDefault();
          act({ kind: "add", type: type() });
        }}
      >
        <label>
          <span>{dt("questionType")}</span>
          <select class="input" value={type()} onChange={(e) => setType(e.currentTarget.value)}>
            <For each={props.types}>{(tp) => <option value={tp}>{typeLabel(tp)}</option>}</For>
          </select>
        </label>
        <button type="submit" class="button small" disabled={props.stale}>
          {dt("addQuestion")}
        </button>
        <button type="button" class="button small secondary" disabled={props.stale} onClick={() => act({ kind: "addPage" })}>
          {dt("addPage")}
        </button>
      </form>
      <p class="hint">{dt("addHint")}</p>
      <Show when={props.stale}>
        <p class="notice warning-notice">{dt("outlineStale")}</p>
      </Show>
      <p role="status" class="outline-message">
        {message()}
      </p>
      <ul class="outline-tree" aria-label={dt("outline")}>
        <For each={props.nodes}>{(node) => <Item node={node} />}</For>
      </ul>
    </div>
  );
}
