import { For } from "solid-js";
import { Dynamic } from "solid-js/web";
import * as v from "../survey/view.ts";
import { useControls } from "./context.ts";
import { controlFor } from "./control-for.ts";

/** A question inside a matrix cell: the control alone, named by row and column, with its errors. */
export default function CellControl(props: { q: v.QuestionHandle; label: string }) {
  const controls = useControls();
  const entry = () => controlFor(controls, props.q);
  const errs = () => v.errors(props.q);
  return (
    <div class="cell" classList={{ invalid: errs().length > 0 }}>
      <Dynamic component={entry().control} q={entry().target} label={props.label} invalid={errs().length > 0} describedBy={errs().length ? v.errorId(props.q) : undefined} />
      <div id={v.errorId(props.q)} aria-live="polite">
        <For each={errs()}>{(m) => <p class="error">{m}</p>}</For>
      </div>
    </div>
  );
}
