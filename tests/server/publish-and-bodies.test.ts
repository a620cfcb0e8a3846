import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemCode, publishedSurveyListSchema, publishReportSchema } from "../../src/schema/server-api.ts";
import { CAPACITY_TEXT, ENGINES, call, completedResponses, createLinkFor, publish, signedIn, startTestServer, submissionBody, submitUrl, withVersion, type Caller, type TestServer } from "./harness.ts";

const SURVEY = "unct-migration-capacity";
const typeOf = (res: { json(): unknown }) => problemCode((res.json() as { type: string }).type);

describe.each(ENGINES)("publishing and fetching definitions (%s)", (engine) => {
  let t: TestServer;
  let admin: Caller & { userId: string };
  beforeAll(async () => {
    t = await startTestServer(engine);
    admin = await signedIn(t, { serverAdmin: true });
  });
  afterAll(() => t.close());

  it("publishes version 1 (201), again identically (200), and refuses other content under the same number (409)", async () => {
    const first = await publish(t, admin, CAPACITY_TEXT);
    expect(first.statusCode).toBe(201);
    const report = publishReportSchema.parse(first.json());
    expect(report).toMatchObject({ surveyId: SURVEY, version: 1, outcome: "created", previousVersion: null, breaking: [] });
    expect((await publish(t, admin, CAPACITY_TEXT)).statusCode).toBe(200);
    const changed = await publish(t, admin, withVersion(CAPACITY_TEXT, 1, (f) => (f["title"] = "Another title")));
    expect(changed.statusCode).toBe(409);
    expect(typeOf(changed)).toBe("version-conflict");
  });

  it("refuses a survey with lint errors and says where, as npm run lint:surveys does", async () => {
    const broken = withVersion(CAPACITY_TEXT, 2, (f) => {
      const pages = f["pages"] as { elements: { choices?: unknown[] }[] }[];
      const q = pages.flatMap((p) => p.elements).find((e) => Array.isArray(e.choices));
      q!.choices!.push({ text: "no value" });
    });
    const res = await publish(t, admin, broken);
    expect(res.statusCode).toBe(422);
    expect(typeOf(res)).toBe("lint-errors");
    const report = publishReportSchema.parse((res.json() as { report: unknown }).report);
    const error = report.problems.find((p) => p.severity === "error");
    expect(error?.message).toMatch(/no value/);
    expect(error?.line).toBeGreaterThan(1);
    const versions = await call(t, admin, { method: "GET", url: `/api/surveys/${SURVEY}/versions` });
    expect((versions.json() as { versions: unknown[] }).versions).toHaveLength(1);
  });

  it("refuses a file whose id or version differs from the URL", async () => {
    const res = await call(t, admin, { method: "PUT", url: `/api/surveys/${SURVEY}/versions/5`, text: withVersion(CAPACITY_TEXT, 4) });
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json())).toMatch(/published as version 5/);
  });

  it("reports breaking changes with the number of stored responses each affects", async () => {
    const link = { bearer: (await createLinkFor(t, admin, SURVEY, { perMinute: 10_000 })).token };
    const records = completedResponses(CAPACITY_TEXT, 12, 301);
    for (const r of records) expect((await call(t, link, { method: "PUT", url: submitUrl(r), body: await submissionBody(r) })).statusCode).toBe(201);
    const file = JSON.parse(CAPACITY_TEXT) as { pages: { elements: { name: string; type: string }[] }[] };
    // A question that no condition or expression refers to, so that removing it leaves no lint error.
    const index = file.pages[0]!.elements.findIndex((e) => e.type !== "html" && !CAPACITY_TEXT.includes(`{${e.name}`) && CAPACITY_TEXT.split(`"${e.name}"`).length === 2);
    const firstQuestion = file.pages[0]!.elements[index]!.name;
    const answered = records.filter((r) => r.data[firstQuestion] !== undefined && r.data[firstQuestion] !== "").length;
    const v2 = withVersion(CAPACITY_TEXT, 2, (f) => {
      const pages = f["pages"] as { elements: unknown[] }[];
      pages[0]!.elements.splice(index, 1);
    });
    const check = await call(t, admin, { method: "POST", url: `/api/surveys/${SURVEY}/versions/2/check`, text: v2 });
    expect(check.statusCode).toBe(200);
    const report = publishReportSchema.parse(check.json());
    expect(report.outcome).toBe("checked");
    const removed = report.breaking.find((b) => b.field === firstQuestion);
    expect(removed?.kind).toBe("removed");
    expect(answered).toBeGreaterThan(0);
    expect(removed?.affectedResponses).toBe(answered);
    const published = await publish(t, admin, v2);
    expect(published.statusCode, published.body).toBe(201);
    expect(publishReportSchema.parse(published.json()).previousVersion).toBe(1);
  });

  it("serves the list and each version with an ETag; If-None-Match gives 304", async () => {
    const list = await call(t, admin, { method: "GET", url: "/api/surveys" });
    expect(list.statusCode).toBe(200);
    const parsed = publishedSurveyListSchema.parse(list.json());
    expect(parsed.surveys[0]?.versions.map((v) => v.version)).toEqual([1, 2]);
    const etag = String(list.headers["etag"]);
    expect((await call(t, admin, { method: "GET", url: "/api/surveys", headers: { "if-none-match": etag } })).statusCode).toBe(304);

    const v1 = await call(t, admin, { method: "GET", url: `/api/surveys/${SURVEY}/versions/1` });
    expect(v1.statusCode).toBe(200);
    expect(v1.body).toBe(CAPACITY_TEXT);
    expect(v1.headers["etag"]).toBe(`"${parsed.surveys[0]!.versions[0]!.hash}"`);
    expect((await call(t, admin, { method: "GET", url: `/api/surveys/${SURVEY}/versions/1`, headers: { "if-none-match": String(v1.headers["etag"]) } })).statusCode).toBe(304);

    // A new version changes the list's ETag.
    expect((await publish(t, admin, withVersion(CAPACITY_TEXT, 3))).statusCode).toBe(201);
    expect((await call(t, admin, { method: "GET", url: "/api/surveys", headers: { "if-none-match": etag } })).statusCode).toBe(200);
  });

  it("lets only server administrators publish a new survey, and designers publish versions of theirs", async () => {
    const designer = await signedIn(t);
    const fresh = CAPACITY_TEXT.replace('"id": "unct-migration-capacity"', '"id": "brand-new-survey"');
    const refused = await publish(t, designer, fresh);
    expect(refused.statusCode).toBe(403);
    expect((await call(t, admin, { method: "PUT", url: `/api/surveys/${SURVEY}/members/${designer.userId}`, body: { role: "designer" } })).statusCode).toBe(200);
    expect((await publish(t, designer, withVersion(CAPACITY_TEXT, 4))).statusCode).toBe(201);
    const audit = await call(t, admin, { method: "GET", url: `/api/surveys/${SURVEY}/audit` });
    const actions = (audit.json() as { items: { action: string }[] }).items.map((i) => i.action);
    expect(actions).toContain("survey.publish");
    expect(actions).toContain("role.grant");
    expect(actions).toContain("link.create");
  });
});

