import { A, useNavigate } from "@solidjs/router";
import { batch, createEffect, createMemo, createSignal, For, onCleanup, onMount, Show, type JSX } from "solid-js";
import { formatDateTime } from "../../i18n/i18n.ts";
import { dt, snippetTextsFor } from "../../i18n/messages-designer.ts";
import { createDefinitionRepository } from "../../db/definitions.ts";
import { createLiveQuery } from "../../db/live.ts";
import { createJsonLocator, parsePath, type JsonPathSegment } from "../../schema/problem.ts";
import { parseSurveyFile } from "../../schema/survey-file.ts";
import { textIn } from "../../definition/text.ts";
import { namesInUse, type Json } from "../../definition/elements.ts";
import { applyLintFix } from "../../survey/designer/fixes.ts";
import { rangeOf } from "../../survey/designer/json-text.ts";
import { localizableStrings, setTranslation, translationCoverage, type LocalizableEntry } from "../../survey/designer/localizable.ts";
import { addElement, addPage, deleteElement, duplicateElement, insertionPoint, moveElement, nodeAtOffset, textToOutline, type OutlineNode } from "../../survey/designer/outline.ts";
import { renameElement } from "../../survey/designer/rename.ts";
import { createElementSnippet, createPageSnippet, fileLanguages } from "../../survey/designer/snippets.ts";
import { withVersion } from "../../survey/designer/templates.ts";
import { readEnvelope } from "../../catalog/shipped.ts";
import { downloadBlob } from "../download.ts";
import { lintSurveyText, type LintProblem } from "../../survey/lint.ts";
import { controls } from "../registry.ts";
import { highestVersion } from "../../catalog/catalog.ts";
import { exposeTestHooks, testHooksEnabled } from "../../device/test-hooks.ts";
import { passStorageFaults, setStorageFault, type StorageFault } from "../../responses/test-hooks.ts";
import { assessChanges, loadBaseline, takenIds } from "./designer-data.ts";
import { createDraftWriter } from "./draft-writer.ts";
import Editor, { type EditorController } from "./Editor.tsx";
import OutlinePanel, { type OutlineAction } from "./OutlinePanel.tsx";
import PreviewPane, { type PreviewFocus } from "./PreviewPane.tsx";
import ProblemsPanel from "./ProblemsPanel.tsx";
import SaveDialog, { type SavePlan } from "./SaveDialog.tsx";
import TranslationsPanel from "./TranslationsPanel.tsx";

type Panel = "editor" | "outline" | "problems" | "preview" | "translations";
const SIDE: Panel[] = ["outline", "problems"];
const ASIDE: Panel[] = ["preview", "translations"];
const NARROW: Panel[] = ["editor", "preview", "outline", "problems", "translations"];

/** How long the designer waits after the last keystroke before checking and previewing. */
const SETTLE_MS = 250;

/** Element types the outline offers: those survey-core creates and Survey Studio renders. */
const PALETTE = [...Object.keys(controls), "panel"].sort();

export interface WorkspaceProps {
  surveyId: string;
  initialText: string;
  baseVersion: number | null;
  restoredDraftAt?: string;
}

