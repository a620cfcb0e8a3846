/**
 * The designer's live preview: a respondent session (the same one respondents get, without
 * autosave) rebuilt from the editor's text, keeping the test answers of questions that still exist.
 */
import type { Question } from "survey-core";
import { parseSurveyFile, surveyFileToDefinition } from "../../schema/survey-file.ts";
import { createSurveySession, type SessionSnapshot, type SurveySession } from "../create-survey-session.ts";
import { dataFields } from "../../definition/breaking.ts";

export type PreviewBuild = { ok: true; session: SurveySession; languages: string[]; ms: number } | { ok: false };

/** Only the answers of questions (and their comments) that the new definition still has. */
export function keepExistingAnswers(data: Record<string, unknown>, definition: unknown): Record<string, unknown> {
  const keys = new Set(dataFields(definition).map((f) => f.key[0]!));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    const base = k.endsWith("-Comment") ? k.slice(0, -"-Comment".length) : k;
    if (keys.has(base)) out[k] = v;
  }
  return out;
}

/** A preview session for the text, carrying over the previous session's answers, page and language. */
export function buildPreview(text: string, previous: SessionSnapshot | undefined): PreviewBuild {
  const t0 = performance.now();
  try {
    const parsed = parseSurveyFile(text, "preview");
    if (!parsed.ok) return { ok: false };
    const definition = surveyFileToDefinition(parsed.file);
    const languages: string[] = [...parsed.file.languages];
    const language = previous && languages.includes(previous.language) ? previous.language : (languages[0] ?? "en");
    const session = createSurveySession({
      definition,
      data: previous ? keepExistingAnswers(previous.data, definition) : {},
      currentPage: previous?.currentPage ?? null,
      language,
      mode: "preview",
      components: parsed.file.components,
    });
    return { ok: true, session, languages, ms: performance.now() - t0 };
  } catch {
    return { ok: false };
  }
}

export interface PreviewPage {
  name: string;
  title: string;
  visible: boolean;
}

/** Every page of the preview, with whether its conditions currently show it. */
export function previewPages(session: SurveySession): PreviewPage[] {
  return session.model.pages.map((p) => ({ name: p.name, title: p.locTitle.renderedHtml || p.name, visible: p.isVisible }));
}

/** Shows the page that holds `pageName`; false when that page is hidden by its conditions. */
export function showPage(session: SurveySession, pageName: string): boolean {
  const page = session.model.getPageByName(pageName);
  if (!page || !page.isVisible) return false;
  session.model.currentPage = page;
  return true;
}

/** The id of an element of the preview in the page (for scrolling to it), and its page's name. */
export function previewAnchor(session: SurveySession, name: string): { id: string; page: string } | undefined {
  const q = session.model.getQuestionByName(name) as Question | null;
  if (q?.page) return { id: `${q.id}-errors`, page: q.page.name };
  const panel = session.model.getPanelByName(name);
  if (panel?.page) return { id: `${panel.id}-title`, page: panel.page.name };
  return undefined;
}

/** The name of the page the preview shows (tracked). */
export function currentPageName(session: SurveySession): string {
  const page = session.currentPage() as unknown as { name?: string } | undefined;
  return page?.name ?? "";
}
