import { For } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import * as v from "../../survey/view.ts";
import Combobox from "../Combobox.tsx";
import type { ControlProps } from "../types.ts";
import OtherText from "./OtherText.tsx";

export default function TagboxControl(props: ControlProps) {
  const selected = () => v.choices(props.q).filter((c) => v.isChoiceSelected(props.q, c));
  const toggle = (c: v.ChoiceHandle) => v.toggleChoice(props.q, c, !v.isChoiceSelected(props.q, c));
  return (
    <div class="tagbox">
      <ul class="tags" aria-live="polite">
        <For each={selected()}>
          {(c) => (
            <li class="tag">
              <span>{v.choiceText(c)}</span>
              <button
                type="button"
                class="tag-remove"
                disabled={v.isReadOnly(props.q)}
                aria-label={t("removeTag", { label: v.choiceText(c) })}
                onClick={() => toggle(c)}
              >
                ×
              </button>
            </li>
          )}
        </For>
      </ul>
      <Combobox
        id={v.inputId(props.q)}
        multiple
        options={v.choices(props.q)}
        isSelected={(c) => v.isChoiceSelected(props.q, c)}
        onPick={toggle}
        displayText=""
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
