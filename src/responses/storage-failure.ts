/** What kind of storage failure stopped the last write (for the message and what to do). */
export type StorageFailureKind = "quota" | "closed" | "blocked" | "version" | "deleted" | "unavailable" | "other";

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
