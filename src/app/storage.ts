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
