import { A } from "@solidjs/router";
import { createSignal, For, getOwner, lazy, onMount, runWithOwner, Show } from "solid-js";
import { refusedShippedFiles, shippedCards } from "../catalog/cards.ts";
import type { CatalogEntry } from "../catalog/check.ts";
import type { HomeData } from "./home-data.ts";
import { t, uiLanguage } from "../i18n/i18n.ts";
import { formatBytes, isStorageLow, persistState, requestPersistentStorage } from "../device/storage-use.ts";
import { formatProblem } from "../schema/format-problem.ts";
import { textIn } from "../definition/text.ts";

// Delivery to a collection server: loaded after the first paint (it reads the database).
const SyncPanel = lazy(() => import("../components/sync/SyncPanel.tsx"));

export default function HomePage() {
  // The files the build refused (every check of npm run lint:surveys), with why: known at once, nothing checked on the page.
  const broken = (): CatalogEntry[] => refusedShippedFiles.map((r) => ({ ok: false, fileName: r.fileName, problems: r.problems }));
  // The shipped surveys show at once; counts, designer-made surveys and storage use follow
  // as soon as the database code has loaded (it is not part of the first load).
  const [live, setLive] = createSignal<HomeData>();
  const owner = getOwner();
  onMount(() => void import("./home-data.ts").then((m) => runWithOwner(owner, () => setLive(m.createHomeData()))));
  const surveys = { value: () => live()?.surveys.value() ?? shippedCards() };
  const counts = { value: () => live()?.counts.value() };
  const storageUse = { value: () => live()?.storageUse.value() };
  const fileUseText = () => live()?.fileUseText() ?? "";
  const [demoMessage, setDemoMessage] = createSignal("");
  onMount(() => void requestPersistentStorage());

  const [loading, setLoading] = createSignal(false);
  const loadDemo = async () => {
    setLoading(true);
    try {
      const { addDemoResponses } = await import("./home-data.ts");
      const added = await addDemoResponses(25, Date.now() % 100000);
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
            // Until counted (the database may be opening, or blocked), no number is shown rather than a false 0.
            const c = () => {
              const all = counts.value();
              return all ? (all.get(entry.id) ?? { draft: 0, completed: 0 }) : undefined;
            };
            const title = () => textIn(entry.title, uiLanguage()) ?? entry.id;
            return (
              <li class="card">
                <h2>
                  <A href={`/surveys/${entry.id}`}>{title()}</A>
                </h2>
                <p class="meta">
                  <Show when={c()} fallback={t("loading")}>
                    {(n) => t("responsesCount", { drafts: n().draft, completed: n().completed })}
                  </Show>
                </p>
                <p class="actions">
                  <A class="button primary" href={`/surveys/${entry.id}/new`}>
                    {t("newResponse")}
                  </A>
                  <A class="button secondary" href={`/surveys/${entry.id}`}>
                    {t("responses")}
                  </A>
                </p>
              </li>
            );
          }}
        </For>
      </ul>

      <Show when={live()}>
        <SyncPanel titleOf={(id) => textIn(surveys.value()?.find((c) => c.id === id)?.title ?? id, uiLanguage()) ?? id} />
      </Show>

      <Show when={broken().length > 0}>
        <section class="broken" aria-labelledby="broken-title">
          <h2 id="broken-title">{t("brokenSurveys")}</h2>
          <p>{t("brokenSurveysIntro")}</p>
          <For each={broken()}>
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
              <Show when={fileUseText()}>
                <p>{fileUseText()}</p>
              </Show>
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
