import { For, Index, Match, Show, Switch } from "solid-js";
import { tc } from "../../i18n/messages-controls.ts";
import * as v from "../../survey/view.ts";
import { ElementList } from "../ElementView.tsx";
import type { ControlProps } from "../types.ts";

/** One entry of a dynamic panel: its questions and its remove button. */
function Entry(props: { q: v.QuestionHandle; panel: v.ElementHandle; index: number; role?: "tabpanel"; labelledBy?: string }) {
  return (
    <section
      class="dynamic-panel"
      id={props.role ? `${v.inputId(props.q)}-panel-${props.index}` : undefined}
      role={props.role}
      aria-labelledby={props.labelledBy}
      aria-label={props.labelledBy ? undefined : v.title(props.panel) || `${v.title(props.q)} ${props.index + 1}`}
    >
      <Show when={v.title(props.panel)}>
        <h4 class="panel-title">{v.title(props.panel)}</h4>
      </Show>
      <ElementList container={props.panel} />
      <Show when={!v.isReadOnly(props.q) && v.canRemovePanel(props.q)}>
        <button
          type="button"
          class="button secondary small"
          aria-label={`${v.removePanelText(props.q)}: ${v.title(props.panel) || props.index + 1}`}
          onClick={() => v.removePanel(props.q, props.panel)}
        >
          {v.removePanelText(props.q)}
        </button>
      </Show>
    </section>
  );
}

/**
 * paneldynamic: every entry one below the other (`displayMode: "list"`), one at a time with
 * previous/next and "n of m" (`"carousel"`), or as tabs (`"tab"`: a tab list, arrow keys move).
 */
export default function PanelDynamicControl(props: ControlProps) {
  const panels = () => v.dynamicPanels(props.q);
  const mode = () => v.panelDisplayMode(props.q);
  const current = () => Math.min(Math.max(v.currentPanelIndex(props.q), 0), Math.max(panels().length - 1, 0));
  const tabId = (i: number) => `${v.inputId(props.q)}-tab-${i}`;
  const progress = () => v.panelProgress(props.q);
  let tabList: HTMLDivElement | undefined;
  const selectTab = (i: number, focus: boolean) => {
    v.setCurrentPanelIndex(props.q, i);
    if (focus) queueMicrotask(() => tabList?.querySelectorAll<HTMLElement>("[role=tab]")[i]?.focus());
  };
  const carouselNav = () => (
    <div class="carousel-nav">
      <button type="button" class="button secondary small" disabled={current() <= 0} aria-label={tc("previousEntry")} onClick={() => v.setCurrentPanelIndex(props.q, current() - 1)}>
        {v.panelNavTexts(props.q).prev}
      </button>
      <span class="carousel-progress" aria-live="polite">
        {progress().text}
      </span>
      <button type="button" class="button secondary small" disabled={current() >= panels().length - 1} aria-label={tc("nextEntry")} onClick={() => v.setCurrentPanelIndex(props.q, current() + 1)}>
        {v.panelNavTexts(props.q).next}
      </button>
    </div>
  );
  return (
    <div class="panel-dynamic">
      <Show when={panels().length === 0 && v.noEntriesText(props.q)}>
        <p class="hint">{v.noEntriesText(props.q)}</p>
      </Show>
      <Switch>
        <Match when={mode() === "tab" && panels().length > 0}>
          <div class="tabs" role="tablist" aria-label={v.title(props.q) || tc("tabs")} ref={tabList}>
            <Index each={v.panelTabTitles(props.q)}>
              {(title, i) => (
                <button
                  type="button"
                  role="tab"
                  class="tab"
                  id={tabId(i)}
                  aria-selected={current() === i}
                  aria-controls={`${v.inputId(props.q)}-panel-${i}`}
                  tabindex={current() === i ? 0 : -1}
                  onClick={() => selectTab(i, false)}
                  onKeyDown={(e) => {
                    const n = panels().length;
                    const rtl = getComputedStyle(e.currentTarget).direction === "rtl";
                    const step = e.key === "ArrowRight" ? (rtl ? -1 : 1) : e.key === "ArrowLeft" ? (rtl ? 1 : -1) : 0;
                    if (step) selectTab((i + step + n) % n, true);
                    else if (e.key === "Home") selectTab(0, true);
                    else if (e.key === "End") selectTab(n - 1, true);
                    else return;
                    e.preventDefault();
                  }}
                >
                  {title()}
                </button>
              )}
            </Index>
          </div>
          <Show when={panels()[current()]}>{(panel) => <Entry q={props.q} panel={panel()} index={current()} role="tabpanel" labelledBy={tabId(current())} />}</Show>
        </Match>
        <Match when={mode() === "carousel" && panels().length > 0}>
          <Show when={progress().top}>{carouselNav()}</Show>
          <Show when={panels()[current()]}>{(panel) => <Entry q={props.q} panel={panel()} index={current()} />}</Show>
          <Show when={progress().bottom || !progress().top}>{carouselNav()}</Show>
        </Match>
        <Match when={true}>
          <For each={panels()}>{(panel, i) => <Entry q={props.q} panel={panel} index={i()} />}</For>
        </Match>
      </Switch>
      <Show when={!v.isReadOnly(props.q) && v.canAddPanel(props.q)}>
        <button
          type="button"
          class="button secondary"
          id={v.inputId(props.q)}
          onClick={() => {
            v.addPanel(props.q);
            if (mode() !== "list") v.setCurrentPanelIndex(props.q, panels().length - 1);
          }}
        >
          {v.addPanelText(props.q)}
        </button>
      </Show>
    </div>
  );
}
