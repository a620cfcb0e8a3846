/**
 * Fails when files of the project import each other in a circle (`npm run lint` runs it).
 *
 *   tsx scripts/check-import-circles.ts [dir ...]      (default: src scripts tests bench server)
 *
 * Every import counts: static, type-only, re-exports and dynamic `import()` — a circle through a
 * lazy import is still two rooms that cannot be understood apart. Only imports of files of the
 * tree are followed (relative paths); packages and Vite's virtual modules are not files here.
 *
 * Why a small script and not a plugin: TypeScript (already a dependency) reads the imports of
 * .ts and .tsx files with `preProcessFile`, without type checking, in well under a second for the
 * whole tree; eslint-plugin-import-x's `no-cycle` would add a plugin and a TypeScript resolver and
 * re-parse every imported module for every file, and madge or dpdm bring dependency trees of
 * their own for the same graph.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs"];
const SKIP_DIRS = new Set(["node_modules", "dist", ".git", "test-results", "playwright-report"]);

/** The relative imports of one file's text (static, type-only, re-exports, dynamic). */
export function importsOf(text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName.replace(/\?.*$/, ""))
    .filter((f) => f.startsWith("./") || f.startsWith("../"));
}

function resolveImport(from: string, specifier: string, exists: (path: string) => boolean): string | undefined {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))]) {
    if (exists(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The circles of an import graph: each is one loop of files, the first file repeated at the end.
 * `files` maps a file's absolute path to its text.
 */
export function findImportCircles(files: ReadonlyMap<string, string>): string[][] {
  const edges = new Map<string, string[]>();
  for (const [path, text] of files) {
    const targets = importsOf(text).flatMap((s) => resolveImport(path, s, (p) => files.has(p)) ?? []);
    edges.set(path, [...new Set(targets)]);
  }
  // Tarjan's strongly connected components, iteratively (no recursion limit on long chains).
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = edges.get(frame.node) ?? [];
      if (frame.next < out.length) {
        const to = out[frame.next++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          component.push(n);
        } while (n !== frame.node);
        const selfLoop = component.length === 1 && (edges.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }
  // One loop through each component, for the message: a shortest path back to its first file.
  return components.map((component) => {
    const members = new Set(component);
    const first = [...component].sort()[0]!;
    const previous = new Map<string, string>();
    const queue = [first];
    for (let i = 0; i < queue.length; i++) {
      for (const to of edges.get(queue[i]!) ?? []) {
        if (!members.has(to)) continue;
        if (to === first) {
          const loop = [first];
          for (let n: string | undefined = queue[i]; n !== undefined && n !== first; n = previous.get(n)) loop.splice(1, 0, n);
          return [...loop, first];
        }
        if (!previous.has(to)) {
          previous.set(to, queue[i]!);
          queue.push(to);
        }
      }
    }
    return [...component, component[0]!];
  });
}

function collect(dir: string, out: Map<string, string>): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith(".d.ts")) out.set(path, readFileSync(path, "utf8"));
  }
}

function main(): void {
  const root = process.cwd();
  const dirs = process.argv.length > 2 ? process.argv.slice(2) : ["src", "scripts", "tests", "bench", "server"];
  const files = new Map<string, string>();
  for (const d of dirs) collect(resolve(root, d), files);
  const circles = findImportCircles(files);
  if (circles.length === 0) {
    console.log(`no import circles among ${files.size} files`);
    return;
  }
  console.error(`${circles.length} import circle${circles.length > 1 ? "s" : ""} (each file imports the next):`);
  for (const c of circles) console.error(`  ${c.map((f) => relative(root, f)).join(" -> ")}`);
  process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
