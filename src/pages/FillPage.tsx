import { A, useParams } from "@solidjs/router";
import { createEffect, createMemo, createResource, createSignal, For, Match, on, onCleanup, onMount, Show, Switch, untrack } from "solid-js";
import { createAutosave, TAB_ID, type StorageFailureKind } from "../app/autosave.ts";
import { formatDateTime, t } from "../i18n/i18n.ts";
import { openSurvey } from "../catalog/catalog.ts";
import { ts } from "../i18n/messages-storage.ts";
import { online } from "../device/online.ts";
import { databaseProblem, databaseWorks, storeAgainAfterDeletion, watchDatabase } from "../device/storage.ts";
import { createTabSync, decideRemoteChange } from "../app/tab-sync.ts";
import { exposeTestHooks, setStorageFault, testHooksEnabled, withStorageFaults } from "../device/test-hooks.ts";
import { createUnsavedJournal, recoverUnsaved } from "../app/unsaved-journal.ts";
import StorageProblem from "../components/StorageProblem.tsx";
import SurveyView from "../components/SurveyView.tsx";
import { getDatabase } from "../db/database.ts";
import { createResponseRepository } from "../db/repository.ts";
import type { ResponseRecord } from "../schema/response.ts";
import { createResponsesFile, responsesFileToText } from "../schema/responses-file.ts";
import { surveyFileToDefinition, type SurveyFile } from "../schema/survey-file.ts";
import { createSurveySession, type SessionSnapshot, type SurveySession } from "../survey/create-survey-session.ts";

/** The unsaved-answers journal; `?studio-test=nojournal` turns it off (to measure what it saves in the crash tests). */
const journal = createUnsavedJournal(
  testHooksEnabled() && new URLSearchParams(location.search).get("studio-test") === "nojournal" ? undefined : globalThis.localStorage,
);

