/**
 * The catalog's precedence rule (src/catalog/catalog.ts): stored text wins for one version, the
 * highest version that opens is current, a shipped file opens only when survey-core's checks pass.
 * Runs against the shipped surveys/ (the build plugin serves them in Vitest too) and the app's
 * database in fake-indexeddb.
 */
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { highestVersion, knownSurveyIds, latestSurvey, openSurvey, registerShippedDefinitions, surveyVersions, surveysToOpen } from "../../src/catalog/catalog.ts";
import { mergeSurveyCards, shippedCards } from "../../src/catalog/cards.ts";
import { textToEnvelope } from "../../src/catalog/envelope.ts";
import { createDefinitionRepository } from "../../src/db/definitions.ts";
import { getDatabase } from "../../src/db/database.ts";
import { textToSha256 } from "../../src/schema/responses-file.ts";

const ID = "gfmd-workshop-feedback";
const shippedText = readFileSync(`surveys/${ID}.json`, "utf8");
const shipped = JSON.parse(shippedText) as Record<string, unknown>;
const withTitle = (title: string, version: number) => JSON.stringify({ ...shipped, version, title });

beforeEach(async () => {
  await getDatabase().definitions.clear();
});

describe("catalog", () => {
  it("lists a shipped survey with its file's text and hash while nothing is stored", async () => {
    expect((await latestSurvey(ID))?.version).toBe(1);
    const [only, ...rest] = await surveyVersions(ID);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ origin: "shipped", stored: false, text: shippedText, ref: { surveyId: ID, version: 1, hash: await textToSha256(shippedText) } });
    expect((await openSurvey(ID))?.id).toBe(ID);
  });

  it("takes the stored text over the shipped file for the same version", async () => {
    await createDefinitionRepository().save({ surveyId: ID, version: 1, text: withTitle("Stored copy", 1), origin: "shipped" });
    expect((await latestSurvey(ID))?.title).toBe("Stored copy");
    expect((await openSurvey(ID, 1))?.title).toBe("Stored copy");
    expect((await surveyVersions(ID)).map((v) => [v.file.version, v.stored])).toEqual([[1, true]]);
  });

  it("makes the highest version current, and keeps every version for the responses filled with it", async () => {
    await createDefinitionRepository().save({ surveyId: ID, version: 3, text: withTitle("Version three", 3), origin: "designer" });
    expect((await latestSurvey(ID))?.version).toBe(3);
    expect((await openSurvey(ID))?.title).toBe("Version three");
    expect((await openSurvey(ID, 1))?.version).toBe(1);
    expect(await openSurvey(ID, 2)).toBeUndefined();
    expect((await surveyVersions(ID)).map((v) => [v.file.version, v.origin])).toEqual([
      [3, "designer"],
      [1, "shipped"],
    ]);
    expect(await highestVersion(ID)).toBe(3);
    // The home page's cards follow the same rule without parsing anything but the envelope.
    const cards = mergeSurveyCards([{ surveyId: ID, version: 3, text: withTitle("Version three", 3), origin: "designer" }]);
    expect(cards.find((c) => c.id === ID)).toMatchObject({ version: 3, title: "Version three", origin: "designer" });
  });

  it("passes over a stored version that does not parse", async () => {
    await getDatabase().definitions.add({ surveyId: ID, version: 2, text: "{ not json", hash: "0".repeat(64), savedAt: "2026-01-01T00:00:00.000Z", origin: "designer" });
    expect((await latestSurvey(ID))?.version).toBe(1);
    expect((await surveyVersions(ID)).map((v) => v.file.version)).toEqual([1]);
  });

  it("knows surveys that exist only in this browser", async () => {
    const text = JSON.stringify({ ...shipped, id: "made-here", version: 2 });
    await createDefinitionRepository().save({ surveyId: "made-here", version: 2, text, origin: "designer" });
    expect(await knownSurveyIds()).toEqual(new Set(["gfmd-workshop-feedback", "jp-country-progress", "unct-migration-capacity", "made-here"]));
    expect((await surveysToOpen()).map((f) => `${f.id}@${f.version}`).sort()).toEqual([
      "gfmd-workshop-feedback@1",
      "jp-country-progress@1",
      "made-here@2",
      "unct-migration-capacity@1",
    ]);
    expect(await latestSurvey("nowhere")).toBeUndefined();
  });

  it("stores every shipped file that passes the checks, once", async () => {
    await registerShippedDefinitions();
    const stored = await getDatabase().definitions.toArray();
    expect(stored.map((d) => `${d.surveyId}@${d.version}:${d.origin}`).sort()).toEqual([
      "gfmd-workshop-feedback@1:shipped",
      "jp-country-progress@1:shipped",
      "unct-migration-capacity@1:shipped",
    ]);
    expect(stored.find((d) => d.surveyId === ID)?.text).toBe(shippedText);
  });

  it("reads envelopes for lists without failing on text that is not a survey", () => {
    expect(textToEnvelope('{"id":"a","version":2,"title":"T","languages":["en"]}')).toEqual({ id: "a", version: 2, title: "T", languages: ["en"] });
    expect(textToEnvelope("[1]")).toEqual({});
    expect(textToEnvelope("{").syntaxError).toMatch(/JSON/);
    expect(shippedCards().map((c) => c.id).sort()).toEqual(["gfmd-workshop-feedback", "jp-country-progress", "unct-migration-capacity"]);
  });
});
