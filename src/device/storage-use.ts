import { createSignal } from "solid-js";

export type PersistState = "unknown" | "persistent" | "best-effort";
const [persistState, setPersistState] = createSignal<PersistState>("unknown");
export { persistState };

let asked = false;

/** Asks once per page for persistent storage, and records what the browser decided. */
export async function requestPersistentStorage(): Promise<void> {
  if (asked) return;
  asked = true;
  const storage = globalThis.navigator?.storage;
  if (!storage?.persisted) {
    setPersistState("best-effort");
    return;
  }
  try {
    const already = await storage.persisted();
    const granted = already || (await storage.persist());
    setPersistState(granted ? "persistent" : "best-effort");
  } catch {
    setPersistState("best-effort");
  }
}

export interface StorageUse {
  usage: number;
  quota: number;
}

/** How much this site stores and may store (`navigator.storage.estimate()`), or undefined when unknown. */
export async function estimateStorage(): Promise<StorageUse | undefined> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.estimate) return undefined;
  try {
    const { usage = 0, quota = 0 } = await storage.estimate();
    return quota > 0 ? { usage, quota } : undefined;
  } catch {
    return undefined;
  }
}

/** Running short: less than 10% or 50 MB left, whichever is larger. */
export function isStorageLow(use: StorageUse): boolean {
  const left = use.quota - use.usage;
  return left < Math.max(use.quota * 0.1, 50 * 1024 * 1024);
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locale, { style: "unit", unit: units[i], unitDisplay: "short", maximumFractionDigits: v < 10 ? 1 : 0 }).format(v);
}
