import { Show } from "solid-js";
import * as v from "../../survey/view.ts";
import { ElementList } from "../ElementView.tsx";
import type { ControlProps } from "../types.ts";

/** A composite custom type (ComponentCollection `elementsJSON`): its questions, as its definition lays them out. */
export default function CompositeControl(props: ControlProps) {
  return (
    <Show when={v.customContent(props.q)}>
      {(content) => {
        const c = content();
        return "panel" in c ? (
          <div class="composite" id={v.inputId(props.q)} tabindex={-1}>
            <ElementList container={c.panel} />
          </div>
        ) : null;
      }}
    </Show>
  );
}
