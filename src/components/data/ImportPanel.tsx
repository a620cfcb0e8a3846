import { createMemo, createSignal, For, onCleanup, Show } from "solid-js";
import { installedSurveys, surveyVersions } from "../../catalog/catalog.ts";
import { textIn } from "../../definition/text.ts";
import type { ConflictSummary, ImportProgress, ImportSummary, NotImported, NotImportedCode } from "../../export/import-job.ts";
import { bidiIsolate, uiLanguage } from "../../i18n/i18n.ts";
import { mi } from "../../i18n/messages-import.ts";
import { surveyFileToExportDefinition } from "../../export/plan.ts";
import { startImport, type ImportHandle } from "../../workers/start-import.ts";
import { downloadBlob } from "../download.ts";

const isolate = bidiIsolate;
const isolated = (params: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? isolate(v) : v]));

/** Items shown on the page per reason, and conflicts shown one by one; the full report has them all. */
const SHOWN = 200;

type Phase = { kind: "idle" } | { kind: "running"; cancelling: boolean } | { kind: "done"; summary: ImportSummary } | { kind: "failed"; reason: string };

/**
 * Reads responses files and CSV exports in a Web Worker (progress, cancel; the page never holds
 * the records), and reports everything: what was added, what was already here, conflicts for
 * the analyst to settle (nothing is overwritten without a choice), and every record and column
 * not imported, with why.
 */
