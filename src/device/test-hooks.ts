/**
 * Hooks for browser tests, on `window.__studioTest`, only when the page's URL has the query
 * flag `?studio-test` (e.g. `/?studio-test#/responses/…`). Nothing here is reachable otherwise.
 */
export type TestHooks = Record<string, (...args: never[]) => unknown>;

export function testHooksEnabled(): boolean {
  return typeof location !== "undefined" && new URLSearchParams(location.search).has("studio-test");
}

/** Adds hooks; returns a function that removes them again. */
export function exposeTestHooks(hooks: TestHooks): () => void {
  if (!testHooksEnabled()) return () => {};
  const w = window as unknown as { __studioTest?: TestHooks };
  w.__studioTest = { ...w.__studioTest, ...hooks };
  return () => {
    const cur = w.__studioTest;
    if (!cur) return;
    for (const k of Object.keys(hooks)) if (cur[k] === hooks[k]) delete cur[k];
  };
}

/** A storage failure a browser test can switch on (`?studio-test` only): writes then fail as the browser's would. */
let fault: "quota" | undefined;
export function setStorageFault(next: "quota" | undefined): void {
  fault = next;
}

/** Wraps a repository so that writes fail while a test has switched a fault on. */
export function withStorageFaults<R extends { putMerged(...args: never[]): Promise<unknown> }>(repository: R): R {
  if (!testHooksEnabled()) return repository;
  return {
    ...repository,
    putMerged: (async (...args: Parameters<R["putMerged"]>) => {
      if (fault === "quota") throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return repository.putMerged(...args);
    }) as R["putMerged"],
  };
}
