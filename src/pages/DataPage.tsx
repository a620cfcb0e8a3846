import { A, useParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, lazy, Show, Suspense } from "solid-js";
import { t, uiLanguage } from "../i18n/i18n.ts";
import { md } from "../i18n/messages-data.ts";
import { latestSurvey } from "../catalog/catalog.ts";
import ExportPanel from "../components/data/ExportPanel.tsx";
import ImportPanel from "../components/data/ImportPanel.tsx";

// The charting library loads only when the charts are shown.
const ChartsPanel = lazy(() => import("../components/data/ChartsPanel.tsx"));
import ResponsesTable from "../components/data/ResponsesTable.tsx";
import { languageName } from "../i18n/languages.ts";
import { createLiveQuery } from "../db/live.ts";
import { listResponseMeta, surveyChanges } from "../db/response-meta.ts";
import { filterMeta, type MetaFilter } from "../components/data/response-filter.ts";
import { textIn } from "../definition/text.ts";
import "../data.css";

export default function DataPage() {
  const params = useParams<{ surveyId: string }>();
  const [survey] = createResource(() => params.surveyId, latestSurvey);
  // The live query only watches the survey's responses (cheap); the listing itself runs outside it,
  // since a live query also records every key it reads (150,000 keys: a long task). While an import
  // writes from its worker, the table waits (re-reading every record after each batch would slow both down).
  const [importing, setImporting] = createSignal(false);
  const changes = createLiveQuery(() => surveyChanges(params.surveyId), { paused: importing });
  const [listed] = createResource(changes.value, () => listResponseMeta(params.surveyId));
  const all = { value: () => listed.latest };
  const [filter, setFilter] = createSignal<MetaFilter>({ status: "", version: "", language: "", from: "", to: "" });
  const rows = createMemo(() => filterMeta(all.value() ?? [], filter()));
  const versions = createMemo(() => [...new Set((all.value() ?? []).map((r) => r.surveyVersion))].sort((a, b) => a - b));
  const languages = createMemo(() => [...new Set((all.value() ?? []).map((r) => r.language))].sort());
  const counts = createMemo(() => {
    const list = rows();
    const completed = list.filter((r) => r.status === "completed").length;
    return { shown: list.length, total: all.value()?.length ?? 0, completed, drafts: list.length - completed };
  });
  const set = (patch: Partial<MetaFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <div class="data-page">
      <p>
        <A class="back-link" href={`/surveys/${params.surveyId}`}>
          {t("responses")}
        </A>
      </p>
      <h1>
        <Show when={survey()} fallback={md("title")}>
          {(s) => textIn(s().title, uiLanguage()) ?? s().id}
        </Show>
      </h1>
      <fieldset class="filters">
        <legend>{md("filters")}</legend>
        <label>
          {md("status")}
          <select class="input" value={filter().status} onChange={(e) => set({ status: e.currentTarget.value as MetaFilter["status"] })}>
            <option value="">{md("all")}</option>
            <option value="draft">{t("draft")}</option>
            <option value="completed">{t("completed")}</option>
          </select>
        </label>
        <label>
          {md("version")}
          <select class="input" value={filter().version} onChange={(e) => set({ version: e.currentTarget.value })}>
            <option value="">{md("all")}</option>
            <For each={versions()}>{(v) => <option value={String(v)}>{md("versionN", { n: v })}</option>}</For>
          </select>
        </label>
        <label>
          {md("language")}
          <select class="input" value={filter().language} onChange={(e) => set({ language: e.currentTarget.value })}>
            <option value="">{md("all")}</option>
            <For each={languages()}>{(l) => <option value={l}>{languageName(l)}</option>}</For>
          </select>
        </label>
        <label>
          {md("from")}
          <input class="input" type="date" value={filter().from} onChange={(e) => set({ from: e.currentTarget.value })} />
        </label>
        <label>
          {md("to")}
          <input class="input" type="date" value={filter().to} onChange={(e) => set({ to: e.currentTarget.value })} />
        </label>
      </fieldset>
      <p role="status" class="counts">
        {all.value() ? md("showing", counts()) : md("loading")}
      </p>
      <Show when={all.value()}>
        <Show when={rows().length > 0} fallback={<p>{md("none")}</p>}>
          <ResponsesTable rows={rows()} />
        </Show>
      </Show>
      <ExportPanel surveyId={params.surveyId} languages={survey()?.languages ?? ["en"]} />
      <ImportPanel surveyId={params.surveyId} onRunning={setImporting} />
      <Suspense fallback={<p>{t("loading")}</p>}>
        <ChartsPanel surveyId={params.surveyId} />
      </Suspense>
    </div>
  );
}
