/**
 * Everything in the page that may hold work not yet in IndexedDB. Every write-behind
 * (./write-behind.ts: responses, designer drafts) registers itself here; the update prompt waits
 * on `flushAllWork` before it reloads the page into a new version.
 */
export interface UnsavedWork {
  hasUnsavedChanges(): boolean;
  /** Resolves when everything is stored; rejects when it cannot be. */
  flush(): Promise<void>;
}

const registry = new Set<UnsavedWork>();

export function registerUnsavedWork(work: UnsavedWork): () => void {
  registry.add(work);
  return () => registry.delete(work);
}

export function hasUnsavedWork(): boolean {
  return [...registry].some((w) => w.hasUnsavedChanges());
}

/** Stores everything pending (waiting for writes in flight); false when something could not be stored. */
export async function flushAllWork(): Promise<boolean> {
  const results = await Promise.allSettled([...registry].map((w) => w.flush()));
  return results.every((r) => r.status === "fulfilled") && !hasUnsavedWork();
}
