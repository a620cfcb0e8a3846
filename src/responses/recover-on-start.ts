import { defaultJournal, recoverUnsaved } from "./journal.ts";
import type { ResponseStore } from "../schema/response-change.ts";

let started: Promise<void> | undefined;

/**
 * Stores the journalled unsaved answers of every response (not only of the one being opened),
 * once per page, so that the lists show what killed tabs had not stored. The store is loaded
 * only when there is something to recover (the database code is not part of the first load).
 */
export function recoverOnStart(loadStore: () => Promise<ResponseStore>): Promise<void> {
  started ??= (async () => {
    const journal = defaultJournal();
    if (journal.responseIds().length === 0) return;
    await recoverUnsaved(await loadStore(), journal);
  })().catch((e: unknown) => console.warn("recovering unsaved answers:", e));
  return started;
}
