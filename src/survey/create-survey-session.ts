import type { Model, PageModel, Question } from "survey-core";
import { isAllowedUrl } from "../security/url-policy.ts";
import { createLiveModel, urlPolicy } from "./harden.ts";
import { track } from "./reactive.ts";
import { DEFAULT_LANGUAGE, isRtl } from "./locales.ts";
import type { PageHandle, QuestionHandle } from "./view.ts";

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
}

export type NavigationResult = { ok: true } | { ok: false; firstErrorId: string | undefined };

/**
 * A respondent's session on one survey: survey-core's model turned into Solid
 * reads (tracked through `reactive.ts`) and actions. Components use this and
 * the functions of `view.ts`; they never reach the model themselves.
 */
export function createSurveySession(init: SessionInit) {
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
  model.readOnly = init.readOnly === true;
  setModelLanguage(model, init.language ?? DEFAULT_LANGUAGE);
  if (init.data) model.data = init.data;
  if (init.currentPage) {
    const page = model.getPageByName(init.currentPage);
    if (page && page.isVisible) model.currentPage = page;
  }

  /** Told of every change: with the answer's top-level key when an answer changed. */
  const listeners = new Set<(key?: string) => void>();
  const changed = (key?: string) => listeners.forEach((l) => l(key));
  /** Text typed but not yet committed to the model (committed on change/blur): saved all the same. `undefined`: cleared. */
  const staged = new Map<string, unknown>();
  const language = { value: init.language ?? DEFAULT_LANGUAGE };

  model.onValueChanged.add((_, opts) => {
    staged.delete(opts.name);
    changed(opts.name);
  });
  model.onCurrentPageChanged.add(() => changed());
  // A page shown or hidden by an answer changes the progress.
  model.onPageVisibleChanged.add(() => changed());
  model.onDynamicPanelAdded.add((_, opts) => changed(opts.question.getValueName()));
  model.onDynamicPanelRemoved.add((_, opts) => changed(opts.question.getValueName()));
  model.onMatrixRowAdded.add((_, opts) => changed(opts.question.getValueName()));
  model.onMatrixRowRemoved.add((_, opts) => changed(opts.question.getValueName()));

  const firstErrorIn = (pages: readonly PageModel[]): Question | undefined => {
    for (const page of pages) {
      for (const q of page.questions) {
        if (!q.isVisible) continue;
        if (q.errors.length > 0) return q;
        // Errors inside multiple text, matrices and dynamic panels belong to their nested questions.
        const nested = q.getNestedQuestions(true, true).find((n) => n.errors.length > 0);
        if (nested) return nested;
      }
    }
    return undefined;
  };

  return {
    /** The model, for view functions in `src/survey/` only. */
    get model(): Model {
      return model;
    },
    title: () => (track(model, "locale"), model.locTitle.renderedHtml),
    description: () => (track(model, "locale"), model.locDescription.renderedHtml),
    language: () => (track(model, "locale"), language.value),
    dir: (): "ltr" | "rtl" => (track(model, "locale"), isRtl(language.value) ? "rtl" : "ltr"),
    readOnly: () => model.readOnly,
    completed: () => model.state === "completed",
    pages: () => model.visiblePages as unknown as PageHandle[],
    currentPage: () => model.currentPage as unknown as PageHandle | undefined,
    pageIndex: () => model.currentPageNo,
    pageCount: () => model.visiblePageCount,
    isFirstPage: () => model.isFirstPage,
    isLastPage: () => model.isLastPage,

    setLanguage(next: string) {
      language.value = next;
      setModelLanguage(model, next);
      changed();
    },

    /** Validates the current page only and moves on when it is valid. */
    next(): NavigationResult {
      if (model.isLastPage) return { ok: true };
      const ok = model.performNext();
      if (ok) return { ok: true };
      return { ok: false, firstErrorId: firstErrorIn([model.currentPage])?.inputId };
    },

    prev() {
      model.performPrevious();
    },

    goToPage(index: number) {
      const page = model.visiblePages[index];
      if (page) model.currentPage = page;
    },

    /** Validates every page; on errors, goes to the first one. Otherwise completes. */
    complete(now: Date = new Date()): NavigationResult & { completedAt?: string } {
      const valid = model.validate(true, false);
      if (!valid) {
        const q = firstErrorIn(model.visiblePages);
        if (q?.page) model.currentPage = q.page;
        return { ok: false, firstErrorId: q?.inputId };
      }
      model.doComplete();
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
        currentPage: model.currentPage?.name ?? null,
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

    dispose() {
      listeners.clear();
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
