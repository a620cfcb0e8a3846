import * as v from "../../survey/view.ts";
import type { ControlProps } from "../types.ts";

/** Yes / No as two radio buttons: clear for screen readers, and a third state (unanswered). */
export default function BooleanControl(props: ControlProps) {
  const name = () => `${v.inputId(props.q)}-bool`;
  const option = (val: boolean, label: string, first: boolean) => (
    <label class="choice choice-inline">
      <input
        type="radio"
        id={first ? v.inputId(props.q) : undefined}
        name={name()}
        checked={v.booleanValue(props.q) === val}
        disabled={v.isReadOnly(props.q)}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid ? "true" : undefined}
        onChange={() => v.setBooleanValue(props.q, val)}
      />
      <span>{label}</span>
    </label>
  );
  return (
    <div class="choices choices-row" role={props.label ? "radiogroup" : undefined} aria-label={props.label}>
      {option(true, v.booleanLabels(props.q).yes, true)}
      {option(false, v.booleanLabels(props.q).no, false)}
    </div>
  );
}
