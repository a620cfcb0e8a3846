import { A, useParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, Match, on, onCleanup, onMount, Show, Switch } from "solid-js";
import { openSurvey } from "../catalog/catalog.ts";
import { online } from "../device/online.ts";
import { databaseProblem, databaseWorks, storeAgainAfterDeletion, watchDatabase } from "../device/storage.ts";
import { exposeTestHooks, testHookFlag } from "../device/test-hooks.ts";
import { formatDateTime, t } from "../i18n/i18n.ts";
import { ts } from "../i18n/messages-storage.ts";
import StorageProblem from "../components/StorageProblem.tsx";
import SafeHtml from "../components/SafeHtml.tsx";
import DeliveryNote from "../components/sync/DeliveryNote.tsx";
import SurveyView, { type CompletedInfo } from "../components/SurveyView.tsx";
import { getDatabase } from "../db/database.ts";
import { createResponseStore } from "../db/repository.ts";
import { createResponseEditor, openResponse, type OpenedResponse } from "../responses/create-response-editor.ts";
import { defaultJournal } from "../responses/journal.ts";
import type { StorageFailureKind } from "../responses/storage-failure.ts";
import type { ResponseStore } from "../schema/response-change.ts";
import { editorTestHooks, withStorageFaults } from "../responses/test-hooks.ts";
import type { ResponseRecord } from "../schema/response.ts";
import { createResponsesFile, responsesFileToText } from "../schema/responses-file.ts";
import { surveyFileToDefinition, type SurveyFile } from "../schema/survey-file.ts";

/** The unsaved-answers journal; `?studio-test=nojournal` turns it off (to measure what it saves in the crash tests). */
const journal = __TEST_HOOKS__ && testHookFlag() === "nojournal" ? null : defaultJournal();

/** A respondent's page: renders the response editor (src/responses/) and calls its actions. */
export default function FillPage() {
  const params = useParams<{ responseId: string }>();
  // Test builds only: writes a browser test can make fail or hold (src/responses/test-hooks.ts).
  const store = __TEST_HOOKS__ ? withStorageFaults(createResponseStore(), testHookFlag() !== undefined) : createResponseStore();
  watchDatabase();
  const [loaded] = createResource(
    () => params.responseId,
    async (id) => {
      const opened = await openResponse(store, id, journal);
      if (!opened) return undefined;
      return { opened, file: await openSurvey(opened.record.surveyId, opened.record.surveyVersion) };
    },
  );
  return (
    <Switch>
      <Match when={loaded.error}>
        <p role="alert">{String(loaded.error)}</p>
      </Match>
      <Match when={loaded.loading}>
        <p>{t("loading")}</p>
      </Match>
      <Match when={loaded()?.file && loaded()} keyed>
        {(r) => <ResponseView opened={r.opened} file={r.file!} store={store} />}
      </Match>
      <Match when={loaded()}>
        <p role="alert">{t("surveyNotFound")}</p>
      </Match>
      <Match when={true}>
        <p role="alert">{t("responseNotFound")}</p>
      </Match>
    </Switch>
  );
}

function ResponseView(props: { opened: OpenedResponse; file: SurveyFile; store: ResponseStore }) {
  performance.mark("studio:session-create");
  // The props are read once: a response is opened with them.
  const file = props.file;
  const editor = createResponseEditor({ store: props.store, opened: props.opened, definition: surveyFileToDefinition(file), components: file.components, journal });
  /** The survey's own completed page (`completedHtml`), shown with our notice. */
  const [completedHtml, setCompletedHtml] = createSignal("");

  // Storage problems: what happened, what to do, retry, and a download of everything not stored.
  const problem = (): StorageFailureKind | undefined => {
    const db = databaseProblem();
    if (db === "version" || db === "blocked" || db === "deleted") return db;
    // Kept while a retry is in flight: the notice stays until a write works again.
    return editor.failureKind();
  };
  // A write that works again clears a "connection closed" problem.
  createEffect(on(editor.saveState, (state, prev) => state === "saved" && prev !== undefined && prev !== "saved" && databaseWorks()));

  // Compiled out of every build but the test builds (src/device/test-hooks.ts).
  if (__TEST_HOOKS__) onCleanup(exposeTestHooks({ ...editorTestHooks(editor), closeDatabase: () => getDatabase().close() }));

  const complete = () => {
    // The session that completes knows the definition's navigateToUrl (allowed origins only); the
    // editor replaces it with a read-only one.
    const completing = editor.session();
    const r = editor.complete();
    if (!r.ok) return r;
    window.scrollTo({ top: 0 });
    const next = completing.completionUrl();
    // Leaves once the completion is stored (never before: the page would take the answers with it).
    if (next) void editor.flush().then(() => location.assign(next), () => undefined);
    return r;
  };

  const status = (
    <div class="save-status" role="status" aria-live="polite" data-state={editor.saveState()}>
      <Switch>
        <Match when={problem()}>
          <span class="save-failed">{ts("notSaved")}</span>
        </Match>
        <Match when={editor.saveState() === "saving"}>{t("saving")}</Match>
        <Match when={!online()}>{t("savedOffline")}</Match>
        <Match when={editor.lastSavedAt()}>{t("saved")}</Match>
      </Switch>
    </div>
  );

  onMount(() => requestAnimationFrame(() => setTimeout(() => performance.measure("studio:first-page", "studio:session-create"))));

  return (
    <div class="fill-page">
      <p>
        <A class="back-link" href={`/surveys/${editor.surveyId}`}>{t("back")}</A>
      </p>
      <Show when={problem()}>
        {(kind) => (
          <StorageProblem
            kind={kind()}
            reason={editor.failure()}
            canRetry={kind() !== "version"}
            onRetry={() => {
              // After a deletion, storing again is the person's choice: the database is created anew
              // and the editor puts the whole response back.
              if (kind() === "deleted") storeAgainAfterDeletion();
              editor.retry();
            }}
            onDownload={() => downloadUnsaved(editor.unsavedRecord())}
          />
        )}
      </Show>
      <For each={editor.conflicts()}>
        {(c) => (
          <div class="notice" role="status">
            <p>{ts("conflict", { question: c.question })}</p>
            <button type="button" class="button small secondary" onClick={() => editor.dismissConflict(c.key)}>
              {ts("dismiss")}
            </button>
          </div>
        )}
      </For>
      <Show when={editor.justCompleted()}>
        <div class="notice success" role="status">
          <Show when={completedHtml()}>
            <SafeHtml class="completed-html" html={completedHtml()} />
          </Show>
          <p>{t("thankYou")}</p>
        </div>
      </Show>
      <Show when={editor.readOnly()}>
        <div class="notice">
          <p>{t("completedNotice", { date: formatDateTime(editor.completedAt() ?? new Date().toISOString()) })}</p>
          <DeliveryNote response={{ id: props.opened.record.id, surveyId: file.id, status: editor.status(), revision: editor.revision(), completedAt: editor.completedAt() }} />
          <button type="button" class="button secondary" onClick={() => editor.reopen()}>
            {t("reopen")}
          </button>
        </div>
      </Show>
      <SurveyView session={editor.session()} languages={file.languages} complete={complete} onComplete={(info: CompletedInfo) => setCompletedHtml(info.completedHtml)} status={status} />
    </div>
  );
}

/** Saves a responses file with everything the editor holds, stored or not. */
function downloadUnsaved(record: ResponseRecord) {
  const text = responsesFileToText(createResponsesFile([record], []));
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `survey-studio-unsaved-${record.surveyId}-${record.updatedAt.slice(0, 19).replace(/[:T]/g, "-")}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
