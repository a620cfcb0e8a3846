import { Show } from "solid-js";
import * as v from "../../survey/view.ts";
import { useSession } from "../context.ts";
import type { ControlProps } from "../types.ts";

const HTML_INPUT_TYPES = new Set(["text", "email", "number", "date", "datetime-local", "time", "month", "week", "tel", "url", "password", "color", "range"]);

export default function TextControl(props: ControlProps) {
  const session = useSession();
  const type = () => {
    if (v.hasMask(props.q)) return "text";
    const t = v.inputType(props.q);
    return HTML_INPUT_TYPES.has(t) ? t : "text";
  };
  const bounds = () => v.textBounds(props.q);
  const text = () => (v.hasMask(props.q) ? v.maskedText(props.q) : v.inputText(props.q));
  return (
    <Show
      when={!v.isReadOnly(props.q)}
      fallback={
        <input
          id={v.inputId(props.q)}
          class="input"
          type={type()}
          value={text()}
          readOnly
          aria-readonly="true"
          aria-label={props.label}
          aria-describedby={props.describedBy}
        />
      }
    >
      <input
        id={v.inputId(props.q)}
        class="input"
        type={type()}
        value={text()}
        min={bounds().min}
        max={bounds().max}
        step={bounds().step}
        maxLength={v.maxLength(props.q)}
        placeholder={v.placeholder(props.q) || undefined}
        autocomplete={v.autocomplete(props.q) ?? "off"}
        inputMode={type() === "number" ? "decimal" : undefined}
        aria-label={props.label}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid ? "true" : undefined}
        aria-required={v.isRequired(props.q) ? "true" : undefined}
        onInput={(e) => session.stageText(props.q, e.currentTarget.value)}
        onChange={(e) => (v.hasMask(props.q) ? v.setMaskedText(props.q, e.currentTarget.value) : v.setInputText(props.q, e.currentTarget.value))}
      />
    </Show>
  );
}
