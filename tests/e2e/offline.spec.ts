import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, resolve } from "node:path";
import { FillPage, HomePage, storedResponse } from "./pages.ts";
import { SurveyText } from "./survey-text.ts";

async function whenControlledBySW(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first visit installs the service worker; from the next load on it serves the app.
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test("after one visit the app loads, fills and completes a survey with no network, also after a restart", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new HomePage(page).open();
  await whenControlledBySW(page);
  await context.setOffline(true);
  await page.reload();
  const home = new HomePage(page);
  await expect(page.getByRole("heading", { name: "Surveys" })).toBeVisible();

  const fr = new SurveyText("gfmd-workshop-feedback");
  const fill = await home.startNewResponse(/workshop/i);
  await fill.group(fr.title("participant_type")).getByRole("radio").first().check();
  await page.getByLabel(fr.title("country_city")).fill("Port Louis");
  await page.getByLabel(fr.title("country_city")).blur();
  await expect(fill.saveStatus).toHaveText("Offline — saved on this device");
  await fill.next();
  await fill.group(fr.title("overall_rating")).getByText("5", { exact: true }).click();
  await fill.next();
  await fill.group(fr.title("engage")).getByRole("radio", { name: fr.choice("engage", "no"), exact: true }).check();
  const id = await fill.responseId();
  await fill.complete();
  await expect(page.getByText("Thank you — your response is complete and saved on this device.")).toBeVisible();
  await fill.waitSaved();

  // A new tab, still offline, as after the browser restarted.
  const again = await context.newPage();
  await again.goto(`/#/responses/${id}`);
  await expect(again.getByText(/was completed on/)).toBeVisible();
  expect(await storedResponse(again, id)).toMatchObject({ status: "completed", data: { country_city: "Port Louis", overall_rating: 5, engage: "no" } });
  await context.close();
});

test.describe("updates", () => {
  // One pair of builds and one server for the tests below.
  test.describe.configure({ mode: "serial" });
  const root = resolve(".");
  const port = Number(process.env["E2E_PORT"] ?? 4173) + 10;
  let server: Server;
  let current = "";

  test.beforeAll(() => {
    for (const id of ["a", "b"]) {
      execFileSync("npx", ["vite", "build", "--logLevel", "error"], {
        // With the test hooks: one test holds a write open through them.
        env: { ...process.env, SURVEY_STUDIO_OUT: `dist-e2e-update-${id}`, SURVEY_STUDIO_BUILD_ID: `update-test-${id}`, SURVEY_STUDIO_TEST_HOOKS: "1" },
        stdio: "inherit",
      });
    }
    current = join(root, "dist-e2e-update-a");
    const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".webmanifest": "application/manifest+json", ".json": "application/json" };
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
      let file = join(current, path === "/" ? "index.html" : path);
      if (!file.startsWith(current) || !existsSync(file) || statSync(file).isDirectory()) file = join(current, "index.html");
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" });
      createReadStream(file).pipe(res);
    });
    return new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  });
  test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

  test("a new version is announced, and reloading into it keeps the draft", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
    const page = await context.newPage();
    await new HomePage(page).open();
    await expect(page.getByText("Version update-test-a")).toBeVisible();
    await whenControlledBySW(page);

    const text = new SurveyText("gfmd-workshop-feedback");
    const fill = await new HomePage(page).startNewResponse(/workshop/i);
    await page.getByLabel(text.title("country_city")).fill("Kingston");
    await page.getByLabel(text.title("country_city")).blur();
    await fill.waitSaved();

    current = join(root, "dist-e2e-update-b");
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const notice = page.getByText(/A new version of Survey Studio is available/);
    await expect(notice).toBeVisible();
    // Nothing reloads by itself: the draft is still on screen.
    await expect(page.getByLabel(text.title("country_city"))).toHaveValue("Kingston");
    await page.getByRole("button", { name: "Reload now" }).click();
    await page.waitForLoadState("load");
    await expect(new FillPage(page).pageHeading).toBeVisible();
    await expect(page.getByLabel(text.title("country_city"))).toHaveValue("Kingston");
    await page.goto("/");
    await expect(page.getByText("Version update-test-b")).toBeVisible();
    await context.close();
  });

  test("reloading into a new version waits while an answer's write is held open, then goes on once it is stored", async ({ browser }) => {
    current = join(root, "dist-e2e-update-a");
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
    const page = await context.newPage();
    await page.goto("/?studio-test#/");
    await expect(page.getByText("Version update-test-a")).toBeVisible();
    await whenControlledBySW(page);

    const text = new SurveyText("gfmd-workshop-feedback");
    const fill = await new HomePage(page).startNewResponse(/workshop/i);
    const id = await fill.responseId();
    const city = page.getByLabel(text.title("country_city"));
    await city.fill("Kingston");
    await city.blur();
    await fill.waitSaved();
    // The disk stops answering: the next answer's write stays in flight.
    await page.evaluate(() => (window as unknown as { __studioTest: { storageFault(k: string): void } }).__studioTest.storageFault("hold"));
    await city.fill("Montego Bay");
    await city.blur();
    await expect(fill.saveStatus).toHaveAttribute("data-state", "saving");

    current = join(root, "dist-e2e-update-b");
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.getByText(/A new version of Survey Studio is available/)).toBeVisible();
    await page.evaluate(() => ((window as unknown as { beforeReload: boolean }).beforeReload = true));
    await page.getByRole("button", { name: "Reload now" }).click();
    await expect(page.getByText("Saving your work first; the app reloads as soon as everything is stored.")).toBeVisible();
    // It waits for real: no reload while the write is held, the answer not yet stored.
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { beforeReload?: boolean }).beforeReload)).toBe(true);
    expect((await storedResponse(page, id))?.["data"]).toMatchObject({ country_city: "Kingston" });

    // The disk answers again: the write lands, then the app reloads into the new version.
    await page.evaluate(() => (window as unknown as { __studioTest: { storageFault(k: undefined): void } }).__studioTest.storageFault(undefined));
    await page.waitForFunction(() => !(window as unknown as { beforeReload?: boolean }).beforeReload);
    await expect(new FillPage(page).pageHeading).toBeVisible();
    await expect(page.getByLabel(text.title("country_city"))).toHaveValue("Montego Bay");
    expect((await storedResponse(page, id))?.["data"]).toMatchObject({ country_city: "Montego Bay" });
    await page.goto("/");
    await expect(page.getByText("Version update-test-b")).toBeVisible();
    await context.close();
  });
});
