import * as v from "../../survey/view.ts";
import Combobox from "../Combobox.tsx";
import type { ControlProps } from "../types.ts";
import OtherText from "./OtherText.tsx";

/** One choice from a searchable list: a dropdown's choices, or a rating's values shown as a list. */
export function PickOne(props: ControlProps & { options: v.ChoiceHandle[] }) {
  const selectedText = () => {
    const value = v.value(props.q);
    if (value === undefined || value === null) return "";
    const c = props.options.find((x) => v.isChoiceSelected(props.q, x));
    return c ? v.choiceText(c) : String(value);
  };
  return (
    <Combobox
      id={v.inputId(props.q)}
      options={props.options}
      isSelected={(c) => v.isChoiceSelected(props.q, c)}
      onPick={(c) => v.selectChoice(props.q, c)}
      displayText={selectedText()}
      placeholder={v.placeholder(props.q)}
      label={props.label}
      describedBy={props.describedBy}
      invalid={props.invalid}
      required={v.isRequired(props.q)}
      readOnly={v.isReadOnly(props.q)}
    />
  );
}

export default function DropdownControl(props: ControlProps) {
  return (
    <div>
      <PickOne q={props.q} options={v.choices(props.q)} label={props.label} describedBy={props.describedBy} invalid={props.invalid} />
      <OtherText q={props.q} />
    </div>
  );
}
