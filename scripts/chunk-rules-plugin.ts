/**
 * A build check: what a route loads. Each rule names a module (a route's page, the app's entry)
 * and the packages it must not load, statically, through any chunk it imports. The production
 * build fails when one does, so "the data route does not load survey-core" stays true.
 *
 * Only static imports are followed: a dynamic import loads when it is called (a lazy panel that a
 * route always shows is a rule of its own).
 */
import { relative } from "node:path";
import type { Plugin } from "vite";

export interface ChunkRule {
  /** Module path from the project root, e.g. `src/pages/DataPage.tsx`. */
  module: string;
  /** Package names (as in node_modules) that must not be in what the module loads. */
  forbid: readonly string[];
}

/** The part of a Rollup output chunk the check reads. */
export interface ChunkInfo {
  fileName: string;
  imports: readonly string[];
  moduleIds: readonly string[];
}

/** Rule violations in a bundle, one line each: the module, the package, and the chunk that brings it. */
export function chunkRuleViolations(chunks: readonly ChunkInfo[], rules: readonly ChunkRule[], root: string): string[] {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const rel = (id: string) => relative(root, id).split("\\").join("/");
  const out: string[] = [];
  for (const rule of rules) {
    const home = chunks.find((c) => c.moduleIds.some((id) => rel(id) === rule.module));
    if (!home) {
      out.push(`${rule.module}: not in the build (is the rule's path right?)`);
      continue;
    }
    const seen = new Set<string>();
    const stack = [home.fileName];
    while (stack.length > 0) {
      const chunk = byFile.get(stack.pop()!);
      if (!chunk || seen.has(chunk.fileName)) continue;
      seen.add(chunk.fileName);
      for (const pkg of rule.forbid) {
        const id = chunk.moduleIds.find((m) => m.includes(`/node_modules/${pkg}/`));
        if (id) out.push(`${rule.module} loads ${pkg} (${rel(id)}, in chunk ${chunk.fileName})`);
      }
      stack.push(...chunk.imports);
    }
  }
  return [...new Set(out)];
}

export function chunkRulesPlugin(rules: readonly ChunkRule[]): Plugin {
  let root = process.cwd();
  return {
    name: "survey-studio:chunk-rules",
    apply: "build",
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((o) => (o.type === "chunk" ? [{ fileName: o.fileName, imports: o.imports, moduleIds: o.moduleIds }] : []));
      const problems = chunkRuleViolations(chunks, rules, root);
      if (problems.length > 0) this.error(`a route loads code it must not:\n  ${problems.join("\n  ")}`);
    },
  };
}
