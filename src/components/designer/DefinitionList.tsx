import { A, useNavigate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { formatDateTime, uiLanguage } from "../../i18n/i18n.ts";
import { dt, snippetTextsFor } from "../../i18n/messages-designer.ts";
import { createDefinitionRepository } from "../../db/definitions.ts";
import { createLiveQuery } from "../../db/live.ts";
import { formatProblem, type Problem } from "../../schema/format-problem.ts";
import { definitionToSurveyFile, deriveEnvelope, parseSurveyText, type DerivedEnvelope } from "../../schema/survey-file.ts";
import { duplicateSurveyText, idFromTitle, newSurveyText } from "../../survey/designer/templates.ts";
import ConfirmDialog from "../ConfirmDialog.tsx";
import { LANGUAGE_CODES, languageName } from "../../i18n/languages.ts";
import { highestVersion } from "../../catalog/catalog.ts";
import { listDesignerEntries, loadBaseline, takenIds, type DesignerEntry } from "./designer-data.ts";

/** The designer's home: every definition, a new survey from a template, import of a .json file. */
export default function DefinitionList() {
  const repo = createDefinitionRepository();
  const navigate = useNavigate();
  const entries = createLiveQuery(() => listDesignerEntries(uiLanguage()));

  // ---------- new survey ----------
  const [newTitle, setNewTitle] = createSignal("");
  const [newLanguages, setNewLanguages] = createSignal<string[]>(["en"]);
  const [newError, setNewError] = createSignal("");
  const createSurvey = async (e: SubmitEvent) => {
    e.preventDefault();
    const title = newTitle().trim();
    if (!title) return setNewError(dt("titleRequired"));
    if (newLanguages().length === 0) return setNewError(dt("languageRequired"));
    // In the order they were ticked: the first is the base language.
    const ordered = newLanguages();
    const id = idFromTitle(title, await takenIds(repo));
    const text = newSurveyText({ id, title, languages: ordered, texts: snippetTextsFor(ordered[0] ?? "en") });
    await repo.putDraft({ surveyId: id, text, baseVersion: null, updatedAt: new Date().toISOString() });
    navigate(`/designer/${id}`);
  };

  // ---------- duplicate ----------
  const duplicate = async (entry: DesignerEntry) => {
    const draft = await repo.getDraft(entry.id);
    const source = draft?.text ?? (await loadBaseline(entry.id))?.text;
    if (!source) return;
    const id = idFromTitle(`${entry.id}-copy`, await takenIds(repo));
    const text = duplicateSurveyText(source, id, dt("copySuffix"));
    await repo.putDraft({ surveyId: id, text, baseVersion: null, updatedAt: new Date().toISOString() });
    navigate(`/designer/${id}`);
  };

  // ---------- import ----------
  const [importProblems, setImportProblems] = createSignal<{ fileName: string; problems: Problem[]; text: string } | undefined>();
  const openImported = async (id: string, text: string, baseVersion: number | null) => {
    await repo.putDraft({ surveyId: id, text, baseVersion, updatedAt: new Date().toISOString() });
    navigate(`/designer/${id}`);
  };
  /** A bare SurveyJS definition (from SurveyJS Creator, say): the envelope it would get, to confirm. */
  const [surveyJs, setSurveyJs] = createSignal<{ fileName: string; envelope: DerivedEnvelope; text: string } | undefined>();
  const importFile = async (file: File) => {
    setImportProblems(undefined);
    setSurveyJs(undefined);
    const text = await file.text();
    const parsed = parseSurveyText(text, file.name);
    if (!parsed.ok) {
      setImportProblems({ fileName: file.name, problems: parsed.problems, text });
      return;
    }
    if (parsed.kind === "surveyjs") {
      const envelope = deriveEnvelope(parsed.definition, { fileName: file.name, taken: await takenIds(repo) });
      setSurveyJs({ fileName: file.name, envelope, text: `${JSON.stringify(definitionToSurveyFile(parsed.definition, envelope), null, 2)}\n` });
      return;
    }
    const id = parsed.file.id;
    const highest = await highestVersion(id);
    const base = highest > 0 ? highest : null;
    if (await repo.getDraft(id)) {
      setConfirm({ title: dt("replaceDraftTitle"), body: dt("replaceDraftBody", { id }), label: dt("replaceDraft"), run: () => void openImported(id, text, base) });
      return;
    }
    await openImported(id, text, base);
  };
  const openSurveyJs = async () => {
    const s = surveyJs();
    if (!s) return;
    setSurveyJs(undefined);
    await openImported(s.envelope.id, s.text, null);
  };
  /** A file that does not parse is opened anyway, under an id from its name, to be fixed in the editor. */
  const openBroken = async () => {
    const p = importProblems();
    if (!p) return;
    const id = idFromTitle(p.fileName.replace(/\.json$/i, ""), await takenIds(repo));
    await openImported(id, p.text, null);
  };

  // ---------- confirmations: discarding a draft, replacing one by an import ----------
  const [confirm, setConfirm] = createSignal<{ title: string; body: string; label: string; run: () => void } | undefined>();
  const askDiscard = (e: DesignerEntry) =>
    setConfirm({
      title: dt("discardTitle"),
      body: e.latest ? dt("discardBodySaved", { version: e.latest.version }) : dt("discardBodyNew"),
      label: dt("discardDraft"),
      run: () => void repo.deleteDraft(e.id),
    });

  const status = (e: DesignerEntry) => {
    const parts: string[] = [];
    if (e.latest) parts.push(e.latest.origin === "shipped" ? dt("shippedVersion", { version: e.latest.version }) : dt("savedVersionOn", { version: e.latest.version, date: formatDateTime(e.latest.savedAt) }));
    else if (e.shipped) parts.push(dt("shipped"));
    if (e.draft) parts.push(dt("unsavedChanges", { date: formatDateTime(e.draft.updatedAt) }));
    return parts.join(" · ");
  };

  return (
    <div class="designer-home">
      <h1>{dt("designerTitle")}</h1>
      <p class="lead">{dt("designerIntro")}</p>

      <div class="designer-start">
        <form class="card new-survey" onSubmit={(e) => void createSurvey(e)} aria-labelledby="new-survey-title">
          <h2 id="new-survey-title">{dt("newSurvey")}</h2>
          <label class="field">
            <span>{dt("surveyTitle")}</span>
            <input class="input" value={newTitle()} required onInput={(e) => (setNewTitle(e.currentTarget.value), setNewError(""))} />
          </label>
          <fieldset class="field languages-field">
            <legend>{dt("surveyLanguages")}</legend>
            <For each={LANGUAGE_CODES}>
              {(l) => (
                <label class="checkbox-label">
                  <input
                    type="checkbox"
                    checked={newLanguages().includes(l)}
                    onChange={(e) => setNewLanguages((cur) => (e.currentTarget.checked ? [...cur, l] : cur.filter((x) => x !== l)))}
                  />
                  <span lang={l}>{languageName(l)}</span>
                </label>
              )}
            </For>
          </fieldset>
          <p class="hint">{dt("newSurveyHint")}</p>
          <Show when={newError()}>
            <p class="field-error" role="alert">
              {newError()}
            </p>
          </Show>
          <button type="submit" class="button primary">
            {dt("createSurvey")}
          </button>
        </form>

        <div class="card import-survey">
          <h2 id="import-title">{dt("importTitle")}</h2>
          <p>{dt("importIntro")}</p>
          <label class="button secondary file-button">
            {dt("chooseFile")}
            <input
              type="file"
              accept=".json,application/json"
              class="visually-hidden-input"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = "";
                if (f) void importFile(f);
              }}
            />
          </label>
          <Show when={surveyJs()}>
            {(s) => (
              <div class="notice import-surveyjs" role="status">
                <p>
                  <strong>{dt("surveyJsTitle")}</strong>
                </p>
                <p>
                  {dt("surveyJsBody", {
                    file: s().fileName,
                    id: s().envelope.id,
                    version: s().envelope.version,
                    languages: s().envelope.languages.map((l) => languageName(l)).join(", "),
                  })}
                </p>
                <Show when={s().envelope.unsupported.length > 0}>
                  <p>{dt("surveyJsUnsupported", { languages: s().envelope.unsupported.join(", ") })}</p>
                </Show>
                <p class="actions-row">
                  <button type="button" class="button small primary" onClick={() => void openSurveyJs()}>
                    {dt("surveyJsOpen")}
                  </button>
                  <button type="button" class="button small secondary" onClick={() => setSurveyJs(undefined)}>
                    {dt("cancel")}
                  </button>
                </p>
              </div>
            )}
          </Show>
          <Show when={importProblems()}>
            {(p) => (
              <div class="import-problems" role="alert">
                <p>
                  <strong>{dt("importFailed", { file: p().fileName })}</strong>
                </p>
                <ul>
                  <For each={p().problems}>
                    {(problem) => (
                      <li>
                        <code dir="ltr">{formatProblem(problem)}</code>
                      </li>
                    )}
                  </For>
                </ul>
                <button type="button" class="button small secondary" onClick={() => void openBroken()}>
                  {dt("openToFix")}
                </button>
              </div>
            )}
          </Show>
        </div>
      </div>

      <h2>{dt("definitions")}</h2>
      <Show when={entries.value()} fallback={<p>{dt("loading")}</p>}>
        <ul class="definition-list">
          <For each={entries.value()}>
            {(e) => (
              <li class="card definition">
                <h3>
                  <A href={`/designer/${e.id}`} dir="auto">
                    {e.title}
                  </A>
                </h3>
                <p class="meta">
                  <code dir="ltr">{e.fileName ?? e.id}</code> · {status(e)}
                </p>
                <Show when={e.rejected}>
                  <p class="field-error">{dt("shippedRejected", { count: e.rejected ?? 0 })}</p>
                </Show>
                <p class="actions">
                  <A class="button small primary" href={`/designer/${e.id}`}>
                    {e.draft ? dt("continueEditing") : dt("edit")}
                  </A>
                  <button type="button" class="button small secondary" onClick={() => void duplicate(e)}>
                    {dt("duplicateSurvey")}
                  </button>
                  <Show when={e.draft}>
                    <button type="button" class="button small danger" onClick={() => askDiscard(e)}>
                      {dt("discardDraft")}
                    </button>
                  </Show>
                </p>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <ConfirmDialog
        open={!!confirm()}
        title={confirm()?.title ?? ""}
        confirmLabel={confirm()?.label ?? ""}
        onCancel={() => setConfirm(undefined)}
        onConfirm={() => {
          const c = confirm();
          setConfirm(undefined);
          c?.run();
        }}
      >
        <p>{confirm()?.body}</p>
      </ConfirmDialog>
    </div>
  );
}
