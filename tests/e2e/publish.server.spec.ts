/**
 * The designer and the analyst against the real collection server on a real PostgreSQL: sign in,
 * publish versions (the server's report, its breaking changes and its conflicts), collection links
 * (created, shown once, revoked), the server's responses on the data page and its export.
 */
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { exportOptionsToQuery } from "../../src/remote/server-data.ts";
import { createdUserSchema } from "../../src/schema/server-api.ts";
import { responseContentHash } from "../../src/schema/submission.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { generateResponses } from "../../src/seeds/generate.ts";
import { parseSurveyFile } from "../../src/schema/survey-file.ts";
import { expectNoAxeViolations } from "./axe.ts";
import { DesignerHome } from "./designer-pages.ts";
import { expect, test, type CollectionServer } from "./server-fixture.ts";

const FEEDBACK = readFileSync("surveys/gfmd-workshop-feedback.json", "utf8");
const PASSWORD = "twelve or more characters";

/** An account made by the server's administrator, its password set through its one-time sign-in link. */
async function account(collection: CollectionServer, options: { serverAdmin?: boolean; role?: { surveyId: string; role: "admin" | "designer" | "analyst" } } = {}) {
  const email = `${randomUUID().slice(0, 8)}@example.org`;
  const made = await collection.api("/users", { body: { email, name: `Tester ${email.slice(0, 4)}`, serverAdmin: options.serverAdmin ?? false } });
  expect(made.status).toBe(201);
  const created = createdUserSchema.parse(await made.json());
  const token = new URL(created.signInUrl).hash.replace(/^#token=/, "");
  const set = await collection.api("/session/token", { anonymous: true, body: { token, password: PASSWORD } });
  expect(set.status).toBe(200);
  if (options.role) {
    const granted = await collection.api(`/surveys/${options.role.surveyId}/members/${created.user.id}`, { method: "PUT", body: { role: options.role.role } });
    expect(granted.status).toBe(200);
  }
  return { email, name: created.user.name };
}

async function signInWith(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Completed responses of a survey delivered through the API, as devices do. */
async function deliver(collection: CollectionServer, records: ResponseRecord[]) {
  for (const r of records) {
    const res = await collection.api(`/surveys/${r.surveyId}/responses/${r.id}/revisions/1`, { method: "PUT", body: { response: { ...r, revision: 1 }, contentHash: await responseContentHash(r, 1), replaces: null } });
    expect(res.status, await res.clone().text()).toBe(201);
  }
}

function completed(text: string, count: number, seed: number): ResponseRecord[] {
  const parsed = parseSurveyFile(text, "s.json");
  if (!parsed.ok) throw new Error("bad survey");
  return generateResponses(parsed.file, { count, seed, completedShare: 1 }).map((r) => ({ ...r, status: "completed" as const, completedAt: r.completedAt ?? r.updatedAt }));
}

test("a designer signs in, publishes versions 1 and 2 with the server's report, meets a conflict, and manages collection links", async ({ collection, page }) => {
  const designer = await account(collection, { serverAdmin: true });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  const home = new DesignerHome(page);
  await home.open();
  const title = `Field visit ${randomUUID().slice(0, 6)}`;
  const ws = await home.createSurvey(title, ["English"]);
  const surveyId = title.toLowerCase().replace(/\s+/g, "-");
  let dialog = await ws.saveVersion();
  await dialog.getByRole("button", { name: "Save version 1" }).click();
  await expect(ws.status).toContainText("Saved as version 1");

  // The server is there: the designer offers to publish; signing in happens in the dialog.
  await page.getByRole("button", { name: "Publish…" }).click();
  const publish = page.getByRole("dialog", { name: "Publish on the server" });
  await expect(publish.getByRole("heading", { name: "Sign in to the collection server" })).toBeVisible();
  await publish.getByLabel("Email").fill(designer.email);
  await publish.getByLabel("Password").fill("not the password");
  await publish.getByRole("button", { name: "Sign in" }).click();
  await expect(publish.getByRole("alert")).toContainText("The email or password is wrong");
  await signInWith(page, designer.email);
  await expect(publish.getByText("This survey is not published on the server yet.")).toBeVisible();
  await expectNoAxeViolations(page, "publish dialog, signed in");

  await publish.getByRole("button", { name: "Check on the server" }).click();
  const report = publish.getByTestId("publish-report");
  await expect(report.getByRole("heading", { name: "The server's check of version 1" })).toBeVisible();
  await expect(report).toContainText("The first version of this survey on the server");
  await publish.getByRole("button", { name: "Publish version 1" }).click();
  await expect(publish.getByRole("status").filter({ hasText: "Version 1 is published" })).toBeVisible();
  await expect(publish.getByText("Published on the server: 1.")).toBeVisible();
  // Publishing the same saved version again changes nothing.
  await publish.getByRole("button", { name: "Publish version 1" }).click();
  await expect(publish.getByText("Version 1 was already published with exactly this content")).toBeVisible();
  await publish.getByRole("button", { name: "Close" }).click();

  // Two respondents answered version 1 through the server.
  const v1 = await (await collection.api(`/surveys/${surveyId}/versions/1`)).text();
  const at = new Date().toISOString();
  const answered = (note: string): ResponseRecord => ({ id: randomUUID(), surveyId, surveyVersion: 1, status: "completed", revision: 1, data: { question1: note }, currentPage: "page1", language: "en", progress: 100, createdAt: at, updatedAt: at, completedAt: at });
  await deliver(collection, [answered("Geneva"), answered("Nairobi")]);

  // Version 2 renames the question: the server's report names the change and the responses it touches.
  await ws.rename("question1", "visit_note");
  dialog = await ws.saveVersion();
  await dialog.getByRole("button", { name: /Save version 2/ }).click();
  await expect(ws.status).toContainText("Saved as version 2");
  await page.getByRole("button", { name: "Publish…" }).click();
  await expect(publish.getByLabel("Saved version to publish")).toHaveValue("2");
  await publish.getByRole("button", { name: "Check on the server" }).click();
  await expect(report.getByRole("heading", { name: "The server's check of version 2" })).toBeVisible();
  await expect(report).toContainText("Compared with version 1");
  await expect(report).toContainText("1 change(s) affect responses already on the server");
  await expect(report).toContainText("“question1” was renamed to “visit_note” — 2 response(s) with an answer");
  await publish.getByRole("button", { name: "Publish version 2" }).click();
  await expect(publish.getByText("Version 2 is published")).toBeVisible();
  await expect(publish.getByText("Published on the server: 1, 2.")).toBeVisible();
  await expectNoAxeViolations(page, "publish dialog with a report");
  await publish.getByRole("button", { name: "Close" }).click();

  // Version 3 is saved here; someone else publishes a version 3 before it is sent: refused, clearly.
  await ws.typeAtEndOfLine('"title"', " ");
  dialog = await ws.saveVersion();
  await dialog.getByRole("button", { name: /Save version 3/ }).click();
  await expect(ws.status).toContainText("Saved as version 3");
  await collection.publish(v1, { version: 3, edit: (f) => void (f["title"] = "Published elsewhere") });
  await page.getByRole("button", { name: "Publish…" }).click();
  await publish.getByRole("button", { name: "Publish version 3" }).click();
  await expect(publish.getByRole("alert")).toContainText("Version 3 is already on the server with other content");
  await expect(publish.getByRole("alert")).toContainText("above 3");
  await publish.getByRole("button", { name: "Close" }).click();
  // Signed in, the next saved version skips the numbers the server holds: 4, which publishes.
  await ws.typeAtEndOfLine('"title"', " ");
  dialog = await ws.saveVersion();
  await expect(dialog.getByRole("heading", { name: "Save as version 4" })).toBeVisible();
  await dialog.getByRole("button", { name: /Save version 4/ }).click();
  await expect(ws.status).toContainText("Saved as version 4");
  await page.getByRole("button", { name: "Publish…" }).click();
  await publish.getByRole("button", { name: "Publish version 4" }).click();
  await expect(publish.getByText("Version 4 is published")).toBeVisible();

  // A collection link: its address shown once, listed without it, then revoked.
  const links = publish.getByRole("region", { name: "Collection links" });
  await links.getByLabel("Label (who or where it is for)").fill("Team north");
  await links.getByLabel("Works for (days, 1 to 366)").fill("10");
  await links.getByRole("button", { name: "Create link" }).click();
  const address = links.getByLabel("Address of link “Team north”");
  await expect(address).toHaveValue(new RegExp(`^${collection.url}/#/collect/sslink_`));
  const token = (await address.inputValue()).split("#/collect/")[1]!;
  expect((await collection.api("/link", { bearer: token })).status).toBe(200);
  const row = links.getByRole("row").filter({ hasText: "Team north" });
  await expect(row).toContainText("Works until");
  await expectNoAxeViolations(page, "collection links");
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Revoke it" }).click();
  await expect(row).toContainText("Revoked");
  await expect(links.getByRole("status").filter({ hasText: "Link “Team north” is revoked." })).toBeVisible();
  const refused = await collection.api("/link", { bearer: token });
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { type: string }).type).toBe("urn:survey-studio:problem:link-revoked");
  // Listed again after a reload: the token is never shown again.
  await page.reload();
  await page.getByRole("button", { name: "Publish…" }).click();
  await expect(links.getByRole("row").filter({ hasText: "Team north" })).toContainText("Revoked");
  await expect(links.getByLabel("Address of link “Team north”")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("an analyst signs in from the data page, reads the server's responses page by page, and exports the server's CSV", async ({ collection, page }) => {
  // A survey of its own on the worker's server (other tests deliver to the shipped ones), not on this device.
  const surveyId = `feedback-${randomUUID().slice(0, 8)}`;
  await collection.publish(FEEDBACK, { surveyId });
  const analyst = await account(collection, { role: { surveyId, role: "analyst" } });
  const records = completed(FEEDBACK, 105, 11).map((r) => ({ ...r, surveyId }));
  await deliver(collection, records);

  await page.goto(`/#/surveys/${surveyId}/data`);
  const server = page.getByRole("region", { name: "Delivered to the server" });
  await expect(server).toContainText("Responses that devices delivered to the server are listed here once you sign in.");
  await server.getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Collection server" })).toBeVisible();
  await expectNoAxeViolations(page, "sign-in page");
  await signInWith(page, analyst.email);
  await page.waitForURL(new RegExp(`#/surveys/${surveyId}/data`));
  await expect(page.getByRole("link", { name: `Server: ${analyst.name}` })).toBeVisible();

  await expect(server.getByRole("status")).toHaveText("100 of 105 responses on the server");
  await expectNoAxeViolations(page, "data page with server responses");
  await server.getByRole("button", { name: "Load more" }).click();
  await expect(server.getByRole("status")).toHaveText("105 of 105 responses on the server");
  await expect(server.getByRole("button", { name: "Load more" })).toHaveCount(0);
  // None of them is on this device: nothing to open here.
  await expect(server.getByRole("link", { name: "Open" })).toHaveCount(0);

  // The server's export with the panel's options: the same bytes as the API gives.
  const downloads: { name: string; bytes: Buffer }[] = [];
  page.on("download", async (d) => {
    const path = await d.path();
    downloads.push({ name: d.suggestedFilename(), bytes: readFileSync(path) });
  });
  await page.getByRole("radio", { name: /Semicolon/ }).check();
  await page.getByRole("button", { name: "Export from the server" }).click();
  await expect(page.getByText("Downloaded from the server: 105 responses")).toBeVisible();
  await expect.poll(() => downloads.length).toBe(2);
  const query = exportOptionsToQuery({ headers: "names", values: "codes", language: "en", delimiter: "semicolon", bom: true, includeDrafts: false, multi: "joined", repeats: "wide", neutralize: true, separator: "/", decimalMark: "," }, "csv");
  const api = Buffer.from(await (await collection.api(`/surveys/${surveyId}/export?${query}`)).arrayBuffer());
  const csv = downloads.find((d) => !d.name.includes("codebook"));
  expect(csv?.name).toMatch(/\.csv$/);
  expect(csv?.bytes.equals(api)).toBe(true);
  expect(downloads.some((d) => d.name.includes("codebook"))).toBe(true);

  // Signing out: the data page asks to sign in again, and the header offers it.
  await page.getByRole("link", { name: `Server: ${analyst.name}` }).click();
  // The account page lists the server's surveys this account may see, with a way to their responses.
  const mine = page.getByRole("listitem").filter({ hasText: `${surveyId} · version 1 · analyst` });
  await expect(mine.getByRole("link", { name: "Responses and export" })).toHaveAttribute("href", `#/surveys/${surveyId}/data`);
  await expectNoAxeViolations(page, "account page, signed in");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You are signed out of the server." })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("a one-time sign-in link: the server's page sets the password and opens the app's account page, signed in", async ({ collection, page }) => {
  const email = `${randomUUID().slice(0, 8)}@example.org`;
  const made = await collection.api("/users", { body: { email, name: "Link Tester", serverAdmin: false } });
  expect(made.status).toBe(201);
  const { signInUrl } = createdUserSchema.parse(await made.json());
  await page.goto(`/sign-in${new URL(signInUrl).hash}`);
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByLabel("The same password again").fill(PASSWORD);
  await page.getByRole("button").click();
  await expect(page).toHaveURL(/\/#\/account$/);
  await expect(page.getByText(`Signed in as Link Tester (${email})`)).toBeVisible();
});
