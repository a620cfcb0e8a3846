import type { StoredFile } from "./file-ref.ts";
import type { ResponseRecord, ResponseStatus } from "./response.ts";

/**
 * One change to a stored response: the answers set and removed (top-level keys) and the
 * metadata changed, nothing else. Writes carry changes, not whole records, so that a write
 * costs what changed, and so that two tabs writing the same response never put back each
 * other's older answers or page.
 */
export interface ResponseChange {
  /** Answers set (top-level keys of `data`). */
  set: Record<string, unknown>;
  /** Answers removed. A key is in `set` or in `unset`, never in both. */
  unset: string[];
  /** Metadata changed; a field left out is left as stored. */
  meta: ResponseMetaChange;
  /** When the newest change in it was made (ISO 8601, UTC): the record's `updatedAt` once stored. */
  at: string;
  /**
   * Files given as answers (src/schema/file-ref.ts), stored in the same transaction as the rest
   * of the change: `put` adds them, `remove` deletes them by id. Queued before the answer that
   * refers to them, so a stored answer never points to a file that is not stored yet. Blobs are
   * not journaled (see `withoutFiles`).
   */
  files?: FileChange;
}

export interface FileChange {
  put: StoredFile[];
  /** Ids of stored files to delete. */
  remove: string[];
}

export interface ResponseMetaChange {
  status?: ResponseStatus;
  /** The completion this change stores (with `status: "completed"`), or null (reopened). */
  completedAt?: string | null;
  currentPage?: string | null;
  language?: string;
  progress?: number;
}

const META_KEYS = ["status", "completedAt", "currentPage", "language", "progress"] as const;

/** Keys that must never be written as answers (they would reach the prototype). */
export function isUnsafeKey(k: string): boolean {
  return k === "__proto__" || k === "constructor" || k === "prototype";
}

export function isEmptyChange(c: ResponseChange): boolean {
  if (c.unset.length > 0) return false;
  for (const _ in c.set) return false;
  for (const k of META_KEYS) if (c.meta[k] !== undefined) return false;
  return !c.files || (c.files.put.length === 0 && c.files.remove.length === 0);
}

/** The change without its files (for the journal: localStorage holds text, not Blobs). */
export function withoutFiles(c: ResponseChange): ResponseChange {
  if (!c.files) return c;
  const { files: _files, ...rest } = c;
  return rest;
}

/** Files of `newer` after those of `older`; a file added and removed within the two is neither. */
function mergeFiles(older: FileChange | undefined, newer: FileChange | undefined): FileChange | undefined {
  if (!older || !newer) return older ?? newer;
  const removed = new Set(newer.remove);
  const put = [...older.put.filter((f) => !removed.has(f.id)), ...newer.put];
  const added = new Set(older.put.map((f) => f.id));
  const remove = [...older.remove.filter((id) => !newer.put.some((f) => f.id === id)), ...newer.remove.filter((id) => !added.has(id))];
  return { put, remove };
}

/** `newer` folded into `older`: for every answer and field, the later change wins. Inputs are not changed. */
export function mergeResponseChanges(older: ResponseChange, newer: ResponseChange): ResponseChange {
  const set = { ...older.set };
  const unset = new Set(older.unset);
  for (const [k, v] of Object.entries(newer.set)) {
    set[k] = v;
    unset.delete(k);
  }
  for (const k of newer.unset) {
    delete set[k];
    unset.add(k);
  }
  const merged: ResponseChange = { set, unset: [...unset], meta: { ...older.meta, ...definedOnly(newer.meta) }, at: newer.at > older.at ? newer.at : older.at };
  const files = mergeFiles(older.files, newer.files);
  if (files) merged.files = files;
  return merged;
}

function definedOnly(meta: ResponseMetaChange): ResponseMetaChange {
  const out: ResponseMetaChange = {};
  for (const k of META_KEYS) if (meta[k] !== undefined) (out as Record<string, unknown>)[k] = meta[k];
  return out;
}

/**
 * Applies a change to a stored record, in place (the record is the copy just read inside the
 * write's transaction), and says whether it made a new completed state.
 *
 * Revisions: a change that leaves the record completed with a `completedAt` other than the
 * stored one (a first completion, or a completion after a reopen) adds one to `revision`;
 * storing the same completion again (another tab, a replayed journal entry) does not.
 * Completions merged into one write while storage was failing count once: the revision counts
 * the completed states that were stored.
 */
export function applyResponseChange(record: ResponseRecord, change: ResponseChange): { record: ResponseRecord; newRevision: boolean } {
  const data = record.data;
  for (const k in change.set) {
    if (!Object.hasOwn(change.set, k) || isUnsafeKey(k)) continue;
    const v = change.set[k];
    if (v === undefined) delete data[k];
    else data[k] = v;
  }
  for (const k of change.unset) if (!isUnsafeKey(k)) delete data[k];
  const before = { status: record.status, completedAt: record.completedAt };
  const m = change.meta;
  if (m.status !== undefined) record.status = m.status;
  if (m.completedAt !== undefined) record.completedAt = m.completedAt;
  if (m.currentPage !== undefined) record.currentPage = m.currentPage;
  if (m.language !== undefined) record.language = m.language;
  if (m.progress !== undefined) record.progress = m.progress;
  if (record.status === "draft") record.completedAt = null;
  if (change.at > record.updatedAt) record.updatedAt = change.at;
  const newRevision = record.status === "completed" && (before.status !== "completed" || before.completedAt !== record.completedAt);
  if (newRevision) record.revision = (record.revision ?? 0) + 1;
  return { record, newRevision };
}

/**
 * Where responses are kept: all the response editor (src/responses/) needs of storage.
 * `src/db/` implements it on IndexedDB (`createResponseStore`); tests may wrap or replace it.
 */
export interface ResponseStore {
  /** One stored response, validated; undefined when there is none. */
  get(id: string): Promise<ResponseRecord | undefined>;
  /**
   * Applies one change to the stored response atomically (read, `applyResponseChange`, write,
   * in one transaction) and says what is stored now. Undefined when there is no such response
   * (deleted elsewhere).
   */
  apply(id: string, change: ResponseChange): Promise<AppliedChange | undefined>;
  /** One file given as an answer, by its id (src/schema/file-ref.ts); undefined when it is not stored. */
  getFile(id: string): Promise<StoredFile | undefined>;
  /** Writes a whole record (only to put back a response deleted while it was open). */
  put(record: ResponseRecord): Promise<void>;
  /** Opens the storage again after it was closed (by the app, the browser or another tab). */
  reopen(): Promise<void>;
}

/** What a response is after a change was applied. */
export interface AppliedChange {
  surveyId: string;
  status: ResponseStatus;
  completedAt: string | null;
  revision: number;
  /** This change stored a new completed state (`revision` is one more than before). */
  newRevision: boolean;
}
