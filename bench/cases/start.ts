/**
 * Case 7 and its reference: the home page from a cold navigation over the network (no service
 * worker), and from the service worker with the network off. "Interactive" = the survey cards with
 * their "new response" links are in the DOM and that frame is painted, timed from navigation start.
 */
import { newContext, type Ctx } from "../lib/context.ts";
import { summarize, type Summary } from "../lib/stats.ts";

export interface StartCase {
  /** Cold load over loopback, empty cache and database, no service worker. */
  network: Summary;
  /** With the service worker controlling the page and the network off; null when no worker registers. */
  offline: Summary | null;
  serviceWorker: { registered: boolean; scope?: string; scriptURL?: string; note?: string };
}

const READY = 'a[href*="/new"]';

const READY_SCRIPT = `
(() => {
  const check = () => {
    if (document.querySelector(${JSON.stringify(READY)})) {
      requestAnimationFrame(() => setTimeout(() => { globalThis.__homeReady = performance.now(); }, 0));
      return true;
    }
    return false;
  };
  const start = () => {
    if (check()) return;
    const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
    mo.observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.documentElement) start(); else document.addEventListener("readystatechange", start, { once: true });
})();
`;

async function timeHome(page: import("@playwright/test").Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => typeof (globalThis as { __homeReady?: number }).__homeReady === "number", undefined, { timeout: 120_000 });
  return page.evaluate(() => (globalThis as unknown as { __homeReady: number }).__homeReady);
}

export async function startCase(ctx: Ctx): Promise<StartCase> {
  const { runs, warmup } = ctx.settings;
  const network: number[] = [];
  for (let r = 0; r < warmup + runs; r++) {
    const context = await newContext(ctx);
    await context.addInitScript(READY_SCRIPT);
    const page = await context.newPage();
    const ms = await timeHome(page, `${ctx.urls.app}/#/`);
    if (r >= warmup) network.push(ms);
    await context.close();
  }
  ctx.log(`  home over the network: ${summarize(network).median.toFixed(1)} ms`);

  const context = await newContext(ctx, { serviceWorkers: "allow" });
  await context.addInitScript(READY_SCRIPT);
  const page = await context.newPage();
  await timeHome(page, `${ctx.urls.app}/#/`);
  const reg = await page.evaluate(async () => {
    if (!("serviceWorker" in navigator)) return { registered: false, note: "no navigator.serviceWorker" };
    for (let i = 0; i < 50; i++) {
      const regs = await navigator.serviceWorker.getRegistrations();
      if (regs.length > 0) {
        const ready = await Promise.race([navigator.serviceWorker.ready, new Promise<null>((r) => setTimeout(() => r(null), 20_000))]);
        if (!ready) return { registered: true, scope: regs[0]!.scope, note: "registered but never activated" };
        return { registered: true, scope: ready.scope, scriptURL: ready.active?.scriptURL };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return { registered: false, note: "no service worker registered within 5 s of the home page" };
  });
  let offline: Summary | null = null;
  if (reg.registered && !reg.note) {
    // Let the worker finish precaching and take control, then cut the network.
    await timeHome(page, `${ctx.urls.app}/#/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 }).catch(() => undefined);
    await page.waitForTimeout(1000);
    await context.setOffline(true);
    const samples: number[] = [];
    let error: string | undefined;
    for (let r = 0; r < warmup + runs; r++) {
      try {
        const ms = await timeHome(page, `${ctx.urls.app}/#/`);
        if (r >= warmup) samples.push(ms);
      } catch (e) {
        error = String(e).split("\n")[0];
        break;
      }
    }
    if (samples.length) offline = summarize(samples);
    else reg.note = `offline navigation failed: ${error}`;
    ctx.log(`  home offline from the service worker: ${offline ? offline.median.toFixed(1) + " ms" : reg.note}`);
  } else ctx.log(`  offline start: not available (${reg.note})`);
  await context.close();
  return { network: summarize(network), offline, serviceWorker: reg };
}
