import type { Browser, BrowserContext } from "@playwright/test";
import { PAGE_HELPERS } from "./page-helpers.ts";

export interface BenchSurvey {
  id: string;
  label: string;
  origin: "shipped" | "generated";
  languages: string[];
  /** The SurveyJS definition (envelope keys removed). */
  def: Record<string, unknown>;
  /** Visible questions of the first page (survey-core 3.1.1, no data). */
  firstNames: string[];
  questionCount: number;
  /** A complete set of answers (generated surveys only). */
  answers?: Record<string, unknown>;
}

export interface Settings {
  /** Measured runs per case, after `warmup` discarded ones. */
  runs: number;
  warmup: number;
  /** Samples per survey for answer-to-disk. */
  answers: number;
}

export interface Ctx {
  browser: Browser;
  root: string;
  urls: { app: string; scale: string; harness: string };
  surveys: BenchSurvey[];
  settings: Settings;
  log(message: string): void;
}

export const VIEWPORT = { width: 1280, height: 900 };

export async function newContext(ctx: Ctx, options: { serviceWorkers?: "allow" | "block" } = {}): Promise<BrowserContext> {
  const context = await ctx.browser.newContext({ viewport: VIEWPORT, serviceWorkers: options.serviceWorkers ?? "block", locale: "en-GB",
    // The app ships a Content-Security-Policy without inline scripts; the bench injects its probes.
    bypassCSP: true,
  });
  await context.addInitScript(PAGE_HELPERS);
  return context;
}
