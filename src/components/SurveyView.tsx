import { createEffect, createSignal, For, onCleanup, Show, type JSX } from "solid-js";
import { Dynamic } from "solid-js/web";
import { t } from "../i18n/i18n.ts";
import { languageName } from "../i18n/languages.ts";
import { tc } from "../i18n/messages-controls.ts";
import { responseProgress } from "../schema/response-rules.ts";
import type { NavigationResult, SurveySession } from "../survey/create-survey-session.ts";
import * as v from "../survey/view.ts";
import { ControlsContext, SessionContext } from "./context.ts";
import ElementView, { ElementList } from "./ElementView.tsx";
import { controls } from "./registry.ts";
import { isSafeMediaSrc } from "./safe-src.ts";
import SafeHtml from "./SafeHtml.tsx";

/** What the survey says when it is completed: its `completedHtml` (answers filled in; sanitize before showing), or "". */
export interface CompletedInfo {
  completedHtml: string;
}

function ProgressBar(props: { value: number; max: number; now: number; text: string }) {
  return (
    <div class="progress">
      <div class="progress-bar" role="progressbar" aria-label={t("progress")} aria-valuemin={0} aria-valuemax={props.max} aria-valuenow={props.now} aria-valuetext={props.text}>
        <div class="progress-fill" style={{ width: `${props.value}%` }} />
      </div>
      <span class="progress-text">{props.text}</span>
    </div>
  );
}

