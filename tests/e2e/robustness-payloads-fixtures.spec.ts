import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { HomePage } from "./pages.ts";

// Scripts in survey definitions never run, and the app works under its Content-Security-Policy.
// Runs against the fixtures build, which adds tests/fixtures/surveys-extra/hostile-payloads.json.

const PAYLOAD_FILE = JSON.parse(readFileSync("tests/fixtures/surveys-extra/hostile-payloads.json", "utf8")) as unknown;

/** How many places of the fixture (titles, choices, html...) carry payloads, for the report. */
function countPayloads(v: unknown): number {
  if (typeof v === "string") return /__pwned|alert\(|javascript:|onerror|onload/i.test(v) ? 1 : 0;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countPayloads(x), 0);
  if (v && typeof v === "object") return Object.values(v).reduce((n: number, x) => n + countPayloads(x), 0);
  return 0;
}

interface Watch {
  dialogs: string[];
  errors: string[];
}

/** Records dialogs, page errors, console errors and CSP violations (from before the app's first script). */
async function watch(page: Page): Promise<Watch> {
  const w: Watch = { dialogs: [], errors: [] };
  page.on("dialog", (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => w.errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // An <img src=x> left by the sanitizer (its handler removed) fails to load: not a script.
    // The console echo of the blocked handler and <base> reports is checked through the violations.
    if (m.type() === "error" && !/Failed to load resource|^Executing inline event handler violates|^Setting the document's base URI/.test(m.text())) w.errors.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = list;
    document.addEventListener("securitypolicyviolation", (e) => list.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));
  });
  return w;
}

async function pageFlags(page: Page): Promise<{ pwned: unknown; violations: string[] }> {
  return page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    violations: (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
  }));
}

test("script payloads in titles, descriptions, choices, html and markdown never run", async ({ page }) => {
  const w = await watch(page);
  const home = new HomePage(page);
  await home.open();
  // The title with a payload is shown as text on the home page.
  await expect(page.getByRole("heading", { name: /^Hostile payloads/ })).toBeVisible();
  const fill = await home.startNewResponse(/^Hostile payloads/);
  await expect(fill.pageHeading).toContainText("First page");
  const survey = fill.survey;
  await expect(survey.getByText("Payload block")).toBeVisible();

  // Nothing executable is left in the page: no script, handler attribute, javascript: URL, svg, iframe, object.
  const leftovers = await survey.evaluate((root) => {
    const bad: string[] = [];
    for (const el of root.querySelectorAll("*")) {
      const tag = el.tagName.toLowerCase();
      if (["script", "iframe", "object", "embed", "svg", "math", "base", "meta", "link", "style", "form", "template"].includes(tag)) bad.push(`<${tag}>`);
      for (const a of el.getAttributeNames()) {
        const value = el.getAttribute(a) ?? "";
        if (/^on/i.test(a)) bad.push(`${tag}[${a}]`);
        if (/^\s*(javascript|data:text\/html)/i.test(value) && ["href", "src", "action", "formaction", "xlink:href", "data"].includes(a)) bad.push(`${tag}[${a}=${value}]`);
      }
    }
    return bad;
  });
  expect(leftovers).toEqual([]);

  // Click every link and hover everything a payload tried to hook.
  const links = survey.locator(".html-content a");
  for (let i = 0; i < (await links.count()); i++) await links.nth(i).click({ noWaitAfter: true }).catch(() => undefined);
  await page.mouse.move(10, 10);
  await page.getByRole("radio", { name: /a link/ }).first().check().catch(() => undefined);
  await page.getByLabel(/^Text with payload/).fill("answer <script>window.__pwned='typed'</script>");
  await page.getByLabel(/^Text with payload/).blur();
  await fill.next();
  await expect(fill.pageHeading).toHaveText(/.+/);
  await fill.complete();
  await fill.waitSaved();
  // The typed text is stored and shown as text.
  await page.reload();
  await expect(page.getByText(/was completed on/)).toBeVisible();

  const flags = await pageFlags(page);
  expect(flags.pwned).toBeUndefined();
  // Chromium reports each event-handler attribute and <base> it meets while DOMPurify parses the
  // hostile HTML in an inert DOMParser document (which never runs anything) as blocked
  // `script-src-attr` / `base-uri`. Nothing else may show up: no script, no eval, no javascript: URL.
  expect(flags.violations.filter((v) => !/^(script-src-attr inline|base-uri)\s*$/.test(v))).toEqual([]);
  expect(w.dialogs).toEqual([]);
  expect(w.errors).toEqual([]);
  console.log(`[robustness] payloads: 37 distinct, in ${countPayloads(PAYLOAD_FILE)} places of one survey file (titles, descriptions, choices, html, markdown, svg, URLs)`);
});

test("the app runs under its Content-Security-Policy: a survey is filled without one violation, and inline scripts are refused", async ({ page }) => {
  const w = await watch(page);
  await page.goto("/");
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toBeTruthy();
  const scriptSrc = /script-src ([^;]*)/.exec(csp!)?.[1] ?? "";
  expect(scriptSrc.trim()).toBe("'self'");
  expect(csp).not.toMatch(/unsafe-eval/);
  expect(csp).toMatch(/object-src 'none'/);
  expect(csp).toMatch(/base-uri 'none'/);

  // A shipped survey (no payloads) end to end: conditions, validators, a calculated value,
  // repeats, matrices — survey-core evaluates expressions without eval.
  const home = new HomePage(page);
  await home.open();
  const fill = await home.startNewResponse("Joint Programme");
  await fill.pickFromCombobox(/^Programme country/, "Mold", "Republic of Moldova");
  await page.getByLabel(/^Start of the reporting period/).fill("2026-01-01");
  await page.getByLabel(/^End of the reporting period/).fill("2026-06-30");
  await page.getByRole("group", { name: /Which office/ }).getByRole("radio").first().check();
  const contact = page.getByRole("group", { name: /Contact person/ });
  await contact.getByLabel("Name").fill("Ion Popescu");
  await contact.getByLabel("Email").fill("ion.popescu@undp.org");
  await fill.next();
  await expect(fill.pageHeading).toContainText("Inception");
  await page.getByRole("group", { name: /formally endorsed/ }).getByRole("radio", { name: "No", exact: true }).check();
  await page.getByLabel(/What is delaying the endorsement/).fill("Cabinet reshuffle");
  await fill.waitSaved();
  await page.goto("/#/designer");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect((await pageFlags(page)).violations).toEqual([]);
  expect(w.errors).toEqual([]);

  // The policy is really enforced: an inline script is refused and reported.
  const ran = await page.evaluate(async () => {
    const s = document.createElement("script");
    s.textContent = "window.__inline = 1";
    document.head.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return (window as unknown as { __inline?: number }).__inline;
  });
  expect(ran).toBeUndefined();
  await expect.poll(async () => (await pageFlags(page)).violations.join("\n")).toMatch(/^script-src-elem inline/);
});
