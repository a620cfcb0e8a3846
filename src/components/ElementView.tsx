import { For, Match, Show, Switch, type JSX } from "solid-js";
import { Dynamic } from "solid-js/web";
import { t } from "../i18n/i18n.ts";
import * as v from "../survey/view.ts";
import type { ElementHandle, QuestionHandle } from "../survey/view.ts";
import { useControls, useSession } from "./context.ts";
import { controlFor } from "./control-for.ts";

/** Renders one page element: a panel, or a question in its frame. */
export default function ElementView(props: { element: ElementHandle }) {
  return (
    <Show when={v.isVisible(props.element)}>
      <Switch fallback={<QuestionFrame q={v.asQuestion(props.element)} />}>
        <Match when={v.isPanel(props.element)}>
          <PanelView panel={props.element} />
        </Match>
      </Switch>
    </Show>
  );
}

/**
 * A page's or panel's elements. Elements with `startWithNewLine: false` share a row with the one
 * before; a row wraps on narrow screens (each element keeps SurveyJS's minimum width, 300 px). An
 * element alone in its row needs no wrapper.
 */
export function ElementList(props: { container: ElementHandle }) {
  return (
    <Show when={v.rowsOf(props.container)} fallback={<For each={v.elementsOf(props.container)}>{(el) => <ElementView element={el} />}</For>}>
      {(rows) => (
        <For each={rows()}>
          {(row) => (
            <Show when={row.length > 1} fallback={<ElementView element={row[0]!} />}>
              <Show when={row.some((el) => v.isVisible(el))}>
              <div class="element-row">
                <For each={row}>
                  {(el) => (
                    <Show when={v.isVisible(el)}>
                      <div
                        class="row-item"
                        style={{
                          "flex-basis": v.elementWidth(el).width || "0",
                          "min-width": v.elementWidth(el).minWidth ? `min(${v.elementWidth(el).minWidth}, 100%)` : undefined,
                          "max-width": v.elementWidth(el).maxWidth || undefined,
                        }}
                      >
                        <ElementView element={el} />
                      </div>
                    </Show>
                  )}
                </For>
              </div>
              </Show>
            </Show>
          )}
        </For>
      )}
    </Show>
  );
}

/** A title that opens and closes what follows (`state: "collapsed"` / `"expanded"`). */
function CollapseToggle(props: { element: ElementHandle; controls: string; children: JSX.Element }) {
  return (
    <button type="button" class="collapse-toggle" aria-expanded={!v.isCollapsed(props.element)} aria-controls={props.controls} onClick={() => v.toggleCollapsed(props.element)}>
      <span class="collapse-icon" aria-hidden="true" />
      {props.children}
    </button>
  );
}

function PanelView(props: { panel: ElementHandle }) {
  const session = useSession();
  const panel = props.panel;
  const id = v.elementKey(panel);
  // Static for the panel's life: collapsible or not, a page shown as a section, an Edit button (preview).
  const collapsible = v.isCollapsible(panel);
  const errs = () => v.errors(panel);
  const titled = () => v.title(panel) && v.titleLocation(panel) !== "hidden";
  const content = () => <ElementList container={panel} />;
  return (
    <section
      class="panel"
      classList={{ invalid: errs().length > 0, "panel-page": v.elementType(panel) === "page" }}
      id={v.sectionId(panel)}
      tabindex={-1}
      aria-labelledby={titled() ? `${id}-title` : undefined}
      aria-label={!titled() && v.title(panel) ? v.title(panel) : undefined}
    >
      <Show when={titled()}>
        <h3 class="panel-title" id={`${id}-title`}>
          {collapsible ? (
            <CollapseToggle element={panel} controls={`${id}-content`}>
              {v.title(panel)}
            </CollapseToggle>
          ) : (
            v.title(panel)
          )}
        </h3>
      </Show>
      <Show when={v.description(panel)}>
        <p class="description">{v.description(panel)}</p>
      </Show>
      <Show when={errs().length > 0}>
        <div class="errors" id={`${id}-errors`}>
          <For each={errs()}>{(m) => <p class="error">{m}</p>}</For>
        </div>
      </Show>
      {collapsible ? (
        <Show when={!v.isCollapsed(panel)}>
          <div id={`${id}-content`}>{content()}</div>
        </Show>
      ) : (
        content()
      )}
      {v.hasEditButton(panel) ? (
        <button type="button" class="button secondary small" aria-label={`${session.editText()}: ${v.title(panel)}`} onClick={() => session.cancelPreview(panel)}>
          {session.editText()}
        </button>
      ) : null}
    </section>
  );
}

