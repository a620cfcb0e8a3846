import type { ResponseChange } from "../schema/response-change.ts";
import type { ResponseRecord, ResponseStatus } from "../schema/response.ts";

export type { ResponseChange, ResponseMetaChange } from "../schema/response-change.ts";

/**
 * Where responses are kept: all the response editor needs of storage. `src/db/` implements it
 * on IndexedDB (`createResponseRepository`); tests may implement it in memory.
 */
export interface ResponseStore {
  /** One stored response, validated; undefined when there is none. */
  get(id: string): Promise<ResponseRecord | undefined>;
  /**
   * Applies one change to the stored response atomically (read, apply with
   * `applyResponseChange`, write, in one transaction) and says what is stored now.
   * Undefined when there is no such response (deleted elsewhere).
   */
  apply(id: string, change: ResponseChange): Promise<AppliedChange | undefined>;
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
