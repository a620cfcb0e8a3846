/**
 * `npm run bench`: measures the production build in headless Chromium and reports; asserts nothing.
 * See bench/README.md for what each case measures and how to read the table.
 *
 *   npm run bench [-- --quick] [-- --only=render,answer,open,data,bytes,start] [-- --surveys=id,id] [-- --port=4500]
 *
 * Writes bench/results.json and prints the table on stdout.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, "..");
// Build outputs: dist-bench/ is ignored by git and eslint like every dist-*/ folder.
const OUT = join(ROOT, "dist-bench");

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = flag("quick");
const only = new Set((option("only") ?? "render,answer,open,data,bytes,start").split(","));
const onlySurveys = option("surveys")?.split(",");
const basePort = Number(option("port") ?? process.env["BENCH_PORT"] ?? 4500);
const started = Date.now();
const log = (m: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${m}`);

// 1. SurveyJS's own UI lives in bench/node_modules (its own pinned survey-core): install it when missing.
function ensureBenchDeps() {
  const need = ["survey-js-ui", "survey-core"].some((p) => !existsSync(join(BENCH, "node_modules", p, "package.json")));
  if (!need) return;
  log("installing bench/ packages (npm ci --prefix bench)…");
  const r = spawnSync("npm", ["ci", "--prefix", BENCH, "--no-audit", "--no-fund"], { stdio: ["ignore", "inherit", "inherit"], cwd: ROOT });
  if (r.status !== 0) throw new Error("npm ci --prefix bench failed");
}
ensureBenchDeps();

// Imported after the install so that a fresh clone works in one go.
const { chromium } = await import("@playwright/test");
const { writeScaleSurveys } = await import("./generate-surveys.ts");
const { buildApp, buildAttribution, buildHarness } = await import("./lib/build.ts");
const { bytesReport } = await import("./lib/bytes.ts");
const { serveStatic } = await import("./lib/serve.ts");
const { renderCase, coreVersions } = await import("./cases/render.ts");
const { answerCase, openAppPage, openCase } = await import("./cases/app.ts");
const { startCase } = await import("./cases/start.ts");
const { dataCase } = await import("./cases/data.ts");
const { printReport, targetsOf } = await import("./lib/report.ts");
import type { BenchSurvey, Ctx } from "./lib/context.ts";

const { pageNames, countQuestions } = await import("./lib/core-node.ts");

const ENVELOPE = new Set(["id", "version", "languages"]);
const toDefinition = (file: Record<string, unknown>) => Object.fromEntries(Object.entries(file).filter(([k]) => !ENVELOPE.has(k)));

function version(dir: string, pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

function gitCommit(): string {
  const r = spawnSync("git", ["describe", "--always", "--dirty"], { cwd: ROOT, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "unknown";
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  // 2. Scale surveys.
  const generatedDir = join(BENCH, "generated");
  const scale = writeScaleSurveys(generatedDir);
  const surveys: BenchSurvey[] = [];
  for (const name of readdirSync(join(ROOT, "surveys")).filter((n) => n.endsWith(".json")).sort()) {
    const file = JSON.parse(readFileSync(join(ROOT, "surveys", name), "utf8")) as Record<string, unknown>;
    const def = toDefinition(file);
    const title = file["title"];
    const label = typeof title === "string" ? title : ((title as Record<string, string>)["default"] ?? String(file["id"]));
    surveys.push({ id: String(file["id"]), label: `${label} (shipped)`, origin: "shipped", languages: file["languages"] as string[], def, firstNames: pageNames(def, {}, null), questionCount: countQuestions(def) });
  }
  for (const s of scale) {
    const def = toDefinition(s.file);
    surveys.push({ id: s.id, label: s.label, origin: "generated", languages: ["en"], def, firstNames: pageNames(def, {}, null), questionCount: s.questionCount, answers: s.answers });
  }

  if (onlySurveys) surveys.splice(0, surveys.length, ...surveys.filter((s) => onlySurveys.includes(s.id)));

  // 3. Builds: the app as shipped (bytes, start), with every package in its own chunk (what the
  //    bytes are), with the scale surveys (cases in the app), and the harness pages.
  log("building…");
  const buildStarted = Date.now();
  const dirs = { app: join(OUT, "app"), split: join(OUT, "app-split"), scale: join(OUT, "app-scale"), harness: join(OUT, "harness") };
  buildApp({ root: ROOT, outDir: dirs.app });
  if (only.has("bytes")) await buildAttribution({ root: ROOT, outDir: dirs.split });
  // The scale build is the one the cases drive: it carries the browser-test hooks (`?studio-test`).
  buildApp({ root: ROOT, outDir: dirs.scale, surveys: `surveys,${join("bench", "generated")}`, testHooks: true });
  await buildHarness({ root: ROOT, outDir: dirs.harness, harnessDir: join(BENCH, "harness"), definitions: Object.fromEntries(surveys.map((s) => [s.id, s.def])) });
  log("built");

  const servers = [await serveStatic(dirs.app, basePort), await serveStatic(dirs.scale, basePort + 1), await serveStatic(dirs.harness, basePort + 2)];
  const browser = await chromium.launch({
    executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--enable-precise-memory-info", "--js-flags=--expose-gc"],
  });
  const settings = quick ? { runs: 3, warmup: 1, answers: 20 } : { runs: 5, warmup: 1, answers: 50 };
  const ctx: Ctx = { browser, root: ROOT, urls: { app: servers[0]!.url, scale: servers[1]!.url, harness: servers[2]!.url }, surveys, settings, log };

  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    settings,
    machine: {
      cpu: os.cpus()[0]?.model ?? "unknown",
      cores: os.cpus().length,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
    browser: `Chromium ${browser.version()}`,
    packages: {
      "survey-core (app)": version(ROOT, "survey-core"),
      "survey-core (survey-js-ui)": version(BENCH, "survey-core"),
      "survey-js-ui": version(BENCH, "survey-js-ui"),
      "solid-js": version(ROOT, "solid-js"),
      dexie: version(ROOT, "dexie"),
      papaparse: version(ROOT, "papaparse"),
      vite: version(ROOT, "vite"),
      "@playwright/test": version(ROOT, "@playwright/test"),
    },
    surveys: surveys.map((s) => ({ id: s.id, label: s.label, questions: s.questionCount, firstPageQuestions: s.firstNames.length, bytes: JSON.stringify(s.def).length })),
  };
  const durations: Record<string, number> = { build: Math.round((Date.now() - buildStarted) / 1000) };
  results["caseSeconds"] = durations;
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    try {
      return await fn();
    } finally {
      durations[name] = Math.round((Date.now() - t) / 1000);
    }
  };
  try {
    if (only.has("render")) {
      log("case 1: first render, ours against survey-js-ui");
      results["cores"] = await coreVersions(ctx);
      results["render"] = await timed("render", () => renderCase(ctx));
    }
    if (only.has("answer") || only.has("open")) {
      const app = await openAppPage(ctx);
      if (only.has("answer")) {
        log("case 2: answer to disk");
        results["answer"] = await timed("answer", () => answerCase(ctx, app.page, surveys));
      }
      if (only.has("open")) {
        log("case 3: open a draft, resume 2,000 answers");
        results["open"] = await timed("open", () => openCase(ctx, app.page, surveys, pageNames));
      }
      await app.close();
    }
    if (only.has("data")) {
      log("cases 4–5: export, import, charts");
      results["data"] = await timed("data", () => dataCase(ctx));
    }
    if (only.has("bytes")) {
      log("case 6: bytes");
      results["bytes"] = { shipped: bytesReport(dirs.app), attribution: bytesReport(dirs.split) };
    }
    if (only.has("start")) {
      log("case 7: start, offline start");
      results["start"] = await timed("start", () => startCase(ctx));
    }
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
  }
  results["durationSeconds"] = Math.round((Date.now() - started) / 1000);
  (results["machine"] as Record<string, unknown>)["loadAverageAtEnd"] = os.loadavg().map((x) => Math.round(x * 100) / 100);
  results["targets"] = targetsOf(results);
  writeFileSync(join(BENCH, "results.json"), JSON.stringify(results, null, 2) + "\n");
  console.log(printReport(results));
  log(`done in ${results["durationSeconds"]} s; wrote bench/results.json`);
}

await main();
