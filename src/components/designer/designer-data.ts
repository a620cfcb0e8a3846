/**
 * Where the designer's texts come from and go to: drafts (saved as the designer types), and the
 * versions the catalog knows (src/catalog/: stored in IndexedDB, shipped with the app).
 */
import { surveyVersions } from "../../catalog/catalog.ts";
import { checkShippedFiles } from "../../catalog/check.ts";
import { shippedSources } from "../../catalog/shipped.ts";
import { createDefinitionRepository, type DefinitionRepository } from "../../db/definitions.ts";
import { createResponseRepository } from "../../db/repository.ts";
import type { DesignerDraft, StoredDefinition } from "../../schema/definition.ts";
import { recoverDraftJournal } from "./draft-writer.ts";
import { parseSurveyFile, type SurveyFile } from "../../schema/survey-file.ts";
import { breakingChanges, countAffected } from "../../definition/breaking.ts";
import { textIn } from "../../definition/text.ts";

export interface DesignerEntry {
  id: string;
  title: string;
  shipped: boolean;
  /** For a shipped file: where it is in the repository. */
  fileName?: string;
  /** A shipped file the app's checks reject: respondents cannot open it until it is fixed. */
  rejected?: number;
  /** Newest saved version (shipped or designer), if any. */
  latest?: StoredDefinition;
  draft?: DesignerDraft;
}

function titleOf(text: string, language: string): string | undefined {
  const parsed = parseSurveyFile(text, "x");
  return parsed.ok ? textIn(parsed.file.title, language) : undefined;
}

/** Every definition the designer knows: shipped files, versions saved in this browser, drafts. */
export async function listDesignerEntries(language: string, repo: DefinitionRepository = createDefinitionRepository()): Promise<DesignerEntry[]> {
  // Drafts a closed or crashed tab had not stored yet are stored first.
  await recoverDraftJournal(repo);
  const [latest, drafts, checked] = await Promise.all([repo.latest(), repo.listDrafts(), checkShippedFiles()]);
  const entries = new Map<string, DesignerEntry>();
  const rejected = new Map(checked.flatMap((e) => (e.ok ? [] : [[e.fileName, e.problems.filter((p) => p.severity === "error").length] as const])));
  for (const f of shippedSources()) {
    if (entries.has(f.id)) continue;
    const errors = rejected.get(f.fileName);
    entries.set(f.id, { id: f.id, title: titleOf(f.text, language) ?? f.id, shipped: true, fileName: f.fileName, ...(errors ? { rejected: errors } : {}) });
  }
  for (const d of latest) {
    const cur = entries.get(d.surveyId);
    const title = titleOf(d.text, language) ?? d.surveyId;
    if (cur) {
      cur.latest = d;
      if (d.origin !== "shipped") cur.title = title;
    } else entries.set(d.surveyId, { id: d.surveyId, title, shipped: false, latest: d });
  }
  for (const d of drafts) {
    const cur = entries.get(d.surveyId);
    if (cur) cur.draft = d;
    else entries.set(d.surveyId, { id: d.surveyId, title: titleOf(d.text, language) ?? d.surveyId, shipped: false, draft: d });
  }
  return [...entries.values()].sort((a, b) => {
    const ta = a.draft?.updatedAt ?? a.latest?.savedAt ?? "";
    const tb = b.draft?.updatedAt ?? b.latest?.savedAt ?? "";
    return tb.localeCompare(ta) || a.title.localeCompare(b.title);
  });
}

/** Ids in use (shipped, saved, drafts): a new survey must not take one of them. */
export async function takenIds(repo: DefinitionRepository = createDefinitionRepository()): Promise<Set<string>> {
  const [latest, drafts] = await Promise.all([repo.latest(), repo.listDrafts()]);
  const ids = new Set<string>();
  for (const f of shippedSources()) ids.add(f.id);
  for (const d of latest) ids.add(d.surveyId);
  for (const d of drafts) ids.add(d.surveyId);
  return ids;
}

export interface Baseline {
  version: number;
  text: string;
  file: SurveyFile;
}

/** The current version of a survey (the catalog's rule): what a new version is compared with. */
export async function loadBaseline(surveyId: string): Promise<Baseline | undefined> {
  const newest = (await surveyVersions(surveyId))[0];
  return newest && { version: newest.file.version, text: newest.text, file: newest.file };
}

export interface WorkspaceStart {
  text: string;
  /** The saved version the text starts from (null for a survey never saved). */
  baseVersion: number | null;
  fromDraft: boolean;
  draftUpdatedAt?: string;
}

/** The text to edit: the draft when there is one (nothing typed is ever lost), else the newest version. */
export async function loadWorkspace(surveyId: string, repo: DefinitionRepository = createDefinitionRepository()): Promise<WorkspaceStart | undefined> {
  await recoverDraftJournal(repo);
  const draft = await repo.getDraft(surveyId);
  if (draft) return { text: draft.text, baseVersion: draft.baseVersion, fromDraft: true, draftUpdatedAt: draft.updatedAt };
  const base = await loadBaseline(surveyId);
  if (base) return { text: base.text, baseVersion: base.version, fromDraft: false };
  // A shipped file that does not even parse: open its text so that it can be fixed.
  const broken = shippedSources().find((f) => f.id === surveyId);
  if (broken) return { text: broken.text, baseVersion: broken.version ?? null, fromDraft: false };
  return undefined;
}

/** Breaking changes between the baseline and the new file, with the stored responses they affect. */
export async function assessChanges(surveyId: string, baseline: Baseline | undefined, next: SurveyFile) {
  if (!baseline) return { changes: [], perChange: [], total: 0, responses: 0 };
  const changes = breakingChanges(baseline.file, next);
  const responses = await createResponseRepository().listForSurvey(surveyId);
  const counted = countAffected(changes, responses);
  return { changes, ...counted, responses: responses.length };
}

