import { createSignal, type Accessor } from "solid-js";
import { describeStorageError, storageFailureKind, type StorageFailureKind } from "./storage-failure.ts";
import { registerUnsavedWork } from "./unsaved-work.ts";

export type SaveState = "saved" | "saving" | "failed";

export interface WriteBehindOptions<C, R> {
  /** Stores one batch of changes; resolves once it is durable. */
  write(change: C): Promise<R>;
  /** `newer` folded into `older` (the later change wins); must not change its inputs. */
  merge(older: C, newer: C): C;
  /**
   * A synchronous copy of everything not yet stored (localStorage): written in the task of the
   * change, cleared once everything is stored. `write` returns false when the copy failed.
   */
  journal?: { write(unconfirmed: C): boolean; clear(): void };
  /** Runs before a retry (re-opens a closed database). */
  beforeRetry?(): Promise<void>;
  /** After each write that worked, with what it stored and what the store said. */
  onStored?(change: C, result: R): void;
  /** performance.measure name, from the oldest change of a write to the write done. */
  measure?: string;
  /** Back-off between retries, ms; the last one repeats. */
  retryDelays?: readonly number[];
}

export interface WriteBehind<C> {
  readonly state: Accessor<SaveState>;
  /** Why the last write failed (English, technical); kept while a retry is in flight, undefined once a write works. */
  readonly failure: Accessor<string | undefined>;
  /** What kind of failure that was (same life as `failure`). */
  readonly failureKind: Accessor<StorageFailureKind | undefined>;
  /** When a write last worked (ms since epoch). */
  readonly lastSavedAt: Accessor<number | undefined>;
  /** False when the last copy to the journal failed (localStorage full or missing). */
  readonly journalOk: Accessor<boolean>;
  /** Queues a change. Changes of one task are written together; a write starts at once when none is in flight. */
  push(change: C): void;
  /** Everything queued or in flight, not yet stored; undefined when all is stored. */
  unconfirmed(): C | undefined;
  hasUnsavedChanges(): boolean;
  /** Writes now; resolves when everything pushed so far is stored, rejects when it cannot be. */
  flush(): Promise<void>;
  /** Tries a failed write again now. */
  retryNow(): void;
  /** Drops what is queued and not yet written (it is obsolete: kept elsewhere); resolves once the write in flight is done. */
  discard(): Promise<void>;
  /** Stops listening to the page; what is pending is still written (and stays registered until it is). */
  dispose(): void;
}

const RETRY_DELAYS_MS = [500, 1000, 2000, 5000, 10000, 30000];

/**
 * Write-behind: the one way Survey Studio stores work as it is made (responses, designer drafts).
 *
 * - At most one write is in flight; changes pushed meanwhile are merged, in order, into the next
 *   one, so a later write can never put back an earlier state.
 * - Before anything reaches IndexedDB, what is not yet stored is copied to the journal in the
 *   same task as the change: a tab killed before IndexedDB commits loses nothing.
 * - A failed write keeps its changes (ahead of newer ones), says why, and is retried with back-off.
 * - It registers itself as unsaved work: the update prompt waits on its `flush`; when the page is
 *   hidden or unloaded, pending work is journalled and its write started at once.
 */