export default function FillPage() {
  const params = useParams<{ responseId: string }>();
  const repo = createResponseRepository();
  watchDatabase();
  const [loaded] = createResource(
    () => params.responseId,
    async (id) => {
      const stored = await repo.get(id);
      if (!stored) return undefined;
      // Answers a killed or crashed tab had not stored yet are stored now.
      const { record, storedData } = await recoverUnsaved(repo, journal, stored);
      return { record, storedData, file: await openSurvey(record.surveyId, record.surveyVersion) };
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
        {(r) => <ResponseEditor record={r.record} storedData={r.storedData} file={r.file!} />}
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

function ResponseEditor(props: { record: ResponseRecord; storedData?: Record<string, unknown>; file: SurveyFile }) {
  const initial = props.record;
  const file = props.file;
  performance.mark("studio:session-create");
  const definition = surveyFileToDefinition(file);
  const repository = withStorageFaults(createResponseRepository());
  const listeners = new Set<() => void>();
  const [readOnly, setReadOnly] = createSignal(initial.status === "completed");
  const [justCompleted, setJustCompleted] = createSignal(false);
  let last: SessionSnapshot = { data: initial.data, currentPage: initial.currentPage, language: initial.language, progress: initial.progress };

  // A new session only when the mode changes; nothing the model reads while it loads is tracked.
  const session = createMemo<SurveySession | undefined>((prev) => {
    const ro = readOnly();
    return untrack(() => {
      if (prev) last = prev.snapshot();
      const s = createSurveySession({ definition, data: last.data, currentPage: last.currentPage, language: last.language, readOnly: ro });
      s.onChange(() => listeners.forEach((l) => l()));
      onCleanup(() => s.dispose());
      return s;
    });
  }, undefined) as () => SurveySession;

  const autosave = createAutosave({
    repository,
    record: initial,
    storedData: props.storedData,
    journal,
    tab: TAB_ID,
    source: {
      snapshot: () => session().snapshot(),
      onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
    },
  });

  // Other tabs with the same response: answers both ways, the later change wins, the loser is told.
  /** When the value this tab holds for a key was made; keys changed by the person in this tab. */
  const editAt = new Map<string, number>();
  const ownKeys = new Set<string>();
  const [conflicts, setConflicts] = createSignal<{ key: string; question: string }[]>([]);
  /** Test hook: messages from other tabs held back, to make two tabs change answers at the same time. */
  let heldMessages: Parameters<typeof decideRemoteChange>[0][] | undefined;
  function applyRemote(msg: Parameters<typeof decideRemoteChange>[0]) {
    const s = session();
    const data = s.snapshot().data;
    const d = decideRemoteChange(msg, TAB_ID, editAt, (k) => (data[k] === undefined ? undefined : JSON.stringify(data[k])), (k) => ownKeys.has(k));
    const keys = [...Object.keys(d.set), ...d.unset];
    if (keys.length === 0) return;
    autosave.markExternal(d.set, d.unset);
    s.applyExternal(d.set, d.unset);
    for (const k of keys) {
      editAt.set(k, msg.at);
      ownKeys.delete(k);
    }
    if (d.conflicts.length > 0) {
      setConflicts((list) => [
        ...list.filter((c) => !d.conflicts.includes(c.key)),
        ...d.conflicts.map((key) => ({ key, question: s.titleOf(key) })),
      ]);
    }
  }
  const sync = createTabSync({
    responseId: initial.id,
    tab: TAB_ID,
    ownAnswers: () => {
      const data = session().snapshot().data;
      return [...ownKeys].map((key) => ({ key, value: data[key], at: editAt.get(key) ?? Date.now() }));
    },
    onAnswers: (msg) => (heldMessages ? heldMessages.push(msg) : applyRemote(msg)),
    onStatus: (msg) => {
      if (msg.status === autosave.record().status) return;
      autosave.setStatus(msg.status, msg.completedAt);
      setJustCompleted(false);
      setReadOnly(msg.status === "completed");
    },
  });
  const stopLocal = autosave.onLocalChange((change) => {
    for (const k of [...Object.keys(change.set), ...change.unset]) {
      editAt.set(k, change.at);
      ownKeys.add(k);
    }
    sync.postAnswers(change);
  });
  onCleanup(() => {
    stopLocal();
    sync.close();
  });

  const onComplete = () => {
    // The definition's navigateToUrl (allowed origins only), read before the read-only session replaces this one.
    const next = session().completionUrl();
    const at = new Date().toISOString();
    autosave.setStatus("completed", at);
    if (next) void autosave.flush().then(() => location.assign(next), () => undefined);
    sync.postStatus("completed", at);
    setJustCompleted(true);
    setReadOnly(true);
    window.scrollTo({ top: 0 });
  };
  const reopen = () => {
    autosave.setStatus("draft", null);
    sync.postStatus("draft", null);
    setJustCompleted(false);
    setReadOnly(false);
  };

  // Storage problems: what happened, what to do, retry, and a download of everything not stored.
  const problem = (): StorageFailureKind | undefined => {
    const db = databaseProblem();
    if (db === "version" || db === "blocked" || db === "deleted") return db;
    if (autosave.state() === "failed") return autosave.failureKind() ?? "other";
    return undefined;
  };
  const downloadUnsaved = () => {
    const record = autosave.unsavedRecord();
    const text = responsesFileToText(createResponsesFile([record], []));
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `survey-studio-unsaved-${record.surveyId}-${record.updatedAt.slice(0, 19).replace(/[:T]/g, "-")}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  // A write that works again clears a "connection closed" problem.
  createEffect(on(autosave.state, (state, prev) => state === "saved" && prev !== undefined && prev !== "saved" && databaseWorks()));

  onCleanup(
    exposeTestHooks({
      snapshot: () => ({ ...session().snapshot(), status: autosave.record().status, saveState: autosave.state(), derived: session().derivedKeys() }),
      flush: () => autosave.flush(),
      closeDatabase: () => getDatabase().close(),
      responseId: () => initial.id,
      storageFault: (kind: "quota" | undefined) => setStorageFault(kind),
      holdTabSync: (hold: boolean) => {
        if (hold) heldMessages ??= [];
        else {
          const list = heldMessages ?? [];
          heldMessages = undefined;
          list.forEach(applyRemote);
        }
      },
    }),
  );

  const status = (
    <div class="save-status" role="status" aria-live="polite" data-state={autosave.state()}>
      <Switch>
        <Match when={problem()}>
          <span class="save-failed">{ts("notSaved")}</span>
        </Match>
        <Match when={autosave.state() === "saving"}>{t("saving")}</Match>
        <Match when={!online()}>{t("savedOffline")}</Match>
        <Match when={autosave.lastSavedAt()}>{t("saved")}</Match>
      </Switch>
    </div>
  );

  onMount(() =>
    requestAnimationFrame(() => setTimeout(() => performance.measure("studio:first-page", "studio:session-create"))),
  );

  return (
    <div class="fill-page">
      <p>
        <A class="back-link" href={`/surveys/${initial.surveyId}`}>{t("back")}</A>
      </p>
      <Show when={problem()}>
        {(kind) => (
          <StorageProblem
            kind={kind()}
            reason={autosave.failure()}
            canRetry={kind() !== "version"}
            onRetry={() => {
              // After a deletion, storing again is the person's choice: the database is created anew.
              if (kind() === "deleted") {
                storeAgainAfterDeletion();
                autosave.forgetStored();
              }
              autosave.retryNow();
            }}
            onDownload={downloadUnsaved}
          />
        )}
      </Show>
      <For each={conflicts()}>
        {(c) => (
          <div class="notice" role="status">
            <p>{ts("conflict", { question: c.question })}</p>
            <button type="button" class="button small secondary" onClick={() => setConflicts((l) => l.filter((x) => x.key !== c.key))}>
              {ts("dismiss")}
            </button>
          </div>
        )}
      </For>
      <Show when={justCompleted()}>
        <p class="notice success" role="status">
          {t("thankYou")}
        </p>
      </Show>
      <Show when={readOnly()}>
        <div class="notice">
          <p>{t("completedNotice", { date: formatDateTime(autosave.record().completedAt ?? autosave.record().updatedAt) })}</p>
          <button type="button" class="button secondary" onClick={reopen}>
            {t("reopen")}
          </button>
        </div>
      </Show>
      <SurveyView session={session()} languages={file.languages} onComplete={onComplete} status={status} />
    </div>
  );
}
