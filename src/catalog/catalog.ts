/**
 * # The catalog: which surveys and versions exist, and which one wins
 *
 * A survey is known by its id. Its versions are the union of
 *   - the files shipped with the app (`surveys/`, src/catalog/shipped.ts), and
 *   - the versions stored in IndexedDB: copies of shipped files (made once per page load by
 *     `registerShippedDefinitions`, so that a response keeps its definition after an update
 *     ships a newer file), versions saved by the designer, and imported ones.
 *
 * The precedence rule, used by every question below:
 *   1. For one id and version, the stored text wins over the shipped file: a version is immutable
 *      and responses were filled against what was stored (a shipped file changed without a new
 *      version number is reported by `registerShippedDefinitions`, not used).
 *   2. The current version of a survey — the one lists show and new responses use — is the highest
 *      version number that opens.
 *   3. "Opens" means: the text parses (JSON and envelope, src/schema/survey-file.ts) and, for a
 *      shipped file not stored yet, survey-core's own checks pass. Those checks load survey-core, so
 *      they run only where a survey is opened (a new response, filling one) or a file is checked
 *      (the home page's list of broken files, the designer); lists read envelopes only.
 *
 * The home page's cards (src/catalog/cards.ts) follow the same rule from the build's index,
 * before the database code has loaded.
 */
import { createDefinitionRepository } from "../db/definitions.ts";
import { canonicalJson } from "../schema/canonical-json.ts";
import type { StoredDefinition } from "../schema/definition.ts";
import { textToSha256, type DefinitionRef } from "../schema/responses-file.ts";
import { parseSurveyFile, type SurveyFile } from "../schema/survey-file.ts";
import { checkShippedFiles } from "./check.ts";
import { textToEnvelope } from "./envelope.ts";
import { parsedShippedFiles, shippedSources } from "./shipped.ts";

export type SurveyOrigin = StoredDefinition["origin"];

/** One version of a survey as the catalog knows it. */
export interface SurveyVersion {
  file: SurveyFile;
  /** The file's text exactly as stored or shipped. */
  text: string;
  origin: SurveyOrigin;
  ref: DefinitionRef;
  /** False for a shipped file that is not stored in IndexedDB yet. */
  stored: boolean;
}

interface Candidate {
  version: number;
  text: string;
  origin: SurveyOrigin;
  /** Set for a version that is stored. */
  hash?: string;
  /** Set for a shipped file that is not stored. */
  fileName?: string;
  /** Parsed once, when first needed. */
  file?: SurveyFile | null;
}

/** Every version of a survey, newest first, the stored text winning over the shipped file (rule 1). */
async function candidates(surveyId: string): Promise<Candidate[]> {
  const repo = createDefinitionRepository();
  const out = new Map<number, Candidate>();
  for (const d of await repo.versions(surveyId)) out.set(d.version, { version: d.version, text: d.text, origin: d.origin, hash: d.hash });
  for (const { source, parsed } of parsedShippedFiles()) {
    if (!parsed.ok || parsed.file.id !== surveyId || out.has(parsed.file.version)) continue;
    out.set(parsed.file.version, { version: parsed.file.version, text: source.text, origin: "shipped", fileName: source.fileName, file: parsed.file });
  }
  return [...out.values()].sort((a, b) => b.version - a.version);
}

function fileOf(surveyId: string, c: Candidate): SurveyFile | undefined {
  if (c.file === undefined) {
    const parsed = parseSurveyFile(c.text, `${surveyId} v${c.version}`);
    c.file = parsed.ok ? parsed.file : null;
  }
  return c.file ?? undefined;
}

/** Rule 3: a stored version opens when it parses; a shipped file not stored yet only when survey-core's checks pass too. */
async function opens(surveyId: string, c: Candidate): Promise<SurveyFile | undefined> {
  const file = fileOf(surveyId, c);
  if (!file || c.fileName === undefined) return file;
  const entry = (await checkShippedFiles()).find((e) => e.fileName === c.fileName);
  return entry?.ok ? entry.file : undefined;
}

/** Every version of a survey that parses, newest first, with the hash of its text: what the export, the import and the charts need. */
export async function surveyVersions(surveyId: string): Promise<SurveyVersion[]> {
  const out: SurveyVersion[] = [];
  for (const c of await candidates(surveyId)) {
    const file = fileOf(surveyId, c);
    if (!file) continue;
    const hash = c.hash ?? (await textToSha256(c.text));
    out.push({ file, text: c.text, origin: c.origin, ref: { surveyId, version: c.version, hash }, stored: c.hash !== undefined });
  }
  return out;
}

/** The current version of a survey for titles and lists (envelope checks only: survey-core is not loaded). */
export async function latestSurvey(surveyId: string): Promise<SurveyFile | undefined> {
  for (const c of await candidates(surveyId)) {
    const file = fileOf(surveyId, c);
    if (file) return file;
  }
  return undefined;
}

