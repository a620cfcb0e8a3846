import { Show } from "solid-js";
import * as v from "../../survey/view.ts";
import type { QuestionHandle } from "../../survey/view.ts";

/** The free-text box that goes with an "Other" choice. */
export default function OtherText(props: { q: QuestionHandle }) {
  return (
    <Show when={v.isOtherSelected(props.q)}>
      <input
        class="input other-text"
        id={`${v.inputId(props.q)}-other`}
        aria-label={v.otherItemText(props.q)}
        value={v.otherText(props.q)}
        placeholder={v.otherPlaceholder(props.q) || undefined}
        readOnly={v.isReadOnly(props.q)}
        onInput={(e) => v.setOtherText(props.q, e.currentTarget.value)}
      />
    </Show>
  );
}
