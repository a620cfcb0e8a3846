// npx tsx scripts/conformance.ts <dir> [--browser] [--port=4260] [--list]
//
// Loads every SurveyJS definition (*.json) in <dir> the way the app does — our envelope when the
// file has one, else the one the designer derives on import; then survey-core's loader behind our
// checks — and reports how many are accepted as written, refused (with why), and how many
// questions would show a placeholder instead of a control. With --browser it also builds the app
// with these surveys and opens each in headless Chromium: rendered, and walked page by page with
// Next until the last, counting page errors and placeholders on screen.
//
// Used on the definitions of SurveyJS's own test suites (extracted with
// scripts/extract-surveyjs-corpus.ts into a folder outside the repository) and on our own corpus,
// tests/fixtures/surveyjs/.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Model, type Question } from "survey-core";
import { definitionToSurveyFile, deriveEnvelope, parseSurveyText, surveyFileToDefinition, type SurveyFile } from "../src/schema/survey-file.ts";
import { definitionProblems } from "../src/survey/check-definition.ts";
import { registerComponents } from "../src/survey/components.ts";
import { RENDERED_TYPES } from "../src/survey/lint.ts";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--"));
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
if (!dir) {
  console.error("usage: npx tsx scripts/conformance.ts <dir> [--browser] [--port=4260] [--list]");
  process.exit(2);
}

interface Outcome {
  file: string;
  accepted: boolean;
  /** Had our envelope already (vs. a bare SurveyJS definition given one). */
  enveloped: boolean;
  reasons: string[];
  warnings: number;
  types: string[];
  placeholders: string[];
  surveyFile?: SurveyFile;
}

/** Every question of a loaded model, nested ones included (matrix cells, dynamic panels, custom types). */
function allQuestions(model: Model): Question[] {
  const out: Question[] = [];
  const seen = new Set<Question>();
  const add = (q: Question) => {
    if (seen.has(q)) return;
    seen.add(q);
    out.push(q);
    for (const n of q.getNestedQuestions?.(false, true) ?? []) add(n);
    const tpl = (q as unknown as { template?: { questions: Question[] } }).template;
    for (const t of tpl?.questions ?? []) add(t);
    const cols = (q as unknown as { columns?: { templateQuestion?: Question }[] }).columns;
    if (Array.isArray(cols)) for (const c of cols) if (c.templateQuestion) add(c.templateQuestion);
    const content = (q as unknown as { contentQuestion?: Question; contentPanel?: { questions: Question[] } });
    if (content.contentQuestion) add(content.contentQuestion);
    for (const c of content.contentPanel?.questions ?? []) add(c);
  };
  for (const q of model.getAllQuestions(false, true, true)) add(q);
  return out;
}

function check(file: string, text: string): Outcome {
  const parsed = parseSurveyText(text, file);
  if (!parsed.ok) return { file, accepted: false, enveloped: false, reasons: parsed.problems.map((p) => `${p.path}: ${p.message}`), warnings: 0, types: [], placeholders: [] };
  const surveyFile = parsed.kind === "file" ? parsed.file : definitionToSurveyFile(parsed.definition, deriveEnvelope(parsed.definition, { fileName: file }));
  const problems = definitionProblems(surveyFile, text, file);
  const errors = problems.filter((p) => p.severity === "error");
  const base: Outcome = { file, accepted: errors.length === 0, enveloped: parsed.kind === "file", reasons: errors.map((p) => `${p.path}: ${p.message}`), warnings: problems.length - errors.length, types: [], placeholders: [], surveyFile };
  if (!base.accepted) return base;
  registerComponents(surveyFile.components);
  const model = new Model(structuredClone(surveyFileToDefinition(surveyFile)));
  const questions = allQuestions(model);
  base.types = [...new Set(questions.map((q) => q.getType()))];
  // A custom component renders through its definition; any other type we do not know is a placeholder.
  base.placeholders = questions.filter((q) => !RENDERED_TYPES.includes(q.getType()) && !isComponent(q)).map((q) => `${q.name} (${q.getType()})`);
  model.dispose();
  return base;
}

function isComponent(q: Question): boolean {
  return "contentQuestion" in q || "contentPanel" in q;
}

const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "index.json").sort();
const outcomes = files.map((f) => check(f, readFileSync(join(dir, f), "utf8")));
const accepted = outcomes.filter((o) => o.accepted);
const refused = outcomes.filter((o) => !o.accepted);
const withPlaceholders = accepted.filter((o) => o.placeholders.length > 0);
const pct = (n: number) => `${((n / Math.max(outcomes.length, 1)) * 100).toFixed(1)} %`;
const typeCounts = new Map<string, number>();
for (const o of accepted) for (const t of o.types) typeCounts.set(t, (typeCounts.get(t) ?? 0) + 1);

