import { z } from "zod";
import { isEmptyChange, isUnsafeKey, mergeResponseChanges, type ResponseChange } from "../schema/response-change.ts";
import { responseStatusSchema } from "../schema/response.ts";
import { announceCompleted } from "./completions.ts";
import type { ResponseStore } from "../schema/response-change.ts";

/**
 * A write-ahead copy of the work a tab has not yet stored in IndexedDB, kept in localStorage.
 * localStorage is written synchronously, in the same task as the input event, and the browser
 * keeps it outside the page's process: when the tab is killed or crashes before IndexedDB has
 * committed, the next page finds the entry and stores it. One entry per item and writer (an
 * editor in a tab), removed once everything in it is stored.
 */
export interface JournalSlot {
  /** The localStorage key. */
  key: string;
  /** The entry's text as read (an entry rewritten since is not removed). */
  raw: string;
}

export interface Journal {
  write(id: string, writer: string, body: unknown): boolean;
  clear(id: string, writer: string): void;
  /** Entries of one item (or of all), unparsed. */
  list(id?: string): JournalSlot[];
  /** Removes an entry unless its writer has rewritten it since it was read. */
  removeIfUnchanged(slot: JournalSlot): void;
}

/** The journal under `prefix` in `storage` (localStorage by default); a no-op where there is none. */
export function createJournal(prefix: string, storage: Storage | undefined = globalThis.localStorage): Journal {
  const keyOf = (id: string, writer: string) => `${prefix}${id}.${writer}`;
  return {
    write(id, writer, body) {
      if (!storage) return false;
      try {
        storage.setItem(keyOf(id, writer), JSON.stringify(body));
        return true;
      } catch {
        // localStorage full (a large file answer): IndexedDB and memory still hold the work.
        return false;
      }
    },
    clear(id, writer) {
      try {
        storage?.removeItem(keyOf(id, writer));
      } catch {
        /* nothing to clear */
      }
    },
    list(id) {
      if (!storage) return [];
      const start = id === undefined ? prefix : `${prefix}${id}.`;
      const out: JournalSlot[] = [];
      try {
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i);
          if (!key?.startsWith(start)) continue;
          const raw = storage.getItem(key);
          if (raw !== null) out.push({ key, raw });
        }
      } catch {
        /* storage not readable: nothing to recover */
      }
      return out;
    },
    removeIfUnchanged(slot) {
      try {
        if (storage?.getItem(slot.key) === slot.raw) storage.removeItem(slot.key);
      } catch {
        /* nothing to remove */
      }
    },
  };
}

/** JSON from the journal, without `__proto__` keys (it is text anyone could have put there). */
export function parseJournalJson(raw: string): unknown {
  try {
    return JSON.parse(raw, (k, v: unknown) => (isUnsafeKey(k) ? undefined : v));
  } catch {
    return undefined;
  }
}

// ---------- responses ----------

const RESPONSES_PREFIX = "survey-studio.unsaved.";

/** One writer's unstored change to one response, as journalled (the shape older versions wrote, metadata optional). */
const unsavedEntrySchema = z.object({
  responseId: z.string().min(1),
  /** Which survey (and version) the response answers, and when it was created: to rebuild it when the database itself was lost (entries of older builds lack them). */
  surveyId: z.string().min(1).optional(),
  surveyVersion: z.number().int().positive().optional(),
  createdAt: z.string().optional(),
  tab: z.string(),
  /** When the newest change in it was made (ms since epoch). */
  at: z.number(),
  set: z.record(z.string(), z.unknown()),
  unset: z.array(z.string()),
  status: responseStatusSchema.optional(),
  completedAt: z.string().nullable().optional(),
  currentPage: z.string().nullable().optional(),
  language: z.string().optional(),
  progress: z.number().min(0).max(100).optional(),
});
export type UnsavedEntry = z.infer<typeof unsavedEntrySchema>;

/** What a journal entry says about the response itself (to rebuild it when the database was lost). */
export interface ResponseOrigin {
  surveyId: string;
  surveyVersion: number;
  createdAt: string;
}

export interface ResponseJournal {
  write(responseId: string, writer: string, change: ResponseChange, origin?: ResponseOrigin): boolean;
  clear(responseId: string, writer: string): void;
  /** Readable entries of one response (or all), oldest first. */
  entries(responseId?: string): { entry: UnsavedEntry; slot: JournalSlot }[];
  remove(slot: JournalSlot): void;
  /** Ids of responses with entries. */
  responseIds(): string[];
}

export function changeToEntry(responseId: string, writer: string, c: ResponseChange, origin?: ResponseOrigin): UnsavedEntry {
  return { responseId, ...origin, tab: writer, at: Date.parse(c.at), set: c.set, unset: c.unset, ...c.meta };
}