export function createWriteBehind<C, R = void>(options: WriteBehindOptions<C, R>): WriteBehind<C> {
  const delays = options.retryDelays ?? RETRY_DELAYS_MS;
  const [state, setState] = createSignal<SaveState>("saved");
  const [failure, setFailure] = createSignal<string | undefined>(undefined);
  const [failureKind, setFailureKind] = createSignal<StorageFailureKind | undefined>(undefined);
  const [lastSavedAt, setLastSavedAt] = createSignal<number | undefined>(undefined);
  const [journalOk, setJournalOk] = createSignal(true);

  let queued: C | undefined;
  let inFlight: { change: C; done: Promise<void> } | undefined;
  let settleQueued = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() of the oldest change not yet in a write. */
  let changedAt: number | undefined;
  let disposed = false;
  const now = () => (typeof performance === "undefined" ? Date.now() : performance.now());

  const unconfirmed = (): C | undefined => {
    if (inFlight && queued !== undefined) return options.merge(inFlight.change, queued);
    return inFlight?.change ?? queued;
  };

  const writeJournal = () => {
    if (!options.journal) return;
    const u = unconfirmed();
    if (u === undefined) options.journal.clear();
    else setJournalOk(options.journal.write(u));
  };

  /** Once per task with changes: journal what is unstored, start a write when none is in flight. */
  const settle = () => {
    if (!settleQueued) return;
    settleQueued = false;
    // The write is handed to the database first (it runs in another process meanwhile), then the
    // journal is written: both in this task.
    if (!inFlight && state() !== "failed") startNext();
    writeJournal();
  };

  const startNext = () => {
    if (inFlight || queued === undefined) return;
    const change = queued;
    queued = undefined;
    const since = changedAt;
    changedAt = undefined;
    const retrying = attempt > 0;
    setState("saving");
    const done = (async () => {
      if (retrying && options.beforeRetry) await options.beforeRetry();
      return options.write(change);
    })().then(
      (result) => {
        inFlight = undefined;
        if (since !== undefined && options.measure && typeof performance !== "undefined") {
          performance.measure(options.measure, { start: since, end: performance.now() });
        }
        attempt = 0;
        setFailure(undefined);
        setFailureKind(undefined);
        setLastSavedAt(Date.now());
        options.onStored?.(change, result);
        if (queued === undefined) {
          setState(settleQueued ? "saving" : "saved");
          // Housekeeping once "saved" is shown; a change made meanwhile has its own journal entry.
          queueMicrotask(() => {
            if (!inFlight && queued === undefined && !settleQueued) options.journal?.clear();
          });
        } else startNext();
        if (!inFlight && !settleQueued) finished();
      },
      (e: unknown) => {
        inFlight = undefined;
        queued = queued === undefined ? change : options.merge(change, queued);
        changedAt ??= since;
        setFailure(describeStorageError(e));
        setFailureKind(storageFailureKind(e));
        setState("failed");
        clearTimeout(retryTimer);
        if (disposed) {
          finished();
          return;
        }
        const delay = delays[Math.min(attempt, delays.length - 1)];
        attempt++;
        retryTimer = setTimeout(retry, delay);
      },
    );
    inFlight = { change, done };
  };

  const retry = () => {
    clearTimeout(retryTimer);
    if (inFlight || queued === undefined) return;
    startNext();
  };

  let unregister: (() => void) | undefined;
  const self: WriteBehind<C> = {
    state,
    failure,
    failureKind,
    lastSavedAt,
    journalOk,
    push(change) {
      queued = queued === undefined ? change : options.merge(queued, change);
      changedAt ??= now();
      if (state() === "saved") setState("saving");
      if (settleQueued) return;
      settleQueued = true;
      // A flush or page hide may have settled already.
      queueMicrotask(settle);
    },
    unconfirmed,
    hasUnsavedChanges: () => settleQueued || queued !== undefined || inFlight !== undefined,
    async flush() {
      settle();
      if (state() === "failed" && !inFlight) self.retryNow();
      while (inFlight || queued !== undefined) {
        if (inFlight) await inFlight.done;
        else if (state() === "failed") throw new Error(failure() ?? "the write failed");
        else startNext();
      }
      if (state() === "failed") throw new Error(failure() ?? "the write failed");
    },
    retryNow() {
      attempt = Math.max(attempt, 1);
      retry();
    },
    async discard() {
      settle();
      queued = undefined;
      changedAt = undefined;
      clearTimeout(retryTimer);
      if (inFlight) await inFlight.done;
      queued = undefined;
      attempt = 0;
      options.journal?.clear();
      setFailure(undefined);
      setFailureKind(undefined);
      setState("saved");
      finished();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (typeof window !== "undefined") {
        window.removeEventListener("pagehide", onHide);
        document.removeEventListener("visibilitychange", onVisibility);
      }
      settle();
      if (state() === "failed") {
        // Nothing more can be done here: the journal keeps it for the next start.
        clearTimeout(retryTimer);
        finished();
      } else if (!self.hasUnsavedChanges()) finished();
    },
  };

  /** Nothing is pending: after `dispose`, this writer is no longer unsaved work. */
  function finished() {
    if (!disposed || !unregister) return;
    if (state() !== "failed" && self.hasUnsavedChanges()) return;
    unregister();
    unregister = undefined;
  }

  unregister = registerUnsavedWork(self);
  const onHide = () => {
    settle();
    if (state() === "failed") self.retryNow();
  };
  const onVisibility = () => {
    if (document.visibilityState === "hidden") onHide();
  };
  if (typeof window !== "undefined") {
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onVisibility);
  }
  return self;
}
