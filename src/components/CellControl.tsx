import { For, Show } from "solid-js";
import { Dynamic } from "solid-js/web";
import { t } from "../i18n/i18n.ts";
import * as v from "../survey/view.ts";
import { useControls } from "./context.ts";

/** A question inside a matrix cell: the control alone, named by row and column, with its errors. */
export default function CellControl(props: { q: v.QuestionHandle; label: string }) {
  const controls = useControls();
  const entry = () => controls[v.elementType(props.q)];
  const errs = () => v.errors(props.q);
  return (
    <div class="cell" classList={{ invalid: errs().length > 0 }}>
      <Show when={entry()} fallback={<span class="unsupported">{t("unsupported", { type: v.elementType(props.q) })}</span>}>
        {(e) => <Dynamic component={e().control} q={props.q} label={props.label} invalid={errs().length > 0} describedBy={errs().length ? v.errorId(props.q) : undefined} />}
      </Show>
      <div id={v.errorId(props.q)} aria-live="polite">
        <For each={errs()}>{(m) => <p class="error">{m}</p>}</For>
      </div>
    </div>
  );
}
