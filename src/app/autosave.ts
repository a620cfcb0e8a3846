import { createSignal, onCleanup } from "solid-js";
import type { ResponseRepository } from "../db/repository.ts";
import type { ResponseRecord } from "../schema/response.ts";
import type { SessionSnapshot } from "../survey/create-survey-session.ts";
import { createUnsavedJournal, type UnsavedJournal } from "./unsaved-journal.ts";

export type SaveState = "saved" | "saving" | "failed";

/** What kind of storage failure stopped the last write (for the message and what to do). */
export type StorageFailureKind = "quota" | "closed" | "blocked" | "version" | "deleted" | "unavailable" | "other";

export interface AutosaveSource {
  snapshot(): SessionSnapshot;
  onChange(listener: () => void): () => void;
}

/** Answers this tab changed in one batch (one task): for other tabs. */
export interface LocalChange {
  /** Top-level answer keys set, with their new values. */
  set: Record<string, unknown>;
  /** Top-level answer keys removed. */
  unset: string[];
  /** JSON of each changed key's value before the change (`undefined`: had no value). */
  prev: Record<string, string | undefined>;
  /** When the change was made (ms since epoch). */
  at: number;
}

const RETRY_DELAYS_MS = [500, 1000, 2000, 5000, 10000, 30000];

type Json = string | undefined;
const json = (v: unknown): Json => (v === undefined ? undefined : JSON.stringify(v));

/** Keys whose JSON differs between `known` and `data`. */
function changedKeys(known: ReadonlyMap<string, string>, data: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(data)) if (known.get(k) !== json(v)) out.push(k);
  for (const k of known.keys()) if (!Object.hasOwn(data, k) || data[k] === undefined) out.push(k);
  return [...new Set(out)];
}

function jsonMap(data: Record<string, unknown>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(data)) {
    const j = json(v);
    if (j !== undefined) m.set(k, j);
  }
  return m;
}

/** An id for this page (tab), stable for its life. */
export const TAB_ID: string = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * Writes a response to IndexedDB the moment it changes.
 *
 * - Changes made in one task are coalesced (one snapshot per microtask); changes that arrive
 *   while a write is in flight go into the next write.
 * - Before anything is written to IndexedDB, the answers not yet stored are copied
 *   synchronously to a journal (localStorage) in the same task as the change: a tab killed
 *   before IndexedDB commits loses nothing (see unsaved-journal.ts).
 * - A write stores only the answers this tab changed since its last write, on top of what is
 *   stored (another tab may have written other answers).
 * - A failed write keeps the answers in memory, says why, and is retried with back-off,
 *   re-opening the database when it was closed.
 * - Pending writes are started at once when the page is hidden or unloaded.
 */