function QuestionTitle(props: { q: QuestionHandle }) {
  return (
    <>
      <Show when={v.questionNumber(props.q)}>
        <span class="number">{v.questionNumber(props.q)} </span>
      </Show>
      {v.title(props.q)}
      <Show when={v.isRequired(props.q)}>
        <span class="required" title={t("required")}>
          {" "}*<span class="visually-hidden"> ({t("required")})</span>
        </span>
      </Show>
    </>
  );
}

function QuestionFrame(props: { q: QuestionHandle }) {
  // Whether a question can collapse is fixed by its definition (`state`): decided once.
  if (!v.isCollapsible(props.q)) return <FramedQuestion q={props.q} location={v.titleLocation(props.q)} />;
  return (
    <div class="question collapsible-question" data-name={v.questionName(props.q)}>
      <p class="question-title">
        <CollapseToggle element={props.q} controls={`${v.elementKey(props.q)}-content`}>
          <QuestionTitle q={props.q} />
        </CollapseToggle>
      </p>
      <Show when={!v.isCollapsed(props.q)}>
        <div id={`${v.elementKey(props.q)}-content`}>
          <FramedQuestion q={props.q} location="hidden" />
        </div>
      </Show>
    </div>
  );
}

/**
 * A question with its title where `titleLocation` puts it: above (default), below, to the left on
 * wide screens, or hidden (still its accessible name). One input: a label; several: a fieldset.
 * The control, its frame and the title's place follow from the definition: decided once.
 */
function FramedQuestion(props: { q: QuestionHandle; location: "top" | "bottom" | "left" | "hidden" }) {
  const session = useSession();
  const q = props.q;
  const location = props.location;
  const entry = controlFor(useControls(), q);
  /** A custom type made of one question renders that question's control. */
  const target = entry.target;
  const errs = () => (target === q ? v.errors(q) : [...v.errors(q), ...v.errors(target)]);
  const titleId = `${v.elementKey(q)}-title`;
  const describedBy = () => [v.description(q) ? v.descriptionId(q) : "", errs().length ? v.errorId(q) : ""].filter(Boolean).join(" ") || undefined;
  const parts = () => (
    <>
      <Show when={v.description(q)}>
        <p class="description" id={v.descriptionId(q)}>
          {v.description(q)}
        </p>
      </Show>
      <div class="errors" id={v.errorId(q)} aria-live="polite">
        <For each={errs()}>{(m) => <p class="error">{m}</p>}</For>
      </div>
      <Dynamic component={entry.control} q={target} describedBy={describedBy()} invalid={errs().length > 0} />
      <Show when={v.hasCommentArea(q)}>
        <label class="comment-label">
          {v.commentTitle(q)}
          <textarea
            class="input textarea"
            rows={2}
            value={v.commentText(q)}
            readOnly={v.isReadOnly(q)}
            onInput={(e) => session.stageComment(q, e.currentTarget.value)}
            onChange={(e) => v.setCommentText(q, e.currentTarget.value)}
          />
        </label>
      </Show>
    </>
  );
  // Beside a title on the left, the rest of the question is one grid cell; elsewhere it needs no wrapper.
  const body = () => (location === "left" ? <div class="question-body">{parts()}</div> : parts());
  const cls = () => ({ invalid: errs().length > 0, [`title-${location}`]: true });
  const titleClass = location === "hidden" ? "visually-hidden" : "question-title";
  const legendTitle = () => (
    <legend class={titleClass} id={titleId}>
      <QuestionTitle q={q} />
    </legend>
  );
  const divTitle = () => (
    <div class="question-title" id={titleId}>
      <QuestionTitle q={q} />
    </div>
  );
  const labelTitle = (cls: string) => (
    <label class={cls} id={titleId} for={v.inputId(target)}>
      <QuestionTitle q={q} />
    </label>
  );
  if (entry.frame === "bare") {
    return (
      <div class="question question-bare" data-name={v.questionName(q)}>
        {body()}
      </div>
    );
  }
  if (entry.frame === "group") {
    // Below or beside the answer, a legend (which must come first) cannot be used: the title names the group instead.
    const legend = location === "top" || location === "hidden";
    return (
      <fieldset class="question" classList={cls()} data-name={v.questionName(q)} aria-labelledby={legend ? undefined : titleId} aria-describedby={describedBy()}>
        {legend ? legendTitle() : location === "left" ? divTitle() : null}
        {body()}
        {location === "bottom" ? divTitle() : null}
      </fieldset>
    );
  }
  return (
    <div class="question" classList={cls()} data-name={v.questionName(q)}>
      {location !== "bottom" ? labelTitle(titleClass) : null}
      {body()}
      {location === "bottom" ? labelTitle("question-title") : null}
    </div>
  );
}