console.log(`${outcomes.length} definitions in ${dir}`);
console.log(`accepted as written: ${accepted.length} (${pct(accepted.length)}), of which ${accepted.filter((o) => !o.enveloped).length} bare SurveyJS JSON given a derived envelope, ${accepted.filter((o) => o.warnings > 0).length} with warnings only`);
console.log(`refused: ${refused.length} (${pct(refused.length)})`);
console.log(`placeholders: ${withPlaceholders.reduce((n, o) => n + o.placeholders.length, 0)} questions in ${withPlaceholders.length} definitions`);
console.log(`question types seen: ${[...typeCounts].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(", ")}`);
for (const o of refused) console.log(`  refused ${o.file}: ${o.reasons.slice(0, 3).join(" | ")}`);
for (const o of withPlaceholders) console.log(`  placeholder ${o.file}: ${o.placeholders.join(", ")}`);
if (args.includes("--list")) for (const o of accepted) console.log(`  accepted ${o.file}${o.warnings ? ` (${o.warnings} warnings)` : ""}`);

if (args.includes("--browser")) await inBrowser(accepted, Number(option("port") ?? 4260));

/**
 * Builds the app with every accepted definition as a shipped survey (ids made unique), then opens
 * a new response of each in Chromium and presses Next until the last page, then Complete (or
 * Preview). Reports page errors, placeholders on screen and surveys that never reach the end.
 */
async function inBrowser(list: Outcome[], port: number): Promise<void> {
  const root = resolve(import.meta.dirname, "..");
  const surveysDir = resolve(root, "dist-conformance-surveys");
  const outDir = `dist-conformance-${port}`;
  rmSync(surveysDir, { recursive: true, force: true });
  mkdirSync(surveysDir, { recursive: true });
  const ids: string[] = [];
  list.forEach((o, i) => {
    const id = `c${String(i + 1).padStart(4, "0")}-${o.surveyFile!.id}`.slice(0, 60).replace(/-+$/, "");
    ids.push(id);
    writeFileSync(join(surveysDir, `${id}.json`), JSON.stringify({ ...o.surveyFile, id }));
  });
  await run("npx", ["vite", "build", "--logLevel", "warn"], { SURVEY_STUDIO_SURVEYS: surveysDir, SURVEY_STUDIO_OUT: outDir });
  const server = spawn("npx", ["vite", "preview", "--port", String(port), "--strictPort", "--host", "127.0.0.1"], { cwd: root, env: { ...process.env, SURVEY_STUDIO_OUT: outDir }, stdio: "ignore", detached: true });
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  let crashed = 0;
  let shownPlaceholders = 0;
  let stuck = 0;
  try {
    await waitForServer(`http://127.0.0.1:${port}/`);
    const context = await browser.newContext();
    // One page for all: the app checks its shipped surveys once per page load, then moves between routes.
    let page = await context.newPage();
    let errors: string[] = [];
    const listen = (p: typeof page) => p.on("pageerror", (e) => errors.push(e.message));
    listen(page);
    await page.goto(`http://127.0.0.1:${port}/#/`);
    for (const [i, id] of ids.entries()) {
      errors = [];
      await page.goto(`http://127.0.0.1:${port}/#/surveys/${id}/new`);
      const shown = await page
        .locator("article.survey")
        .first()
        .waitFor({ timeout: 30_000 })
        .then(() => true, () => false);
      if (!shown) errors.push(`nothing rendered (${(await page.locator("main").innerText().catch(() => "")).slice(0, 120).replace(/\s+/g, " ")})`);
      const start = page.locator("button.survey-start");
      if (await start.count()) await start.click();
      let moved = 0;
      for (; moved < 60; moved++) {
        const next = page.getByRole("button", { name: "Next", exact: true });
        if (!(await next.count())) break;
        await next.click();
        if (await page.locator(".error-summary").count()) break;
      }
      if (moved === 60) stuck++;
      shownPlaceholders += await page.locator(".unsupported").count();
      if (errors.length) {
        crashed++;
        console.log(`  browser ${list[i]!.file}: ${errors.slice(0, 2).join(" | ")}`);
        // A page that crashed is not trusted for the next survey.
        await page.close();
        page = await context.newPage();
        listen(page);
      }
      if ((i + 1) % 100 === 0) console.error(`  ${i + 1} of ${ids.length} opened`);
    }
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
    rmSync(surveysDir, { recursive: true, force: true });
  }
  console.log(`browser: ${ids.length} opened, ${crashed} with page errors, ${shownPlaceholders} placeholders shown, ${stuck} that never reached the end`);
}

function run(cmd: string, argv: string[], env: Record<string, string>): Promise<void> {
  return new Promise((res, rej) => {
    const p = spawn(cmd, argv, { cwd: resolve(import.meta.dirname, ".."), env: { ...process.env, ...env }, stdio: "inherit" });
    p.on("exit", (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${argv.join(" ")} exited ${code}`))));
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}
