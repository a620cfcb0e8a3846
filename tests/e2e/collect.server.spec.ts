import { readFileSync } from "node:fs";
import { linkInfoSchema } from "../../src/schema/server-api.ts";
import { expect, test } from "./server-fixture.ts";

const FEEDBACK = readFileSync("surveys/gfmd-workshop-feedback.json", "utf8");

test("the fixture's server serves the app and answers a collection link", async ({ collection, page }) => {
  await collection.publish(FEEDBACK);
  const { token, url } = await collection.createLink("gfmd-workshop-feedback");
  expect(url).toBe(`${collection.url}/#/collect/${token}`);
  const info = linkInfoSchema.parse(await (await collection.api("/link", { bearer: token })).json());
  expect(info).toMatchObject({ surveyId: "gfmd-workshop-feedback", latest: 1 });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
