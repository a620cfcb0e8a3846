import { A, useParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, Match, onCleanup, onMount, Show, Switch, untrack } from "solid-js";
import { createAutosave } from "../app/autosave.ts";
import { surveyVersion } from "../app/surveys.ts";
import { formatDateTime, t } from "../app/i18n.ts";
import { online } from "../app/online.ts";
import SurveyView from "../components/SurveyView.tsx";
import { createResponseRepository } from "../db/repository.ts";
import type { ResponseRecord } from "../schema/response.ts";
import { surveyFileToDefinition, type SurveyFile } from "../schema/survey-file.ts";
import { createSurveySession, type SessionSnapshot, type SurveySession } from "../survey/create-survey-session.ts";

export default function FillPage() {
  const params = useParams<{ responseId: string }>();
  const repo = createResponseRepository();
  const [loaded] = createResource(
    () => params.responseId,
    async (id) => {
      const record = await repo.get(id);
      if (!record) return undefined;
      return { record, file: await surveyVersion(record.surveyId, record.surveyVersion) };
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
        {(r) => <ResponseEditor record={r.record} file={r.file!} />}
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

function ResponseEditor(props: { record: ResponseRecord; file: SurveyFile }) {
  const initial = props.record;
  const file = props.file;
  performance.mark("studio:session-create");
  const definition = surveyFileToDefinition(file);
  const repository = createResponseRepository();
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
    source: {
      snapshot: () => session().snapshot(),
      onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
    },
  });

  const onComplete = () => {
    autosave.setStatus("completed", new Date().toISOString());
    setJustCompleted(true);
    setReadOnly(true);
    window.scrollTo({ top: 0 });
  };
  const reopen = () => {
    autosave.setStatus("draft", null);
    setJustCompleted(false);
    setReadOnly(false);
  };

  const status = (
    <div class="save-status" role="status" aria-live="polite" data-state={autosave.state()}>
      <Switch>
        <Match when={autosave.state() === "failed"}>
          <span class="save-failed">{t("saveFailed", { reason: autosave.failure() ?? "" })}</span>{" "}
          <button type="button" class="button small" onClick={() => autosave.retryNow()}>
            {t("retryNow")}
          </button>
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