/** The respondent's view of a survey session: language, progress, the current page, navigation. */
export default function SurveyView(props: {
  session: SurveySession;
  languages: readonly string[];
  /** Completes (checks every page first); default: the session's own `complete`. */
  complete?: () => NavigationResult;
  /** After a completion that worked, by the respondent or by the survey itself (time limit, complete trigger). */
  onComplete?: (info: CompletedInfo) => void;
  status?: JSX.Element;
  /** Heading level of the survey title: 1 on the respondent's page, lower where the page has its own title (preview). */
  headingLevel?: 1 | 2 | 3;
}) {
  const s = () => props.session;
  const [summary, setSummary] = createSignal<v.FieldError[]>([]);
  let summaryEl: HTMLDivElement | undefined;
  let pageHeading: HTMLHeadingElement | undefined;

  const showErrors = () => {
    const page = s().activePage();
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
  const move = (r: { ok: boolean }) => (r.ok ? afterMove() : showErrors());
  /**
   * Navigation buttons keep the focus where it is on mouse down, so that committing the answer
   * being typed (on blur) cannot clear its error and shift the button away before the click
   * lands; the answer is committed first thing in the click instead.
   */
  const keepFocus = (e: MouseEvent) => e.preventDefault();
  const commitTyping = () => {
    const active = document.activeElement;
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) active.blur();
  };
  const nav = (run: () => void) => () => {
    commitTyping();
    run();
  };
  const complete = () => {
    const session = s();
    // Read first: a completion that works replaces the session (the response editor opens a read-only one).
    const completedHtml = session.completedHtml();
    const r = props.complete ? props.complete() : session.complete();
    if (!r.ok) showErrors();
    else props.onComplete?.({ completedHtml });
  };
  // Completed by the survey itself: its time limit ran out, a complete trigger fired.
  createEffect(() => {
    const session = s();
    onCleanup(session.onCompleted(() => props.onComplete?.({ completedHtml: session.completedHtml() })));
  });

  const progressBar = () => s().progressBar();
  /** Our default when the definition does not set `showProgressBar`: "Page n of m" on surveys of several pages. */
  const defaultProgress = () => progressBar() === undefined && s().pageCount() > 1 && s().state() === "running";
  const surveyProgress = (where: "top" | "bottom") => {
    const pb = progressBar();
    if (!pb?.show || (s().state() !== "running" && s().state() !== "preview")) return false;
    const bottom = pb.location === "bottom" || pb.location === "topBottom";
    const top = pb.location !== "bottom";
    return where === "top" ? top : bottom;
  };
  const progressNode = () => <ProgressBar value={s().progress()} max={100} now={Math.round(s().progress())} text={s().progressText()} />;
  const timerNode = () => (
    <Show when={s().timer()}>
      {(timer) => (
        <p class="timer" role="timer" aria-live="off">
          {timer().text}
        </p>
      )}
    </Show>
  );
  const pageTitle = (page: v.PageHandle) => v.title(page) || (s().pageCount() > 1 ? t("pageOf", { n: s().pageIndex() + 1, total: s().pageCount() }) : s().title());

  return (
    <SessionContext.Provider value={props.session}>
      <ControlsContext.Provider value={controls}>
      <article class="survey" dir={s().dir()} lang={s().language()}>
        <header class="survey-header">
          <div class="survey-heading" classList={{ [`logo-${s().logo()?.position ?? "none"}`]: true }}>
            <Show when={s().logo()}>
              {(logo) => (
                <Show when={isSafeMediaSrc(logo().src)}>
                  <img class="survey-logo" src={logo().src} alt="" style={{ width: logo().width || undefined, height: logo().height || undefined, "object-fit": (logo().fit || "contain") as "contain" }} />
                </Show>
              )}
            </Show>
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
          <Show when={defaultProgress()}>
            <ProgressBar value={responseProgress("draft", s().pageIndex(), s().pageCount())} max={s().pageCount()} now={s().pageIndex() + 1} text={t("pageOf", { n: s().pageIndex() + 1, total: s().pageCount() })} />
          </Show>
          <Show when={surveyProgress("top")}>{progressNode()}</Show>
          <Show when={s().timer()?.location !== "bottom"}>{timerNode()}</Show>
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
                        // A question in a collapsed panel: open the panel first, then focus.
                        v.reveal(e.element);
                        queueMicrotask(() => document.getElementById(e.id)?.focus());
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

        <Show when={s().state() === "empty"}>
          <p class="notice empty-survey" role="status">
            {s().emptyText() || tc("emptySurvey")}
          </p>
        </Show>

        <div class="survey-body" classList={{ [`toc-${s().toc()?.location ?? "none"}`]: !!s().toc() }}>
          <Show when={s().toc()}>
            <nav class="toc" aria-label={tc("contents")}>
              <details open>
                <summary>{tc("contents")}</summary>
                <ol>
                  <For each={s().pages()}>
                    {(page) => (
                      <li>
                        <button
                          type="button"
                          class="toc-item"
                          aria-current={page === s().currentPage() ? "step" : undefined}
                          onClick={() => move(s().navigateToPage(page))}
                        >
                          {v.pageNavTitle(page)}
                          <Show when={page === s().currentPage()}>
                            <span class="visually-hidden"> ({tc("currentPage")})</span>
                          </Show>
                        </button>
                      </li>
                    )}
                  </For>
                </ol>
              </details>
            </nav>
          </Show>

          <Show when={s().state() !== "empty" && s().activePage()}>
            {(page) => (
              <section class="page" aria-labelledby="page-title">
                <h2 id="page-title" class="page-title" tabindex={-1} ref={pageHeading}>
                  {pageTitle(page())}
                </h2>
                <Show when={v.description(page())}>
                  <p class="description">{v.description(page())}</p>
                </Show>
                <Show when={v.errors(page()).length > 0}>
                  <div class="errors" aria-live="polite">
                    <For each={v.errors(page())}>{(m) => <p class="error">{m}</p>}</For>
                  </div>
                </Show>
                <Show when={s().singleElement()} fallback={<ElementList container={page()} />} keyed>
                  {(one) => (
                    <Show when={v.singleInput(one)} fallback={<ElementView element={one} />} keyed>
                      {(part) => (
                        <section class="single-input" aria-labelledby="single-input-context">
                          <p class="single-input-context" id="single-input-context">
                            {part.context}
                          </p>
                          <ElementView element={part.input} />
                        </section>
                      )}
                    </Show>
                  )}
                </Show>
              </section>
            )}
          </Show>
        </div>

        <Show when={surveyProgress("bottom")}>{progressNode()}</Show>
        <Show when={s().timer()?.location === "bottom"}>{timerNode()}</Show>

        <Show when={s().state() !== "empty" && s().state() !== "completed" && s().buttons().shown}>
          <nav class="survey-nav" aria-label={t("pageNavigation")}>
            <Show when={s().buttons().start}>
              <span class="spacer" />
              <button type="button" class="button primary survey-start" onMouseDown={keepFocus} onClick={nav(() => move(s().start()))}>
                {s().startText()}
              </button>
            </Show>
            <Show when={!s().buttons().start}>
              <Show when={s().buttons().prev}>
                <button type="button" class="button secondary" onMouseDown={keepFocus} onClick={nav(() => (s().prev(), afterMove()))}>
                  {t("previous")}
                </button>
              </Show>
              <span class="spacer" />
              <Show when={s().buttons().next}>
                <button type="button" class="button" onMouseDown={keepFocus} onClick={nav(() => move(s().next()))}>
                  {t("next")}
                </button>
              </Show>
              <Show when={s().buttons().preview}>
                <button type="button" class="button" onMouseDown={keepFocus} onClick={nav(() => move(s().showPreview()))}>
                  {s().previewText()}
                </button>
              </Show>
              <Show when={s().buttons().complete}>
                <button type="button" class="button primary" onMouseDown={keepFocus} onClick={nav(complete)}>
                  {t("complete")}
                </button>
              </Show>
            </Show>
          </nav>
        </Show>
        <Show when={s().state() === "completed" && !props.onComplete}>
          <div class="notice success completed-page" role="status">
            <Show when={s().completedHtml()} fallback={<p>{t("thankYou")}</p>}>
              <SafeHtml html={s().completedHtml()} />
            </Show>
          </div>
        </Show>
      </article>
      </ControlsContext.Provider>
    </SessionContext.Provider>
  );
}
