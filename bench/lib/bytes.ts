/** Gzip sizes of what each route loads, from a Vite build manifest. */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface FileSize {
  file: string;
  name: string;
  raw: number;
  gzip: number;
}

export interface RouteBytes {
  route: string;
  src: string;
  js: FileSize[];
  css: FileSize[];
  gzip: number;
}

export interface BytesReport {
  firstLoad: { html: FileSize; js: FileSize[]; css: FileSize[]; gzip: number; raw: number };
  routes: RouteBytes[];
}

export function readManifest(outDir: string): Manifest {
  const path = join(outDir, ".vite", "manifest.json");
  if (!existsSync(path)) throw new Error(`no build manifest at ${path}`);
  return JSON.parse(readFileSync(path, "utf8")) as Manifest;
}

export function fileSize(outDir: string, file: string, name = file): FileSize {
  const buf = readFileSync(join(outDir, file));
  return { file, name, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

/** Static-import closure of a manifest key. */
function closure(m: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of m[key]?.imports ?? []) closure(m, dep, seen);
  return seen;
}

export function bytesReport(outDir: string): BytesReport {
  const m = readManifest(outDir);
  const entryKey = Object.keys(m).find((k) => m[k]!.isEntry && k.endsWith("index.html")) ?? Object.keys(m).find((k) => m[k]!.isEntry);
  if (!entryKey) throw new Error("the manifest has no entry");
  const first = closure(m, entryKey);
  const sizeOf = (keys: Iterable<string>) => {
    const js: FileSize[] = [];
    const css: FileSize[] = [];
    const cssSeen = new Set<string>();
    for (const k of keys) {
      const c = m[k]!;
      js.push(fileSize(outDir, c.file, c.name ?? c.src ?? k));
      for (const f of c.css ?? []) {
        if (cssSeen.has(f)) continue;
        cssSeen.add(f);
        css.push(fileSize(outDir, f));
      }
    }
    return { js, css };
  };
  const f = sizeOf(first);
  const html = fileSize(outDir, "index.html");
  const sum = (xs: FileSize[], k: "gzip" | "raw") => xs.reduce((a, x) => a + x[k], 0);
  const firstCssFiles = new Set(f.css.map((c) => c.file));
  const routes: RouteBytes[] = [];
  for (const [k, c] of Object.entries(m)) {
    if (!c.isDynamicEntry) continue;
    const own = [...closure(m, k)].filter((x) => !first.has(x));
    const s = sizeOf(own);
    const css = s.css.filter((x) => !firstCssFiles.has(x.file));
    const route = (c.src ?? k).replace(/^.*\//, "").replace(/\.(tsx?|jsx?)$/, "");
    routes.push({ route, src: c.src ?? k, js: s.js, css, gzip: sum(s.js, "gzip") + sum(css, "gzip") });
  }
  routes.sort((a, b) => a.route.localeCompare(b.route));
  return {
    firstLoad: { html, js: f.js, css: f.css, gzip: html.gzip + sum(f.js, "gzip") + sum(f.css, "gzip"), raw: html.raw + sum(f.js, "raw") + sum(f.css, "raw") },
    routes,
  };
}