export default function ImportPanel(props: { surveyId: string; onRunning?: (running: boolean) => void }) {
  const [phase, setPhaseSignal] = createSignal<Phase>({ kind: "idle" });
  const setPhase = (p: Phase) => {
    setPhaseSignal(p);
    props.onRunning?.(p.kind === "running");
  };
  const [progress, setProgress] = createSignal<ImportProgress>();
  const [notImported, setNotImported] = createSignal<NotImported[]>([]);
  const [conflicts, setConflicts] = createSignal<ConflictSummary[]>([]);
  const [settled, setSettled] = createSignal<ReadonlyMap<string, "imported" | "stored">>(new Map());
  /** Titles of the installed surveys in every language, to name another survey in the language shown. */
  const [titles, setTitles] = createSignal<ReadonlyMap<string, unknown>>(new Map());
  const reasonParams = (n: NotImported) => {
    const title = n.params["surveyId"] !== undefined ? titles().get(String(n.params["surveyId"])) : undefined;
    const survey = (title !== undefined ? textIn(title, uiLanguage()) : undefined) ?? n.params["survey"];
    return isolated({ ...n.params, ...(survey !== undefined ? { survey } : {}) });
  };
  let handle: ImportHandle | undefined;

  const warnOnLeave = (e: BeforeUnloadEvent) => {
    e.preventDefault();
    e.returnValue = mi("leaveWarning");
  };
  const closeHandle = () => {
    const h = handle;
    handle = undefined;
    if (!h) return;
    // A running import is cancelled (what it stored is removed) before the worker ends.
    if (phase().kind === "running") {
      h.cancel();
      void h.result.finally(() => h.close());
    } else h.close();
  };
  onCleanup(() => {
    window.removeEventListener("beforeunload", warnOnLeave);
    closeHandle();
  });

  const importFiles = async (files: readonly File[]) => {
    closeHandle();
    setNotImported([]);
    setConflicts([]);
    setSettled(new Map());
    setProgress(undefined);
    setPhase({ kind: "running", cancelling: false });
    window.addEventListener("beforeunload", warnOnLeave);
    try {
      const [versions, installed] = await Promise.all([surveyVersions(props.surveyId), installedSurveys()]);
      setTitles(new Map(installed.map((s) => [s.surveyId, s.title])));
      const notes: NotImported[] = [];
      const found: ConflictSummary[] = [];
      const h = startImport(
        {
          files,
          context: {
            surveyId: props.surveyId,
            definitions: versions.map((v) => surveyFileToExportDefinition(v.file as Parameters<typeof surveyFileToExportDefinition>[0])),
            surveys: installed.map((s) => ({ surveyId: s.surveyId, title: textIn(s.title, uiLanguage()) ?? s.surveyId, versions: s.versions })),
          },
        },
        {
          onProgress: setProgress,
          // The report arrives in pieces; it is shown once complete.
          onNotImported: (items) => items.forEach((n) => notes.push(n)),
          onConflicts: (items) => items.forEach((c) => found.push(c)),
        },
      );
      handle = h;
      const summary = await h.result;
      if (handle !== h) return;
      setNotImported(notes);
      setConflicts(found);
      setPhase({ kind: "done", summary });
    } catch (e) {
      setPhase({ kind: "failed", reason: e instanceof Error ? e.message : String(e) });
    } finally {
      window.removeEventListener("beforeunload", warnOnLeave);
    }
  };

  const cancel = () => {
    handle?.cancel();
    setPhase({ kind: "running", cancelling: true });
  };

  const settle = async (ids: string[], keep: "imported" | "stored") => {
    const done = (await handle?.settle(ids, keep)) ?? [];
    setSettled((m) => {
      const next = new Map(m);
      for (const id of done) next.set(id, keep);
      return next;
    });
  };
  const open = () => conflicts().filter((c) => !settled().has(c.id));

  /** Records not imported, by reason, in the order of the files. */
  const groups = createMemo(() => {
    const out = new Map<NotImportedCode, NotImported[]>();
    for (const n of notImported()) {
      let list = out.get(n.code);
      if (!list) out.set(n.code, (list = []));
      list.push(n);
    }
    return [...out.entries()].map(([code, items]) => ({ code, items }));
  });

  const downloadReport = async () => {
    const blob = await handle?.report();
    if (blob) downloadBlob(blob, `import-report-${props.surveyId}.csv`);
  };

  const running = () => phase().kind === "running";
  const cancelling = () => {
    const p = phase();
    return p.kind === "running" && p.cancelling;
  };
  const failure = () => {
    const p = phase();
    return p.kind === "failed" ? p.reason : undefined;
  };
  const summary = () => {
    const p = phase();
    return p.kind === "done" ? p.summary : undefined;
  };

  return (
    <section class="panel-section import-panel" aria-labelledby="import-title">
      <h2 id="import-title">{mi("title")}</h2>
      <p class="hint">{mi("help")}</p>
      <label class="option-field">
        {mi("files")}
        <input
          class="input"
          type="file"
          multiple
          accept=".json,.csv,application/json,text/csv"
          disabled={running()}
          onChange={(e) => {
            // Copy the list first: clearing the input (so the same file can be chosen again) empties it.
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = "";
            if (files.length) void importFiles(files);
          }}
        />
      </label>

      <Show when={running()}>
        <div class="import-progress">
          <progress max={1} value={progress()?.fraction ?? 0} aria-label={mi("progressLabel")} />
          <p role="status" aria-live="polite">
            <Show when={progress()}>{(p) => <>{mi("reading", { file: p().fileName, n: p().file + 1, count: p().files, records: p().records, added: p().added })}</>}</Show>
          </p>
          <button type="button" class="button secondary" disabled={cancelling()} onClick={cancel}>
            {cancelling() ? mi("cancelling") : mi("cancel")}
          </button>
        </div>
      </Show>

      <div role="status" aria-live="polite">
        <Show when={failure()}>{(reason) => <p class="error">{mi("failed", { reason: reason() })}</p>}</Show>
        <Show when={summary()?.cancelled}>
          <p class="import-summary">{mi("cancelled")}</p>
        </Show>
        <Show when={summary() && !summary()!.cancelled ? summary() : undefined}>
          {(s) => (
            <p class="import-summary">
              {mi("summary", { added: s().added, unchanged: s().unchanged, repeated: s().repeated, conflicts: s().conflicts, notImported: s().notImported })}
            </p>
          )}
        </Show>
      </div>

      <Show when={summary() && !summary()!.cancelled ? summary() : undefined}>
        {(s) => (
          <div class="import-report">
            <For each={s().fileProblems}>{(p) => <p class="error">{mi("fileRefused", { file: p.file, reason: p.message })}</p>}</For>

            <Show when={s().columns.length > 0}>
              <h3>{mi("columnsTitle")}</h3>
              <ul class="not-imported">
                <For each={s().columns}>
                  {(c) => (
                    <li>
                      <code dir="ltr">{`${c.file}: ${c.column}`}</code> {mi(`column_${c.code}`, { count: c.count ?? 0 })}
                    </li>
                  )}
                </For>
              </ul>
            </Show>

            <Show when={conflicts().length > 0}>
              <h3>{mi("conflictsTitle")}</h3>
              <p class="hint">{mi("conflictsHelp")}</p>
              <Show when={open().length > 1}>
                <div class="actions-row">
                  <button type="button" class="button secondary small" onClick={() => void settle(open().map((c) => c.id), "stored")}>
                    {mi("keepAllStored")}
                  </button>
                  <button type="button" class="button small" onClick={() => void settle(open().map((c) => c.id), "imported")}>
                    {mi("useAllImported")}
                  </button>
                </div>
              </Show>
              <ul class="conflicts">
                <For each={conflicts().slice(0, SHOWN)}>
                  {(c) => (
                    <li>
                      <p>
                        {mi("conflictHelp", {
                          id: isolate(c.id.slice(0, 8)),
                          where: isolate(c.where),
                          fields: isolate(c.differences.slice(0, 6).join(", ")),
                          newer: c.newer === "incoming" ? mi("newerImported") : c.newer === "existing" ? mi("newerStored") : mi("newerSame"),
                        })}
                      </p>
                      <Show when={settled().get(c.id)} fallback={
                        <div class="actions-row">
                          <button type="button" class="button secondary small" onClick={() => void settle([c.id], "stored")}>
                            {mi("keepStored")}
                          </button>
                          <button type="button" class="button small" onClick={() => void settle([c.id], "imported")}>
                            {mi("useImported")}
                          </button>
                        </div>
                      }>
                        {(keep) => <p class="hint">{keep() === "imported" ? mi("usedImported") : mi("keptStored")}</p>}
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={conflicts().length > SHOWN}>
                <p class="hint">{mi("moreConflicts", { n: conflicts().length - SHOWN })}</p>
              </Show>
            </Show>

            <Show when={notImported().length > 0}>
              <h3>{mi("notImportedTitle")}</h3>
              <For each={groups()}>
                {(g) => (
                  <details class="not-imported-group" open={groups().length === 1 || g.items.length <= 20}>
                    <summary>
                      {mi(`group_${g.code}`)} ({g.items.length})
                    </summary>
                    <ul class="not-imported">
                      <For each={g.items.slice(0, SHOWN)}>
                        {(n) => (
                          <li>
                            <code dir="ltr">{[n.file, n.where].join(": ")}</code>
                            <Show when={n.id}>{(id) => <span class="hint"> ({mi("idShort", { id: isolate(id().slice(0, 8)) })})</span>}</Show> {mi(`reason_${n.code}`, reasonParams(n))}
                          </li>
                        )}
                      </For>
                    </ul>
                    <Show when={g.items.length > SHOWN}>
                      <p class="hint">{mi("more", { n: g.items.length - SHOWN })}</p>
                    </Show>
                  </details>
                )}
              </For>
            </Show>

            <Show when={notImported().length > 0 || s().columns.length > 0}>
              <button type="button" class="button secondary" onClick={() => void downloadReport()}>
                {mi("downloadReport")}
              </button>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
