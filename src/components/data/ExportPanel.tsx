import { createSignal, For, Show } from "solid-js";
import { md } from "../../i18n/messages-data.ts";
import { surveyVersions } from "../../catalog/catalog.ts";
import { recordBatches } from "../../db/response-meta.ts";
import { createExportJob, ExportCancelled, type ExportJob } from "../../workers/create-export-job.ts";
import type { ExportJobFile } from "../../export/export-job.ts";
import type { ExportSummary } from "../../export/export-csv.ts";
import { surveyFileToExportDefinition } from "../../export/plan.ts";
import type { ExportOptions } from "../../export/types.ts";
import { createResponsesFile, responsesFileToText } from "../../schema/responses-file.ts";
import type { ResponseRecord } from "../../schema/response.ts";
import { languageName } from "../../i18n/languages.ts";
import { downloadBlob } from "../download.ts";

type Choice<K extends keyof ExportOptions> = { value: ExportOptions[K]; label: () => string };

function Radios<K extends keyof ExportOptions>(props: { legend: string; name: K; choices: Choice<K>[]; value: ExportOptions[K]; onChange: (v: ExportOptions[K]) => void }) {
  return (
    <fieldset class="option-group">
      <legend>{props.legend}</legend>
      <For each={props.choices}>
        {(c) => (
          <label class="choice">
            <input type="radio" name={String(props.name)} checked={props.value === c.value} onChange={() => props.onChange(c.value)} />
            <span>{c.label()}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
}

/** The analyst's export: options, a worker with progress and cancel, the files, and a summary. */
export default function ExportPanel(props: { surveyId: string; languages: readonly string[] }) {
  const [options, setOptions] = createSignal<Partial<ExportOptions>>({
    headers: "names",
    values: "codes",
    delimiter: "comma",
    multi: "joined",
    repeats: "wide",
    separator: "/",
    includeDrafts: false,
    bom: true,
    neutralize: true,
  });
  const opt = <K extends keyof ExportOptions>(k: K) => options()[k] as ExportOptions[K];
  const set = <K extends keyof ExportOptions>(k: K, v: ExportOptions[K]) => setOptions((o) => ({ ...o, [k]: v }));
  const [job, setJob] = createSignal<ExportJob>();
  const [progress, setProgress] = createSignal({ done: 0, total: 0 });
  const [result, setResult] = createSignal<{ files: ExportJobFile[]; summary: ExportSummary }>();
  const [message, setMessage] = createSignal("");

  const start = async () => {
    setResult(undefined);
    setMessage("");
    const versions = await surveyVersions(props.surveyId);
    const definitions = versions.map((v) => surveyFileToExportDefinition(v.file as Parameters<typeof surveyFileToExportDefinition>[0]));
    const j = createExportJob(
      { input: { surveyId: props.surveyId, definitions, records: "database" }, options: { ...options(), language: opt("language") ?? props.languages[0] ?? "en" } },
      { onProgress: setProgress },
    );
    setJob(j);
    try {
      const r = await j.result;
      setResult(r);
      for (const f of r.files) downloadBlob(f.blob, f.name);
    } catch (e) {
      setMessage(e instanceof ExportCancelled ? md("cancelled") : md("exportFailed", { reason: (e as Error).message }));
    } finally {
      setJob(undefined);
    }
  };

  const downloadResponsesFile = async () => {
    const versions = await surveyVersions(props.surveyId);
    const records: ResponseRecord[] = [];
    for await (const batch of recordBatches(props.surveyId)) records.push(...batch);
    const file = createResponsesFile(records, versions.map((v) => v.ref));
    downloadBlob(new Blob([responsesFileToText(file)], { type: "application/json" }), `${props.surveyId}-responses-${file.exportedAt.slice(0, 10)}.json`);
  };

  return (
    <section class="panel-section" aria-labelledby="export-title">
      <h2 id="export-title">{md("exportTitle")}</h2>
      <form
        class="export-options"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <Radios legend={md("headers")} name="headers" value={opt("headers")} onChange={(v) => set("headers", v)} choices={[{ value: "names", label: () => md("headersNames") }, { value: "titles", label: () => md("headersTitles") }]} />
        <Radios legend={md("values")} name="values" value={opt("values")} onChange={(v) => set("values", v)} choices={[{ value: "codes", label: () => md("valuesCodes") }, { value: "labels", label: () => md("valuesLabels") }]} />
        <label class="option-field">
          {md("textLanguage")}
          <select class="input" value={opt("language") ?? props.languages[0]} onChange={(e) => set("language", e.currentTarget.value)}>
            <For each={props.languages}>{(l) => <option value={l}>{languageName(l)}</option>}</For>
          </select>
        </label>
        <Radios
          legend={md("delimiter")}
          name="delimiter"
          value={opt("delimiter")}
          onChange={(v) => set("delimiter", v)}
          choices={[{ value: "comma", label: () => md("comma") }, { value: "semicolon", label: () => md("semicolon") }, { value: "tab", label: () => md("tab") }]}
        />
        <Radios legend={md("multi")} name="multi" value={opt("multi")} onChange={(v) => set("multi", v)} choices={[{ value: "joined", label: () => md("multiJoined") }, { value: "columns", label: () => md("multiColumns") }]} />
        <Radios legend={md("repeats")} name="repeats" value={opt("repeats")} onChange={(v) => set("repeats", v)} choices={[{ value: "wide", label: () => md("repeatsWide") }, { value: "files", label: () => md("repeatsFiles") }]} />
        <Radios legend={md("separator")} name="separator" value={opt("separator")} onChange={(v) => set("separator", v)} choices={[{ value: "/", label: () => "/  (q/row)" }, { value: "_", label: () => `_  (q_row) — ${md("rSafe")}` }, { value: ".", label: () => ".  (q.row)" }]} />
        <label class="choice">
          <input type="checkbox" checked={opt("includeDrafts")} onChange={(e) => set("includeDrafts", e.currentTarget.checked)} />
          <span>{md("includeDrafts")}</span>
        </label>
        <label class="choice">
          <input type="checkbox" checked={opt("bom")} onChange={(e) => set("bom", e.currentTarget.checked)} />
          <span>{md("bom")}</span>
        </label>
        <label class="choice">
          <input type="checkbox" checked={opt("neutralize")} onChange={(e) => set("neutralize", e.currentTarget.checked)} />
          <span>{md("neutralize")}</span>
        </label>
        <div class="actions-row">
          <button type="submit" class="button primary" disabled={!!job()}>
            {md("exportButton")}
          </button>
          <button type="button" class="button secondary" onClick={() => void downloadResponsesFile()}>
            {md("responsesFile")}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite" class="export-status">
        <Show when={job()}>
          {(j) => (
            <div class="export-progress">
              <progress max={Math.max(progress().total, 1)} value={progress().done} aria-label={md("exportTitle")} />
              <span>{md("exporting", { done: progress().done, total: progress().total })}</span>
              <button type="button" class="button secondary small" onClick={() => j().cancel()}>
                {md("cancel")}
              </button>
            </div>
          )}
        </Show>
        <Show when={message()}>
          <p>{message()}</p>
        </Show>
        <Show when={result()}>
          {(r) => (
            <div class="export-result">
              <p>{md("exportDone", { responses: r().summary.responses, columns: r().summary.columns, neutralized: r().summary.neutralizedCells })}</p>
              <For each={r().summary.warnings}>{(w) => <p class="hint">{w.message}</p>}</For>
              <ul>
                <For each={r().files}>
                  {(f) => (
                    <li>
                      <button type="button" class="link-button" onClick={() => downloadBlob(f.blob, f.name)}>
                        {md("download", { name: f.name })}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          )}
        </Show>
      </div>
    </section>
  );
}
