import { For, Match, Show, Switch } from "solid-js";
import { Dynamic } from "solid-js/web";
import { t } from "../i18n/i18n.ts";
import * as v from "../survey/view.ts";
import type { ElementHandle, QuestionHandle } from "../survey/view.ts";
import { useControls, useSession } from "./context.ts";

/** Renders one page element: a panel, a question in its frame, or a placeholder for a type we do not render. */
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

function PanelView(props: { panel: ElementHandle }) {
  return (
    <section class="panel" aria-labelledby={v.title(props.panel) ? `${v.elementKey(props.panel)}-title` : undefined}>
      <Show when={v.title(props.panel)}>
        <h3 class="panel-title" id={`${v.elementKey(props.panel)}-title`}>
          {v.title(props.panel)}
        </h3>
      </Show>
      <Show when={v.description(props.panel)}>
        <p class="description">{v.description(props.panel)}</p>
      </Show>
      <For each={v.elementsOf(props.panel)}>{(child) => <ElementView element={child} />}</For>
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
  const controls = useControls();
  const session = useSession();
  const entry = () => controls[v.elementType(props.q)];
  const errs = () => v.errors(props.q);
  const describedBy = () => [v.description(props.q) ? v.descriptionId(props.q) : "", errs().length ? v.errorId(props.q) : ""].filter(Boolean).join(" ") || undefined;
  const body = () => (
    <>
      <Show when={v.description(props.q)}>
        <p class="description" id={v.descriptionId(props.q)}>
          {v.description(props.q)}
        </p>
      </Show>
      <div class="errors" id={v.errorId(props.q)} aria-live="polite">
        <For each={errs()}>{(m) => <p class="error">{m}</p>}</For>
      </div>
      <Show
        when={entry()}
        fallback={
          <p class="unsupported" role="note">
            {t("unsupported", { type: v.elementType(props.q) })}
          </p>
        }
      >
        {(e) => <Dynamic component={e().control} q={props.q} describedBy={describedBy()} invalid={errs().length > 0} />}
      </Show>
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
  return (
    <Switch>
      <Match when={entry()?.frame === "bare"}>
        <div class="question question-bare" data-name={v.questionName(props.q)}>
          {body()}
        </div>
      </Match>
      <Match when={entry()?.frame === "group"}>
        <fieldset class="question" classList={{ invalid: errs().length > 0 }} data-name={v.questionName(props.q)} aria-describedby={describedBy()}>
          <legend class="question-title">
            <QuestionTitle q={props.q} />
          </legend>
          {body()}
        </fieldset>
      </Match>
      <Match when={true}>
        <div class="question" classList={{ invalid: errs().length > 0 }} data-name={v.questionName(props.q)}>
          <label class="question-title" for={v.inputId(props.q)}>
            <QuestionTitle q={props.q} />
          </label>
          {body()}
        </div>
      </Match>
    </Switch>
  );
}
