import { createSignal, For, Show } from "solid-js";
import { tc } from "../../i18n/messages-controls.ts";
import { uiLanguage } from "../../i18n/i18n.ts";
import { md } from "../../i18n/messages-data.ts";
import { surveyVersions } from "../../catalog/catalog.ts";
import { recordBatches } from "../../db/response-meta.ts";
import { createExportJob, ExportCancelled, type ExportJob } from "../../workers/create-export-job.ts";
import type { ExportJobFile } from "../../export/export-job.ts";
import type { ExportSummary } from "../../export/export-csv.ts";
import { surveyFileToExportDefinition } from "../../export/plan.ts";
import { LABEL_SCRIPT_KINDS, type ExportOptions, type LabelScriptKind } from "../../export/types.ts";
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
    decimalMark: ".",
    scripts: [],
    format: "csv",
    files: false,
  });
  const opt = <K extends keyof ExportOptions>(k: K) => options()[k] as ExportOptions[K];
  const set = <K extends keyof ExportOptions>(k: K, v: ExportOptions[K]) => setOptions((o) => ({ ...o, [k]: v }));
  const csv = () => opt("format") !== "xlsx";
  // Texts and labels in the interface's language when the survey has it, else its first language.
  const textLanguage = () => opt("language") ?? (props.languages.includes(uiLanguage()) ? uiLanguage() : (props.languages[0] ?? "en"));
  // A semicolon or tab is what spreadsheets set to a decimal-comma language expect: offer the comma with it.
  const setDelimiter = (v: ExportOptions["delimiter"]) => setOptions((o) => ({ ...o, delimiter: v, decimalMark: v === "comma" ? "." : v === "semicolon" ? "," : o.decimalMark ?? "." }));
  const scripts = () => opt("scripts") ?? [];
  const toggleScript = (kind: LabelScriptKind, on: boolean) => set("scripts", on ? LABEL_SCRIPT_KINDS.filter((k) => k === kind || scripts().includes(k)) : scripts().filter((k) => k !== kind));
  const scriptLabel: Record<LabelScriptKind, () => string> = { r: () => md("scriptR"), stata: () => md("scriptStata"), spss: () => md("scriptSpss") };
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
      { input: { surveyId: props.surveyId, definitions, records: "database" }, options: { ...options(), language: textLanguage() } },
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
        <Radios
          legend={md("format")}
          name="format"
          value={opt("format")}
          onChange={(v) => set("format", v)}
          choices={[{ value: "csv", label: () => md("formatCsv") }, { value: "xlsx", label: () => md("formatXlsx") }]}
        />
        <Radios legend={md("headers")} name="headers" value={opt("headers")} onChange={(v) => set("headers", v)} choices={[{ value: "names", label: () => md("headersNames") }, { value: "titles", label: () => md("headersTitles") }]} />
        <Radios legend={md("values")} name="values" value={opt("values")} onChange={(v) => set("values", v)} choices={[{ value: "codes", label: () => md("valuesCodes") }, { value: "labels", label: () => md("valuesLabels") }]} />
        <label class="option-field">
          {md("textLanguage")}
          <select class="input" value={textLanguage()} onChange={(e) => set("language", e.currentTarget.value)}>
            <For each={props.languages}>{(l) => <option value={l}>{languageName(l)}</option>}</For>
          </select>
        </label>
        <Show when={csv()}>
          <Radios
            legend={md("delimiter")}
            name="delimiter"
            value={opt("delimiter")}
            onChange={setDelimiter}
            choices={[{ value: "comma", label: () => md("comma") }, { value: "semicolon", label: () => md("semicolon") }, { value: "tab", label: () => md("tab") }]}
          />
          <Show when={opt("delimiter") !== "comma"}>
            <Radios legend={md("decimal")} name="decimalMark" value={opt("decimalMark")} onChange={(v) => set("decimalMark", v)} choices={[{ value: ".", label: () => md("decimalPoint") }, { value: ",", label: () => md("decimalComma") }]} />
          </Show>
        </Show>
        <Radios legend={md("multi")} name="multi" value={opt("multi")} onChange={(v) => set("multi", v)} choices={[{ value: "joined", label: () => md("multiJoined") }, { value: "columns", label: () => md("multiColumns") }]} />
        <Radios
          legend={md("repeats")}
          name="repeats"
          value={opt("repeats")}
          onChange={(v) => set("repeats", v)}
          choices={[{ value: "wide", label: () => md("repeatsWide") }, { value: "files", label: () => (csv() ? md("repeatsFiles") : md("repeatsSheets")) }]}
        />
        <Radios legend={md("separator")} name="separator" value={opt("separator")} onChange={(v) => set("separator", v)} choices={[{ value: "/", label: () => "/  (q/row)" }, { value: "_", label: () => `_  (q_row) — ${md("rSafe")}` }, { value: ".", label: () => ".  (q.row)" }]} />
        <label class="choice">
          <input type="checkbox" checked={opt("includeDrafts")} onChange={(e) => set("includeDrafts", e.currentTarget.checked)} />
          <span>{md("includeDrafts")}</span>
        </label>
        <Show when={csv()}>
          <fieldset class="option-group">
            <legend>{md("scripts")}</legend>
            <For each={LABEL_SCRIPT_KINDS}>
              {(kind) => (
                <label class="choice">
                  <input type="checkbox" name="scripts" value={kind} checked={scripts().includes(kind)} onChange={(e) => toggleScript(kind, e.currentTarget.checked)} />
                  <span>{scriptLabel[kind]()}</span>
                </label>
              )}
            </For>
            <p class="hint">{md("scriptsHint")}</p>
          </fieldset>
          <label class="choice">
            <input type="checkbox" checked={opt("bom")} onChange={(e) => set("bom", e.currentTarget.checked)} />
            <span>{md("bom")}</span>
          </label>
          <label class="choice">
            <input type="checkbox" checked={opt("neutralize")} onChange={(e) => set("neutralize", e.currentTarget.checked)} />
            <span>{md("neutralize")}</span>
          </label>
          <label class="choice">
            <input type="checkbox" checked={opt("files")} onChange={(e) => set("files", e.currentTarget.checked)} />
            <span>{tc("exportFiles")}</span>
          </label>
        </Show>
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
              <p>
                {r().files.some((f) => f.name.endsWith(".xlsx"))
                  ? md("exportDoneXlsx", { responses: r().summary.responses, columns: r().summary.columns })
                  : md("exportDone", { responses: r().summary.responses, columns: r().summary.columns, neutralized: r().summary.neutralizedCells })}
              </p>
              <Show when={r().summary.attachments}>{(a) => <p>{tc("exportFilesDone", { included: a().included, missing: a().missing })}</p>}</Show>
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
