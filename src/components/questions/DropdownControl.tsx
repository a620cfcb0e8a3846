import * as v from "../../survey/view.ts";
import Combobox from "../Combobox.tsx";
import type { ControlProps } from "../types.ts";
import OtherText from "./OtherText.tsx";

export default function DropdownControl(props: ControlProps) {
  const selectedText = () => {
    const value = v.value(props.q);
    if (value === undefined || value === null) return "";
    const c = v.choices(props.q).find((x) => v.isChoiceSelected(props.q, x));
    return c ? v.choiceText(c) : String(value);
  };
  return (
    <div>
      <Combobox
        id={v.inputId(props.q)}
        options={v.choices(props.q)}
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
      <OtherText q={props.q} />
    </div>
  );
}
