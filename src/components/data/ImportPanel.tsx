import { createSignal, For, Show } from "solid-js";
import { md } from "../../i18n/messages-data.ts";
import { knownSurveyIds, surveyVersions } from "../../catalog/catalog.ts";
import { createResponseRepository } from "../../db/repository.ts";
import { recordsById } from "../../db/response-meta.ts";
import { csvToRecords } from "../../export/csv-import.ts";
import { mergeImport, type ImportConflict } from "../../export/import-merge.ts";
import { surveyFileToExportDefinition } from "../../export/plan.ts";
import type { ResponseRecord } from "../../schema/response.ts";
import { parseResponsesFile, type RejectedRecord } from "../../schema/responses-file.ts";

interface Report {
  added: number;
  unchanged: number;
  conflicts: ImportConflict<ResponseRecord>[];
  rejected: (RejectedRecord & { file: string })[];
  fileProblems: string[];
}

/** Reads responses files and CSV exports; adds new responses, keeps duplicates once, and lets the analyst settle conflicts. */
export default function ImportPanel(props: { surveyId: string }) {
  const [report, setReport] = createSignal<Report>();
  const [resolved, setResolved] = createSignal<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = createSignal(false);
  const repo = createResponseRepository();

  const importFiles = async (files: readonly File[]) => {
    setBusy(true);
    setResolved(new Set<string>());
    try {
      const known = await knownSurveyIds();
      const definitions = (await surveyVersions(props.surveyId)).map((v) => surveyFileToExportDefinition(v.file as Parameters<typeof surveyFileToExportDefinition>[0]));
      const incoming: ResponseRecord[] = [];
      const rejected: Report["rejected"] = [];
      const fileProblems: string[] = [];
      for (const file of files) {
        const text = await file.text();
        const parsed = file.name.toLowerCase().endsWith(".csv") ? csvToRecords(text, file.name, definitions) : parseResponsesFile(text, file.name);
        if (!parsed.ok) {
          fileProblems.push(md("fileProblem", { file: file.name, reason: parsed.problems.map((p) => `${p.path ? `${p.path}: ` : ""}${p.message}${p.line ? ` (line ${p.line})` : ""}`).join("; ") }));
          continue;
        }
        incoming.push(...parsed.records);
        rejected.push(...parsed.rejected.map((r) => ({ ...r, file: file.name })));
      }
      // The same response in several files counts once: keep the newest copy of each id.
      const byId = new Map<string, ResponseRecord>();
      for (const r of incoming) {
        const seen = byId.get(r.id);
        if (!seen || r.updatedAt > seen.updatedAt) byId.set(r.id, r);
      }
      const unique = [...byId.values()];
      const existing = await recordsById(unique.map((r) => r.id));
      const merged = mergeImport<ResponseRecord>(existing, unique, {
        accept: (r) => (known.has(r.surveyId) ? undefined : md("unknownSurvey", { id: r.surveyId })),
      });
      await repo.addMany(merged.added);
      setReport({
        added: merged.added.length,
        unchanged: merged.unchanged.length + (incoming.length - unique.length),
        conflicts: merged.conflicts,
        rejected: [...rejected, ...merged.rejected.map((r) => ({ ...r, file: "" }))],
        fileProblems,
      });
    } finally {
      setBusy(false);
    }
  };

  const settle = async (c: ImportConflict<ResponseRecord>, useImported: boolean) => {
    if (useImported) await repo.put(c.incoming);
    setResolved((s) => new Set([...s, c.incoming.id]));
  };

  return (
    <section class="panel-section" aria-labelledby="import-title">
      <h2 id="import-title">{md("importTitle")}</h2>
      <p class="hint">{md("importHelp")}</p>
      <label class="option-field">
        {md("importFiles")}
        <input
          class="input"
          type="file"
          multiple
          accept=".json,.csv,application/json,text/csv"
          disabled={busy()}
          onChange={(e) => {
            // Copy the list first: clearing the input (so the same file can be chosen again) empties it.
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = "";
            if (files.length) void importFiles(files);
          }}
        />
      </label>
      <div role="status" aria-live="polite">
        <Show when={report()}>
          {(r) => (
            <div class="import-report">
              <p class="import-summary">
                {md("importReport", { added: r().added, unchanged: r().unchanged, conflicts: r().conflicts.length, rejected: r().rejected.length + r().fileProblems.length })}
              </p>
              <For each={r().fileProblems}>{(p) => <p class="error">{p}</p>}</For>
              <Show when={r().conflicts.length > 0}>
                <h3>{md("conflictsTitle")}</h3>
                <ul class="conflicts">
                  <For each={r().conflicts}>
                    {(c) => (
                      <li>
                        <p>
                          {md("conflictHelp", {
                            id: c.incoming.id.slice(0, 8),
                            fields: c.differences.slice(0, 6).join(", "),
                            newer: c.newer === "incoming" ? md("newerImported") : c.newer === "existing" ? md("newerStored") : md("newerSame"),
                          })}
                        </p>
                        <Show when={!resolved().has(c.incoming.id)} fallback={<p class="hint">{md("resolved")}</p>}>
                          <div class="actions-row">
                            <button type="button" class="button secondary small" onClick={() => void settle(c, false)}>
                              {md("keepStored")}
                            </button>
                            <button type="button" class="button small" onClick={() => void settle(c, true)}>
                              {md("useImported")}
                            </button>
                          </div>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={r().rejected.length > 0}>
                <h3>{md("rejectedTitle")}</h3>
                <ul class="rejected">
                  <For each={r().rejected}>
                    {(x) => (
                      <li>
                        <code>{[x.file, x.path].filter(Boolean).join(": ")}</code> {x.reason}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </div>
          )}
        </Show>
      </div>
    </section>
  );
}
