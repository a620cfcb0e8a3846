/**
 * Browser-test hooks (src/device/test-hooks.ts) are compiled in only when the build is made with
 * SURVEY_STUDIO_TEST_HOOKS=1: the Playwright servers (playwright.config.ts) and the bench's scale
 * build. Every other build — `npm run build`, `npm start`, what users get — defines
 * `__TEST_HOOKS__` as false, so the hooks and every call site guarded by it are removed as dead
 * code. Such a build fails if any of their code is still in it.
 */
import type { Plugin } from "vite";

export const TEST_HOOKS_ENV = "SURVEY_STUDIO_TEST_HOOKS";

/** Strings only the hooks' code contains: the window property and the URL flag. */
export const TEST_HOOK_MARKERS = ["__studioTest", "studio-test"] as const;

/** Modules of test hooks: `test-hooks.ts` in any folder. A guarded call site leaves nothing of them in a build. */
const HOOK_MODULE = /[\\/]test-hooks\.tsx?$/;

export function testHooksWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[TEST_HOOKS_ENV] === "1";
}

/** The part of an output chunk the check reads. */
export interface BuiltChunk {
  fileName: string;
  code: string;
  /** Module id → how many bytes of it are in the chunk (0 when tree-shaking removed all of it). */
  modules: Record<string, { renderedLength: number }>;
}

/**
 * What of the test hooks a build still holds, one line each: a hook module with code in a chunk
 * (an unguarded call keeps it), or a marker string in a chunk's code.
 */
export function testHookLeaks(chunks: readonly BuiltChunk[]): string[] {
  const out: string[] = [];
  for (const c of chunks) {
    for (const [id, m] of Object.entries(c.modules)) if (HOOK_MODULE.test(id) && m.renderedLength > 0) out.push(`${c.fileName} holds ${id.split(/[\\/]src[\\/]/).pop()} (an unguarded call?)`);
    for (const marker of TEST_HOOK_MARKERS) if (c.code.includes(marker)) out.push(`${c.fileName} contains "${marker}"`);
  }
  return out;
}

export function testHooksPlugin(enabled = testHooksWanted()): Plugin {
  return {
    name: "survey-studio:test-hooks",
    config: () => ({ define: { __TEST_HOOKS__: JSON.stringify(enabled) } }),
    generateBundle(_options, bundle) {
      if (enabled) return;
      const chunks = Object.values(bundle).flatMap((f) => (f.type === "chunk" ? [{ fileName: f.fileName, code: f.code, modules: f.modules }] : []));
      const leaks = testHookLeaks(chunks);
      if (leaks.length > 0) {
        this.error(`test-hook code in a build without ${TEST_HOOKS_ENV}=1 (guard each call with \`if (__TEST_HOOKS__)\` or \`__TEST_HOOKS__ ? … : …\`):\n  ${leaks.join("\n  ")}`);
      }
    },
  };
}
