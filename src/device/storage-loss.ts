/**
 * Storage loss, detected and explained: the database holds a mark (an id written when it is
 * first used), and so does localStorage. When the database comes back without its mark while
 * localStorage still has one from a time responses were stored, the database was deleted (by
 * the browser to free space, by clearing site data, by another tab). Answers that were not yet
 * stored when that happened are still in the lifecycle's unsaved-answers journal
 * (src/responses/journal.ts, in localStorage), which keeps the entries of responses that are not
 * stored: they are offered back, as responses again or as a file.
 */
import type { SettingsStore } from "../db/settings.ts";
import { recordsById } from "../db/response-meta.ts";
import { applyResponseChange, type ResponseStore } from "../schema/response-change.ts";
import type { ResponseRecord } from "../schema/response.ts";
import { createResponsesFile, responsesFileToText } from "../schema/responses-file.ts";
import { entriesToChange, type JournalSlot, type ResponseJournal, type UnsavedEntry } from "../responses/journal.ts";

const MARK_SETTING = "storage-mark";
const MARK_KEY = "survey-studio.storage-mark";
const LOST_KEY = "survey-studio.storage-lost";

interface StorageMark {
  id: string;
  /** Responses were stored under this mark (a loss of an empty database is no loss). */
  responses?: boolean;
}

function readLocal(storage: Storage | undefined): StorageMark | undefined {
  try {
    const v = JSON.parse(storage?.getItem(MARK_KEY) ?? "null") as StorageMark | null;
    return v && typeof v.id === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

function writeLocal(storage: Storage | undefined, mark: StorageMark): void {
  try {
    storage?.setItem(MARK_KEY, JSON.stringify(mark));
  } catch {
    // localStorage full or missing: loss detection is then unavailable, nothing else.
  }
}

/**
 * Compares the database's mark with localStorage's (call once the database opened). Returns the
 * time a loss was noticed, now or on an earlier page load and not yet dismissed.
 */
export async function checkStorageLoss(
  settings: SettingsStore,
  options: { responsesStored: boolean; storage?: Storage | undefined; now?: Date },
): Promise<string | undefined> {
  const storage = options.storage === undefined ? globalThis.localStorage : options.storage;
  const local = readLocal(storage);
  const stored = await settings.get<StorageMark>(MARK_SETTING);
  if (!stored || typeof stored.id !== "string") {
    // A database without its mark: new, or deleted and created again. Lost, if responses were stored before.
    const mark: StorageMark = { id: crypto.randomUUID(), responses: options.responsesStored };
    await settings.set(MARK_SETTING, mark);
    writeLocal(storage, mark);
    if (local?.responses) {
      try {
        storage?.setItem(LOST_KEY, (options.now ?? new Date()).toISOString());
      } catch {
        /* nothing to remember it in */
      }
    }
  } else if (local?.id !== stored.id || (options.responsesStored && !local?.responses)) {
    writeLocal(storage, { id: stored.id, responses: options.responsesStored || (local?.id === stored.id && local.responses === true) });
  }
  return storage?.getItem(LOST_KEY) ?? undefined;
}

/** The person has read the explanation. */
export function dismissStorageLoss(storage: Storage | undefined = globalThis.localStorage): void {
  storage?.removeItem(LOST_KEY);
}

/** Unsaved answers of one response that is no longer stored. */
export interface OrphanedAnswers {
  responseId: string;
  entries: UnsavedEntry[];
  slots: JournalSlot[];
  /** The response rebuilt from them (undefined when the entries come from a build that did not record the survey). */
  record: ResponseRecord | undefined;
  /** When the last answer in them was given. */
  at: number;
}

/** A response rebuilt from its journal entries alone (the stored copy is gone). */
export function journalToRecord(responseId: string, entries: readonly UnsavedEntry[]): ResponseRecord | undefined {
  const first = entries.find((e) => e.surveyId && e.surveyVersion);
  if (!first?.surveyId || !first.surveyVersion) return undefined;
  const created = first.createdAt ?? new Date(Math.min(...entries.map((e) => e.at))).toISOString();
  const base: ResponseRecord = {
    id: responseId,
    surveyId: first.surveyId,
    surveyVersion: first.surveyVersion,
    status: "draft",
    data: {},
    currentPage: null,
    // The language is in the entries when it was changed; else the first one a survey has is as good a guess as any.
    language: first.language ?? "en",
    progress: 0,
    revision: 0,
    createdAt: created,
    updatedAt: created,
    completedAt: null,
  };
  const change = entriesToChange(entries, "");
  return change ? applyResponseChange(base, change).record : base;
}

/** The journal's entries for responses that are not stored (`only`: these responses). */
export async function orphanedAnswers(journal: ResponseJournal, only?: readonly string[]): Promise<OrphanedAnswers[]> {
  const ids = only ?? journal.responseIds();
  if (ids.length === 0) return [];
  const stored = await recordsById(ids);
  return ids
    .filter((id) => !stored.has(id))
    .map((responseId) => {
      const found = journal.entries(responseId);
      const entries = found.map((f) => f.entry);
      return { responseId, entries, slots: found.map((f) => f.slot), record: journalToRecord(responseId, entries), at: Math.max(0, ...entries.map((e) => e.at)) };
    })
    .filter((o) => o.entries.length > 0);
}

/**
 * Stores the rebuilt responses again (or, if one was stored meanwhile, its answers on top) and
 * removes their journal entries; returns how many were stored.
 */
export async function restoreOrphans(orphans: readonly OrphanedAnswers[], store: Pick<ResponseStore, "get" | "put" | "apply">, journal: ResponseJournal): Promise<number> {
  let n = 0;
  for (const o of orphans) {
    if (!o.record) continue;
    const change = entriesToChange(o.entries, "");
    if (change && (await store.get(o.responseId))) await store.apply(o.responseId, change);
    else await store.put(o.record);
    for (const slot of o.slots) journal.remove(slot);
    n++;
  }
  return n;
}

/**
 * A download of the orphaned answers: a responses file of the rebuilt responses, plus (for
 * entries of an older build) the raw journal entries, so that nothing is left out.
 */
export function orphansToFile(orphans: readonly OrphanedAnswers[], now: Date = new Date()): Blob {
  const records = orphans.flatMap((o) => (o.record ? [o.record] : []));
  const file = createResponsesFile(records, [], now) as ReturnType<typeof createResponsesFile> & { unsavedAnswers?: UnsavedEntry[] };
  const raw = orphans.filter((o) => !o.record).flatMap((o) => o.entries);
  const text = raw.length > 0 ? `${JSON.stringify({ ...file, unsavedAnswers: raw }, null, 2)}\n` : responsesFileToText(file);
  return new Blob([text], { type: "application/json" });
}

/** Forgets the orphaned answers (the person chose to). */
export function discardOrphans(orphans: readonly OrphanedAnswers[], journal: ResponseJournal): void {
  for (const o of orphans) for (const slot of o.slots) journal.remove(slot);
}
