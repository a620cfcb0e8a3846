import * as v from "../../survey/view.ts";
import type { ControlProps } from "../types.ts";

function BooleanOption(props: ControlProps & { value: boolean; label: string; first: boolean }) {
  return (
    <label class="choice choice-inline">
      <input
        type="radio"
        id={props.first ? v.inputId(props.q) : undefined}
        name={`${v.inputId(props.q)}-bool`}
        checked={v.booleanValue(props.q) === props.value}
        disabled={v.isReadOnly(props.q)}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid ? "true" : undefined}
        onChange={() => v.setBooleanValue(props.q, props.value)}
      />
      <span>{props.label}</span>
    </label>
  );
}

/** Yes / No as two radio buttons: clear for screen readers, and a third state (unanswered). */
export default function BooleanControl(props: ControlProps) {
  return (
    <div class="choices choices-row" role={props.label ? "radiogroup" : undefined} aria-label={props.label}>
      <BooleanOption q={props.q} describedBy={props.describedBy} invalid={props.invalid} value={true} first label={v.booleanLabels(props.q).yes} />
      <BooleanOption q={props.q} describedBy={props.describedBy} invalid={props.invalid} value={false} first={false} label={v.booleanLabels(props.q).no} />
    </div>
  );
}
