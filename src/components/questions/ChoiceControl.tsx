import { For } from "solid-js";
import * as v from "../../survey/view.ts";
import type { ControlProps } from "../types.ts";
import OtherText from "./OtherText.tsx";

/** radiogroup and checkbox: native inputs, so arrow keys and Space work as everywhere else. */
export default function ChoiceControl(props: ControlProps & { multiple: boolean }) {
  const name = () => `${v.inputId(props.q)}-choice`;
  return (
    <div class="choices" role={props.label ? "group" : undefined} aria-label={props.label}>
      <For each={v.choices(props.q)}>
        {(c, i) => (
          <label class="choice">
            <input
              type={props.multiple ? "checkbox" : "radio"}
              id={i() === 0 ? v.inputId(props.q) : undefined}
              name={name()}
              value={String(v.choiceValue(c))}
              checked={v.isChoiceSelected(props.q, c)}
              disabled={v.isReadOnly(props.q) || !v.choiceEnabled(c)}
              aria-describedby={props.describedBy}
              aria-invalid={props.invalid ? "true" : undefined}
              onChange={(e) => (props.multiple ? v.toggleChoice(props.q, c, e.currentTarget.checked) : v.selectChoice(props.q, c))}
            />
            <span>{v.choiceText(c)}</span>
          </label>
        )}
      </For>
      <OtherText q={props.q} />
    </div>
  );
}
