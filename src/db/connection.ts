import type { StudioDatabase } from "./database.ts";

export interface ConnectionEvents {
  /** Another tab opened the database with a newer schema (or deletes it): this connection is closed. */
  onVersionChange(newVersion: number | null): void;
  /** Opening (upgrading) is blocked by another tab that holds an older version open. */
  onBlocked(): void;
  /** The database is open (again). */
  onReady(): void;
  /** The browser closed the connection (storage cleared, disk error). */
  onClosed(): void;
}

/**
 * Watches the app's connection. On `versionchange` the connection is closed for good (an older
 * tab must not keep a newer one from upgrading, nor write with an older schema); the app tells
 * the user to reload. Returns a function that stops watching.
 */
export function watchConnection(db: StudioDatabase, events: ConnectionEvents): () => void {
  const onVersionChange = (ev: IDBVersionChangeEvent) => {
    superseded.add(db);
    db.close({ disableAutoOpen: true });
    events.onVersionChange(ev.newVersion);
    // Returning false stops Dexie's default handler, which would re-open on the next query.
    return false;
  };
  const onBlocked = () => events.onBlocked();
  const onReady = () => events.onReady();
  const onClose = () => events.onClosed();
  db.on("versionchange", onVersionChange);
  db.on("blocked", onBlocked);
  db.on("ready", onReady, true);
  db.on("close", onClose);
  return () => {
    db.on("versionchange").unsubscribe(onVersionChange);
    db.on("blocked").unsubscribe(onBlocked);
    db.on("ready").unsubscribe(onReady);
    db.on("close").unsubscribe(onClose);
  };
}

/** Connections closed because another tab opened a newer version: this page's code must not open them again. */
const superseded = new WeakSet<StudioDatabase>();

/** Throws a `VersionError` when another tab has upgraded the database since this page opened it. */
export function assertNotSuperseded(db: StudioDatabase): void {
  if (superseded.has(db)) {
    throw Object.assign(new Error("a newer version of the app upgraded the database in another tab: reload this page"), { name: "VersionError" });
  }
}