describe.each(ENGINES)("hostile bodies are refused with a clear error (%s)", (engine) => {
  let t: TestServer;
  let link: Caller;
  beforeAll(async () => {
    t = await startTestServer(engine, { MAX_RESPONSE_BYTES: "65536" });
    const admin = await signedIn(t, { serverAdmin: true });
    expect((await publish(t, admin, CAPACITY_TEXT)).statusCode).toBe(201);
    link = { bearer: (await createLinkFor(t, admin, SURVEY)).token };
  });
  afterAll(() => t.close());

  it("an oversized body: 413 body-too-large", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 401);
    const big = { ...r!, data: { ...r!.data, essay: "x".repeat(70_000) } };
    const res = await call(t, link, { method: "PUT", url: submitUrl(big), body: await submissionBody(big) });
    expect(res.statusCode).toBe(413);
    expect(typeOf(res)).toBe("body-too-large");
  });

  it("wrong types: 400 with the path of each field", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 402);
    const body = await submissionBody(r!);
    const res = await call(t, link, { method: "PUT", url: submitUrl(r!), body: { ...body, response: { ...body.response, surveyVersion: "one", data: [] } } });
    expect(res.statusCode).toBe(400);
    expect(typeOf(res)).toBe("invalid-body");
    const paths = (res.json() as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["response.surveyVersion", "response.data"]));
  });

  it("__proto__ and constructor.prototype keys: 400", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 403);
    const body = JSON.stringify(await submissionBody(r!)).replace('"data":{', '"data":{"__proto__":{"polluted":true},');
    const res = await call(t, link, { method: "PUT", url: submitUrl(r!), text: body });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { detail: string }).detail).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    const ctor = await call(t, link, { method: "PUT", url: submitUrl(r!), text: '{"constructor":{"prototype":{"polluted":true}}}' });
    expect(ctor.statusCode).toBe(400);
  });

  it("deep nesting: 400 too-deep, before anything recurses", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 404);
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const res = await call(t, link, { method: "PUT", url: submitUrl(r!), text: `{"response":{"data":{"q":${deep}}}}` });
    expect(res.statusCode).toBe(400);
    expect(typeOf(res)).toBe("too-deep");
  });

  it("not JSON, no body, unknown keys, a non-JSON content type: 400 or 415", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 405);
    const url = submitUrl(r!);
    const notJson = await call(t, link, { method: "PUT", url, text: "{ nope" });
    expect(notJson.statusCode).toBe(400);
    expect((notJson.json() as { detail: string }).detail).toMatch(/not valid JSON/);
    expect((await call(t, link, { method: "PUT", url })).statusCode).toBe(415);
    const extra = await call(t, link, { method: "PUT", url, body: { ...(await submissionBody(r!)), sneaky: 1 } });
    expect(extra.statusCode).toBe(400);
    expect((await call(t, link, { method: "PUT", url, text: "a=b", contentType: "application/x-www-form-urlencoded" })).statusCode).toBe(415);
  });
});
