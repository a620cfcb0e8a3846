/**
 * Devices deliver to the collection server: the app as built, served by the real server on a real
 * PostgreSQL (tests/e2e/server-fixture.ts). Each test binds a device to a collection link, completes
 * responses through the app's own editor, and checks the server holds each revision exactly once
 * and the device shows it delivered, under faults: offline, a dropped answer, a killed tab, the
 * server down, two devices, a new version, a revoked link.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "@playwright/test";
import { linkInfoSchema } from "../../src/schema/server-api.ts";
import { responseContentHash } from "../../src/schema/submission.ts";
import { lastTextBox, openResponseHere, putRecord, readyDrafts, typeThenComplete, waitForDatabase } from "./lifecycle-helpers.ts";
import { expectNoAxeViolations } from "./axe.ts";
import { storedResponse } from "./pages.ts";
import { expect, test, type CollectionServer } from "./server-fixture.ts";

const SURVEY = "gfmd-workshop-feedback";
const TEXT_BOX = "recommendations";
const FEEDBACK = readFileSync(`surveys/${SURVEY}.json`, "utf8");

/** Publishes the shipped survey, creates a link and opens it on the page: the device is bound. */
async function bind(page: Page, collection: CollectionServer, label = "Field team") {
  await collection.publish(FEEDBACK);
  const link = await collection.createLink(SURVEY, label);
  await page.goto(`/?studio-test#/collect/${link.token}`);
  await expect(page.getByRole("status").filter({ hasText: "This device now sends its responses" })).toBeVisible();
  await waitForDatabase(page);
  return link;
}

/** Waits until the service worker controls the page, so every route's code is there offline. */
async function installedForOffline(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/** Completes `count` new responses in the app (drafts put in storage, then Complete pressed in the editor); their ids. */
async function completeResponses(page: Page, count: number, note: string): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, draft] of readyDrafts(SURVEY, count).entries()) {
    const id = draft["id"] as string;
    await putRecord(page, draft);
    await openResponseHere(page, id);
    await typeThenComplete(page, lastTextBox(page, SURVEY, TEXT_BOX), `${note} ${i}`, "click");
    await expect(page.getByText("Thank you — your response is complete and saved on this device.")).toBeVisible();
    await expect(page.locator(".save-status")).toHaveAttribute("data-state", "saved");
    ids.push(id);
  }
  return ids;
}

/** The device's outbox entries, straight from IndexedDB. */
async function outbox(page: Page): Promise<{ responseId: string; revision: number; state: string; attempts: number; receipt: { outcome: string } | null }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("survey-studio");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction("outbox").objectStore("outbox").getAll();
          get.onsuccess = () => (open.result.close(), resolve(get.result));
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/** How many revisions of each response the server holds (1 each means exactly once). */
async function serverRevisions(collection: CollectionServer, ids: readonly string[]): Promise<number[]> {
  return Promise.all(ids.map(async (id) => (await collection.history(SURVEY, id))?.revisions.length ?? 0));
}

async function expectDelivered(page: Page, collection: CollectionServer, ids: readonly string[], timeout = 30_000) {
  await expect.poll(() => serverRevisions(collection, ids), { timeout }).toEqual(ids.map(() => 1));
  await expect.poll(async () => (await outbox(page)).filter((e) => ids.includes(e.responseId) && e.state === "delivered").length, { timeout }).toBe(ids.length);
}

