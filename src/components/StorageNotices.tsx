import { useLocation } from "@solidjs/router";
import { createEffect, createSignal, For, on, onMount, Show } from "solid-js";
import { bidiIsolate, t, uiLanguage } from "../i18n/i18n.ts";
import { ts } from "../i18n/messages-storage.ts";
import { blockingTabs, databaseProblem, watchDatabase } from "../device/storage.ts";
import { checkStorageLoss, discardOrphans, dismissStorageLoss, orphanedAnswers, orphansToFile, restoreOrphans, type OrphanedAnswers } from "../device/storage-loss.ts";
import { shippedCards } from "../catalog/cards.ts";
import { answerPresence, type TabInfo } from "../device/tab-presence.ts";
import { textIn } from "../definition/text.ts";
import { defaultJournal } from "../responses/journal.ts";
import { countAllResponses } from "../db/counts.ts";
import { createResponseStore } from "../db/repository.ts";
import { createSettingsStore } from "../db/settings.ts";
import ConfirmDialog from "./ConfirmDialog.tsx";
import { downloadBlob } from "./download.ts";

/** A shipped survey's title in the interface language (its id for others). */
function surveyTitle(surveyId: string | undefined): string {
  if (!surveyId) return "?";
  const card = shippedCards().find((c) => c.id === surveyId);
  return (card ? textIn(card.title, uiLanguage()) : undefined) ?? surveyId;
}

function describeTab(tab: TabInfo): string {
  const time = new Intl.DateTimeFormat(uiLanguage(), { timeStyle: "short" }).format(new Date(tab.openedAt));
  return ts("tabDescription", { heading: bidiIsolate(tab.heading), route: bidiIsolate(tab.route), time });
}

/**
 * What every page says about the app's storage as a whole: an upgrade blocked by another tab
 * (and which tab to close), the database deleted or upgraded elsewhere (reload), responses found
 * deleted since the last visit, and answers kept in this browser for responses no longer stored
 * (restore, download or discard them). A response's own page says more about its own answers.
 */
export default function StorageNotices() {
  const location = useLocation();
  const onResponsePage = () => location.pathname.startsWith("/responses/");
  const journal = defaultJournal();
  const store = createResponseStore();
  const settings = createSettingsStore();
  const [lost, setLost] = createSignal<string>();
  const [orphans, setOrphans] = createSignal<OrphanedAnswers[]>([]);
  const [restored, setRestored] = createSignal<number>();
  const [confirmDiscard, setConfirmDiscard] = createSignal(false);
  watchDatabase();
  answerPresence();
  const check = async (withOrphans: boolean) => {
    try {
      setLost(await checkStorageLoss(settings, { responsesStored: (await countAllResponses()) > 0 }));
      if (withOrphans) setOrphans(await orphanedAnswers(journal));
    } catch {
      // The database cannot be used: the problem notice says why.
    }
  };
  onMount(() => void check(true));
  // The mark learns that responses are stored as the person goes from page to page.
  createEffect(on(() => location.pathname, () => void check(false), { defer: true }));

  const restore = async () => {
    const list = orphans();
    setRestored(await restoreOrphans(list, store, journal));
    setOrphans(list.filter((o) => !o.record));
    // The page of a response just restored shows it now.
    const here = /^\/responses\/(.+)$/.exec(location.pathname)?.[1];
    if (here && list.some((o) => o.record && o.responseId === here)) window.location.reload();
  };

  return (
    <>
      <Show when={databaseProblem() === "blocked"}>
        <div class="notice error-notice storage-banner" role="alert">
          <p>{ts("bannerBlocked")}</p>
          <Show when={blockingTabs()} fallback={<p>{ts("bannerBlockedUnknown")}</p>}>
            {(tabs) => (
              <Show when={tabs().length > 0} fallback={<p>{ts("bannerBlockedUnknown")}</p>}>
                <p>{ts("bannerBlockedTabs", { tabs: tabs().map(describeTab).join("; ") })}</p>
              </Show>
            )}
          </Show>
        </div>
      </Show>
      <Show when={!onResponsePage() && (databaseProblem() === "deleted" || databaseProblem() === "version")}>
        <div class="notice error-notice storage-banner" role="alert">
          <p>{databaseProblem() === "deleted" ? ts("bannerDeleted") : ts("bannerVersion")}</p>
          <button type="button" class="button" onClick={() => window.location.reload()}>
            {ts("reload")}
          </button>
        </div>
      </Show>
      <Show when={lost()}>
        <section class="notice error-notice storage-lost" role="alert" aria-labelledby="storage-lost-title">
          <h2 id="storage-lost-title">{ts("lostTitle")}</h2>
          <p>{ts("lostBody")}</p>
          <p>{ts("lostPersist")}</p>
          <button
            type="button"
            class="button secondary small"
            onClick={() => {
              dismissStorageLoss();
              setLost(undefined);
            }}
          >
            {ts("dismiss")}
          </button>
        </section>
      </Show>
      <Show when={orphans().length > 0}>
        <section class="notice storage-orphans" role="status">
          <p>{ts("journalFound", { n: orphans().length })}</p>
          <Show when={orphans().some((o) => !o.record)}>
            <p>{ts("journalOld")}</p>
          </Show>
          <ul>
            <For each={orphans()}>
              {(o) => (
                <li>
                  <bdi>{surveyTitle(o.record?.surveyId)}</bdi> · <bdi>{new Intl.DateTimeFormat(uiLanguage(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(o.at))}</bdi> ·{" "}
                  <code dir="ltr">{o.responseId.slice(0, 8)}</code>
                </li>
              )}
            </For>
          </ul>
          <div class="notice-actions">
            <Show when={orphans().some((o) => o.record)}>
              <button type="button" class="button" onClick={() => void restore()}>
                {ts("journalRestore")}
              </button>
            </Show>
            <button type="button" class="button secondary" onClick={() => downloadBlob(orphansToFile(orphans()), `survey-studio-unsaved-answers-${new Date().toISOString().slice(0, 10)}.json`)}>
              {ts("journalDownload")}
            </button>
            <button type="button" class="button secondary" onClick={() => setConfirmDiscard(true)}>
              {ts("journalDiscard")}
            </button>
          </div>
        </section>
      </Show>
      <ConfirmDialog
        open={confirmDiscard()}
        title={ts("journalDiscardTitle")}
        confirmLabel={ts("journalDiscard")}
        onCancel={() => setConfirmDiscard(false)}
        onConfirm={() => {
          discardOrphans(orphans(), journal);
          setOrphans([]);
          setConfirmDiscard(false);
        }}
      >
        <p>{ts("journalDiscardBody", { n: orphans().length })}</p>
      </ConfirmDialog>
      <Show when={restored()}>
        {(n) => (
          <p class="notice success" role="status">
            {ts("journalRestored", { n: n() })} <a href="#/">{t("home")}</a>
          </p>
        )}
      </Show>
    </>
  );
}
