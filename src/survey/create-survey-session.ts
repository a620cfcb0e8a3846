import type { Model, PageModel, Question } from "survey-core";
import type { ComponentDefinition } from "../schema/survey-file.ts";
import { isAllowedUrl } from "../security/url-policy.ts";
import { registerComponents } from "./components.ts";
import { bindFileStore, createMemoryFileStore, type FileStore } from "./files.ts";
import { createLiveModel, urlPolicy } from "./harden.ts";
import { track, trigger } from "./reactive.ts";
import { DEFAULT_LANGUAGE, isRtl } from "./locales.ts";
import { errorList, type ElementHandle, type PageHandle, type QuestionHandle } from "./view.ts";

export interface SessionSnapshot {
  data: Record<string, unknown>;
  currentPage: string | null;
  language: string;
}

export interface SessionInit {
  definition: Record<string, unknown>;
  data?: Record<string, unknown>;
  currentPage?: string | null;
  language?: string;
  readOnly?: boolean;
  /**
   * "respondent" (default): a definition's `navigateToUrl` is offered after completion when the
   * deployment allows it. "preview" (the designer): never.
   */
  mode?: "respondent" | "preview";
  /** The file's own custom question types (its envelope's `components`). */
  components?: readonly ComponentDefinition[];
  /** Where files given as answers go (IndexedDB in the app); in memory when absent. */
  files?: FileStore;
}

export type NavigationResult = { ok: true } | { ok: false; firstErrorId: string | undefined };

/**
 * A respondent's session on one survey: survey-core's model turned into Solid
 * reads (tracked through `reactive.ts`) and actions. Components use this and
 * the functions of `view.ts`; they never reach the model themselves.
 */
