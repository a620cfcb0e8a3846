/**
 * Where the designer's texts come from and go to: drafts (saved as the designer types), saved
 * versions in IndexedDB, and the surveys shipped with the app.
 */
import files from "virtual:survey-files";
import { surveyCatalog } from "../../app/catalog.ts";
import { createDefinitionRepository, type DefinitionRepository } from "../../db/definitions.ts";
import { createResponseRepository } from "../../db/repository.ts";
import type { DesignerDraft, StoredDefinition } from "../../schema/definition.ts";
import { parseSurveyFile, type SurveyFile } from "../../schema/survey-file.ts";
import { surveyTitle } from "../../schema/survey-file.ts";
import { breakingChanges, countAffected } from "../../survey/designer/breaking.ts";
import { readEnvelope } from "../../survey/designer/templates.ts";

/** A file shipped in surveys/, as the designer sees it: its text even when the app's checks reject it. */
export interface ShippedSource {
  fileName: string;
  text: string;
  id: string;
  version: number | undefined;
}

/** The shipped files, by the id written in them (or their file name when that cannot be read). */
export function shippedSources(): ShippedSource[] {
  return files.map((f) => {
    const env = readEnvelope(f.text);
    const base = f.fileName.replace(/^.*\//, "").replace(/\.json$/i, "");
    return { fileName: f.fileName, text: f.text, id: env.id ?? base, version: env.version };
  });
}

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
  return parsed.ok ? surveyTitle(parsed.file, language === "en" ? "default" : language) : undefined;
}

/** Every definition the designer knows: shipped files, versions saved in this browser, drafts. */
export async function listDesignerEntries(language: string, repo: DefinitionRepository = createDefinitionRepository()): Promise<DesignerEntry[]> {
  const [latest, drafts] = await Promise.all([repo.latest(), repo.listDrafts()]);
  const entries = new Map<string, DesignerEntry>();
  const rejected = new Map(surveyCatalog().flatMap((e) => (e.ok ? [] : [[e.fileName, e.problems.filter((p) => p.severity === "error").length] as const])));
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

/** The newest saved version of a survey (stored or shipped): what a new version is compared with. */
export async function loadBaseline(surveyId: string, repo: DefinitionRepository = createDefinitionRepository()): Promise<Baseline | undefined> {
  const versions = await repo.versions(surveyId);
  const candidates: { version: number; text: string }[] = versions.map((v) => ({ version: v.version, text: v.text }));
  for (const f of shippedSources()) {
    if (f.id === surveyId && f.version !== undefined && !candidates.some((c) => c.version === f.version)) candidates.push({ version: f.version, text: f.text });
  }
  candidates.sort((a, b) => b.version - a.version);
  for (const c of candidates) {
    const parsed = parseSurveyFile(c.text, `${surveyId} v${c.version}`);
    if (parsed.ok) return { version: c.version, text: c.text, file: parsed.file };
  }
  return undefined;
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
  const draft = await repo.getDraft(surveyId);
  if (draft) return { text: draft.text, baseVersion: draft.baseVersion, fromDraft: true, draftUpdatedAt: draft.updatedAt };
  const base = await loadBaseline(surveyId, repo);
  if (base) return { text: base.text, baseVersion: base.version, fromDraft: false };
  // A shipped file that does not even parse: open its text so that it can be fixed.
  const broken = shippedSources().find((f) => f.id === surveyId);
  if (broken) return { text: broken.text, baseVersion: broken.version ?? null, fromDraft: false };
  return undefined;
}

/** Highest version number used by a survey so far (saved or shipped), 0 if none. */
export async function highestVersion(surveyId: string, repo: DefinitionRepository = createDefinitionRepository()): Promise<number> {
  const versions = await repo.versions(surveyId);
  const shipped = shippedSources().filter((f) => f.id === surveyId).map((f) => f.version ?? 0);
  return Math.max(0, ...versions.map((v) => v.version), ...shipped);
}

/** Breaking changes between the baseline and the new file, with the stored responses they affect. */
export async function assessChanges(surveyId: string, baseline: Baseline | undefined, next: SurveyFile) {
  if (!baseline) return { changes: [], perChange: [], total: 0, responses: 0 };
  const changes = breakingChanges(baseline.file, next);
  const responses = await createResponseRepository().listForSurvey(surveyId);
  const counted = countAffected(changes, responses);
  return { changes, ...counted, responses: responses.length };
}

export { readEnvelope };
