import { For, Match, Switch } from "solid-js";
import * as v from "../../survey/view.ts";
import type { ControlProps } from "../types.ts";
import OtherText from "./OtherText.tsx";

/** One choice: a native input, so arrow keys and Space work as everywhere else. */
function ChoiceItem(props: ControlProps & { c: v.ChoiceHandle; first: boolean; multiple: boolean }) {
  return (
    <label class="choice">
      <input
        type={props.multiple ? "checkbox" : "radio"}
        id={props.first ? v.inputId(props.q) : undefined}
        name={`${v.inputId(props.q)}-choice`}
        value={String(v.choiceValue(props.c))}
        checked={v.isChoiceSelected(props.q, props.c)}
        disabled={v.isReadOnly(props.q) || !v.choiceEnabled(props.c)}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid ? "true" : undefined}
        onChange={(e) => (props.multiple ? v.toggleChoice(props.q, props.c, e.currentTarget.checked) : v.selectChoice(props.q, props.c))}
      />
      <span>{v.choiceText(props.c)}</span>
    </label>
  );
}

/** radiogroup and checkbox, laid out as `colCount` says: one column, a wrapping row, or columns. */
export default function ChoiceControl(props: ControlProps & { multiple: boolean }) {
  const item = (c: v.ChoiceHandle, first: () => boolean) => <ChoiceItem q={props.q} c={c} first={first()} multiple={props.multiple} describedBy={props.describedBy} invalid={props.invalid} />;
  const group = () => (props.label ? "group" : undefined);
  return (
    <Switch>
      <Match when={v.choiceLayout(props.q).kind === "row"}>
        <div class="choices choices-row" role={group()} aria-label={props.label}>
          <For each={v.choices(props.q)}>{(c, i) => item(c, () => i() === 0)}</For>
          <OtherText q={props.q} />
        </div>
      </Match>
      <Match when={v.choiceLayout(props.q).kind === "columns"}>
        <div class="choices-columns" role={group()} aria-label={props.label}>
          <For each={(v.choiceLayout(props.q) as { columns: v.ChoiceHandle[][] }).columns}>
            {(column, ci) => (
              <div class="choices">
                <For each={column}>{(c, i) => item(c, () => ci() === 0 && i() === 0)}</For>
              </div>
            )}
          </For>
          <OtherText q={props.q} />
        </div>
      </Match>
      <Match when={true}>
        <div class="choices" role={group()} aria-label={props.label}>
          <For each={v.choices(props.q)}>{(c, i) => item(c, () => i() === 0)}</For>
          <OtherText q={props.q} />
        </div>
      </Match>
    </Switch>
  );
}
