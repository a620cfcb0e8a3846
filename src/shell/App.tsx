import { HashRouter, Route, A, type RouteSectionProps } from "@solidjs/router";
import { createEffect, createSignal, For, lazy, onMount, Show } from "solid-js";
import { setUiLanguage, t, uiDir, uiLanguage, UI_LANGUAGES, type UiLanguage } from "../i18n/i18n.ts";
import HomePage from "../pages/HomePage.tsx";
import UpdatePrompt from "./UpdatePrompt.tsx";

const SurveyResponsesPage = lazy(() => import("../pages/SurveyResponsesPage.tsx"));
const FillPage = lazy(() => import("../pages/FillPage.tsx"));
const NewResponsePage = lazy(() => import("../pages/NewResponsePage.tsx"));
// The designer's and the analyst's heavy code loads only on their routes.
const DesignerPage = lazy(() => import("../pages/DesignerPage.tsx"));
const DataPage = lazy(() => import("../pages/DataPage.tsx"));
const CollectPage = lazy(() => import("../pages/CollectPage.tsx"));
// What the app says about its storage as a whole (blocked upgrade, deletion, loss): loads after the first paint.
const StorageNotices = lazy(() => import("../components/StorageNotices.tsx"));

function Layout(props: RouteSectionProps) {
  // Keep every shipped version in IndexedDB; done after the first paint, it needs survey-core's checks.
  onMount(() => setTimeout(() => void import("../catalog/catalog.ts").then((m) => m.registerShippedDefinitions()), 500));
  // What killed tabs left unstored in the journal is stored now, for every response, so lists show it.
  onMount(() => setTimeout(() => void import("../responses/recover-on-start.ts").then((m) => m.recoverOnStart(() => import("../db/repository.ts").then((db) => db.createResponseStore()))), 300));
  // Delivery to the collection server (src/sync/): only a device opened with a collection link sends anything.
  onMount(() => setTimeout(() => void import("../sync/start.ts").then((m) => m.startSync()), 400));
  // Every page lets go of the database when a newer version of the app opens it in another tab
  // (or deletes it), says when an upgrade is blocked, and when stored responses were lost.
  const [notices, setNotices] = createSignal(false);
  onMount(() => setTimeout(() => setNotices(true)));
  createEffect(() => {
    document.documentElement.lang = uiLanguage();
    document.documentElement.dir = uiDir();
  });
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById("main")?.focus())}>
        {t("skipToContent")}
      </a>
      <header class="app-header">
        <A href="/" class="brand">
          {t("appName")}
        </A>
        <nav aria-label={t("mainNavigation")} class="app-nav">
          <A href="/" end>
            {t("home")}
          </A>
          <A href="/designer">{t("designer")}</A>
        </nav>
        <label class="ui-language">
          <span class="visually-hidden">{t("interfaceLanguage")}</span>
          <select class="input" value={uiLanguage()} aria-label={t("interfaceLanguage")} onChange={(e) => setUiLanguage(e.currentTarget.value as UiLanguage)}>
            <For each={UI_LANGUAGES}>{(l) => <option value={l.code} lang={l.code}>{l.name}</option>}</For>
          </select>
        </label>
      </header>
      <UpdatePrompt />
      <Show when={notices()}>
        <div class="storage-notices">
          <StorageNotices />
        </div>
      </Show>
      <main id="main" tabindex={-1}>
        {props.children}
      </main>
    </>
  );
}

export default function App() {
  return (
    <HashRouter root={Layout}>
      <Route path="/" component={HomePage} />
      <Route path="/surveys/:surveyId" component={SurveyResponsesPage} />
      <Route path="/surveys/:surveyId/new" component={NewResponsePage} />
      <Route path="/responses/:responseId" component={FillPage} />
      <Route path="/surveys/:surveyId/data" component={DataPage} />
      <Route path="/designer/:surveyId?" component={DesignerPage} />
      <Route path="/collect/:token" component={CollectPage} />
    </HashRouter>
  );
}
