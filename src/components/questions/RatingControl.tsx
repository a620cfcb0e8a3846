import { For, Show } from "solid-js";
import * as v from "../../survey/view.ts";
import type { ControlProps } from "../types.ts";

export default function RatingControl(props: ControlProps) {
  const name = () => `${v.inputId(props.q)}-rate`;
  const labels = () => v.rateLabels(props.q);
  return (
    <div class="rating" role={props.label ? "radiogroup" : undefined} aria-label={props.label}>
      <Show when={labels().min}>
        <span class="rating-label" aria-hidden="true">{labels().min}</span>
      </Show>
      <div class="rating-items">
        <For each={v.rateValues(props.q)}>
          {(c, i) => (
            <label class="rating-item">
              <input
                type="radio"
                class="visually-hidden-input"
                id={i() === 0 ? v.inputId(props.q) : undefined}
                name={name()}
                checked={v.isChoiceSelected(props.q, c)}
                disabled={v.isReadOnly(props.q)}
                aria-describedby={props.describedBy}
                aria-invalid={props.invalid ? "true" : undefined}
                onChange={() => v.selectChoice(props.q, c)}
              />
              <span>{v.choiceText(c)}</span>
            </label>
          )}
        </For>
      </div>
      <Show when={labels().max}>
        <span class="rating-label" aria-hidden="true">{labels().max}</span>
      </Show>
    </div>
  );
}
