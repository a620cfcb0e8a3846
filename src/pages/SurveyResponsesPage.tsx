import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { latestSurvey } from "../catalog/catalog.ts";
import { formatDateTime, t, uiLanguage } from "../i18n/i18n.ts";
import ConfirmDialog from "../components/ConfirmDialog.tsx";
import { languageName } from "../i18n/languages.ts";
import { createLiveQuery } from "../db/live.ts";
import { createResponseRepository } from "../db/repository.ts";
import { defaultJournal, discardUnsaved } from "../responses/journal.ts";
import type { ResponseRecord } from "../schema/response.ts";
import { textIn } from "../definition/text.ts";
import DeliveryCell from "../components/sync/DeliveryCell.tsx";
import { ts } from "../i18n/messages-sync.ts";
import { deliveryOf } from "../sync/delivery.ts";
import { createSurveyDelivery } from "../sync/overview.ts";

export default function SurveyResponsesPage() {
  const params = useParams<{ surveyId: string }>();
  const repo = createResponseRepository();
  const [entry] = createResource(() => params.surveyId, latestSurvey);
  const responses = createLiveQuery(() => repo.listForSurvey(params.surveyId));
  const [toDelete, setToDelete] = createSignal<ResponseRecord | undefined>();
  // The delivery column shows once this device holds a collection link for the survey, or has sent some of its responses.
  const delivery = createSurveyDelivery(() => params.surveyId);
  const showDelivery = () => !!delivery.value()?.link || (delivery.value()?.entries.length ?? 0) > 0;

  return (
    <Show when={entry()} fallback={<p role={entry.loading ? undefined : "alert"}>{entry.loading ? t("loading") : t("surveyNotFound")}</p>}>
      {(e) => (
        <div class="responses-page">
          <p>
            <A class="back-link" href="/">{t("home")}</A>
          </p>
          <h1>{textIn(e().title, uiLanguage()) ?? e().id}</h1>
          <p class="actions-row">
            <A class="button primary" href={`/surveys/${params.surveyId}/new`}>
              {t("newResponse")}
            </A>
            <A class="button secondary" href={`/surveys/${params.surveyId}/data`}>
              {t("analysis")}
            </A>
          </p>
          <h2>{t("responses")}</h2>
          <Show when={(responses.value()?.length ?? 0) > 0} fallback={<p>{responses.value() ? t("noResponses") : t("loading")}</p>}>
            <div class="table-scroll">
              <table class="data-table stack-on-mobile">
                <thead>
                  <tr>
                    <th scope="col">{t("status")}</th>
                    <Show when={showDelivery()}>
                      <th scope="col">{ts("delivery")}</th>
                    </Show>
                    <th scope="col">{t("lastChange")}</th>
                    <th scope="col">{t("progress")}</th>
                    <th scope="col">{t("language")}</th>
                    <th scope="col">{t("actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={responses.value()}>
                    {(r) => (
                      <tr>
                        <td data-label={t("status")}>
                          <span class={`badge ${r.status}`}>{r.status === "completed" ? t("completed") : t("draft")}</span>
                        </td>
                        <Show when={showDelivery()}>
                          <td data-label={ts("delivery")}>
                            <DeliveryCell delivery={deliveryOf(r, delivery.value()?.entries ?? [], delivery.value()?.link)} status={r.status} completedAt={r.completedAt} />
                          </td>
                        </Show>
                        <td data-label={t("lastChange")}>
                          <time datetime={r.updatedAt}>{formatDateTime(r.updatedAt)}</time>
                        </td>
                        <td data-label={t("progress")}>{new Intl.NumberFormat(uiLanguage(), { style: "percent" }).format(r.progress / 100)}</td>
                        <td data-label={t("language")}>{languageName(r.language)}</td>
                        <td class="row-actions" data-label={t("actions")}>
                          <A class="button small" href={`/responses/${r.id}`}>
                            {r.status === "completed" ? t("view") : t("resume")}
                          </A>
                          <button type="button" class="button small danger" onClick={() => setToDelete(r)}>
                            {t("delete")}
                          </button>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
          <ConfirmDialog
            open={!!toDelete()}
            title={t("confirmDeleteTitle")}
            confirmLabel={t("delete")}
            onCancel={() => setToDelete(undefined)}
            onConfirm={() => {
              const r = toDelete();
              setToDelete(undefined);
              if (r) void repo.remove(r.id).then(() => discardUnsaved(r.id, defaultJournal()));
            }}
          >
            <p>{t("confirmDeleteBody", { date: toDelete() ? formatDateTime(toDelete()!.updatedAt) : "" })}</p>
          </ConfirmDialog>
        </div>
      )}
    </Show>
  );
}
