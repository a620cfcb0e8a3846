/**
 * Where the time goes, for the bench cases that miss their targets. Not part of `npm run bench`.
 *
 *   npx tsx bench/profile.ts render <survey-id> [ours|sjs]   CPU profile + timeline of one first render
 *   npx tsx bench/profile.ts answer <survey-id> [full]       the same over 30 answers in the app
 *                                                             (full: in a draft holding the survey's complete answers, e.g. 2,000)
 *   npx tsx bench/profile.ts export                          the export worker: CPU and allocation sampling
 *
 * Builds unminified bundles with source maps (dist-bench/readable-*), attributes JS self time to
 * source modules through the maps, adds the renderer's style, layout, paint and GC time
 * from a Chromium trace, and writes the raw .cpuprofile / trace files to bench/profiles/.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type CDPSession, type Page } from "@playwright/test";
import { writeScaleSurveys } from "./generate-surveys.ts";
import { buildApp, buildHarness } from "./lib/build.ts";
import { pageNames } from "./lib/core-node.ts";
import { PAGE_HELPERS } from "./lib/page-helpers.ts";
import { serveStatic } from "./lib/serve.ts";
import type {} from "./harness/measure.ts";
import type {} from "./harness/data.ts";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, "..");
const OUT = join(ROOT, "dist-bench");
const PROFILES = join(BENCH, "profiles");
const [what = "render", surveyId = "unct-migration-capacity", side = "ours"] = process.argv.slice(2);
const PORT = Number(process.env["BENCH_PORT"] ?? 4560);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Decoded source map of one bundle: per generated line, [column, source index] segments. */
interface LineMap {
  sources: string[];
  lines: [number, number][][];
}
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function decodeMap(json: { sources: string[]; mappings: string }): LineMap {
  const lines: [number, number][][] = [];
  let src = 0;
  const state = [0, 0, 0, 0, 0];
  for (const line of json.mappings.split(";")) {
    const segs: [number, number][] = [];
    state[0] = 0;
    for (const seg of line.split(",")) {
      if (!seg) continue;
      const values: number[] = [];
      let shift = 0;
      let value = 0;
      for (const ch of seg) {
        const d = B64.indexOf(ch);
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      values.forEach((v, i) => (state[i] = state[i]! + v));
      if (values.length >= 4) src = state[1]!;
      segs.push([state[0]!, src]);
    }
    lines.push(segs);
  }
  return { sources: json.sources, lines };
}

/** (line, column) of a bundle → source module, through the bundle's source map. */
const mapCache = new Map<string, LineMap | null>();
function moduleAt(dir: string, url: string, line: number, column = 0): string {
  const path = new URL(url).pathname;
  const file = join(dir, path);
  if (!mapCache.has(file)) mapCache.set(file, existsSync(`${file}.map`) ? decodeMap(JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[]; mappings: string }) : null);
  const map = mapCache.get(file);
  const fallback = `(${path.replace(/^.*\//, "")})`;
  if (!map) return fallback;
  const segs = map.lines[line] ?? [];
  let found: number | undefined;
  for (const [col, src] of segs) {
    if (col > column) break;
    found = src;
  }
  if (found === undefined) found = segs[0]?.[1];
  return found === undefined ? fallback : map.sources[found]!.replace(/^(\.\.\/)+/, "");
}

function bucketOf(module: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  if (m) return m[1]!;
  const s = /(src\/[^/]+\/[^/]+|seeds\/[^/]+|bench\/[^/]+\/[^/]+)/.exec(module);
  return s ? s[1]! : module;
}