export function createAutosave(options: {
  source: AutosaveSource;
  record: ResponseRecord;
  repository: ResponseRepository;
  now?: () => Date;
  /** The answers as they are in IndexedDB, when they differ from `record.data` (recovered from the journal). */
  storedData?: Record<string, unknown>;
  /** `null`: no journal. */
  journal?: UnsavedJournal | null;
  tab?: string;
}) {
  const now = options.now ?? (() => new Date());
  const tab = options.tab ?? TAB_ID;
  const journal = options.journal === undefined ? createUnsavedJournal() : options.journal;
  let base: ResponseRecord = options.record;
  /** JSON of each answer as this tab last stored it (or found it stored). */
  const known = jsonMap(options.storedData ?? options.record.data);
  /** JSON of each answer as of the last batch: the base for the changes told to other tabs. */
  const seen = jsonMap(options.record.data);
  let dirty = options.storedData !== undefined && changedKeys(known, options.record.data).length > 0;
  let inFlight: Promise<void> | undefined;
  let batchQueued = false;
  let attempt = 0;
  /** When the oldest change not yet stored was made (for the `studio:answer-to-idb` measure). */
  let changedAt: number | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let latest: SessionSnapshot | undefined;
  const localListeners = new Set<(c: LocalChange) => void>();
  const [state, setState] = createSignal<SaveState>("saved");
  const [failure, setFailure] = createSignal<string | undefined>(undefined);
  const [failureKind, setFailureKind] = createSignal<StorageFailureKind | undefined>(undefined);
  const [lastSavedAt, setLastSavedAt] = createSignal<string | undefined>(undefined);
  const [journalOk, setJournalOk] = createSignal(true);

  const toRecord = (snap: SessionSnapshot): ResponseRecord => ({
    ...base,
    data: snap.data,
    currentPage: snap.currentPage,
    language: snap.language,
    progress: base.status === "completed" ? 100 : snap.progress,
    updatedAt: now().toISOString(),
  });
  const current = (): ResponseRecord => toRecord(options.source.snapshot());

  /** Runs once per task with changes: tells other tabs, and copies what is unsaved to the journal. */
  const batch = () => {
    batchQueued = false;
    dirty = true;
    const snap = options.source.snapshot();
    latest = snap;
    const at = Date.now();
    const local = changedKeys(seen, snap.data);
    if (local.length > 0) {
      const change: LocalChange = { set: {}, unset: [], prev: {}, at };
      for (const k of local) {
        change.prev[k] = seen.get(k);
        const v = snap.data[k];
        if (v === undefined) {
          change.unset.push(k);
          seen.delete(k);
        } else {
          change.set[k] = v;
          seen.set(k, json(v)!);
        }
      }
      localListeners.forEach((l) => l(change));
    }
    writeJournal(snap, at);
    if (!inFlight && state() !== "failed") void write();
  };

  const writeJournal = (snap: SessionSnapshot, at: number) => {
    if (!journal) return;
    const keys = changedKeys(known, snap.data);
    if (keys.length === 0 && !dirty) {
      journal.clear(base.id, tab);
      return;
    }
    const set: Record<string, unknown> = {};
    const unset: string[] = [];
    for (const k of keys) {
      if (snap.data[k] === undefined) unset.push(k);
      else set[k] = snap.data[k];
    }
    const record = toRecord(snap);
    setJournalOk(
      journal.write({
        responseId: base.id,
        surveyId: base.surveyId,
        surveyVersion: base.surveyVersion,
        createdAt: base.createdAt,
        tab,
        at,
        set,
        unset,
        status: record.status,
        completedAt: record.completedAt,
        currentPage: record.currentPage,
        language: record.language,
        progress: record.progress,
      }),
    );
  };

  const write = (): Promise<void> => {
    if (inFlight) return inFlight;
    if (!dirty) return Promise.resolve();
    dirty = false;
    const snap = latest ?? options.source.snapshot();
    latest = undefined;
    const record = toRecord(snap);
    const keys = changedKeys(known, record.data);
    const since = changedAt;
    changedAt = undefined;
    setState("saving");
    const repo = options.repository;
    inFlight = (async () => {
      if (attempt > 0 && typeof repo.ensureOpen === "function") await repo.ensureOpen();
      if (typeof repo.putMerged === "function") await repo.putMerged(record, keys);
      else await repo.put(record);
    })()
      .then(
        () => {
          if (since !== undefined && typeof performance !== "undefined") {
            performance.measure("studio:answer-to-idb", { start: since, end: performance.now() });
          }
          for (const k of keys) {
            const j = json(record.data[k]);
            if (j === undefined) known.delete(k);
            else known.set(k, j);
          }
          base = record;
          attempt = 0;
          setFailure(undefined);
          setFailureKind(undefined);
          setLastSavedAt(record.updatedAt);
          setState(dirty ? "saving" : "saved");
          if (!dirty) journal?.clear(base.id, tab);
        },
        (e: unknown) => {
          dirty = true;
          changedAt ??= since;
          setFailure(describeStorageError(e));
          setFailureKind(storageFailureKind(e));
          setState("failed");
          const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
          attempt++;
          clearTimeout(retryTimer);
          retryTimer = setTimeout(() => void write(), delay);
        },
      )
      .finally(() => {
        inFlight = undefined;
        if (dirty && state() !== "failed") void write();
      });
    return inFlight;
  };

  const schedule = () => {
    dirty = true;
    if (changedAt === undefined && typeof performance !== "undefined") changedAt = performance.now();
    if (batchQueued) return;
    batchQueued = true;
    // A flush or page hide may have run the batch already.
    queueMicrotask(() => batchQueued && batch());
  };

  const unsubscribe = options.source.onChange(schedule);
  const onHide = () => {
    if (batchQueued) batch();
    if (dirty) void write();
  };
  const onVisibility = () => {
    if (document.visibilityState === "hidden") onHide();
  };
  if (typeof window !== "undefined") {
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onVisibility);
  }
  onCleanup(() => {
    unsubscribe();
    clearTimeout(retryTimer);
    if (typeof window !== "undefined") {
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onVisibility);
    }
    if (batchQueued) batch();
    if (dirty) void write();
  });
  if (dirty) schedule();
  // Values the model derives when it loads (expressions, defaults) are stored as well, so that
  // what is stored is what the page shows.
  queueMicrotask(() => {
    if (!batchQueued && !dirty && !inFlight && changedKeys(known, options.source.snapshot().data).length > 0) schedule();
  });

  return {
    state,
    failure,
    /** What kind of storage failure stopped the last write; undefined when the last write worked. */
    failureKind,
    lastSavedAt,
    /** False when the last copy to the journal failed (localStorage full or missing). */
    journalOk,
    hasUnsavedChanges: () => dirty || state() !== "saved",
    /** Writes now and resolves when everything given so far is stored. */
    async flush(): Promise<void> {
      if (batchQueued) batch();
      while (inFlight || dirty) {
        if (inFlight) await inFlight;
        else await write();
        if (state() === "failed") throw new Error(failure());
      }
    },
    /**
     * The stored copy is gone (the database was deleted): the next write stores every answer,
     * not only those changed since the last write.
     */
    forgetStored() {
      known.clear();
    },
    retryNow() {
      attempt = Math.max(attempt, 1);
      clearTimeout(retryTimer);
      dirty = true;
      setState("saving");
      void write();
    },
    /** Marks the response completed (or back to draft) and writes it. */
    setStatus(status: ResponseRecord["status"], completedAt: string | null) {
      base = { ...base, status, completedAt };
      schedule();
    },
    /** Calls `listener` with each batch of answers changed in this tab. */
    onLocalChange(listener: (c: LocalChange) => void): () => void {
      localListeners.add(listener);
      return () => localListeners.delete(listener);
    },
    /**
     * Answers just brought in from another tab: they are not this tab's changes (not told back
     * to other tabs), but they are written here too, so that the stored value is the one every
     * tab shows whatever order the tabs' writes land in.
     */
    markExternal(set: Readonly<Record<string, unknown>>, unset: readonly string[]) {
      for (const [k, v] of Object.entries(set)) {
        const j = json(v);
        if (j === undefined) seen.delete(k);
        else seen.set(k, j);
      }
      for (const k of unset) seen.delete(k);
    },
    /** The record with everything given so far, stored or not (for "download unsaved answers"). */
    unsavedRecord: (): ResponseRecord => current(),
    record: () => base,
  };
}

