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
