/**
 * A static deploy (this project's server is `vite preview`: no collection server, `/api` answers
 * with the app's own page): the app looks and works as it always did, without a word about servers.
 */
import { expect, test } from "@playwright/test";

test("without a collection server the server's parts stay hidden, quietly", async ({ page }) => {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  // The browser itself logs the one 404 of /api/session ("Failed to load resource"); nothing else may appear.
  page.on("console", (m) => void (m.type() === "error" && !/^Failed to load resource/.test(m.text()) && problems.push(m.text())));
  const asked: string[] = [];
  const loaded: string[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/api/")) asked.push(path);
    if (path.endsWith(".js")) loaded.push(path);
  });

  // The lists ask nothing: the header asks the server only on a device that has seen one.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForTimeout(1000);
  expect(asked).toEqual([]);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toHaveCount(0);
  // Nor does it load the account's code (requests, schemas, messages).
  expect(loaded.filter((p) => /server-account|ServerLink|messages-server/.test(p))).toEqual([]);

  await page.goto("/#/designer/gfmd-workshop-feedback");
  await expect(page.locator(".cm-content")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save version" })).toBeVisible();
  // The app asked once whether there is a server, and settled on "no".
  await expect.poll(() => asked).toEqual(["/api/session"]);
  await expect(page.getByRole("button", { name: "Publish…" })).toHaveCount(0);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toHaveCount(0);

  await page.goto("/#/surveys/gfmd-workshop-feedback/data");
  await expect(page.getByRole("heading", { name: "Export the responses" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Delivered to the server" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Export from the server" })).toHaveCount(0);

  // Someone who opens the account page anyway is told once, plainly.
  await page.goto("/#/account");
  await expect(page.getByText("This copy of the app works without a collection server")).toBeVisible();
  expect(asked).toEqual(["/api/session"]);
  expect(problems).toEqual([]);
});
