import { useNavigate, useParams } from "@solidjs/router";
import { onMount, Show, createSignal } from "solid-js";
import { openSurvey } from "../catalog/catalog.ts";
import { t, uiLanguage } from "../i18n/i18n.ts";
import { createResponseRepository } from "../db/repository.ts";

/** Creates a draft and opens it; the URL of the draft is what a respondent bookmarks. */
export default function NewResponsePage() {
  const params = useParams<{ surveyId: string }>();
  const navigate = useNavigate();
  const [missing, setMissing] = createSignal(false);
  onMount(async () => {
    const file = await openSurvey(params.surveyId);
    if (!file) {
      setMissing(true);
      return;
    }
    const languages: readonly string[] = file.languages;
    const language = languages.includes(uiLanguage()) ? uiLanguage() : (languages[0] ?? "en");
    const record = await createResponseRepository().create({ surveyId: file.id, surveyVersion: file.version, language });
    navigate(`/responses/${record.id}`, { replace: true });
  });
  return (
    <Show when={missing()} fallback={<p>{t("loading")}</p>}>
      <p role="alert">{t("surveyNotFound")}</p>
    </Show>
  );
}
