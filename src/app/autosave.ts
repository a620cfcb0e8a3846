import { createSignal, onCleanup } from "solid-js";
import type { ResponseRepository } from "../db/repository.ts";
import type { ResponseRecord } from "../schema/response.ts";
import type { SessionSnapshot } from "../survey/create-survey-session.ts";

export type SaveState = "saved" | "saving" | "failed";

export interface AutosaveSource {
  snapshot(): SessionSnapshot;
  onChange(listener: () => void): () => void;
}

const RETRY_DELAYS_MS = [500, 1000, 2000, 5000, 10000, 30000];

/**
 * Writes a response to IndexedDB the moment it changes. Changes that arrive while
 * a write is in flight are coalesced into the next write; a failed write keeps
 * the answers in memory, says why, and is retried with back-off. Pending writes
 * are started at once when the page is hidden or unloaded.
 */
export function createAutosave(options: {
  source: AutosaveSource;
  record: ResponseRecord;
  repository: ResponseRepository;
  now?: () => Date;
}) {
  const now = options.now ?? (() => new Date());
  let base: ResponseRecord = options.record;
  let dirty = false;
  let inFlight: Promise<void> | undefined;
  let scheduled = false;
  let attempt = 0;
  /** When the oldest change not yet stored was made (for the `studio:answer-to-idb` measure). */
  let changedAt: number | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const [state, setState] = createSignal<SaveState>("saved");
  const [failure, setFailure] = createSignal<string | undefined>(undefined);
  const [lastSavedAt, setLastSavedAt] = createSignal<string | undefined>(undefined);

  const current = (): ResponseRecord => {
    const snap = options.source.snapshot();
    return { ...base, data: snap.data, currentPage: snap.currentPage, language: snap.language, progress: base.status === "completed" ? 100 : snap.progress, updatedAt: now().toISOString() };
  };

  const write = (): Promise<void> => {
    if (inFlight) return inFlight;
    if (!dirty) return Promise.resolve();
    dirty = false;
    scheduled = false;
    const record = current();
    const since = changedAt;
    changedAt = undefined;
    setState("saving");
    inFlight = options.repository
      .put(record)
      .then(
        () => {
          if (since !== undefined && typeof performance !== "undefined") {
            performance.measure("studio:answer-to-idb", { start: since, end: performance.now() });
          }
          base = record;
          attempt = 0;
          setFailure(undefined);
          setLastSavedAt(record.updatedAt);
          setState(dirty ? "saving" : "saved");
        },
        (e: unknown) => {
          dirty = true;
          changedAt ??= since;
          setFailure(describeStorageError(e));
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
    if (scheduled || inFlight) return;
    scheduled = true;
    queueMicrotask(() => void write());
  };

  const unsubscribe = options.source.onChange(schedule);
  const onHide = () => {
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
    if (dirty) void write();
  });

  return {
    state,
    failure,
    lastSavedAt,
    hasUnsavedChanges: () => dirty || state() !== "saved",
    /** Writes now and resolves when everything given so far is stored. */
    async flush(): Promise<void> {
      while (inFlight || dirty) {
        if (inFlight) await inFlight;
        else await write();
        if (state() === "failed") throw new Error(failure());
      }
    },
    retryNow() {
      attempt = 0;
      clearTimeout(retryTimer);
      dirty = true;
      void write();
    },
    /** Marks the response completed (or back to draft) and writes it. */
    setStatus(status: ResponseRecord["status"], completedAt: string | null) {
      base = { ...base, status, completedAt };
      schedule();
    },
    record: () => base,
  };
}

export function describeStorageError(e: unknown): string {
  const name = (e as { name?: string } | null)?.name ?? "";
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name ?? "";
  const kind = `${name} ${inner}`;
  if (kind.includes("QuotaExceeded")) return "the device's storage for this site is full";
  if (kind.includes("DatabaseClosed")) return "the database was closed";
  if (kind.includes("Blocked") || kind.includes("VersionChange")) return "the database is blocked by another tab";
  if (kind.includes("InvalidState")) return "the database is not available";
  return (e as { message?: string } | null)?.message || String(e);
}