/** The designer on one survey: editor, outline, problems, preview, translations, versions. */
export default function DesignerWorkspace(props: WorkspaceProps) {
  const repo = createDefinitionRepository();
  const navigate = useNavigate();
  // The props of this component are read once: a survey is opened with them.
  const surveyId = props.surveyId;
  const fileName = `${surveyId}.json`;
  let editor: EditorController | undefined;

  // ---------- text, settled text, drafts ----------
  const [text, setText] = createSignal(props.initialText);
  const [settled, setSettled] = createSignal(props.initialText);
  const [baseVersion, setBaseVersion] = createSignal<number | null>(props.baseVersion);
  /** A draft of this survey exists (restored, or written since the last saved version). */
  const [hasDraft, setHasDraft] = createSignal(Boolean(props.restoredDraftAt));
  const [savedNotice, setSavedNotice] = createSignal("");
  const [history, setHistory] = createSignal({ canUndo: false, canRedo: false });
  const [cursor, setCursor] = createSignal(0);
  const [timing, setTiming] = createSignal({ lint: 0, preview: 0 });
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  // The draft is written as the designer types, through the write-behind that also stores answers.
  const drafts = createDraftWriter(__TEST_HOOKS__ && testHooksEnabled() ? { ...repo, putDraft: (d) => passStorageFaults().then(() => repo.putDraft(d)) } : repo, surveyId);
  // Test builds only: a browser test can hold the draft's writes (src/responses/test-hooks.ts).
  if (__TEST_HOOKS__) onCleanup(exposeTestHooks({ storageFault: (kind: StorageFault) => setStorageFault(kind) }));
  const draftState = (): "clean" | "pending" | "saved" | "failed" => {
    if (drafts.state() === "failed") return "failed";
    if (drafts.state() === "saving") return "pending";
    return hasDraft() ? "saved" : "clean";
  };
  const draftAt = () => {
    const at = drafts.lastSavedAt();
    return at === undefined ? props.restoredDraftAt : new Date(at).toISOString();
  };

  const onChange = (next: string) => {
    setText(next);
    setSavedNotice("");
    setHasDraft(true);
    drafts.push({ surveyId, text: next, baseVersion: baseVersion(), updatedAt: new Date().toISOString() });
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => setSettled(next), SETTLE_MS);
  };

  onCleanup(() => {
    clearTimeout(settleTimer);
    drafts.close();
  });

  // ---------- checks on the settled text ----------
  const lint = createMemo(() => {
    const t = settled();
    const t0 = performance.now();
    const problems = lintSurveyText(t, fileName);
    const ms = performance.now() - t0;
    setTiming((prev) => ({ ...prev, lint: ms }));
    return { text: t, problems };
  });
  const parsed = createMemo(() => parseSurveyFile(settled(), fileName));
  const syntaxError = createMemo(() => lint().problems.find((p) => p.source === "json"));

  const [editorReady, setEditorReady] = createSignal(false);
  createEffect(() => {
    const { text: t, problems } = lint();
    if (!editorReady() || !editor) return;
    const locate = createJsonLocator(t);
    editor.setProblems(
      t,
      problems.map((p) => {
        const r = p.source === "json" ? undefined : locate.range(p.path);
        const from = r ? r.offset : lineColumnToOffset(t, p.line ?? 1, p.column ?? 1);
        return { from, to: r ? r.offset + r.length : from + 1, severity: p.severity, message: p.message };
      }),
    );
  });

  const outlineResult = createMemo<{ nodes: OutlineNode[]; stale: boolean }>(
    (prev) => {
      const nodes = safely(() => textToOutline(settled()));
      return nodes ? { nodes, stale: false } : { nodes: prev.nodes, stale: true };
    },
    { nodes: [], stale: false },
  );
  const json = createMemo<unknown>((prev) => (parsed().ok ? (parsed() as { file: unknown }).file : prev), undefined);
  const languages = createMemo(() => fileLanguages(json()));
  const names = createMemo(() => safely(() => namesInUse(json())) ?? new Set<string>());
  // What the outline shows changes far less often than the offsets: keep the same nodes (and DOM) while it is the same.
  const outlineView = createMemo(() => outlineResult(), undefined, {
    equals: (a, b) => !!a && a.stale === b.stale && outlineSignature(a.nodes) === outlineSignature(b.nodes),
  });
  const selectedNode = createMemo(() => (outlineResult().stale ? undefined : nodeAtOffset(outlineResult().nodes, cursor())));
  const selectedPath = () => selectedNode()?.path;
  const [focus, setFocus] = createSignal<PreviewFocus | undefined>();
  let focusSeq = 0;
  const focusOn = (name: string, page: boolean) => setFocus({ name, page, seq: ++focusSeq });

  // The last title that parsed: it does not flicker to the id while the text is invalid.
  const title = createMemo<string>((prev) => {
    const p = parsed();
    return p.ok ? (textIn(p.file.title, "default") ?? "") : prev || (readEnvelope(text()).id ?? surveyId);
  }, "");

  // ---------- layout: three panes on wide screens, tabs on narrow ones ----------
  const media = window.matchMedia("(min-width: 64rem)");
  const [wide, setWide] = createSignal(media.matches);
  const onMedia = () => setWide(media.matches);
  media.addEventListener("change", onMedia);
  onCleanup(() => media.removeEventListener("change", onMedia));
  const [sideTab, setSideTab] = createSignal<Panel>("outline");
  const [asideTab, setAsideTab] = createSignal<Panel>("preview");
  const [narrowTab, setNarrowTab] = createSignal<Panel>("editor");
  const isShown = (p: Panel) => (wide() ? p === "editor" || p === sideTab() || p === asideTab() : p === narrowTab());
  const show = (p: Panel) =>
    batch(() => {
      setNarrowTab(p);
      if (SIDE.includes(p)) setSideTab(p);
      if (ASIDE.includes(p)) setAsideTab(p);
    });

  const panelName = (p: Panel): string => {
    switch (p) {
      case "editor":
        return dt("tabEditor");
      case "outline":
        return dt("tabOutline");
      case "problems":
        return dt("tabProblems", { count: lint().problems.length });
      case "preview":
        return dt("tabPreview");
      case "translations":
        return dt("tabTranslations");
    }
  };

  const Tabs = (p: { panels: Panel[]; current: Panel; label: string; group: string; class?: string }) => {
    const move = (e: KeyboardEvent, i: number) => {
      const dir = document.documentElement.dir === "rtl" ? -1 : 1;
      let next = -1;
      if (e.key === "ArrowRight") next = (i + dir + p.panels.length) % p.panels.length;
      else if (e.key === "ArrowLeft") next = (i - dir + p.panels.length) % p.panels.length;
      else if (e.key === "Home") next = 0;
      else if (e.key === "End") next = p.panels.length - 1;
      if (next < 0) return;
      e.preventDefault();
      const panel = p.panels[next]!;
      show(panel);
      document.getElementById(`tab-${p.group}-${panel}`)?.focus();
    };
    return (
      <div role="tablist" aria-label={p.label} class={`designer-tabs ${p.class ?? ""}`}>
        <For each={p.panels}>
          {(panel, i) => (
            <button
              type="button"
              role="tab"
              id={`tab-${p.group}-${panel}`}
              aria-selected={p.current === panel}
              aria-controls={`panel-${panel}`}
              tabindex={p.current === panel ? 0 : -1}
              classList={{ "has-errors": panel === "problems" && lint().problems.some((x) => x.severity === "error") }}
              onClick={() => show(panel)}
              onKeyDown={(e) => move(e, i())}
            >
              {panelName(panel)}
            </button>
          )}
        </For>
      </div>
    );
  };

  const PanelBox = (p: { panel: Panel; children: JSX.Element }) => (
    <div
      role="tabpanel"
      id={`panel-${p.panel}`}
      class={`designer-panel panel-${p.panel}`}
      aria-labelledby={`tab-${wide() ? (SIDE.includes(p.panel) ? "side" : "aside") : "narrow"}-${p.panel}`}
      hidden={!isShown(p.panel)}
    >
      {p.children}
    </div>
  );

  // ---------- edits from the panels: ordinary editor transactions ----------
  const applyText = (next: string, select?: readonly JsonPathSegment[], userEvent = "designer") => {
    if (!editor) return;
    const range = select ? rangeOf(next, select) : undefined;
    editor.replace(next, { ...(range ? { select: range } : {}), userEvent });
    // Structural edits are checked at once, not after the typing pause.
    clearTimeout(settleTimer);
    setSettled(next);
    if (range) setCursor(range.to);
  };

  const selectPath = (path: readonly JsonPathSegment[] | string, focusEditor: boolean) => {
    if (!editor) return;
    const t = editor.text();
    const r = createJsonLocator(t).range(typeof path === "string" ? path : [...path]);
    if (!r) return;
    editor.select(r.offset, r.offset + r.length);
    setCursor(r.offset + r.length);
    if (focusEditor) {
      if (!wide()) show("editor");
      editor.focus();
    }
  };

  const outlineAction = (a: OutlineAction): string | undefined => {
    const current = editor?.text() ?? text();
    const refused = (reason: string) => {
      switch (reason) {
        case "invalidJson":
          return dt("outlineStale");
        case "lastPage":
          return dt("cannotDeleteLastPage");
        case "edge":
          return dt("cannotMoveFurther");
        default:
          return dt("elementNotFound");
      }
    };
    switch (a.kind) {
      case "select": {
        selectPath(a.node.path, false);
        if (a.node.name) focusOn(a.node.name, a.node.kind === "page");
        return undefined;
      }
      case "move": {
        const r = moveElement(current, a.node.path, a.delta);
        if (!r.ok) return refused(r.reason);
        applyText(r.text, r.select, "designer.move");
        return dt("moved", { name: a.node.name });
      }
      case "duplicate": {
        const r = duplicateElement(current, a.node.path);
        if (!r.ok) return refused(r.reason);
        applyText(r.text, r.select, "designer.duplicate");
        return dt("duplicated", { name: a.node.name });
      }
      case "delete": {
        const r = deleteElement(current, a.node.path);
        if (!r.ok) return refused(r.reason);
        applyText(r.text, r.select, "designer.delete");
        return dt("deleted", { name: a.node.name });
      }
      case "rename": {
        const r = renameElement(current, a.node.path, a.name);
        if ("error" in r) return r.error === "taken" ? dt("nameTaken", { name: a.name }) : refused(r.error);
        applyText(r.text, a.node.path, "designer.rename");
        return dt("renamed", { from: a.node.name, to: a.name, count: r.references });
      }
      case "add": {
        const nodes = textToOutline(current);
        if (!nodes) return refused("invalidJson");
        const data = JSON.parse(current) as Json;
        const taken = namesInUse(data);
        const snippet = createElementSnippet(a.type, taken, { languages: fileLanguages(data), texts: snippetTexts() });
        const at = insertionPoint(nodes, selectedPath());
        if (!at) return refused("notFound");
        const r = addElement(current, at.arrayPath, snippet, at.index);
        if (!r.ok) return refused(r.reason);
        applyText(r.text, r.select, "designer.add");
        focusOn(String(snippet["name"]), false);
        return dt("added", { name: String(snippet["name"]) });
      }
      case "addPage": {
        if (!textToOutline(current)) return refused("invalidJson");
        const data = JSON.parse(current) as Json;
        const page = createPageSnippet(namesInUse(data), { languages: fileLanguages(data), texts: snippetTexts() });
        const sel = selectedPath();
        const r = addPage(current, page, sel && sel[0] === "pages" && typeof sel[1] === "number" ? sel[1] : undefined);
        if (!r.ok) return refused(r.reason);
        applyText(r.text, r.select, "designer.addPage");
        return dt("added", { name: String(page["name"]) });
      }
    }
  };

  /** New elements get placeholder texts in the survey's base language. */
  const snippetTexts = () => snippetTextsFor(languages()[0] ?? "en");

  const [fixMessage, setFixMessage] = createSignal("");
  const applyFix = (p: LintProblem) => {
    if (!p.fix || !editor) return;
    const next = applyLintFix(editor.text(), p.fix);
    if (!next) {
      setFixMessage(dt("fixOutdated"));
      return;
    }
    setFixMessage(dt("fixApplied"));
    const path = p.fix.edits[0]?.op === "remove" ? undefined : p.fix.edits[0]?.path;
    applyText(next, path ? parsePath(path) : undefined, "designer.fix");
  };

  // ---------- translations ----------
  const translationEntries = createMemo<{ entries: LocalizableEntry[]; stale: boolean }>(
    (prev) => {
      if (!isShown("translations")) return prev;
      const p = parsed();
      const entries = p.ok ? safely(() => localizableStrings(p.file)) : undefined;
      return entries ? { entries, stale: false } : { entries: prev.entries, stale: true };
    },
    { entries: [], stale: false },
  );
  const coverage = createMemo(() => translationCoverage(translationEntries().entries, languages()));
  const editTranslation = (entry: LocalizableEntry, language: string, value: string) => {
    if (!editor) return;
    const next = setTranslation(editor.text(), entry, language, value);
    applyText(next, undefined, "designer.translate");
  };

  // ---------- versions ----------
  const versions = createLiveQuery(() => repo.versions(surveyId));
  const loadVersion = (version: number, versionText: string) => {
    if (!editor) return;
    applyText(versionText, undefined, "designer.loadVersion");
    setSavedNotice(dt("versionLoaded", { version }));
  };
  const [plan, setPlan] = createSignal<SavePlan | undefined>();
  const [busy, setBusy] = createSignal(false);

  const prepareSave = async () => {
    if (!editor) return;
    const current = editor.text();
    clearTimeout(settleTimer);
    setSettled(current);
    const errors = lint().problems.filter((p) => p.severity === "error").length;
    const file = parseSurveyFile(current, fileName);
    if (errors > 0 || !file.ok) {
      setPlan({ kind: "blocked", errors: Math.max(errors, 1) });
      return;
    }
    if (file.file.id !== surveyId && (await takenIds()).has(file.file.id)) {
      setPlan({ kind: "idTaken", id: file.file.id });
      return;
    }
    const base = file.file.id === surveyId ? await loadBaseline(surveyId) : undefined;
    if (base && withVersion(current, base.version) === withVersion(base.text, base.version)) {
      setPlan({ kind: "unchanged", version: base.version });
      return;
    }
    const highest = await highestVersion(file.file.id);
    const version = highest > 0 ? highest + 1 : file.file.version;
    const assessed = await assessChanges(surveyId, base, file.file);
    setPlan({ kind: "ready", version, previous: base?.version, ...assessed });
  };

  const confirmSave = async () => {
    const p = plan();
    if (!editor || p?.kind !== "ready") return;
    setBusy(true);
    try {
      let current = editor.text();
      const nextText = withVersion(current, p.version);
      if (nextText !== current) {
        editor.replace(nextText, { userEvent: "designer.version" });
        current = nextText;
      }
      const id = readEnvelope(current).id ?? surveyId;
      await repo.save({ surveyId: id, version: p.version, text: current, origin: "designer" });
      // The text is a saved version now: the draft is obsolete.
      await drafts.discard();
      await repo.deleteDraft(surveyId);
      setBaseVersion(p.version);
      setHasDraft(false);
      setPlan(undefined);
      setSavedNotice(dt("savedVersion", { version: p.version }));
      setSettled(current);
      if (id !== surveyId) navigate(`/designer/${id}`, { replace: true });
    } catch (e) {
      setSavedNotice(dt("saveFailed", { reason: String(e) }));
      setPlan(undefined);
    } finally {
      setBusy(false);
    }
  };

  const download = () => {
    const current = editor?.text() ?? text();
    const id = readEnvelope(current).id ?? surveyId;
    downloadBlob(new Blob([current.endsWith("\n") ? current : `${current}\n`], { type: "application/json" }), `${id}.json`);
  };

  // Keyboard: Ctrl/Cmd+S saves a version.
  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
      e.preventDefault();
      void prepareSave();
    }
  };
  onMount(() => document.addEventListener("keydown", onKey));
  onCleanup(() => document.removeEventListener("keydown", onKey));

  const draftStatus = () => {
    switch (draftState()) {
      case "pending":
        return dt("draftSaving");
      case "saved":
        return dt("draftSaved", { time: formatDateTime(draftAt() ?? new Date().toISOString()) });
      case "failed":
        return dt("draftFailed");
      default:
        return baseVersion() ? dt("atVersion", { version: baseVersion()! }) : dt("neverSaved");
    }
  };

  return (
    <div class="designer" data-lint-ms={timing().lint.toFixed(1)} data-preview-ms={timing().preview.toFixed(1)}>
      <div class="designer-bar">
        <div class="designer-heading">
          <A href="/designer" class="designer-back">
            {dt("allDefinitions")}
          </A>
          <h1 dir="auto">{title()}</h1>
          <p class="designer-status" role="status" aria-live="polite">
            <span dir="ltr" class="designer-id">
              {readEnvelope(text()).id ?? surveyId}
            </span>{" "}
            · <span data-state={draftState()}>{draftStatus()}</span>
            <Show when={savedNotice()}>
              {" "}
              · <strong>{savedNotice()}</strong>
            </Show>
          </p>
        </div>
        <div class="designer-actions">
          <Show when={(versions.value()?.length ?? 0) > 0}>
            <select
              class="input versions-select"
              aria-label={dt("savedVersions")}
              value=""
              onChange={(e) => {
                const v = versions.value()?.find((x) => String(x.version) === e.currentTarget.value);
                e.currentTarget.value = "";
                if (v) loadVersion(v.version, v.text);
              }}
            >
              <option value="">{dt("openVersion")}</option>
              <For each={[...(versions.value() ?? [])].reverse()}>
                {(v) => <option value={String(v.version)}>{dt("versionOption", { version: v.version, date: formatDateTime(v.savedAt) })}</option>}
              </For>
            </select>
          </Show>
          <button type="button" class="button small secondary" disabled={!history().canUndo} onClick={() => editor?.undo()}>
            {dt("undo")}
          </button>
          <button type="button" class="button small secondary" disabled={!history().canRedo} onClick={() => editor?.redo()}>
            {dt("redo")}
          </button>
          <button type="button" class="button small secondary" onClick={download}>
            {dt("download")}
          </button>
          <button type="button" class="button small primary" onClick={() => void prepareSave()}>
            {dt("saveVersion")}
          </button>
        </div>
      </div>
      <Show when={props.restoredDraftAt}>
        <p class="notice designer-restored">{dt("restoredDraft", { time: formatDateTime(props.restoredDraftAt!) })}</p>
      </Show>

      <Show when={!wide()}>
        <Tabs panels={NARROW} current={narrowTab()} label={dt("designerViews")} group="narrow" class="narrow-tabs" />
      </Show>

      <div class="designer-grid" classList={{ wide: wide() }}>
        <section class="designer-side" aria-label={dt("structure")} hidden={!wide() && !SIDE.includes(narrowTab())}>
          <Show when={wide()}>
            <Tabs panels={SIDE} current={sideTab()} label={dt("structure")} group="side" />
          </Show>
          <PanelBox panel="outline">
            <OutlinePanel
              nodes={outlineView().nodes}
              stale={outlineView().stale}
              selected={selectedPath()}
              types={PALETTE}
              names={names()}
              onAction={outlineAction}
            />
          </PanelBox>
          <PanelBox panel="problems">
            <p role="status" class="fix-message">
              {fixMessage()}
            </p>
            <ProblemsPanel
              problems={lint().problems}
              onShow={(p) => (p.source === "json" ? selectOffset(lineColumnToOffset(editor?.text() ?? "", p.line ?? 1, p.column ?? 1)) : selectPath(p.path, true))}
              onFix={applyFix}
            />
          </PanelBox>
        </section>

        <section class="designer-main" aria-label={dt("tabEditor")} hidden={!isShown("editor")}>
          <Show when={syntaxError()}>
            {(e) => (
              <p class="syntax-error" role="alert">
                <button type="button" class="link-button" onClick={() => selectOffset(lineColumnToOffset(editor?.text() ?? "", e().line ?? 1, e().column ?? 1))}>
                  {dt("syntaxErrorAt", { line: String(e().line ?? 1), column: String(e().column ?? 1) })}
                </button>{" "}
                {e().message}
              </p>
            )}
          </Show>
          <Editor
            initialText={props.initialText}
            completion={{ elementTypes: PALETTE, snippetTexts: snippetTexts() }}
            label={dt("editorLabel", { file: fileName })}
            onChange={onChange}
            onCursor={setCursor}
            onHistory={setHistory}
            onReady={(c) => {
              editor = c;
              setEditorReady(true);
            }}
          />
          <p class="editor-help hint">{dt("editorHelp")}</p>
        </section>

        <section class="designer-aside" aria-label={dt("tabPreview")} hidden={!wide() && !ASIDE.includes(narrowTab())}>
          <Show when={wide()}>
            <Tabs panels={ASIDE} current={asideTab()} label={dt("previewAndTranslations")} group="aside" />
          </Show>
          <PanelBox panel="preview">
            <PreviewPane text={settled()} focus={focus()} active={isShown("preview")} onTiming={(ms) => setTiming((prev) => ({ ...prev, preview: ms }))} />
          </PanelBox>
          <PanelBox panel="translations">
            <TranslationsPanel
              entries={translationEntries().entries}
              languages={languages()}
              coverage={coverage()}
              stale={translationEntries().stale}
              onEdit={editTranslation}
              onShow={(e) => selectPath(e.path, true)}
            />
          </PanelBox>
        </section>
      </div>

      <SaveDialog
        plan={plan()}
        busy={busy()}
        onConfirm={() => void confirmSave()}
        onClose={() => setPlan(undefined)}
        onShowProblems={() => {
          setPlan(undefined);
          show("problems");
        }}
      />
    </div>
  );

  function selectOffset(offset: number) {
    if (!editor) return;
    editor.select(offset, offset);
    if (!wide()) show("editor");
    editor.focus();
  }
}

/** A derived view of a hostile definition (absurd nesting, odd types) is left as it was rather than breaking the page. */
function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

const signatures = new WeakMap<readonly OutlineNode[], string>();
function outlineSignature(nodes: readonly OutlineNode[]): string {
  const known = signatures.get(nodes);
  if (known !== undefined) return known;
  const sig = nodes.map((n) => `${n.kind}|${n.type}|${n.name}|${n.title}|${n.path.join(".")}[${outlineSignature(n.children)}]`).join(",");
  signatures.set(nodes, sig);
  return sig;
}

function lineColumnToOffset(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

