import { createSignal } from "solid-js";
import { allowReopen, watchConnection } from "../db/connection.ts";
import { getDatabase } from "../db/database.ts";
import { otherTabs, type TabInfo } from "./tab-presence.ts";

// Persistence and usage live apart from the database code, so the home page can show them on its first load.
export { estimateStorage, formatBytes, isStorageLow, persistState, requestPersistentStorage, type PersistState, type StorageUse } from "./storage-use.ts";

/**
 * A problem with the app's database connection as a whole (not one write): a newer version
 * opened in another tab, the database deleted (another tab, "clear site data"), an upgrade
 * blocked by another tab, the connection closed by the browser.
 */
export type DatabaseProblem = "version" | "deleted" | "blocked" | "closed";
const [databaseProblem, setDatabaseProblem] = createSignal<DatabaseProblem | undefined>(undefined);
export { databaseProblem };
const [blockingTabs, setBlockingTabs] = createSignal<TabInfo[] | undefined>(undefined);
/** While an upgrade is blocked: the other tabs that answered (those to close or reload). */
export { blockingTabs };

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
    onDeleted: () => setDatabaseProblem("deleted"),
    onBlocked: () => {
      setDatabaseProblem("blocked");
      void otherTabs().then((tabs) => databaseProblem() === "blocked" && setBlockingTabs(tabs));
    },
    onReady: () => {
      setBlockingTabs(undefined);
      setDatabaseProblem((p) => (p === "version" ? p : undefined));
    },
    onClosed: () => setDatabaseProblem((p) => p ?? "closed"),
  });
}

/** After a deletion, the person chose to store this page's work again: the database is created anew. */
export function storeAgainAfterDeletion(): void {
  allowReopen(getDatabase());
  setDatabaseProblem((p) => (p === "deleted" ? undefined : p));
}

/** Clears a "closed" problem once a write has worked again. */
export function databaseWorks(): void {
  setDatabaseProblem((p) => (p === "version" || p === "deleted" ? p : undefined));
}
