import type { ResponseEditor } from "./create-response-editor.ts";
import type { ResponseStore } from "../schema/response-change.ts";

/**
 * Seams for the browser tests, wired by the fill page and the designer only when the URL has
 * `?studio-test` (see src/device/test-hooks.ts): a storage failure to switch on, writes held
 * open, and the editor's state in memory.
 */
export type StorageFault = "quota" | "hold" | undefined;

let fault: StorageFault;
let release: (() => void) | undefined;
// No call at module level: a build without the hooks must be able to drop this module whole.
let held: Promise<void> | undefined;

/** "quota": writes fail as a full disk makes them fail; "hold": writes wait until the fault is switched off. */
export function setStorageFault(next: StorageFault): void {
  if (next === "hold" && fault !== "hold") held = new Promise((r) => (release = r));
  if (next !== "hold") {
    release?.();
    release = undefined;
  }
  fault = next;
}

/** Before a write: fails as a full disk would, or waits while writes are held. */
export async function passStorageFaults(): Promise<void> {
  if (fault === "quota") throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  if (fault === "hold") await held;
}

/** The store with the test's faults applied to its writes (the store itself when `enabled` is false). */
export function withStorageFaults(store: ResponseStore, enabled: boolean): ResponseStore {
  if (!enabled) return store;
  return {
    ...store,
    async apply(id, change) {
      await passStorageFaults();
      return store.apply(id, change);
    },
  };
}

/** The editor's hooks for `window.__studioTest`. */
export function editorTestHooks(editor: ResponseEditor) {
  return {
    snapshot: () => editor.debugState(),
    flush: () => editor.flush(),
    responseId: () => editor.id,
    storageFault: (kind: StorageFault) => setStorageFault(kind),
    holdTabSync: (hold: boolean) => editor.holdRemoteChanges(hold),
  };
}
