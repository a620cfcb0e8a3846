import { createSignal } from "solid-js";
import { watchConnection } from "../db/connection.ts";
import { getDatabase } from "../db/database.ts";

// Persistence and usage live apart from the database code, so the home page can show them on its first load.
export { estimateStorage, formatBytes, isStorageLow, persistState, requestPersistentStorage, type PersistState, type StorageUse } from "./storage-use.ts";

/** A problem with the app's database connection as a whole (not one write). */
export type DatabaseProblem = "version" | "blocked" | "closed";
const [databaseProblem, setDatabaseProblem] = createSignal<DatabaseProblem | undefined>(undefined);
export { databaseProblem };

let watching = false;

/**
 * Watches the app's IndexedDB connection once per page: another tab opening a newer version
 * closes ours (the person is told to reload), an upgrade blocked by an older tab is reported,
 * and the problem clears when the database opens again.
 */
export function watchDatabase(): void {
  if (watching) return;
  watching = true;
  watchConnection(getDatabase(), {
    onVersionChange: () => setDatabaseProblem("version"),
    onBlocked: () => setDatabaseProblem("blocked"),
    onReady: () => setDatabaseProblem((p) => (p === "version" ? p : undefined)),
    onClosed: () => setDatabaseProblem((p) => p ?? "closed"),
  });
}

/** Clears a "closed" problem once a write has worked again. */
export function databaseWorks(): void {
  setDatabaseProblem((p) => (p === "version" ? p : undefined));
}
