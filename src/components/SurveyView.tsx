import { createSignal, For, Show } from "solid-js";
import { Dynamic } from "solid-js/web";
import { t } from "../i18n/i18n.ts";
import { languageName } from "../i18n/languages.ts";
import { responseProgress } from "../schema/response-rules.ts";
import type { NavigationResult, SurveySession } from "../survey/create-survey-session.ts";
import * as v from "../survey/view.ts";
import { ControlsContext, SessionContext } from "./context.ts";
import { controls } from "./registry.ts";
import ElementView from "./ElementView.tsx";

/** The respondent's view of a survey session: language, progress, the current page, navigation. */
export default function SurveyView(props: {
  session: SurveySession;
  languages: readonly string[];
  /** Completes (checks every page first); default: the session's own `complete`. */
  complete?: () => NavigationResult;
  /** After a completion that worked. */
  onComplete?: () => void;
  status?: import("solid-js").JSX.Element;
  /** Heading level of the survey title: 1 on the respondent's page, lower where the page has its own title (preview). */
  headingLevel?: 1 | 2 | 3;
}) {
  const s = () => props.session;
  const [summary, setSummary] = createSignal<v.FieldError[]>([]);
  let summaryEl: HTMLDivElement | undefined;
  let pageHeading: HTMLHeadingElement | undefined;

  const showErrors = () => {
    const page = s().currentPage();
    setSummary(page ? v.errorList(page) : []);
    queueMicrotask(() => summaryEl?.focus());
  };
  const afterMove = () => {
    setSummary([]);
    queueMicrotask(() => {
      pageHeading?.focus();
      pageHeading?.scrollIntoView({ block: "start" });
    });
  };
  const next = () => {
    const r = s().next();
    if (r.ok) afterMove();
    else showErrors();
  };
  const prev = () => {
    s().prev();
    afterMove();
  };
  const complete = () => {
    const r = props.complete ? props.complete() : s().complete();
    if (!r.ok) showErrors();
    else props.onComplete?.();
  };

  return (
    <SessionContext.Provider value={props.session}>
      <ControlsContext.Provider value={controls}>
        <article class="survey" dir={s().dir()} lang={s().language()}>
          <header class="survey-header">
            <div class="survey-heading">
              <Dynamic component={`h${props.headingLevel ?? 1}`} class="survey-title">
                {s().title()}
              </Dynamic>
              <Show when={props.languages.length > 1}>
                <label class="language-picker">
                  <span>{t("surveyLanguage")}</span>
                  <select class="input" value={s().language()} onChange={(e) => s().setLanguage(e.currentTarget.value)}>
                    <For each={props.languages}>{(l) => <option value={l} lang={l}>{languageName(l)}</option>}</For>
                  </select>
                </label>
              </Show>
            </div>
            <Show when={s().description()}>
              <p class="description">{s().description()}</p>
            </Show>
            <Show when={s().pageCount() > 1 && !s().completed()}>
              <div class="progress">
                <div
                  class="progress-bar"
                  role="progressbar"
                  aria-label={t("progress")}
                  aria-valuemin={0}
                  aria-valuemax={s().pageCount()}
                  aria-valuenow={s().pageIndex() + 1}
                  aria-valuetext={t("pageOf", { n: s().pageIndex() + 1, total: s().pageCount() })}
                >
                  <div class="progress-fill" style={{ width: `${responseProgress("draft", s().pageIndex(), s().pageCount())}%` }} />
                </div>
                <span class="progress-text">{t("pageOf", { n: s().pageIndex() + 1, total: s().pageCount() })}</span>
              </div>
            </Show>
            {props.status}
          </header>

          <Show when={summary().length > 0}>
            <div class="error-summary" role="alert" tabindex={-1} ref={summaryEl} aria-labelledby="error-summary-title">
              <h2 id="error-summary-title">{t("fixErrors")}</h2>
              <ul>
                <For each={summary()}>
                  {(e) => (
                    <li>
                      <a
                        href={`#${e.id}`}
                        onClick={(ev) => {
                          ev.preventDefault();
                          document.getElementById(e.id)?.focus();
                        }}
                      >
                        {e.title}: {e.messages.join(" ")}
                      </a>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          </Show>

          <Show when={s().currentPage()}>
            {(page) => (
              <section class="page" aria-labelledby="page-title">
                <h2 id="page-title" class="page-title" tabindex={-1} ref={pageHeading}>
                  {v.title(page()) || t("pageOf", { n: s().pageIndex() + 1, total: s().pageCount() })}
                </h2>
                <Show when={v.description(page())}>
                  <p class="description">{v.description(page())}</p>
                </Show>
                <For each={v.elementsOf(page())}>{(el) => <ElementView element={el} />}</For>
              </section>
            )}
          </Show>

          <Show when={!s().readOnly() || s().pageCount() > 1}>
            <nav class="survey-nav" aria-label={t("pageNavigation")}>
              <Show when={!s().isFirstPage()}>
                <button type="button" class="button secondary" onClick={prev}>
                  {t("previous")}
                </button>
              </Show>
              <span class="spacer" />
              <Show when={!s().isLastPage()}>
                <button type="button" class="button" onClick={next}>
                  {t("next")}
                </button>
              </Show>
              <Show when={s().isLastPage() && !s().readOnly()}>
                <button type="button" class="button primary" onClick={complete}>
                  {t("complete")}
                </button>
              </Show>
            </nav>
          </Show>
        </article>
      </ControlsContext.Provider>
    </SessionContext.Provider>
  );
}