/**
 * The version a response opens with: `version` exactly (a response keeps the version it was
 * filled with), or the current version for a new response. Undefined when it does not open.
 */
export async function openSurvey(surveyId: string, version?: number): Promise<SurveyFile | undefined> {
  for (const c of await candidates(surveyId)) {
    if (version !== undefined && c.version !== version) continue;
    const file = await opens(surveyId, c);
    if (file || version !== undefined) return file;
  }
  return undefined;
}

/**
 * Every survey this device knows (shipped or stored): its id, the title of its newest version and
 * every version number — what the import names other surveys by. Envelopes only (no survey-core).
 */
export async function installedSurveys(): Promise<{ surveyId: string; title: unknown; versions: number[] }[]> {
  const out = new Map<string, { title: unknown; version: number; versions: Set<number> }>();
  const add = (surveyId: string, version: number, title: () => unknown) => {
    const cur = out.get(surveyId);
    if (!cur) out.set(surveyId, { title: title(), version, versions: new Set([version]) });
    else {
      cur.versions.add(version);
      if (version > cur.version) Object.assign(cur, { version, title: title() });
    }
  };
  for (const { parsed } of parsedShippedFiles()) if (parsed.ok) add(parsed.file.id, parsed.file.version, () => parsed.file.title);
  for (const d of await createDefinitionRepository().all()) add(d.surveyId, d.version, () => textToEnvelope(d.text).title);
  return [...out.entries()].map(([surveyId, e]) => ({ surveyId, title: e.title, versions: [...e.versions].sort((a, b) => a - b) }));
}

/** Ids of every survey this device knows (shipped or stored), for accepting imported records. */
export async function knownSurveyIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const { parsed } of parsedShippedFiles()) if (parsed.ok) ids.add(parsed.file.id);
  for (const d of await createDefinitionRepository().latest()) ids.add(d.surveyId);
  return ids;
}

/** The current version of every survey that opens (the demo data is made for these). */
export async function surveysToOpen(): Promise<SurveyFile[]> {
  const out: SurveyFile[] = [];
  for (const id of await knownSurveyIds()) {
    const file = await openSurvey(id);
    if (file) out.push(file);
  }
  return out;
}

/** Highest version number a survey has used so far (stored, or written in a shipped file even a broken one), 0 if none. */
export async function highestVersion(surveyId: string): Promise<number> {
  const versions = await createDefinitionRepository().versions(surveyId);
  const shipped = shippedSources().filter((f) => f.id === surveyId).map((f) => f.version ?? 0);
  return Math.max(0, ...versions.map((v) => v.version), ...shipped);
}

let registered: Promise<void> | undefined;

/**
 * Copies every shipped file that passes the checks into IndexedDB, once per page load, so that a
 * response keeps its definition after an app update ships a newer version of the file.
 */
export function registerShippedDefinitions(): Promise<void> {
  registered ??= (async () => {
    const repo = createDefinitionRepository();
    for (const entry of await checkShippedFiles()) {
      if (!entry.ok) continue;
      try {
        await repo.save({ surveyId: entry.file.id, version: entry.file.version, text: entry.text, origin: "shipped" });
      } catch (e) {
        // Same id and version with other content: the stored one wins (rule 1); report it.
        console.warn(String(e));
      }
    }
  })();
  return registered;
}

/**
 * Keeps a version published on a collection server (src/sync/collect.ts fetched its text) for
 * offline use. Versions are immutable: the same text again changes nothing; another text under a
 * version this device already holds is refused with a message saying so.
 */
export async function installPublishedVersion(surveyId: string, version: number, text: string): Promise<StoredDefinition> {
  const parsed = parseSurveyFile(text, `${surveyId} v${version}`);
  if (!parsed.ok) throw new Error(`version ${version} of "${surveyId}" from the server cannot be read: ${parsed.problems.map((p) => p.message).join("; ")}`);
  if (parsed.file.id !== surveyId || parsed.file.version !== version) throw new Error(`the server sent "${parsed.file.id}" version ${parsed.file.version} for "${surveyId}" version ${version}`);
  const repo = createDefinitionRepository();
  // The same survey written out differently (a shipped file published from the designer) is the same version.
  const held = await repo.get(surveyId, version);
  if (held && held.text !== text && sameJson(held.text, text)) return held;
  return repo.save({ surveyId, version, text, origin: "server" });
}

function sameJson(a: string, b: string): boolean {
  try {
    return canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
  } catch {
    return false;
  }
}

/** The versions of a survey stored on this device, with where each came from. */
export async function storedVersions(surveyId: string): Promise<{ version: number; origin: SurveyOrigin }[]> {
  return (await createDefinitionRepository().versions(surveyId)).map((d) => ({ version: d.version, origin: d.origin }));
}
