import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { DesignerHome, DesignerWorkspace } from "./designer-pages.ts";
import { HomePage } from "./pages.ts";

// A definition is data, not instructions to the browser. tests/fixtures/surveys-extra/leaky-definition.json
// tries every way a definition can make the browser send an answer elsewhere without a script:
// navigateToUrl (plain, java\tscript:, protocol-relative), <img src> / srcset / <source> / <video
// poster> / <audio> / <track> / background= / CSS url() / <a ping>, an image question's imageLink
// with {answer} placeholders, logo, backgroundImage, a choice's imageLink, choicesByUrl and
// cookieName. The fixtures build allows one origin (https://images.allowed.example, through
// SURVEY_STUDIO_ALLOWED_ORIGINS): the positive control that the listener sees what the page loads.

const ALLOWED = "https://images.allowed.example";
const WHO = "Amina-who-marker";
const SECRET = "hunter2-secret-marker";
// A 1×1 transparent PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

interface Traffic {
  /** Requests to any origin but the app's and the allowed one. */
  outside: string[];
  /** Requests to the allowed origin. */
  allowed: string[];
  /** Loads the Content-Security-Policy had to refuse: the definition must not even try. */
  refused: string[];
}

async function watchTraffic(context: BrowserContext, page: Page, appOrigin: string): Promise<Traffic> {
  const t: Traffic = { outside: [], allowed: [], refused: [] };
  context.on("request", (r) => {
    const url = r.url();
    if (/^(data|blob|about|chrome-extension):/.test(url)) return;
    const origin = new URL(url).origin;
    if (origin === appOrigin) return;
    (origin === ALLOWED ? t.allowed : t.outside).push(`${r.resourceType()} ${url}`);
  });
  page.on("console", (m) => {
    if (/Refused to|Content Security Policy/i.test(m.text())) t.refused.push(m.text());
  });
  // Nothing really leaves this machine: requests elsewhere are answered here (a navigation that
  // gets 204 stays on the page, so every later leak is seen too).
  await context.route(
    (url) => url.origin !== appOrigin,
    (route) => {
      const url = route.request().url();
      if (url.startsWith(`${ALLOWED}/choices`)) return route.fulfill({ json: [{ value: "north", text: "North" }] });
      if (url.startsWith(ALLOWED)) return route.fulfill({ status: 200, contentType: "image/png", body: PNG });
      return route.fulfill({ status: 204 });
    },
  );
  return t;
}

test("a definition built to leak answers sends nothing to another origin: listing, filling, completing, designer preview after an import", async ({ page, context, baseURL }) => {
  const appOrigin = new URL(baseURL!).origin;
  const traffic = await watchTraffic(context, page, appOrigin);

  // Listing and checking the survey files (every page load) requests nothing, not even an allowed list.
  const home = new HomePage(page);
  await home.open();
  await expect(page.getByRole("region", { name: "Survey files with errors" })).toBeVisible();
  await expect(home.card("Leaky definition")).toBeVisible();
  expect(traffic.allowed).toEqual([]);

  const fill = await home.startNewResponse("Leaky definition");
  await page.getByLabel("Your name").fill(WHO);
  await page.getByLabel("A secret").fill(SECRET);
  await page.getByLabel("A secret").blur();
  await fill.next();
  await expect(fill.pageHeading).toHaveText("Pictures");
  // The allowed origin is loaded (the listener works, and the allow-list does), answers and all.
  await expect.poll(() => traffic.allowed.filter((r) => r.includes(encodeURIComponent(WHO)) || r.includes(WHO)).length).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole("img", { name: "same-origin icon" })).toBeVisible();
  await page.getByRole("radio", { name: "A", exact: true }).check();
  await fill.complete();
  await expect(page.getByText("Thank you")).toBeVisible();
  await fill.waitSaved();
  // A navigation would have been requested by now; the app stays where it is.
  await page.waitForTimeout(500);
  expect.soft(new URL(page.url()).origin).toBe(appOrigin);
  expect.soft((await context.cookies()).map((c) => c.name)).not.toContain("leaky-definition-done");
  expect.soft(await page.evaluate(() => document.cookie)).toBe("");

  // The designer: import the same file; its preview renders at once, then is filled and completed.
  const designer = new DesignerHome(page);
  await designer.open();
  await page.locator(".import-survey input[type=file]").setInputFiles("tests/fixtures/surveys-extra/leaky-definition.json");
  const ws = new DesignerWorkspace(page);
  await ws.waitReady();
  const preview = ws.preview;
  await expect(preview.getByLabel("Your name")).toBeVisible();
  await preview.getByLabel("Your name").fill(WHO);
  await preview.getByLabel("A secret").fill(SECRET);
  await preview.getByLabel("A secret").blur();
  await preview.getByRole("button", { name: "Next" }).click();
  await expect(preview.getByText("Pictures that would carry answers away")).toBeVisible();
  await preview.getByRole("radio", { name: "A", exact: true }).check();
  await preview.getByRole("button", { name: "Complete" }).click();
  await page.waitForTimeout(500);
  expect.soft(new URL(page.url()).origin).toBe(appOrigin);

  console.log(`[leaks] requests to other origins: ${traffic.outside.length}; to the allowed origin: ${traffic.allowed.length}; refused by the CSP: ${traffic.refused.length}`);
  expect(traffic.outside).toEqual([]);
  expect(traffic.refused.filter((m) => m.includes("elsewhere"))).toEqual([]);
});

test("the policy in force on this build lists the allowed origin for media and requests, and nothing wider", async ({ page }) => {
  const response = await page.goto("/");
  const meta = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content")) ?? "";
  for (const policy of [response?.headers()["content-security-policy"] ?? "", meta]) {
    expect(policy).toContain(`img-src 'self' data: blob: ${ALLOWED};`);
    expect(policy).toContain(`media-src 'self' data: blob: ${ALLOWED};`);
    expect(policy).toContain(`connect-src 'self' ${ALLOWED};`);
    expect(policy).not.toMatch(/(^|\s)https?:(\s|;|$)|\*/);
  }
});