export function entryToChange(e: UnsavedEntry): ResponseChange {
  const meta: ResponseChange["meta"] = {};
  if (e.status !== undefined) meta.status = e.status;
  if (e.completedAt !== undefined) meta.completedAt = e.completedAt;
  if (e.currentPage !== undefined) meta.currentPage = e.currentPage;
  if (e.language !== undefined) meta.language = e.language;
  if (e.progress !== undefined) meta.progress = e.progress;
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.set)) if (!isUnsafeKey(k)) set[k] = v;
  return { set, unset: e.unset.filter((k) => !isUnsafeKey(k) && !Object.hasOwn(set, k)), meta, at: new Date(e.at).toISOString() };
}

export function createResponseJournal(storage: Storage | undefined = globalThis.localStorage): ResponseJournal {
  const journal = createJournal(RESPONSES_PREFIX, storage);
  const read = (slot: JournalSlot) => {
    const parsed = unsavedEntrySchema.safeParse(parseJournalJson(slot.raw));
    return parsed.success ? { entry: parsed.data, slot } : undefined;
  };
  return {
    write: (responseId, writer, change, origin) => journal.write(responseId, writer, changeToEntry(responseId, writer, change, origin)),
    clear: (responseId, writer) => journal.clear(responseId, writer),
    entries(responseId) {
      return journal
        .list(responseId)
        .map(read)
        .filter((e) => e !== undefined && (responseId === undefined || e.entry.responseId === responseId))
        .map((e) => e!)
        .sort((a, b) => a.entry.at - b.entry.at);
    },
    remove: (slot) => journal.removeIfUnchanged(slot),
    responseIds() {
      return [...new Set(this.entries().map((e) => e.entry.responseId))];
    },
  };
}

/**
 * Forgets the unsaved answers of a response the person deleted (they belong to nothing now, and
 * must not be offered back as answers of a lost response).
 */
export function discardUnsaved(responseId: string, journal: ResponseJournal): void {
  for (const e of journal.entries(responseId)) journal.remove(e.slot);
}

let sharedJournal: ResponseJournal | undefined;
/** The page's journal of unstored answers (localStorage). */
export function defaultJournal(): ResponseJournal {
  sharedJournal ??= createResponseJournal();
  return sharedJournal;
}

/** Writers alive in this page (their entries are theirs to store, not to recover). */
const liveWriters = new Set<string>();
export function markWriterLive(writer: string): () => void {
  liveWriters.add(writer);
  return () => liveWriters.delete(writer);
}
export function isWriterLive(writer: string): boolean {
  return liveWriters.has(writer);
}

/**
 * The change the journal entries of a response stand for, on top of a stored record updated at
 * `storedUpdatedAt`: every entry's answers (oldest first), and the page, language and status of
 * those made after the stored record's last change.
 */
export function entriesToChange(entries: readonly UnsavedEntry[], storedUpdatedAt: string): ResponseChange | undefined {
  let out: ResponseChange | undefined;
  let newest = storedUpdatedAt;
  for (const e of [...entries].sort((a, b) => a.at - b.at)) {
    const c = entryToChange(e);
    if (c.at >= newest) newest = c.at;
    else c.meta = {};
    out = out ? mergeResponseChanges(out, c) : c;
  }
  return out;
}

/**
 * Stores what killed or crashed tabs (and editors closed before their writes landed) left in the
 * journal, for the given responses or all of them, and removes those entries once stored. A
 * completion among them is announced like any other. Entries of a response that is not stored
 * are left as they are. Returns, by response, the changes that
 * could not be stored (storage failing): the caller keeps them.
 */
export async function recoverUnsaved(store: ResponseStore, journal: ResponseJournal, ids?: readonly string[]): Promise<Map<string, ResponseChange>> {
  const unstored = new Map<string, ResponseChange>();
  for (const id of ids ?? journal.responseIds()) {
    const found = journal.entries(id).filter((e) => !isWriterLive(e.entry.tab));
    if (found.length === 0) continue;
    let storedUpdatedAt = "";
    try {
      const stored = await store.get(id);
      // Not stored: the database was deleted (site data cleared, the browser freeing space, another
      // tab). Its unsaved answers are kept for the person to restore, download or discard
      // (src/device/storage-loss.ts offers them), never dropped here.
      if (!stored) continue;
      storedUpdatedAt = stored.updatedAt;
      const change = entriesToChange(
        found.map((e) => e.entry),
        storedUpdatedAt,
      );
      if (change && !isEmptyChange(change)) {
        const applied = await store.apply(id, change);
        // The completion the journal holds is stored (now, or already before the tab died without
        // hearing of it): announced, at least once.
        const completion = change.meta.status === "completed" ? change.meta.completedAt : undefined;
        if (applied && completion && applied.status === "completed" && applied.completedAt === completion) {
          announceCompleted({ responseId: id, surveyId: applied.surveyId, revision: applied.revision, completedAt: completion });
        }
      }
      for (const e of found) journal.remove(e.slot);
    } catch {
      const change = entriesToChange(
        found.map((e) => e.entry),
        storedUpdatedAt,
      );
      if (change) unstored.set(id, change);
    }
  }
  return unstored;
}
