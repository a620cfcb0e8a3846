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
 * before; a row wraps on narrow screens (each element keeps SurveyJS's minimum width, 300 px).
 */
export function ElementList(props: { container: ElementHandle }) {
  return (
    <Show when={v.rowsOf(props.container)} fallback={<For each={v.elementsOf(props.container)}>{(el) => <ElementView element={el} />}</For>}>
      {(rows) => (
        <For each={rows()}>
          {(row) => (
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
  const id = () => v.elementKey(props.panel);
  const errs = () => v.errors(props.panel);
  const titled = () => v.title(props.panel) && v.titleLocation(props.panel) !== "hidden";
  return (
    <section
      class="panel"
      classList={{ invalid: errs().length > 0, "panel-page": v.elementType(props.panel) === "page" }}
      id={v.sectionId(props.panel)}
      tabindex={-1}
      aria-labelledby={titled() ? `${id()}-title` : undefined}
      aria-label={!titled() && v.title(props.panel) ? v.title(props.panel) : undefined}
    >
      <Show when={titled()}>
        <h3 class="panel-title" id={`${id()}-title`}>
          <Show when={v.isCollapsible(props.panel)} fallback={v.title(props.panel)}>
            <CollapseToggle element={props.panel} controls={`${id()}-content`}>
              {v.title(props.panel)}
            </CollapseToggle>
          </Show>
        </h3>
      </Show>
      <Show when={v.description(props.panel)}>
        <p class="description">{v.description(props.panel)}</p>
      </Show>
      <div class="errors" id={`${id()}-errors`} aria-live="polite">
        <For each={errs()}>{(m) => <p class="error">{m}</p>}</For>
      </div>
      <Show when={!v.isCollapsed(props.panel)}>
        <div id={`${id()}-content`}>
          <ElementList container={props.panel} />
        </div>
      </Show>
      <Show when={v.hasEditButton(props.panel)}>
        <button type="button" class="button secondary small" aria-label={`${session.editText()}: ${v.title(props.panel)}`} onClick={() => session.cancelPreview(props.panel)}>
          {session.editText()}
        </button>
      </Show>
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
  return (
    <Show when={v.isCollapsible(props.q)} fallback={<FramedQuestion q={props.q} location={v.titleLocation(props.q)} />}>
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
    </Show>
  );
}

/**
 * A question with its title where `titleLocation` puts it: above (default), below, to the left on
 * wide screens, or hidden (still its accessible name). One input: a label; several: a fieldset.
 */
function FramedQuestion(props: { q: QuestionHandle; location: "top" | "bottom" | "left" | "hidden" }) {
  const session = useSession();
  const controls = useControls();
  const entry = () => controlFor(controls, props.q);
  /** A custom type made of one question renders that question's control. */
  const target = () => entry().target;
  const errs = () => (target() === props.q ? v.errors(props.q) : [...v.errors(props.q), ...v.errors(target())]);
  const titleId = () => `${v.elementKey(props.q)}-title`;
  const describedBy = () => [v.description(props.q) ? v.descriptionId(props.q) : "", errs().length ? v.errorId(props.q) : ""].filter(Boolean).join(" ") || undefined;
  // Beside a title on the left, the rest of the question is one grid cell; elsewhere it needs no wrapper.
  const body = () => (props.location === "left" ? <div class="question-body">{bodyParts()}</div> : bodyParts());
  const bodyParts = () => (
    <>
      <Show when={v.description(props.q)}>
        <p class="description" id={v.descriptionId(props.q)}>
          {v.description(props.q)}
        </p>
      </Show>
      <div class="errors" id={v.errorId(props.q)} aria-live="polite">
        <For each={errs()}>{(m) => <p class="error">{m}</p>}</For>
      </div>
      <Dynamic component={entry().control} q={target()} describedBy={describedBy()} invalid={errs().length > 0} />
      <Show when={v.hasCommentArea(props.q)}>
        <label class="comment-label">
          {v.commentTitle(props.q)}
          <textarea
            class="input textarea"
            rows={2}
            value={v.commentText(props.q)}
            readOnly={v.isReadOnly(props.q)}
            onInput={(e) => session.stageComment(props.q, e.currentTarget.value)}
            onChange={(e) => v.setCommentText(props.q, e.currentTarget.value)}
          />
        </label>
      </Show>
    </>
  );
  const cls = () => ({ invalid: errs().length > 0, [`title-${props.location}`]: true });
  const titleClass = () => (props.location === "hidden" ? "visually-hidden" : "question-title");
  return (
    <Switch>
      <Match when={entry().frame === "bare"}>
        <div class="question question-bare" data-name={v.questionName(props.q)}>
          {body()}
        </div>
      </Match>
      <Match when={entry().frame === "group" && (props.location === "top" || props.location === "hidden")}>
        <fieldset class="question" classList={cls()} data-name={v.questionName(props.q)} aria-describedby={describedBy()}>
          <legend class={titleClass()} id={titleId()}>
            <QuestionTitle q={props.q} />
          </legend>
          {body()}
        </fieldset>
      </Match>
      <Match when={entry().frame === "group"}>
        {/* Below or beside the answer: a legend must come first, so the group is named by the title instead. */}
        <fieldset class="question" classList={cls()} data-name={v.questionName(props.q)} aria-labelledby={titleId()} aria-describedby={describedBy()}>
          <Show when={props.location === "left"}>
            <div class="question-title" id={titleId()}>
              <QuestionTitle q={props.q} />
            </div>
          </Show>
          {body()}
          <Show when={props.location === "bottom"}>
            <div class="question-title" id={titleId()}>
              <QuestionTitle q={props.q} />
            </div>
          </Show>
        </fieldset>
      </Match>
      <Match when={true}>
        <div class="question" classList={cls()} data-name={v.questionName(props.q)}>
          <Show when={props.location !== "bottom"}>
            <label class={titleClass()} id={titleId()} for={v.inputId(target())}>
              <QuestionTitle q={props.q} />
            </label>
          </Show>
          {body()}
          <Show when={props.location === "bottom"}>
            <label class="question-title" id={titleId()} for={v.inputId(target())}>
              <QuestionTitle q={props.q} />
            </label>
          </Show>
        </div>
      </Match>
    </Switch>
  );
}
