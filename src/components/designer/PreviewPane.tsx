import { createEffect, createSignal, For, on, onCleanup, Show, untrack } from "solid-js";
import { dt } from "../../i18n/messages-designer.ts";
import type { SurveySession } from "../../survey/create-survey-session.ts";
import { buildPreview, currentPageName, previewAnchor, previewPages, showPage } from "../../survey/designer/preview.ts";
import SurveyView from "../SurveyView.tsx";

/** What the designer selected: the preview shows its page (a new `seq` asks again). */
export interface PreviewFocus {
  name: string;
  page: boolean;
  seq: number;
}

/**
 * The survey as respondents see it, rebuilt from the editor's text: the same components, no
 * autosave (nothing is written to real responses), test answers kept across edits.
 */
export default function PreviewPane(props: {
  text: string;
  focus: PreviewFocus | undefined;
  /** Whether the preview is on screen: a hidden preview catches up when it is shown again. */
  active: boolean;
  onTiming: (ms: number) => void;
}) {
  const [session, setSession] = createSignal<SurveySession | undefined>();
  const [languages, setLanguages] = createSignal<string[]>([]);
  const [stale, setStale] = createSignal(false);
  const [completed, setCompleted] = createSignal(false);

  const rebuild = (text: string, fresh: boolean) => {
    const prev = untrack(session);
    const t0 = performance.now();
    const built = buildPreview(text, fresh || !prev ? undefined : prev.snapshot());
    if (!built.ok) {
      setStale(true);
      return;
    }
    setStale(false);
    setCompleted(false);
    setLanguages(built.languages);
    setSession(built.session);
    prev?.dispose();
    // Time until the new page is on screen, for the designer's status line.
    requestAnimationFrame(() => props.onTiming(performance.now() - t0));
  };

  // Rebuilt in a task of its own, after the checks: a keystroke in between is not held up by both.
  let pending: ReturnType<typeof setTimeout> | undefined;
  let built: string | undefined;
  createEffect(
    on(
      () => [props.text, props.active] as const,
      ([text, active]) => {
        clearTimeout(pending);
        if (!active || text === built) return;
        pending = setTimeout(() => {
          built = text;
          rebuild(text, false);
        }, 0);
      },
    ),
  );
  onCleanup(() => {
    clearTimeout(pending);
    session()?.dispose();
  });

  createEffect(
    on(
      () => props.focus,
      (f) => {
        const s = untrack(session);
        if (!s || !f) return;
        const anchor = f.page ? { id: "", page: f.name } : previewAnchor(s, f.name);
        if (!anchor) return;
        if (!showPage(s, anchor.page)) return;
        queueMicrotask(() => {
          const el = anchor.id ? document.getElementById(anchor.id)?.closest(".question, .panel") : null;
          if (el instanceof HTMLElement) {
            el.scrollIntoView({ block: "nearest" });
            el.classList.add("preview-flash");
            setTimeout(() => el.classList.remove("preview-flash"), 1200);
          }
        });
      },
      { defer: true },
    ),
  );

  const pages = () => {
    const s = session();
    return s ? previewPages(s) : [];
  };

  return (
    <div class="preview">
      <div class="preview-toolbar">
        <label>
          <span>{dt("jumpToPage")}</span>
          <select
            class="input"
            value={session() ? currentPageName(session()!) : ""}
            onChange={(e) => {
              const s = session();
              if (s && !showPage(s, e.currentTarget.value)) e.currentTarget.value = currentPageName(s);
            }}
          >
            <For each={pages()}>
              {(p) => (
                <option value={p.name} disabled={!p.visible}>
                  {p.title}
                  {p.visible ? "" : ` (${dt("hiddenByCondition")})`}
                </option>
              )}
            </For>
          </select>
        </label>
        <button type="button" class="button small secondary" onClick={() => ((built = props.text), rebuild(props.text, true))}>
          {dt("restartPreview")}
        </button>
      </div>
      <p class="hint">{dt("previewHint")}</p>
      <Show when={stale()}>
        <p class="notice warning-notice" role="status">
          {session() ? dt("previewStale") : dt("previewUnavailable")}
        </p>
      </Show>
      <Show when={completed()}>
        <p class="notice success" role="status">
          {dt("previewCompleted")}
        </p>
      </Show>
      <Show when={session()} keyed>
        {(s) => <SurveyView session={s} languages={languages()} onComplete={() => setCompleted(true)} headingLevel={2} />}
      </Show>
    </div>
  );
}
