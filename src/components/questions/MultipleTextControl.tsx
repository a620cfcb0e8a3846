import { For, Show } from "solid-js";
import * as v from "../../survey/view.ts";
import type { ControlProps } from "../types.ts";
import TextControl from "./TextControl.tsx";

export default function MultipleTextControl(props: ControlProps) {
  return (
    <div class="multiple-text">
      <For each={v.textItems(props.q)}>
        {(item) => (
          <div class="field">
            <label for={v.inputId(v.textItemQuestion(item))}>
              {v.textItemTitle(item)}
              <Show when={v.isRequired(v.textItemQuestion(item))}>
                <span class="required" aria-hidden="true"> *</span>
              </Show>
            </label>
            <TextControl
              q={v.textItemQuestion(item)}
              invalid={v.errors(v.textItemQuestion(item)).length > 0}
              describedBy={v.errors(v.textItemQuestion(item)).length ? v.errorId(v.textItemQuestion(item)) : undefined}
            />
            <div id={v.errorId(v.textItemQuestion(item))} aria-live="polite">
              <For each={v.errors(v.textItemQuestion(item))}>{(m) => <p class="error">{m}</p>}</For>
            </div>
          </div>
        )}
      </For>
    </div>
  );
}