/** Self time per bucket and per function (ms), from a CPU profile. */
function attribute(profile: Profile, dir: string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
  const buckets = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const f = n.callFrame;
    let bucket: string;
    let fn: string;
    if (!f.url) {
      bucket = f.functionName || "(native)";
      fn = bucket;
    } else if (f.url.startsWith("http")) {
      const module = moduleAt(dir, f.url, f.lineNumber, f.columnNumber);
      bucket = bucketOf(module);
      fn = `${f.functionName || "(anonymous)"}  ${module.replace(/^.*node_modules\//, "")}`;
    } else {
      bucket = "(other script)";
      fn = `${f.functionName} ${f.url}`;
    }
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + ms);
    fns.set(fn, (fns.get(fn) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`);
  return { total: (profile.endTime - profile.startTime) / 1000, buckets: top(buckets, 18), functions: top(fns, 25) };
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

/** Renderer main-thread time by timeline event (ms, inclusive), from a Chromium trace. */
function timeline(buffer: Buffer): string[] {
  const events = (JSON.parse(buffer.toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const keep = ["UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit", "MinorGC", "MajorGC", "V8.GC_SCAVENGER", "V8.GC_MARK_COMPACTOR", "ParseHTML", "EvaluateScript", "FunctionCall", "RunMicrotasks", "EventDispatch", "TimerFire", "FireAnimationFrame", "ScheduleStyleRecalculation"];
  const sums = new Map<string, { ms: number; n: number }>();
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== "X" || !keep.includes(e.name)) continue;
    const s = sums.get(e.name) ?? { ms: 0, n: 0 };
    s.ms += (e.dur ?? 0) / 1000;
    s.n++;
    sums.set(e.name, s);
  }
  return [...sums.entries()].sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => `${v.ms.toFixed(1).padStart(8)} ms  ${k} ×${v.n}`);
}

async function cpuProfile<T>(cdp: CDPSession, fn: () => Promise<T>): Promise<{ result: T; profile: Profile }> {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  const result = await fn();
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
  return { result, profile };
}

function report(title: string, dir: string, profile: Profile, trace: Buffer | undefined, name: string) {
  mkdirSync(PROFILES, { recursive: true });
  writeFileSync(join(PROFILES, `${name}.cpuprofile`), JSON.stringify(profile));
  if (trace) writeFileSync(join(PROFILES, `${name}.trace.json`), trace);
  const a = attribute(profile, dir);
  console.log(`\n== ${title} (profile window ${a.total.toFixed(0)} ms) ==`);
  console.log("JS self time by package / source folder:");
  console.log(a.buckets.join("\n"));
  console.log("JS self time by function:");
  console.log(a.functions.join("\n"));
  if (trace) {
    console.log("Renderer main thread, timeline events (inclusive; FunctionCall/RunMicrotasks contain the JS above):");
    console.log(timeline(trace).join("\n"));
  }
  console.log(`raw: bench/profiles/${name}.cpuprofile${trace ? ` and ${name}.trace.json (open in Chromium DevTools → Performance)` : ""}`);
}

const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "blink"];

async function main() {
  const scale = writeScaleSurveys(join(BENCH, "generated"));
  const defs: Record<string, unknown> = {};
  for (const name of readdirSync(join(ROOT, "surveys")).filter((n) => n.endsWith(".json"))) {
    const { id, version: _v, languages: _l, ...def } = JSON.parse(readFileSync(join(ROOT, "surveys", name), "utf8")) as Record<string, unknown>;
    defs[String(id)] = def;
  }
  for (const s of scale) {
    const { id, version: _v, languages: _l, ...def } = s.file;
    defs[String(id)] = def;
  }
  const browser = await chromium.launch({
    executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--js-flags=--expose-gc"],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block", bypassCSP: true });
  await context.addInitScript(PAGE_HELPERS);
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);

  if (what === "render" || what === "export") {
    const dir = join(OUT, "readable-harness");
    await buildHarness({ root: ROOT, outDir: dir, harnessDir: join(BENCH, "harness"), definitions: defs, readable: true });
    const server = await serveStatic(dir, PORT);
    if (what === "render") {
      const names = pageNames(defs[surveyId] as Record<string, unknown>);
      const run = async () => {
        await page.goto(`${server.url}/${side}.html`);
        await page.waitForFunction(() => Boolean(window.bench));
        return page.evaluate(async ([id, n]) => {
          const def = (await (await fetch(`defs/${id}.json`)).json()) as Record<string, unknown>;
          await new Promise((r) => setTimeout(r, 100));
          return window.bench!.render(def, n, ["en"]);
        }, [surveyId, names] as const);
      };
      await run(); // warm-up (browser caches, code cache)
      await page.goto(`${server.url}/${side}.html`);
      await page.waitForFunction(() => Boolean(window.bench));
      const def = await page.evaluate(async (id) => {
        const d = (await (await fetch(`defs/${id}.json`)).json()) as Record<string, unknown>;
        (globalThis as { __def?: unknown; __noGc?: boolean }).__def = d;
        (globalThis as { __noGc?: boolean }).__noGc = true; // no forced GCs inside the profile
        return true;
      }, surveyId);
      if (!def) throw new Error("no definition");
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      const { result, profile } = await cpuProfile(cdp, () => page.evaluate((n) => window.bench!.render((globalThis as unknown as { __def: Record<string, unknown> }).__def, n, ["en"]), names));
      const trace = await browser.stopTracing();
      report(`first render of ${surveyId}, ${side}: ${result.ms.toFixed(1)} ms (sync ${result.syncMs.toFixed(1)} ms), ${result.elements} elements`, dir, profile, trace, `render-${surveyId}-${side}`);
    } else {
      await page.goto(`${server.url}/data.html`);
      await page.waitForFunction(() => Boolean(window.data));
      const ask = (req: unknown) => page.evaluate((r) => window.data!.ask(r as never), req);
      console.log(await ask({ type: "prepare", fileUrl: "/files/unct-migration-capacity.json", count: 100_000, distinct: 2_000 }));
      // The worker's own inspector session (flatten: false → Target.sendMessageToTarget).
      let session = "";
      let next = 1;
      const waiting = new Map<number, (r: Record<string, unknown>) => void>();
      cdp.on("Target.attachedToTarget", (e) => {
        if (e.targetInfo.type === "worker") session = e.sessionId;
      });
      cdp.on("Target.receivedMessageFromTarget", (e) => {
        const m = JSON.parse(e.message) as { id?: number; result?: Record<string, unknown> };
        if (m.id !== undefined) waiting.get(m.id)?.(m.result ?? {});
      });
      await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
      while (!session) await new Promise((r) => setTimeout(r, 50));
      const send = (method: string, params: Record<string, unknown> = {}) =>
        new Promise<Record<string, unknown>>((res) => {
          const id = next++;
          waiting.set(id, res);
          void cdp.send("Target.sendMessageToTarget", { sessionId: session, message: JSON.stringify({ id, method, params }) });
        });
      for (const variant of ["ours", "minimal"]) {
        await ask({ type: "run", variant }); // warm-up
        await send("Profiler.enable");
        await send("Profiler.setSamplingInterval", { interval: 200 });
        await send("HeapProfiler.enable");
        await send("HeapProfiler.collectGarbage");
        await send("HeapProfiler.startSampling", { samplingInterval: 65536, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
        await send("Profiler.start");
        const r = await ask({ type: "run", variant });
        const { profile } = (await send("Profiler.stop")) as unknown as { profile: Profile };
        const { profile: heap } = (await send("HeapProfiler.stopSampling")) as unknown as { profile: { head: HeapNode } };
        report(`export worker, ${variant}: ${JSON.stringify(r)}`, dir, profile, undefined, `export-${variant}`);
        writeFileSync(join(PROFILES, `export-${variant}.heapprofile`), JSON.stringify(heap));
        console.log("Allocation sampling (bytes allocated during the job, by function; not what is live at once):");
        console.log(heapTop(heap.head, dir).join("\n"));
      }
    }
    await server.close();
  } else if (what === "answer") {
    const dir = join(OUT, "readable-app-scale");
    buildApp({ root: ROOT, outDir: dir, surveys: "surveys,bench/generated", readable: true, testHooks: true });
    const server = await serveStatic(dir, PORT);
    await page.goto(`${server.url}/#/`);
    await page.evaluate(() => __bh.waitSelector('a[href*="/new"]', 120_000));
    const full = side === "full" ? writeScaleSurveys(join(BENCH, "generated")).find((s) => s.id === surveyId) : undefined;
    if (full) {
      // A draft that already holds every answer, opened on its middle page (as case 2 does).
      const pages = (full.file["pages"] as { name: string }[]).map((p) => p.name);
      const now = new Date().toISOString();
      const record: Record<string, unknown> & { id: string } = { id: crypto.randomUUID(), surveyId, surveyVersion: 1, status: "draft", revision: 0, data: full.answers as Record<string, unknown>, currentPage: pages[Math.floor(pages.length / 2)], language: "en", progress: 0, createdAt: now, updatedAt: now, completedAt: null };
      await page.waitForFunction(() => indexedDB.databases().then((dbs) => dbs.some((d) => d.name === "survey-studio")));
      await page.evaluate(async (rec) => {
        const db = await __bh.openDb("survey-studio");
        await __bh.tx(db, "responses", "readwrite", (s) => s.put(rec));
        db.close();
        location.hash = `#/responses/${rec.id}`;
        await __bh.waitSelector(".save-status");
        await __bh.waitSelector("[data-name]");
      }, record);
    } else
      await page.evaluate(async (id) => {
        location.hash = `#/surveys/${id}/new`;
        await __bh.waitSelector(".save-status");
        await __bh.waitSelector("[data-name]");
      }, surveyId);
    const clicks = (n: number) =>
      page.evaluate(async (count) => {
        const status = document.querySelector(".save-status")!;
        const times: number[] = [];
        for (let k = 0; k < count; k++) {
          const radios = [...document.querySelectorAll<HTMLInputElement>('.question input[type="radio"]:not(:disabled)')];
          const groups = [...new Set(radios.map((r) => r.name))];
          const inputs = radios.filter((r) => r.name === groups[k % groups.length]);
          const next = (inputs.findIndex((i) => i.checked) + 1) % inputs.length;
          const saved = __bh.waitSaved(status, 3000);
          const t0 = performance.now();
          inputs[next]!.click();
          times.push((await saved) - t0);
          await __bh.nextFrame();
          await __bh.afterPaint();
        }
        return times.sort((a, b) => a - b);
      }, n);
    await clicks(5);
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const { result, profile } = await cpuProfile(cdp, () => clicks(30));
    const trace = await browser.stopTracing();
    report(`30 answers in ${surveyId}: to disk median ${result[15]!.toFixed(1)} ms, max ${result[29]!.toFixed(1)} ms`, dir, profile, trace, `answer-${surveyId}`);
    await server.close();
  }
  await browser.close();
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: HeapNode[];
}
function heapTop(head: HeapNode, dir: string): string[] {
  const by = new Map<string, number>();
  const walk = (n: HeapNode) => {
    const f = n.callFrame;
    const where = f.url.startsWith("http") ? moduleAt(dir, f.url, f.lineNumber, f.columnNumber).replace(/^.*node_modules\//, "") : f.url || "(native)";
    const k = `${f.functionName || "(anonymous)"}  ${where}`;
    by.set(k, (by.get(k) ?? 0) + n.selfSize);
    n.children.forEach(walk);
  };
  walk(head);
  return [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([k, v]) => `${(v / 2 ** 20).toFixed(1).padStart(8)} MB  ${k}`);
}

await main();
