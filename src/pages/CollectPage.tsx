import { A, useParams } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import { latestSurvey } from "../catalog/catalog.ts";
import { t, uiLanguage } from "../i18n/i18n.ts";
import { ts } from "../i18n/messages-sync.ts";
import { textIn } from "../definition/text.ts";
import { startSync } from "../sync/start.ts";
import type { CollectResult } from "../sync/collect.ts";

/**
 * `#/collect/{token}`: a collection link opened on this device. Checks it with the server,
 * keeps the survey for offline use and binds this device's responses to it.
 */
/** Keeps a name's own direction inside a sentence of the other (a Latin label in Arabic text). */
const isolate = (text: string) => `\u2068${text}\u2069`;

export default function CollectPage() {
  const params = useParams<{ token: string }>();
  const [result, { refetch }] = createResource(
    () => params.token,
    async (token): Promise<{ result: CollectResult; title?: string }> => {
      const result = await startSync().openLink(decodeURIComponent(token));
      const surveyId = result.ok ? result.link.surveyId : result.link?.surveyId;
      const file = surveyId ? await latestSurvey(surveyId) : undefined;
      return { result, ...(file ? { title: textIn(file.title, uiLanguage()) ?? file.id } : {}) };
    },
  );
  const failure = (r: CollectResult) => {
    if (r.ok) return "";
    switch (r.reason) {
      case "revoked":
        return ts("collectRevoked");
      case "expired":
        return ts("collectExpired");
      case "invalid":
      case "wrong-survey":
        return ts("collectInvalid");
      case "offline":
        return ts("collectOffline");
      case "no-server":
        return ts("collectNoServer");
      case "not-published":
        return ts("collectNotPublished");
      default:
        return ts("collectProblem", { message: r.message });
    }
  };
  return (
    <div class="collect-page">
      <h1>{ts("collectTitle")}</h1>
      <Show when={result()} fallback={<p role="status">{ts("collectChecking")}</p>}>
        {(r) => (
          <Switch>
            <Match when={r().result.ok && r().result}>
              {(ok) => {
                const link = () => (ok() as Extract<CollectResult, { ok: true }>).link;
                return (
                  <>
                    <p class="notice success" role="status">
                      {ts("collectReady", { survey: isolate(r().title ?? link().surveyId), label: isolate(link().label) })}
                    </p>
                    <p class="actions-row">
                      <A class="button primary" href={`/surveys/${link().surveyId}/new`}>
                        {ts("collectStart")}
                      </A>
                      <A class="button secondary" href={`/surveys/${link().surveyId}`}>
                        {ts("collectResponses")}
                      </A>
                    </p>
                  </>
                );
              }}
            </Match>
            <Match when={!r().result.ok}>
              <p class="notice error-notice" role="alert">
                {failure(r().result)}
              </p>
              <p class="actions-row">
                <button type="button" class="button secondary" onClick={() => void refetch()}>
                  {ts("tryAgain")}
                </button>
                <Show when={r().result.ok === false && (r().result as Extract<CollectResult, { ok: false }>).link}>
                  {(link) => (
                    <A class="button secondary" href={`/surveys/${link().surveyId}`}>
                      {ts("collectResponses")}
                    </A>
                  )}
                </Show>
                <A class="button secondary" href="/">
                  {t("home")}
                </A>
              </p>
            </Match>
          </Switch>
        )}
      </Show>
    </div>
  );
}
