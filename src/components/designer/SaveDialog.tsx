import { createEffect, For, Match, Show, Switch } from "solid-js";
import { dt, typeLabel } from "../../i18n/messages-designer.ts";
import type { BreakingChange } from "../../definition/breaking.ts";

export type SavePlan =
  | { kind: "blocked"; errors: number }
  | { kind: "unchanged"; version: number }
  | { kind: "idTaken"; id: string }
  | { kind: "ready"; version: number; previous: number | undefined; changes: BreakingChange[]; perChange: number[]; total: number; responses: number };

const fieldName = (c: BreakingChange) => c.field.key.join(" › ");

function describe(c: BreakingChange): string {
  switch (c.kind) {
    case "removed":
      return dt("changeRemoved", { name: fieldName(c) });
    case "renamed":
      return dt("changeRenamed", { name: fieldName(c), to: c.to.key.join(" › ") });
    case "typeChanged":
      return dt(c.compatible ? "changeTypeCompatible" : "changeType", { name: fieldName(c), from: typeLabel(c.field.type), to: typeLabel(c.to.type) });
    case "choicesRemoved":
      return dt("changeChoices", { name: fieldName(c), values: c.values.join(", ") });
  }
}

/** Before a version is saved: what it breaks for the responses already collected, and how many. */
export default function SaveDialog(props: { plan: SavePlan | undefined; busy: boolean; onConfirm: () => void; onClose: () => void; onShowProblems: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  createEffect(() => {
    if (!dialog) return;
    if (props.plan && !dialog.open) dialog.showModal();
    if (!props.plan && dialog.open) dialog.close();
  });
  return (
    <dialog ref={dialog} class="dialog save-dialog" aria-labelledby="save-title" onCancel={(e) => (e.preventDefault(), props.onClose())}>
      <Show when={props.plan}>
        {(plan) => (
          <Switch>
            <Match when={plan().kind === "blocked" && (plan() as Extract<SavePlan, { kind: "blocked" }>)}>
              {(p) => (
                <>
                  <h2 id="save-title">{dt("cannotSave")}</h2>
                  <p>{dt("saveBlocked", { count: p().errors })}</p>
                  <div class="dialog-actions">
                    <button type="button" class="button secondary" onClick={() => props.onClose()}>
                      {dt("close")}
                    </button>
                    <button type="button" class="button" onClick={() => props.onShowProblems()}>
                      {dt("showProblems")}
                    </button>
                  </div>
                </>
              )}
            </Match>
            <Match when={plan().kind === "unchanged" && (plan() as Extract<SavePlan, { kind: "unchanged" }>)}>
              {(p) => <MessageStep title={dt("nothingToSave")} body={dt("unchangedSince", { version: p().version })} onClose={() => props.onClose()} />}
            </Match>
            <Match when={plan().kind === "idTaken" && (plan() as Extract<SavePlan, { kind: "idTaken" }>)}>
              {(p) => <MessageStep title={dt("cannotSave")} body={dt("idTaken", { id: p().id })} onClose={() => props.onClose()} />}
            </Match>
            <Match when={plan().kind === "ready" && (plan() as Extract<SavePlan, { kind: "ready" }>)}>
              {(p) => (
                <>
                  <h2 id="save-title">{dt("saveAsVersion", { version: p().version })}</h2>
                  <p>{p().previous ? dt("saveExplainNext", { previous: p().previous! }) : dt("saveExplainFirst")}</p>
                  <Show
                    when={p().changes.length > 0}
                    fallback={<p class="notice success">{p().previous ? dt("noBreakingChanges") : dt("firstVersion")}</p>}
                  >
                    <div class="breaking" role="alert">
                      <h3>{dt("breakingTitle", { count: p().changes.length })}</h3>
                      <ul>
                        <For each={p().changes}>
                          {(c, i) => (
                            <li>
                              <span dir="auto">{describe(c)}</span> — <strong>{dt("affectedResponses", { count: p().perChange[i()] ?? 0 })}</strong>
                            </li>
                          )}
                        </For>
                      </ul>
                      <p>
                        <strong>{dt("affectedTotal", { total: p().total, responses: p().responses })}</strong>
                      </p>
                      <p class="hint">{dt("breakingExplain")}</p>
                    </div>
                  </Show>
                  <div class="dialog-actions">
                    <button type="button" class="button secondary" onClick={() => props.onClose()}>
                      {dt("cancel")}
                    </button>
                    <button type="button" class="button primary" disabled={props.busy} onClick={() => props.onConfirm()}>
                      {p().changes.length ? dt("saveAnyway", { version: p().version }) : dt("saveVersionN", { version: p().version })}
                    </button>
                  </div>
                </>
              )}
            </Match>
          </Switch>
        )}
      </Show>
    </dialog>
  );
}

/** A step of the dialog that only informs: a title, a sentence, and Close. */
function MessageStep(props: { title: string; body: string; onClose: () => void }) {
  return (
    <>
      <h2 id="save-title">{props.title}</h2>
      <p>{props.body}</p>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={() => props.onClose()}>
          {dt("close")}
        </button>
      </div>
    </>
  );
}
