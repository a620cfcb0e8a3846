import { For } from "solid-js";
import * as v from "../../survey/view.ts";
import type { ControlProps } from "../types.ts";

/** buttongroup: one choice among buttons in a row; native radio buttons underneath (arrow keys move, Space picks). */
export default function ButtonGroupControl(props: ControlProps) {
  return (
    <div class="button-group" role={props.label ? "radiogroup" : undefined} aria-label={props.label}>
      <For each={v.choices(props.q)}>
        {(c, i) => (
          <label class="button-group-item">
            <input
              type="radio"
              class="visually-hidden-input"
              id={i() === 0 ? v.inputId(props.q) : undefined}
              name={`${v.inputId(props.q)}-bg`}
              value={String(v.choiceValue(c))}
              checked={v.isChoiceSelected(props.q, c)}
              disabled={v.isReadOnly(props.q) || !v.choiceEnabled(c)}
              aria-describedby={props.describedBy}
              aria-invalid={props.invalid ? "true" : undefined}
              onChange={() => v.selectChoice(props.q, c)}
            />
            <span>{v.choiceText(c)}</span>
          </label>
        )}
      </For>
    </div>
  );
}
