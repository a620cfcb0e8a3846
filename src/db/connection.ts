import type Dexie from "dexie";

/** Any of the app's database connections (typed as Dexie, so that database.ts can use this module). */
type StudioDatabase = Dexie;

export interface ConnectionEvents {
  /** Another tab opened the database with a newer schema: this connection is closed for good. */
  onVersionChange(newVersion: number): void;
  /**
   * Another tab (or the browser's "clear site data") deletes the database: this connection is
   * closed so that the deletion goes through, and is not opened again until `allowReopen`.
   */
  onDeleted(): void;
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
  // Watching may start after the database began to open: a block already under way is told at once.
  if (blockedNow.has(db)) queueMicrotask(() => blockedNow.has(db) && events.onBlocked());
  const onVersionChange = (ev: IDBVersionChangeEvent) => {
    // A deletion asks to change to no version at all; an upgrade names the new one.
    const deletion = ev.newVersion === null;
    (deletion ? deleted : superseded).add(db);
    db.close({ disableAutoOpen: true });
    if (deletion) events.onDeleted();
    else events.onVersionChange(ev.newVersion as number);
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

/** Connections whose opening is blocked by another tab right now. */
const blockedNow = new WeakSet<StudioDatabase>();

/**
 * Records from the start whether opening `db` is blocked by another tab, so that a watcher
 * attached later (after the first paint) still learns of it. Called where the connection is made.
 */
export function trackBlocking(db: StudioDatabase): void {
  db.on("blocked", () => blockedNow.add(db));
  db.on("ready", () => blockedNow.delete(db), true);
}

/** Connections closed because another tab opened a newer version: this page's code must not open them again. */
const superseded = new WeakSet<StudioDatabase>();

/** Connections closed because the database was deleted: opened again only when the person asks (`allowReopen`). */
const deleted = new WeakSet<StudioDatabase>();

/**
 * Throws a `VersionError` when another tab has upgraded the database since this page opened it,
 * and a `DatabaseDeletedError` when it was deleted (then nothing is stored again until the
 * person chooses to: the deletion may have been meant).
 */
export function assertNotSuperseded(db: StudioDatabase): void {
  if (superseded.has(db)) {
    throw Object.assign(new Error("a newer version of the app upgraded the database in another tab: reload this page"), { name: "VersionError" });
  }
  if (deleted.has(db)) {
    throw Object.assign(new Error("the app's storage on this device was deleted"), { name: "DatabaseDeletedError" });
  }
}

/** The person chose to store again after a deletion: the next write opens (creates) the database again. */
export function allowReopen(db: StudioDatabase): void {
  deleted.delete(db);
}
