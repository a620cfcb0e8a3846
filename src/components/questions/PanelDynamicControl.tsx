import { For, Show } from "solid-js";
import * as v from "../../survey/view.ts";
import ElementView from "../ElementView.tsx";
import type { ControlProps } from "../types.ts";

export default function PanelDynamicControl(props: ControlProps) {
  return (
    <div class="panel-dynamic">
      <Show when={v.dynamicPanels(props.q).length === 0 && v.noEntriesText(props.q)}>
        <p class="hint">{v.noEntriesText(props.q)}</p>
      </Show>
      <For each={v.dynamicPanels(props.q)}>
        {(panel, i) => (
          <section class="dynamic-panel" aria-label={v.title(panel) || `${v.title(props.q)} ${i() + 1}`}>
            <Show when={v.title(panel)}>
              <h4 class="panel-title">{v.title(panel)}</h4>
            </Show>
            <For each={v.elementsOf(panel)}>{(child) => <ElementView element={child} />}</For>
            <Show when={!v.isReadOnly(props.q) && v.canRemovePanel(props.q)}>
              <button
                type="button"
                class="button secondary small"
                aria-label={`${v.removePanelText(props.q)}: ${v.title(panel) || i() + 1}`}
                onClick={() => v.removePanel(props.q, panel)}
              >
                {v.removePanelText(props.q)}
              </button>
            </Show>
          </section>
        )}
      </For>
      <Show when={!v.isReadOnly(props.q) && v.canAddPanel(props.q)}>
        <button type="button" class="button secondary" id={v.inputId(props.q)} onClick={() => v.addPanel(props.q)}>
          {v.addPanelText(props.q)}
        </button>
      </Show>
    </div>
  );
}
