/** Case 1: first render, our renderer against survey-js-ui, on the same JSON, alternating, each run on a fresh page. */
import type { Page } from "@playwright/test";
import type {} from "../harness/measure.ts";
import { newContext, type BenchSurvey, type Ctx } from "../lib/context.ts";
import type { RenderResult } from "../harness/measure.ts";
import { pairedRatios, summarize, type Summary } from "../lib/stats.ts";

/** One run as the harness page reports it (bench/harness/measure.ts). */
export type RenderRun = RenderResult;

export interface RenderCase {
  survey: string;
  label: string;
  ours: Summary;
  sjs: Summary;
  /** ours / sjs, run by run. */
  ratio: Summary;
  oursBare: Summary;
  sjsBare: Summary;
  /** ours / sjs of the bare model costs. */
  bareRatio: Summary;
  /** Model creation inside the render runs (ours: createSurveySession). */
  oursModel: Summary;
  sjsModel: Summary;
  /** Render minus model creation, run by run: what the UI layer costs. */
  oursUi: Summary;
  sjsUi: Summary;
  /** ours UI ÷ survey-js-ui UI, run by run. */
  uiRatio: Summary;
  elements: { ours: number; sjs: number };
  nodes: { ours: number; sjs: number };
  heapKB: { ours: number; sjs: number };
  samples: Record<"ours" | "sjs" | "oursBare" | "sjsBare" | "oursModel" | "sjsModel", number[]>;
}

type Who = "ours" | "sjs";

async function open(page: Page, base: string, who: Who) {
  await page.goto(`${base}/${who}.html`);
  await page.waitForFunction(() => Boolean(window.bench));
}

async function render(page: Page, base: string, who: Who, s: BenchSurvey): Promise<RenderRun> {
  await open(page, base, who);
  return page.evaluate(
    async ([id, names, languages]) => {
      const def = (await (await fetch(`defs/${id}.json`)).json()) as Record<string, unknown>;
      await new Promise((r) => setTimeout(r, 50));
      return window.bench!.render(def, names, languages);
    },
    [s.id, s.firstNames, s.languages] as const,
  );
}

async function bare(page: Page, base: string, who: Who, s: BenchSurvey): Promise<number> {
  await open(page, base, who);
  return page.evaluate(async (id) => {
    const def = (await (await fetch(`defs/${id}.json`)).json()) as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 50));
    return window.bench!.bare(def);
  }, s.id);
}

export async function coreVersions(ctx: Ctx): Promise<{ ours: string; sjs: string }> {
  const context = await newContext(ctx);
  const page = await context.newPage();
  await open(page, ctx.urls.harness, "ours");
  const ours = await page.evaluate(() => window.bench!.core);
  await open(page, ctx.urls.harness, "sjs");
  const sjs = await page.evaluate(() => window.bench!.core);
  await context.close();
  return { ours, sjs };
}

export async function renderCase(ctx: Ctx, surveys: BenchSurvey[] = ctx.surveys): Promise<RenderCase[]> {
  const out: RenderCase[] = [];
  const context = await newContext(ctx);
  const page = await context.newPage();
  const { runs, warmup } = ctx.settings;
  for (const s of surveys) {
    const samples = { ours: [] as number[], sjs: [] as number[], oursBare: [] as number[], sjsBare: [] as number[], oursModel: [] as number[], sjsModel: [] as number[] };
    const last: Partial<Record<Who, RenderRun>> = {};
    for (let r = 0; r < warmup + runs; r++) {
      const order: Who[] = r % 2 === 0 ? ["ours", "sjs"] : ["sjs", "ours"];
      for (const who of order) {
        const res = await render(page, ctx.urls.harness, who, s);
        last[who] = res;
        if (r >= warmup) {
          samples[who].push(res.ms);
          samples[who === "ours" ? "oursModel" : "sjsModel"].push(res.modelMs);
        }
      }
      for (const who of order) {
        const ms = await bare(page, ctx.urls.harness, who, s);
        if (r >= warmup) samples[who === "ours" ? "oursBare" : "sjsBare"].push(ms);
      }
    }
    const c: RenderCase = {
      survey: s.id,
      label: s.label,
      ours: summarize(samples.ours),
      sjs: summarize(samples.sjs),
      ratio: summarize(pairedRatios(samples.ours, samples.sjs)),
      oursBare: summarize(samples.oursBare),
      sjsBare: summarize(samples.sjsBare),
      bareRatio: summarize(pairedRatios(samples.oursBare, samples.sjsBare)),
      oursModel: summarize(samples.oursModel),
      sjsModel: summarize(samples.sjsModel),
      oursUi: summarize(samples.ours.map((x, i) => x - samples.oursModel[i]!)),
      sjsUi: summarize(samples.sjs.map((x, i) => x - samples.sjsModel[i]!)),
      uiRatio: summarize(samples.ours.map((x, i) => (x - samples.oursModel[i]!) / (samples.sjs[i]! - samples.sjsModel[i]!))),
      elements: { ours: last.ours!.elements, sjs: last.sjs!.elements },
      nodes: { ours: last.ours!.nodes, sjs: last.sjs!.nodes },
      heapKB: { ours: Math.round(last.ours!.heapBytes / 1024), sjs: Math.round(last.sjs!.heapBytes / 1024) },
      samples,
    };
    ctx.log(`  render ${s.id}: ours ${c.ours.median.toFixed(1)} ms, survey-js-ui ${c.sjs.median.toFixed(1)} ms, ratio ${c.ratio.median.toFixed(2)}`);
    out.push(c);
  }
  await context.close();
  return out;
}
