import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiptSchema } from "../../src/schema/submission.ts";
import { apiProblemSchema, problemCode } from "../../src/schema/server-api.ts";
import { countRows } from "../../server/data/responses.ts";
import { CAPACITY_TEXT, ENGINES, call, completedResponses, createLinkFor, publish, signedIn, startTestServer, submissionBody, submitUrl, type Caller, type TestServer } from "./harness.ts";

const SURVEY = "unct-migration-capacity";

describe.each(ENGINES)("receiving responses exactly once (%s)", (engine) => {
  let t: TestServer;
  let device: Caller;
  beforeAll(async () => {
    t = await startTestServer(engine);
    const admin = await signedIn(t, { serverAdmin: true });
    expect((await publish(t, admin, CAPACITY_TEXT)).statusCode).toBe(201);
    device = { bearer: (await createLinkFor(t, admin, SURVEY, { perMinute: 100_000 })).token };
  });
  afterAll(() => t.close());

  const put = async (body: unknown, url: string) => call(t, device, { method: "PUT", url, body });

  it("answers 201 created, then 200 identical with the first receipt, and stores one row", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 101);
    const body = await submissionBody(r!);
    const first = await put(body, submitUrl(r!));
    expect(first.statusCode).toBe(201);
    const receipt = receiptSchema.parse(first.json());
    expect(receipt).toMatchObject({ outcome: "created", revision: 1, responseId: r!.id, current: true, contentHash: body.contentHash });
    const again = await put(body, submitUrl(r!));
    expect(again.statusCode).toBe(200);
    expect(receiptSchema.parse(again.json())).toEqual({ ...receipt, outcome: "identical" });
    const rows = await t.database.db.selectFrom("response_revisions").select("response_id").where("response_id", "=", r!.id).execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses different content for a stored revision with 409 and overwrites nothing", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 102);
    expect((await put(await submissionBody(r!), submitUrl(r!))).statusCode).toBe(201);
    const changed = { ...r!, data: { ...r!.data, extra_note: "changed on another device" } };
    const res = await put(await submissionBody(changed), submitUrl(changed));
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const problem = apiProblemSchema.parse(res.json());
    expect(problemCode(problem.type)).toBe("revision-conflict");
    const stored = await t.database.db.selectFrom("responses").select("data").where("id", "=", r!.id).executeTakeFirstOrThrow();
    expect(stored.data).toEqual(r!.data);
  });

  it("50 concurrent identical PUTs store one row: one 201, the rest 200", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 103);
    const body = await submissionBody(r!);
    const results = await Promise.all(Array.from({ length: 50 }, () => put(body, submitUrl(r!))));
    const codes = results.map((x) => x.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 200)).toHaveLength(49);
    const receivedAt = new Set(results.map((x) => (x.json() as { receivedAt: string }).receivedAt));
    expect(receivedAt.size).toBe(1);
    const rows = await t.database.db.selectFrom("response_revisions").select("response_id").where("response_id", "=", r!.id).execute();
    expect(rows).toHaveLength(1);
  });

  it("50 concurrent conflicting PUTs: one winner, 49 conflicts, the winner's content stored", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 104);
    const bodies = await Promise.all(Array.from({ length: 50 }, (_, i) => submissionBody({ ...r!, data: { ...r!.data, attempt: i } })));
    const results = await Promise.all(bodies.map((b) => put(b, submitUrl(r!))));
    const winners = results.map((x, i) => ({ code: x.statusCode, i })).filter((x) => x.code === 201);
    expect(winners).toHaveLength(1);
    expect(results.filter((x) => x.statusCode === 409)).toHaveLength(49);
    const stored = await t.database.db.selectFrom("responses").select(["data", "content_hash"]).where("id", "=", r!.id).executeTakeFirstOrThrow();
    expect(stored.content_hash).toBe(bodies[winners[0]!.i]!.contentHash);
    expect((stored.data as { attempt: number }).attempt).toBe(winners[0]!.i);
  });

  it("a reopened and re-completed response is a new revision; the history keeps both", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 105);
    expect((await put(await submissionBody(r!), submitUrl(r!))).statusCode).toBe(201);
    const second = { ...r!, data: { ...r!.data, q_reopened: "yes" }, updatedAt: "2026-06-01T10:00:00.000Z", completedAt: "2026-06-01T10:00:00.000Z" };
    const res = await put(await submissionBody(second, 2, 1), submitUrl(second, 2));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ revision: 2, current: true });
    const analyst = await signedIn(t, { serverAdmin: true });
    const history = await call(t, analyst, { method: "GET", url: `/api/surveys/${SURVEY}/responses/${r!.id}` });
    expect(history.statusCode).toBe(200);
    const h = history.json() as { current: { revision: number; data: Record<string, unknown> }; revisions: { revision: number; replaces: number | null }[] };
    expect(h.current.revision).toBe(2);
    expect(h.current.data["q_reopened"]).toBe("yes");
    expect(h.revisions.map((x) => [x.revision, x.replaces])).toEqual([
      [1, null],
      [2, 1],
    ]);
  });

  it("a late older revision goes to the history and does not replace the newer one", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 106);
    const v2 = { ...r!, data: { ...r!.data, version_two: true } };
    expect((await put(await submissionBody(v2, 2, 1), submitUrl(v2, 2))).statusCode).toBe(201);
    const late = await put(await submissionBody(r!, 1), submitUrl(r!, 1));
    expect(late.statusCode).toBe(201);
    expect(late.json()).toMatchObject({ revision: 1, current: false });
    const head = await t.database.db.selectFrom("responses").select("revision").where("id", "=", r!.id).executeTakeFirstOrThrow();
    expect(head.revision).toBe(2);
    expect((await countRows(t.database.db, SURVEY)).revisions).toBeGreaterThanOrEqual(2);
  });

  it("refuses a wrong content hash, an unpublished version, a draft, and a body that disagrees with the URL", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 107);
    const body = await submissionBody(r!);
    const bad = await put({ ...body, contentHash: "0".repeat(64) }, submitUrl(r!));
    expect(bad.statusCode).toBe(422);
    expect(problemCode((bad.json() as { type: string }).type)).toBe("hash-mismatch");
    const v9 = { ...r!, surveyVersion: 9 };
    const unknown = await put(await submissionBody(v9), submitUrl(v9));
    expect(unknown.statusCode).toBe(422);
    expect(problemCode((unknown.json() as { type: string }).type)).toBe("unknown-version");
    const draft = await put({ ...body, response: { ...body.response, status: "draft" } }, submitUrl(r!));
    expect(draft.statusCode).toBe(400);
    expect((draft.json() as { errors: { path: string }[] }).errors[0]?.path).toBe("response.status");
    const wrongRevision = await put(body, submitUrl(r!, 3));
    expect(wrongRevision.statusCode).toBe(400);
    expect((await t.database.db.selectFrom("response_revisions").select("response_id").where("response_id", "=", r!.id).execute()).length).toBe(0);
  });

  it("accepts a record without a revision field (devices from before revisions) as the URL's revision", async () => {
    const [r] = completedResponses(CAPACITY_TEXT, 1, 108);
    const body = await submissionBody(r!);
    const { revision: _drop, ...response } = body.response;
    const res = await put({ ...body, response }, submitUrl(r!));
    expect(res.statusCode).toBe(201);
  });

  it("refuses a response id that another survey uses", async () => {
    const admin = await signedIn(t, { serverAdmin: true });
    const other = CAPACITY_TEXT.replace('"id": "unct-migration-capacity"', '"id": "other-capacity"');
    expect((await publish(t, admin, other)).statusCode).toBe(201);
    const [r] = completedResponses(CAPACITY_TEXT, 1, 109);
    expect((await put(await submissionBody(r!), submitUrl(r!))).statusCode).toBe(201);
    const moved = { ...r!, surveyId: "other-capacity" };
    const res = await call(t, admin, { method: "PUT", url: submitUrl(moved, 2), body: await submissionBody(moved, 2) });
    expect(res.statusCode).toBe(409);
    expect(problemCode((res.json() as { type: string }).type)).toBe("response-id-taken");
  });

  it("attachments are content-addressed: the same bytes twice are one row, a wrong hash is refused", async () => {
    const bytes = Buffer.from("a signature, as PNG bytes would be");
    const { createHash } = await import("node:crypto");
    const hash = createHash("sha256").update(bytes).digest("hex");
    const url = `/api/surveys/${SURVEY}/attachments/${hash}`;
    const a = await call(t, device, { method: "PUT", url, body: bytes, contentType: "image/png" });
    expect(a.statusCode).toBe(201);
    const b = await call(t, device, { method: "PUT", url, body: bytes, contentType: "image/png" });
    expect(b.statusCode).toBe(200);
    const wrong = await call(t, device, { method: "PUT", url: `/api/surveys/${SURVEY}/attachments/${"a".repeat(64)}`, body: bytes, contentType: "image/png" });
    expect(wrong.statusCode).toBe(422);
    const rows = await t.database.db.selectFrom("attachments").select("hash").execute();
    expect(rows.map((x) => x.hash)).toEqual([hash]);
  });
});
