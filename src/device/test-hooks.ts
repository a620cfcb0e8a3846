/**
 * Hooks for browser tests, on `window.__studioTest`, in builds made for tests only
 * (SURVEY_STUDIO_TEST_HOOKS=1: the Playwright servers and the bench's scale build; see
 * scripts/test-hooks-plugin.ts). There they are switched on per page by the URL flag
 * `?studio-test` (e.g. `/?studio-test#/responses/…`). In every other build `__TEST_HOOKS__` is
 * false: these bodies and every call site guarded by it are compiled out, and the build fails
 * if any of their code is left.
 *
 * A call site outside this file must be guarded too, or its arguments stay in the build:
 * `if (__TEST_HOOKS__) onCleanup(exposeTestHooks({ … }))`.
 */
export type TestHooks = Record<string, (...args: never[]) => unknown>;

/** The `?studio-test` flag's value ("" when given without one), or undefined when hooks are off. */
export function testHookFlag(): string | undefined {
  if (!__TEST_HOOKS__ || typeof location === "undefined") return undefined;
  return new URLSearchParams(location.search).get("studio-test") ?? undefined;
}

export function testHooksEnabled(): boolean {
  if (!__TEST_HOOKS__) return false;
  return testHookFlag() !== undefined;
}

/** Adds hooks; returns a function that removes them again. */
export function exposeTestHooks(hooks: TestHooks): () => void {
  if (!__TEST_HOOKS__ || !testHooksEnabled()) return () => {};
  const w = window as unknown as { __studioTest?: TestHooks };
  w.__studioTest = { ...w.__studioTest, ...hooks };
  return () => {
    const cur = w.__studioTest;
    if (!cur) return;
    for (const k of Object.keys(hooks)) if (cur[k] === hooks[k]) delete cur[k];
  };
}