/** Counts the device's PUTs of responses (each try, answered or not). */
function countSends(context: BrowserContext): () => number {
  let n = 0;
  context.on("request", (r) => {
    if (r.method() === "PUT" && /\/api\/surveys\/[^/]+\/responses\//.test(r.url())) n++;
  });
  return () => n;
}

test("the fixture's server serves the app and answers a collection link", async ({ collection, page }) => {
  await collection.publish(FEEDBACK);
  const { token, url } = await collection.createLink(SURVEY);
  expect(url).toBe(`${collection.url}/#/collect/${token}`);
  const info = linkInfoSchema.parse(await (await collection.api("/link", { bearer: token })).json());
  expect(info).toMatchObject({ surveyId: SURVEY, latest: 1 });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("offline, three responses are completed and wait; back online, the server holds each exactly once and the device shows them delivered", async ({ collection, page, context }) => {
  const sends = countSends(context);
  await bind(page, collection);
  await installedForOffline(page);
  await context.setOffline(true);
  const ids = await completeResponses(page, 3, "offline");
  await page.goto("/?studio-test#/");
  await expect(page.getByRole("status").filter({ hasText: "Responses waiting to send: 3" })).toBeVisible();
  await expect(page.getByText("No connection. Responses are kept on this device")).toBeVisible();
  expect(await serverRevisions(collection, ids)).toEqual([0, 0, 0]);

  const back = Date.now();
  await context.setOffline(false);
  await expectDelivered(page, collection, ids);
  test.info().annotations.push({ type: "online → delivered (3 responses)", description: `${Date.now() - back} ms` });
  await expect(page.getByText("Every response completed here has been delivered.")).toBeVisible();
  await expectNoAxeViolations(page, "Home with the sync section");
  await page.goto(`/?studio-test#/surveys/${SURVEY}`);
  await expect(page.getByRole("cell").filter({ hasText: /^Delivered / })).toHaveCount(3);
  await expectNoAxeViolations(page, "responses list with delivery states");
  const stored = await collection.responses(SURVEY);
  for (const id of ids) expect(stored.filter((r) => r.id === id)).toHaveLength(1);
  test.info().annotations.push({ type: "sends per response", description: String(sends() / ids.length) });
});

test("a revoked link is refused with a clear message; the response stays queued on the device", async ({ collection, page }) => {
  const link = await bind(page, collection, "Revoked team");
  await collection.revokeLink(SURVEY, link.linkId);
  const [id] = await completeResponses(page, 1, "after revoking");
  await page.goto(`/?studio-test#/surveys/${SURVEY}`);
  await expect(page.getByRole("cell").filter({ hasText: "Needs attention" })).toBeVisible();
  await expectNoAxeViolations(page, "responses list with a revoked link");
  await page.goto("/?studio-test#/");
  await expect(page.getByText(/The collection link for “.+” was revoked\. Its responses are kept on this device/)).toBeVisible();
  await page.getByRole("button", { name: "Send now" }).click();
  await expect(page.getByText(/was revoked/)).toBeVisible();
  expect((await outbox(page)).find((e) => e.responseId === id)?.state).toBe("queued");
  expect(await serverRevisions(collection, [id!])).toEqual([0]);

  // Opening the revoked link again says so.
  await page.goto(`/?studio-test#/collect/${link.token}`);
  await expect(page.getByRole("alert")).toHaveText("This collection link was revoked. Ask the survey’s coordinator for a new link.");
  await expectNoAxeViolations(page, "collect route, revoked link");
  // A new link for the survey delivers what waited.
  const fresh = await collection.createLink(SURVEY, "New link");
  await page.goto(`/?studio-test#/collect/${fresh.token}`);
  await expectDelivered(page, collection, [id!]);
});

test("the network drops after the server stored a response: the device sends it again, the server keeps one, the device shows it delivered", async ({ collection, page, context }) => {
  const sends = countSends(context);
  await bind(page, collection);
  let dropped = 0;
  // The first send reaches the server, but its answer never reaches the device.
  await page.route("**/api/surveys/*/responses/**", async (route) => {
    if (dropped++ === 0) {
      await route.fetch();
      await route.abort("connectionreset");
    } else await route.continue();
  });
  const ids = await completeResponses(page, 1, "dropped");
  await expectDelivered(page, collection, ids);
  const entry = (await outbox(page)).find((e) => e.responseId === ids[0]);
  expect(entry?.receipt?.outcome).toBe("identical");
  expect(sends()).toBeGreaterThanOrEqual(2);
  test.info().annotations.push({ type: "sends for one response, answer dropped once", description: String(sends()) });
});

test("the tab is killed while a send is in flight: the next start sends again, the server keeps one, the device shows it delivered", async ({ collection, page, context }) => {
  await bind(page, collection);
  let reached!: () => void;
  const atServer = new Promise<void>((r) => (reached = r));
  // The send reaches the server; the answer is held until the tab is gone.
  await page.route("**/api/surveys/*/responses/**", async (route) => {
    await route.fetch();
    reached();
    await new Promise(() => undefined);
  });
  const draft = readyDrafts(SURVEY, 1)[0]!;
  const id = draft["id"] as string;
  await putRecord(page, draft);
  await openResponseHere(page, id);
  await typeThenComplete(page, lastTextBox(page, SURVEY, TEXT_BOX), "killed mid-send", "click");
  await atServer;
  await page.close({ runBeforeUnload: false });
  expect(await serverRevisions(collection, [id])).toEqual([1]);

  const next = await context.newPage();
  await next.goto("/?studio-test#/");
  await expectDelivered(next, collection, [id]);
  await expect(next.getByText("Every response completed here has been delivered.")).toBeVisible();
});

test("the server is down while responses are completed; it comes back and the device delivers them by itself", async ({ collection, page, context }) => {
  const sends = countSends(context);
  await bind(page, collection);
  // The server also serves the app: while it is down, the app's code comes from the service worker.
  await installedForOffline(page);
  await collection.down();
  const ids = await completeResponses(page, 2, "server down");
  await page.goto("/?studio-test#/");
  // The server also serves the app, so the device's own check (src/device/online.ts) may see no connection at all.
  await expect(page.getByText(/^(The server cannot be reached right now|No connection)\./)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Responses waiting to send: 2" })).toBeVisible();
  const back = Date.now();
  await collection.up();
  // No reload, no click: the back-off timer sends.
  await expectDelivered(page, collection, ids, 60_000);
  // Backing off, not hammering: a handful of tries per response while the server was down.
  expect(sends()).toBeLessThanOrEqual(ids.length * 5);
  test.info().annotations.push({ type: "server up → delivered (2 responses)", description: `${Date.now() - back} ms` }, { type: "sends per response", description: String(sends() / ids.length) });
});

test("two devices on one link each deliver their own responses", async ({ collection, browser }) => {
  await collection.publish(FEEDBACK);
  const link = await collection.createLink(SURVEY, "Shared link");
  const devices = await Promise.all([browser.newContext(), browser.newContext()]);
  const all: string[] = [];
  for (const [i, device] of devices.entries()) {
    const page = await device.newPage();
    await page.goto(`/?studio-test#/collect/${link.token}`);
    await expect(page.getByRole("status").filter({ hasText: "This device now sends its responses" })).toBeVisible();
    await waitForDatabase(page);
    const ids = await completeResponses(page, 2, `device ${i}`);
    await expectDelivered(page, collection, ids);
    all.push(...ids);
  }
  const stored = await collection.responses(SURVEY);
  for (const id of all) expect(stored.filter((r) => r.id === id)).toHaveLength(1);
  await Promise.all(devices.map((d) => d.close()));
});

test("a designer publishes version 2: the device picks it up for new responses, its version 1 draft stays on version 1 and is delivered so", async ({ collection, page }) => {
  const surveyId = "pilot-feedback";
  const titled = (title: string) => (file: Record<string, unknown>) => void (file["title"] = title);
  await collection.publish(FEEDBACK, { surveyId, version: 1, edit: titled("Pilot feedback, first edition") });
  const link = await collection.createLink(surveyId, "Pilot");
  await page.goto(`/?studio-test#/collect/${link.token}`);
  await expect(page.getByRole("status")).toContainText("Pilot feedback, first edition");
  await waitForDatabase(page);
  // A response in progress on version 1.
  const draft: Record<string, unknown> = { ...readyDrafts(SURVEY, 1)[0]!, surveyId };
  const id = draft["id"] as string;
  await putRecord(page, draft);

  await collection.publish(FEEDBACK, { surveyId, version: 2, edit: titled("Pilot feedback, second edition") });
  await page.goto("/?studio-test#/");
  await page.getByRole("button", { name: "Send now" }).click();
  await expect(page.getByRole("heading", { name: "Pilot feedback, second edition" })).toBeVisible();

  // The draft keeps its version; a new response gets version 2.
  await openResponseHere(page, id);
  await typeThenComplete(page, lastTextBox(page, SURVEY, TEXT_BOX), "stays on version 1", "click");
  await expect(page.getByText("Thank you — your response is complete and saved on this device.")).toBeVisible();
  await expect.poll(async () => (await collection.history(surveyId, id))?.current.surveyVersion, { timeout: 30_000 }).toBe(1);
  await page.goto(`/?studio-test#/surveys/${surveyId}/new`);
  await page.waitForURL(/#\/responses\//);
  const newId = /#\/responses\/([0-9a-f-]+)/.exec(page.url())![1]!;
  await expect.poll(async () => (await storedResponse(page, newId))?.["surveyVersion"]).toBe(2);
});


test("reopened and completed again, a delivered response goes as revision 2 replacing revision 1; the server keeps both in its history", async ({ collection, page }) => {
  await bind(page, collection);
  const [id] = await completeResponses(page, 1, "first");
  await expectDelivered(page, collection, [id!]);
  // The completed response's own page says so too.
  await expect(page.locator(".delivery-line")).toContainText(/Delivery: Delivered /);
  await page.getByRole("button", { name: "Reopen for editing" }).click();
  await typeThenComplete(page, lastTextBox(page, SURVEY, TEXT_BOX), "second", "click");
  await expect(page.getByText("Thank you — your response is complete and saved on this device.")).toBeVisible();
  await expect.poll(async () => (await collection.history(SURVEY, id!))?.revisions.map((r) => [r.revision, r.replaces]), { timeout: 30_000 }).toEqual([
    [1, null],
    [2, 1],
  ]);
  expect((await collection.history(SURVEY, id!))?.current.data[TEXT_BOX]).toBe("second");
  await expect.poll(async () => (await outbox(page)).filter((e) => e.responseId === id).map((e) => [e.revision, e.state])).toEqual([
    [1, "delivered"],
    [2, "delivered"],
  ]);
});

test("the server already holds this revision with other answers: the device shows the conflict and keeps its own answers", async ({ collection, page }) => {
  const link = await bind(page, collection);
  const draft = readyDrafts(SURVEY, 1)[0]!;
  const id = draft["id"] as string;
  // Another device sent revision 1 of the same response id with other answers.
  const other = { ...draft, status: "completed", revision: 1, progress: 100, completedAt: new Date().toISOString(), data: { ...(draft["data"] as object), [TEXT_BOX]: "the other device's answer" } } as never;
  const res = await collection.api(`/surveys/${SURVEY}/responses/${id}/revisions/1`, { method: "PUT", bearer: link.token, body: { response: other, contentHash: await responseContentHash(other, 1), replaces: null } });
  expect(res.status).toBe(201);

  await putRecord(page, draft);
  await openResponseHere(page, id);
  await typeThenComplete(page, lastTextBox(page, SURVEY, TEXT_BOX), "this device's answer", "click");
  await expect(page.getByText("Thank you — your response is complete and saved on this device.")).toBeVisible();
  await expect.poll(async () => (await outbox(page)).find((e) => e.responseId === id)?.state).toBe("conflict");
  await page.goto(`/?studio-test#/surveys/${SURVEY}`);
  const cell = page.getByRole("cell").filter({ hasText: "Needs attention" });
  await cell.getByText("Needs attention").click();
  await expect(cell).toContainText("The server already holds revision 1 of this response with other answers");
  await expectNoAxeViolations(page, "responses list with a conflict");
  // Nothing lost on either side.
  expect((await collection.history(SURVEY, id))?.current.data[TEXT_BOX]).toBe("the other device's answer");
  expect(((await storedResponse(page, id))?.["data"] as Record<string, unknown>)[TEXT_BOX]).toBe("this device's answer");
  // Reopen and complete: revision 2 goes, replacing nothing the device delivered.
  await openResponseHere(page, id);
  await page.getByRole("button", { name: "Reopen for editing" }).click();
  await typeThenComplete(page, lastTextBox(page, SURVEY, TEXT_BOX), "this device's answer, sent again", "click");
  await expect.poll(async () => (await collection.history(SURVEY, id))?.current.revision, { timeout: 30_000 }).toBe(2);
  expect((await collection.history(SURVEY, id))?.revisions).toHaveLength(2);
});


test("a file answer reaches the server as an attachment named by its hash", async ({ collection, page }) => {
  const survey = {
    id: "photo-check",
    version: 1,
    languages: ["en"],
    title: "Site photo",
    pages: [{ name: "only", elements: [{ type: "file", name: "photo", title: "Photo of the site", isRequired: true }] }],
  };
  await collection.publish(JSON.stringify(survey, null, 2));
  const link = await collection.createLink("photo-check", "Photos");
  await page.goto(`/?studio-test#/collect/${link.token}`);
  await page.getByRole("link", { name: "Start a response" }).click();
  await page.waitForURL(/#\/responses\//);
  const id = /#\/responses\/([0-9a-f-]+)/.exec(page.url())![1]!;
  const bytes = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4]);
  await page.locator("input[type=file]").setInputFiles({ name: "site.png", mimeType: "image/png", buffer: bytes });
  await expect(page.getByText("site.png")).toBeVisible();
  await page.locator(".survey-nav").getByRole("button", { name: "Complete" }).click();
  await expect(page.getByText("Thank you — your response is complete and saved on this device.")).toBeVisible();
  await expect.poll(async () => (await collection.history("photo-check", id))?.current.data["photo"], { timeout: 30_000 }).toEqual([
    expect.objectContaining({ name: "site.png", content: `sha256:${createHash("sha256").update(bytes).digest("hex")}` }),
  ]);
  const file = await collection.api(`/surveys/photo-check/attachments/${createHash("sha256").update(bytes).digest("hex")}`);
  expect(file.status).toBe(200);
  expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
});