export function createSurveySession(init: SessionInit) {
  registerComponents(init.components);
  // A copy, defused by the deployment's URL policy (survey-core writes into the JSON it loads).
  const model = createLiveModel(init.definition);
  /** Where the definition sends the respondent after completing, when that is allowed. */
  let completionUrl: string | undefined;
  model.onNavigateToUrl.add((_, options) => {
    options.allow = false;
    completionUrl = init.mode !== "preview" && options.url && isAllowedUrl(options.url, "navigate", urlPolicy()) ? options.url : undefined;
  });
  model.autoFocusFirstQuestion = false;
  model.showCompletePage = false;
  // A survey in `mode: "display"` stays read-only; a completed response is shown read-only too.
  if (init.readOnly === true) model.readOnly = true;
  const files = init.files ?? createMemoryFileStore();
  bindFileStore(model, files);
  setModelLanguage(model, init.language ?? DEFAULT_LANGUAGE);
  // Assigning data replaces every value, default values included: a new (empty) response keeps the defaults.
  if (init.data && Object.keys(init.data).length > 0) model.data = init.data;
  // A draft that has a current page was started: past the start page, if the survey has one.
  if (init.currentPage && model.state === "starting") model.start();
  if (init.currentPage) {
    const page = model.getPageByName(init.currentPage);
    if (page && page.isVisible) model.currentPage = page;
  }
  const timed = model.showTimer || model.timeLimit > 0 || model.timeLimitPerPage > 0;
  if (timed && model.state === "running" && !model.readOnly) model.startTimer();
  model.onTimerTick.add(() => trigger(model, "timer"));

  /** Told of every change: with the answer's top-level key when an answer changed. */
  const listeners = new Set<(key?: string) => void>();
  const changed = (key?: string) => listeners.forEach((l) => l(key));
  const completedListeners = new Set<() => void>();
  /** Text typed but not yet committed to the model (committed on change/blur): saved all the same. `undefined`: cleared. */
  const staged = new Map<string, unknown>();
  const language = { value: init.language ?? DEFAULT_LANGUAGE };
  let completing = false;

  model.onValueChanged.add((_, opts) => {
    staged.delete(opts.name);
    changed(opts.name);
  });
  model.onCurrentPageChanged.add(() => changed());
  // The element shown in one-question-per-page mode is not a tracked property: say when it changes.
  model.onCurrentPageChanged.add(() => trigger(model, "singleElement"));
  // A page shown or hidden by an answer changes the progress.
  model.onPageVisibleChanged.add(() => changed());
  model.onDynamicPanelAdded.add((_, opts) => changed(opts.question.getValueName()));
  model.onDynamicPanelRemoved.add((_, opts) => changed(opts.question.getValueName()));
  model.onMatrixRowAdded.add((_, opts) => changed(opts.question.getValueName()));
  model.onMatrixRowRemoved.add((_, opts) => changed(opts.question.getValueName()));
  model.onStarted.add(() => {
    if (timed) model.startTimer();
    changed();
  });
  // Completed by survey-core itself (time limit, complete trigger, auto-advance): the editor and the page are told.
  model.onComplete.add(() => {
    model.stopTimer();
    if (!completing) completedListeners.forEach((l) => l());
  });

  /** The first page (in order) that shows an error, on a question, a panel or the page itself. */
  const firstPageWithErrors = (pages: readonly PageModel[]): PageModel | undefined =>
    pages.find((p) => errorList(p as unknown as ElementHandle).length > 0);
  const failure = (page: PageModel | undefined): NavigationResult => ({ ok: false, firstErrorId: page ? errorList(page as unknown as ElementHandle)[0]?.id : undefined });

  return {
    /** The model, for view functions in `src/survey/` only. */
    get model(): Model {
      return model;
    },
    /** Where files given as answers are kept. */
    files,
    title: () => (track(model, "locale"), model.locTitle.renderedHtml),
    description: () => (track(model, "locale"), model.locDescription.renderedHtml),
    language: () => (track(model, "locale"), language.value),
    dir: (): "ltr" | "rtl" => (track(model, "locale"), isRtl(language.value) ? "rtl" : "ltr"),
    readOnly: () => model.readOnly,
    completed: () => model.state === "completed",
    /** "starting" (start page shown), "running", "preview", "completed" or "empty" (nothing to show). */
    state: () => model.state,
    pages: () => model.visiblePages as unknown as PageHandle[],
    currentPage: () => model.currentPage as unknown as PageHandle | undefined,
    /** The page on screen: the start page while starting, else the current page. */
    activePage: () => (model.state === "starting" ? model.startedPage : model.currentPage) as unknown as PageHandle | undefined,
    /** In one-question-per-page mode, the one element to show; undefined otherwise. */
    singleElement: () => (track(model, "singleElement"), (model.currentSingleElement ?? undefined) as unknown as ElementHandle | undefined),
    pageIndex: () => model.currentPageNo,
    pageCount: () => model.visiblePageCount,
    isFirstPage: () => model.isFirstPage,
    isLastPage: () => model.isLastPage,
    /** Which navigation buttons survey-core shows now (display mode, preview, one question per page…). */
    buttons: () => ({
      prev: model.isShowPrevButton,
      next: model.isShowNextButton,
      complete: model.isCompleteButtonVisible,
      preview: model.isPreviewButtonVisible,
      start: model.state === "starting",
      shown: model.isNavigationButtonsShowing !== "none",
    }),
    // By pages, worked out here as survey-core works it out (its own text, in the survey's
    // language): reading survey-core's cached progress would re-render the bar after every answer.
    progress: () => {
      track(model, "currentPage");
      if (model.getEffectiveProgressBarType() !== "pages") return model.progressValue;
      const count = model.visiblePageCount;
      return count ? Math.ceil((model.currentPageNo * 100) / count) : 0;
    },
    progressText: () => {
      track(model, "currentPage");
      track(model, "locale");
      if (model.getEffectiveProgressBarType() !== "pages") return model.progressText;
      return model.getLocalizationFormatString("progressText", model.currentPageNo + 1, model.visiblePageCount);
    },
    /** The progress bar as the definition asks for it; undefined when it does not say (our default applies). */
    progressBar: (): { show: boolean; location: string; type: string } | undefined =>
      init.definition["showProgressBar"] === undefined ? undefined : { show: model.showProgressBar, location: model.progressBarLocation, type: model.getEffectiveProgressBarType() },
    /** The timer's text while a timer is shown (time spent, time left), tracked each second. */
    timer: (): { text: string; location: string } | undefined => {
      if (!model.showTimer || model.state !== "running") return undefined;
      track(model, "timer");
      return { text: model.timerInfoText, location: model.timerLocation };
    },
    toc: (): { location: "left" | "right" } | undefined => (model.showTOC && model.state === "running" ? { location: model.tocLocation } : undefined),
    logo: (): { src: string; width: string; height: string; position: string; fit: string } | undefined => {
      track(model, "locale");
      const src = model.locLogo.renderedHtml;
      if (!src || model.logoPosition === "none") return undefined;
      return { src, width: String(model.logoWidth ?? ""), height: String(model.logoHeight ?? ""), position: model.logoPosition, fit: model.logoFit };
    },
    /** The survey's "nothing to show" text, in its language. */
    emptyText: () => (track(model, "locale"), model.emptySurveyText),
    /** The completed page's HTML (`completedHtml`, `completedHtmlOnCondition`), answers filled in; sanitize before showing. */
    completedHtml: () => {
      track(model, "locale");
      track(model, "state");
      const custom = !!model.completedHtml || (model.completedHtmlOnCondition?.length ?? 0) > 0;
      return custom ? model.processedCompletedHtml : "";
    },
    startText: () => (track(model, "locale"), model.startSurveyText),
    previewText: () => (track(model, "locale"), model.previewText),
    editText: () => (track(model, "locale"), model.editText),

    setLanguage(next: string) {
      language.value = next;
      setModelLanguage(model, next);
      changed();
    },

    /** Leaves the start page; fails (with its errors) when the start page has any. */
    start(): NavigationResult {
      if (model.start()) return { ok: true };
      return failure(model.startedPage);
    },

    /** Validates the current page (or question, one per page) only and moves on when it is valid. */
    next(): NavigationResult {
      if (!model.isShowNextButton) return { ok: true };
      const ok = model.performNext();
      // One input per page moves within a question without changing the page: say so.
      trigger(model, "singleElement");
      return ok ? { ok: true } : failure(model.currentPage);
    },

    prev() {
      model.performPrevious();
      trigger(model, "singleElement");
    },

    goToPage(index: number) {
      const page = model.visiblePages[index];
      if (page) model.currentPage = page;
    },

    /** Goes to a page from the table of contents, as SurveyJS's does (checking the pages skipped forward). */
    navigateToPage(page: PageHandle): NavigationResult {
      if (model.tryNavigateToPage(page as unknown as PageModel)) return { ok: true };
      return failure(model.currentPage);
    },

    /** Shows the answers before completing; fails (with the first errors) when a page is not valid. */
    showPreview(): NavigationResult {
      if (model.showPreview()) return { ok: true };
      const page = firstPageWithErrors(model.visiblePages);
      if (page) model.currentPage = page;
      return failure(page ?? model.currentPage);
    },

    /** Back from the preview to the page of one of its sections (to edit its answers), or to the last page. */
    cancelPreview(section?: ElementHandle) {
      if (section) model.cancelPreviewByPage(section as unknown as Parameters<Model["cancelPreviewByPage"]>[0]);
      else model.cancelPreview();
    },

    /** Validates every page; on errors, goes to the first one. Otherwise completes. */
    complete(now: Date = new Date()): NavigationResult & { completedAt?: string } {
      const valid = model.validate(true, false);
      if (!valid) {
        // Errors may sit on a question, a panel or a page: go to the first page that shows one.
        if (model.state === "preview") return failure(model.currentPage);
        const page = firstPageWithErrors(model.visiblePages);
        if (page) model.currentPage = page;
        return failure(page ?? model.currentPage);
      }
      completing = true;
      try {
        model.doComplete();
      } finally {
        completing = false;
      }
      model.readOnly = true;
      changed();
      return { ok: true, completedAt: now.toISOString() };
    },

    /**
     * Where the definition sends the respondent once the completion is stored (its
     * `navigateToUrl`, answers filled in), when the deployment allows that address; otherwise
     * undefined. Never in the designer's preview.
     */
    completionUrl: (): string | undefined => (model.state === "completed" ? completionUrl : undefined),

    stageText(question: QuestionHandle, text: string) {
      const q = question as unknown as Question;
      // Staged text is stored as the model would store it once committed: numbers as numbers, empty as no answer.
      const value = textToValue(q, text);
      if (q.parentQuestion || q.valueName) {
        q.value = value;
        return;
      }
      staged.set(q.name, value);
      changed(q.name);
    },

    /** Like `stageText`, for a question's comment box (stored under `<name>-Comment`). */
    stageComment(question: QuestionHandle, text: string) {
      const q = question as unknown as Question;
      if (q.parentQuestion || q.valueName) {
        q.comment = text;
        return;
      }
      const key = `${q.name}${model.commentSuffix}`;
      staged.set(key, text === "" ? undefined : text);
      changed(key);
    },

    /**
     * Brings in answers changed elsewhere (another tab): sets and clears the given top-level
     * keys only, so that everything else this tab holds (including text being typed in other
     * questions) stays as it is.
     */
    applyExternal(set: Readonly<Record<string, unknown>>, unset: readonly string[] = []) {
      for (const [k, v] of Object.entries(set)) {
        if (isUnsafeKey(k)) continue;
        staged.delete(k);
        if (v === undefined || v === null) model.clearValue(k);
        else model.setValue(k, structuredClone(v));
      }
      for (const k of unset) {
        if (isUnsafeKey(k)) continue;
        staged.delete(k);
        model.clearValue(k);
      }
    },

    /** The value of one top-level key of the data, text typed but not committed included (a copy). */
    value(key: string): unknown {
      if (staged.has(key)) return staged.get(key);
      const calculated = model.calculatedValues.find((c) => c.includeIntoResult && c.name === key);
      return calculated ? model.getVariable(key) : model.getValue(key);
    },

    /** Keys of the data that the survey computes (expression questions, calculated values), not answers given. */
    derivedKeys(): string[] {
      const fromQuestions = model.getAllQuestions(false).filter((q) => q.getType() === "expression").map((q) => q.getValueName());
      const fromValues = model.calculatedValues.filter((c) => c.includeIntoResult).map((c) => c.name);
      return [...fromQuestions, ...fromValues];
    },

    /** The plain-text title of the question that stores `name` (for messages), or the name itself. */
    titleOf(name: string): string {
      const q = model.getQuestionByValueName(name) ?? model.getQuestionByName(name);
      const title = q ? q.locTitle.renderedHtml || q.name : name;
      return title.replace(/<[^>]*>/g, "").trim() || name;
    },

    snapshot(): SessionSnapshot {
      const data = model.data as Record<string, unknown>;
      if (staged.size > 0) {
        for (const [k, v] of staged) {
          if (v === undefined) delete data[k];
          else data[k] = v;
        }
      }
      return {
        data,
        // Not started yet (start page shown): no current page, so resuming shows the start page again.
        currentPage: model.state === "starting" ? null : (model.currentPage?.name ?? null),
        language: language.value,
      };
    },

    /**
     * Calls `listener` after every change of answers, page, language or visible pages: with the
     * answer's top-level key when an answer changed (other keys may follow from it: computed
     * values), without one for anything else.
     */
    onChange(listener: (key?: string) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Called when survey-core completes the survey by itself (time limit, complete trigger, auto-advance). */
    onCompleted(listener: () => void): () => void {
      completedListeners.add(listener);
      return () => completedListeners.delete(listener);
    },

    dispose() {
      listeners.clear();
      completedListeners.clear();
      model.stopTimer();
      model.dispose();
    },
  };
}

export type SurveySession = ReturnType<typeof createSurveySession>;

function isUnsafeKey(k: string): boolean {
  return k === "__proto__" || k === "constructor" || k === "prototype";
}

/** Text typed in a text input, as the model stores it on commit (see `setInputText` in view.ts). */
function textToValue(q: Question, text: string): unknown {
  if (text === "") return undefined;
  const inputType = (q as unknown as { inputType?: string }).inputType;
  if (inputType === "number" || inputType === "range") {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

function setModelLanguage(model: Model, language: string) {
  model.locale = language === DEFAULT_LANGUAGE ? "" : language;
}
