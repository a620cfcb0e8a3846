import { A } from "@solidjs/router";
import { createSignal, For, onMount, Show } from "solid-js";
import { surveyCatalog } from "../app/catalog.ts";
import { listAvailableSurveys } from "../app/surveys.ts";
import { t, uiLanguage } from "../app/i18n.ts";
import { estimateStorage, formatBytes, isStorageLow, persistState, requestPersistentStorage } from "../app/storage.ts";
import { createLiveQuery } from "../db/live.ts";
import { createResponseRepository } from "../db/repository.ts";
import { formatProblem } from "../schema/problem.ts";
import { localizedText } from "../survey/catalog.ts";

export default function HomePage() {
  const repo = createResponseRepository();
  const catalog = surveyCatalog();
  const broken = catalog.filter((e) => !e.ok);
  const surveys = createLiveQuery(() => listAvailableSurveys());
  const counts = createLiveQuery(() => repo.countsBySurvey());
  const [demoMessage, setDemoMessage] = createSignal("");
  onMount(() => void requestPersistentStorage());
  // Re-estimated whenever the stored responses change.
  const storageUse = createLiveQuery(async () => (await repo.countsBySurvey(), estimateStorage()));

  const [loading, setLoading] = createSignal(false);
  const loadDemo = async () => {
    setLoading(true);
    try {
      const { generateDemoData } = await import("../../seeds/generate.ts");
      const records = generateDemoData((surveys.value() ?? []).map((e) => e.file), 25, Date.now() % 100000);
      const added = await repo.addMany(records);
      setDemoMessage(t("demoLoaded", { count: added }));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div class="home">
      <h1>{t("home")}</h1>
      <p class="lead">{t("surveysIntro")}</p>
      <ul class="survey-cards">
        <For each={surveys.value() ?? []}>
          {(entry) => {
            const c = () => counts.value()?.get(entry.file.id) ?? { draft: 0, completed: 0 };
            const title = () => localizedText(entry.file.title, uiLanguage() === "en" ? "default" : uiLanguage());
            return (
              <li class="card">
                <h2>
                  <A href={`/surveys/${entry.file.id}`}>{title()}</A>
                </h2>
                <p class="meta">{t("responsesCount", { drafts: c().draft, completed: c().completed })}</p>
                <p class="actions">
                  <A class="button primary" href={`/surveys/${entry.file.id}/new`}>
                    {t("newResponse")}
                  </A>
                  <A class="button secondary" href={`/surveys/${entry.file.id}`}>
                    {t("responses")}
                  </A>
                </p>
              </li>
            );
          }}
        </For>
      </ul>

      <Show when={broken.length > 0}>
        <section class="broken" aria-labelledby="broken-title">
          <h2 id="broken-title">{t("brokenSurveys")}</h2>
          <p>{t("brokenSurveysIntro")}</p>
          <For each={broken}>
            {(entry) => (
              <div class="broken-file">
                <h3>{entry.fileName}</h3>
                <ul>
                  <For each={entry.ok ? [] : entry.problems}>{(p) => <li><code>{formatProblem(p)}</code></li>}</For>
                </ul>
              </div>
            )}
          </For>
        </section>
      </Show>

      <section class="home-footer">
        <p class="storage-status" role="status">
          {persistState() === "persistent" ? t("storagePersistent") : persistState() === "best-effort" ? t("storageNotPersistent") : t("storageUnknown")}
        </p>
        <Show when={storageUse.value()}>
          {(use) => (
            <>
              <p>{t("storageUse", { used: formatBytes(use().usage, uiLanguage()), quota: formatBytes(use().quota, uiLanguage()) })}</p>
              <Show when={isStorageLow(use())}>
                <p class="notice error-notice" role="alert">
                  {t("storageLow")}
                </p>
              </Show>
            </>
          )}
        </Show>
        <button type="button" class="button secondary" disabled={loading()} onClick={() => void loadDemo()}>
          {t("loadDemo")}
        </button>
        <p role="status">{demoMessage()}</p>
        <p class="build-id">{t("version", { id: __BUILD_ID__ })}</p>
      </section>
    </div>
  );
}
