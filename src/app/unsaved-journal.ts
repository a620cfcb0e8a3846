import type { ResponseRecord } from "../schema/response.ts";

/**
 * A write-ahead copy of the answers a tab has not yet stored in IndexedDB, kept in
 * localStorage. localStorage is written synchronously, in the same task as the input event,
 * and the browser keeps it outside the page's process: when the tab is killed or crashes
 * before IndexedDB has committed, the next page that opens the response finds the entry and
 * stores it. One entry per tab and response, removed once everything in it is stored.
 */
export interface UnsavedEntry {
  responseId: string;
  /** Which survey (and version) the response answers, and when it was created: to restore it when the database itself was lost. */
  surveyId?: string;
  surveyVersion?: number;
  createdAt?: string;
  tab: string;
  /** When the newest change in it was made (ms since epoch). */
  at: number;
  /** Answers set (top-level keys) and removed since the last successful write. */
  set: Record<string, unknown>;
  unset: string[];
  status: ResponseRecord["status"];
  completedAt: string | null;
  currentPage: string | null;
  language: string;
  progress: number;
}

export interface UnsavedJournal {
  write(entry: UnsavedEntry): boolean;
  clear(responseId: string, tab: string): void;
  entries(responseId: string): UnsavedEntry[];
  remove(entry: Pick<UnsavedEntry, "responseId" | "tab">): void;
  /** Ids of responses with entries (any tab). */
  responseIds(): string[];
}

const PREFIX = "survey-studio.unsaved.";
const keyOf = (responseId: string, tab: string) => `${PREFIX}${responseId}.${tab}`;

/** The journal in `storage` (localStorage by default); a no-op where there is none. */
export function createUnsavedJournal(storage: Storage | undefined = globalThis.localStorage): UnsavedJournal {
  const list = (): string[] => {
    if (!storage) return [];
    const out: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(PREFIX)) out.push(k);
    }
    return out;
  };
  const read = (k: string): UnsavedEntry | undefined => {
    try {
      const v = JSON.parse(storage?.getItem(k) ?? "null") as UnsavedEntry | null;
      return v && typeof v === "object" && typeof v.responseId === "string" && v.set && typeof v.set === "object" ? v : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    write(entry) {
      if (!storage) return false;
      try {
        storage.setItem(keyOf(entry.responseId, entry.tab), JSON.stringify(entry));
        return true;
      } catch {
        // localStorage full (a large file answer): IndexedDB and memory still hold the answers.
        return false;
      }
    },
    clear(responseId, tab) {
      try {
        storage?.removeItem(keyOf(responseId, tab));
      } catch {
        /* nothing to clear */
      }
    },
    entries(responseId) {
      return list()
        .filter((k) => k.startsWith(`${PREFIX}${responseId}.`))
        .map(read)
        .filter((e): e is UnsavedEntry => e !== undefined && e.responseId === responseId)
        .sort((a, b) => a.at - b.at);
    },
    remove(entry) {
      this.clear(entry.responseId, entry.tab);
    },
    responseIds() {
      return [...new Set(list().map(read).flatMap((e) => (e ? [e.responseId] : [])))];
    },
  };
}

/** A record with journal entries applied on top (oldest first): their answers, and their page/status when newer. */
export function applyUnsaved(record: ResponseRecord, entries: readonly UnsavedEntry[]): { record: ResponseRecord; keys: string[] } {
  let next = { ...record, data: { ...record.data } };
  const keys = new Set<string>();
  for (const e of entries) {
    for (const [k, v] of Object.entries(e.set)) {
      if (k === "__proto__") continue;
      next.data[k] = v;
      keys.add(k);
    }
    for (const k of e.unset) {
      delete next.data[k];
      keys.add(k);
    }
    const stamp = new Date(e.at).toISOString();
    if (stamp >= next.updatedAt) {
      next = {
        ...next,
        status: e.status,
        completedAt: e.completedAt,
        currentPage: e.currentPage,
        language: e.language,
        progress: e.progress,
        updatedAt: stamp,
      };
    }
  }
  return { record: next, keys: [...keys] };
}

/**
 * Stores what killed or crashed tabs left in the journal for this response (their answers on
 * top of the stored ones) and removes those entries once stored. When storing fails, the merged
 * record is still returned (with the stored answers, so the caller's autosave writes the rest).
 */
export async function recoverUnsaved(
  repository: { putMerged(record: ResponseRecord, keys: readonly string[]): Promise<ResponseRecord> },
  journal: UnsavedJournal,
  stored: ResponseRecord,
): Promise<{ record: ResponseRecord; storedData?: Record<string, unknown> }> {
  const entries = journal.entries(stored.id);
  if (entries.length === 0) return { record: stored };
  const { record, keys } = applyUnsaved(stored, entries);
  try {
    const saved = await repository.putMerged(record, keys);
    for (const e of entries) journal.remove(e);
    return { record: saved };
  } catch {
    return { record, storedData: stored.data };
  }
}