/** The kind of a storage error (Dexie wraps IndexedDB's errors: look at `inner` too). */
export function storageFailureKind(e: unknown): StorageFailureKind {
  const name = (e as { name?: string } | null)?.name ?? "";
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name ?? "";
  const message = (e as { message?: string } | null)?.message ?? "";
  const kind = `${name} ${inner}`;
  if (kind.includes("QuotaExceeded") || /quota/i.test(message)) return "quota";
  if (kind.includes("DatabaseDeleted")) return "deleted";
  if (kind.includes("VersionError") || kind.includes("VersionChange") || kind.includes("Upgrade")) return "version";
  if (kind.includes("Blocked")) return "blocked";
  if (kind.includes("DatabaseClosed")) return "closed";
  if (kind.includes("InvalidState") || kind.includes("MissingAPI") || kind.includes("OpenFailed")) return "unavailable";
  return "other";
}

/** A storage error in words (English, for logs and the technical detail line). */
export function describeStorageError(e: unknown): string {
  switch (storageFailureKind(e)) {
    case "quota":
      return "the device's storage for this site is full";
    case "closed":
      return "the database was closed";
    case "blocked":
      return "the database is blocked by another tab";
    case "version":
      return "the database was upgraded by a newer version of the app in another tab";
    case "deleted":
      return "the app's storage on this device was deleted";
    case "unavailable":
      return "the database is not available";
    default:
      return (e as { message?: string } | null)?.message || String(e);
  }
}
