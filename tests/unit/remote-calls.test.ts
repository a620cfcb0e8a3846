import { describe, expect, it } from "vitest";
import type { FetchLike } from "../../src/remote/http.ts";
import { remoteFailure } from "../../src/remote/failure.ts";
import { checkVersion, publishedSurveys, publishedVersions, publishVersion, refusedReport } from "../../src/remote/publish.ts";
import { dispositionFileName, downloadServerExport, exportOptionsToQuery, responsePages, serverCanExport, serverExportFiles } from "../../src/remote/server-data.ts";
import { readServerPresence, signIn } from "../../src/remote/session.ts";
import { exportQuerySchema, problemType, type PublishReport, type Session } from "../../src/schema/server-api.ts";

const json = (status: number, body: unknown, type = "application/json") => new Response(JSON.stringify(body), { status, headers: { "content-type": type } });
const problem = (status: number, code: Parameters<typeof problemType>[0], extra: Record<string, unknown> = {}) =>
  json(status, { type: problemType(code), title: code, status, detail: `detail of ${code}`, ...extra }, "application/problem+json");

/** A fetch that records what was sent and answers from `reply`. */
function recorder(reply: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const sent: { url: string; init: RequestInit }[] = [];
  const f: FetchLike = async (url, init) => {
    sent.push({ url, init });
    return reply(url, init);
  };
  return { f, sent };
}

async function failureOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return remoteFailure(e);
  }
  throw new Error("did not fail");
}

const SESSION: Session = {
  user: { id: "0d7f6d4e-3c1b-4d5e-9f7a-1b2c3d4e5f60", email: "ana@example.org", name: "Ana", serverAdmin: false, createdAt: "2026-01-01T00:00:00.000Z", disabled: false },
  roles: [{ surveyId: "capacity", role: "designer" }],
  csrfToken: "csrf-1",
  expiresAt: "2026-02-01T00:00:00.000Z",
};

const REPORT: PublishReport = {
  surveyId: "capacity",
  version: 2,
  hash: "a".repeat(64),
  outcome: "checked",
  previousVersion: 1,
  problems: [{ path: "pages[0].elements[1]", message: "no name", severity: "error", source: "lint" }],
  breaking: [{ kind: "removed", field: "q1", affectedResponses: 3, message: "q1 was removed" }],
};

describe("src/remote/session: whether there is a server, and who is signed in", () => {
  it("tells signed in, signed out, no server and unreachable apart", async () => {
    expect(await readServerPresence(async () => json(200, SESSION))).toEqual({ kind: "signed-in", session: SESSION });
    expect(await readServerPresence(async () => problem(401, "unauthenticated"))).toEqual({ kind: "signed-out" });
    // Static deploys: a host's 404 page, the app's own page served for every path, or someone else's JSON.
    expect(await readServerPresence(async () => new Response("<h1>Not found</h1>", { status: 404, headers: { "content-type": "text/html" } }))).toEqual({ kind: "none" });
    expect(await readServerPresence(async () => new Response("<!doctype html><title>Survey Studio</title>", { status: 200, headers: { "content-type": "text/html" } }))).toEqual({ kind: "none" });
    expect(await readServerPresence(async () => json(200, { hello: "world" }))).toEqual({ kind: "none" });
    expect(await readServerPresence(async () => new Response("", { status: 404 }))).toEqual({ kind: "none" });
    // Offline, or the server is down behind its proxy, or shutting down.
    expect(await readServerPresence(async () => Promise.reject(new TypeError("Failed to fetch")))).toEqual({ kind: "unreachable" });
    expect(await readServerPresence(async () => new Response("bad gateway", { status: 502, headers: { "content-type": "text/html" } }))).toEqual({ kind: "unreachable" });
    expect(await readServerPresence(async () => problem(503, "shutting-down"))).toEqual({ kind: "unreachable" });
  });

  it("signs in with a JSON body and reads a refusal as its problem code", async () => {
    const { f, sent } = recorder(() => json(200, SESSION));
    expect(await signIn("ana@example.org", "pw", f)).toEqual(SESSION);
    expect(sent[0]?.url).toBe("/api/session");
    expect(sent[0]?.init.method).toBe("POST");
    expect(JSON.parse(String(sent[0]?.init.body))).toEqual({ email: "ana@example.org", password: "pw" });
    expect((await failureOf(signIn("ana@example.org", "wrong", async () => problem(401, "sign-in-failed")))).code).toBe("sign-in-failed");
    expect((await failureOf(signIn("a@b.c", "x", async () => problem(429, "rate-limited")))).code).toBe("rate-limited");
  });
});

describe("src/remote/publish", () => {
  const who = { kind: "session", csrfToken: "csrf-1" } as const;
  const text = '{\n  "id": "capacity",\n  "version": 2,   "title": "Cap"\n}\n';

  it("sends the saved text byte for byte with the CSRF token, to check and to publish", async () => {
    const { f, sent } = recorder((url) => json(url.endsWith("/check") ? 200 : 201, { ...REPORT, outcome: url.endsWith("/check") ? "checked" : "created" }));
    expect((await checkVersion("capacity", 2, text, who, f)).outcome).toBe("checked");
    expect((await publishVersion("capacity", 2, text, who, f)).outcome).toBe("created");
    expect(sent.map((s) => `${s.init.method} ${s.url}`)).toEqual(["POST /api/surveys/capacity/versions/2/check", "PUT /api/surveys/capacity/versions/2"]);
    for (const s of sent) {
      expect(s.init.body).toBe(text);
      expect((s.init.headers as Record<string, string>)["x-csrf-token"]).toBe("csrf-1");
      expect((s.init.headers as Record<string, string>)["content-type"]).toBe("application/json");
    }
  });

  it("reads a version conflict, and a lint refusal with its report", async () => {
    const conflict = await failureOf(publishVersion("capacity", 2, text, who, async () => problem(409, "version-conflict", { storedHash: "b".repeat(64) })));
    expect(conflict.code).toBe("version-conflict");
    expect(conflict.status).toBe(409);
    let refused: unknown;
    try {
      await publishVersion("capacity", 2, text, who, async () => problem(422, "lint-errors", { report: REPORT }));
    } catch (e) {
      refused = e;
    }
    expect(remoteFailure(refused).code).toBe("lint-errors");
    expect(refusedReport(refused)).toEqual(REPORT);
    // A report that is not one is not passed on.
    let broken: unknown;
    try {
      await publishVersion("capacity", 2, text, who, async () => problem(422, "lint-errors", { report: { version: "two" } }));
    } catch (e) {
      broken = e;
    }
    expect(refusedReport(broken)).toBeUndefined();
  });

  it("lists no versions for a survey the server does not have, and fails on other refusals", async () => {
    expect(await publishedVersions("new-survey", who, async () => problem(404, "not-found"))).toEqual([]);
    const versions = [{ version: 1, hash: "c".repeat(64), publishedAt: "2026-01-01T00:00:00.000Z" }];
    expect(await publishedVersions("capacity", who, async () => json(200, { surveyId: "capacity", versions }))).toEqual(versions);
    expect((await failureOf(publishedVersions("capacity", who, async () => problem(403, "forbidden")))).code).toBe("forbidden");
    const surveys = [{ surveyId: "capacity", title: { default: "Capacity", fr: "Capacités" }, latest: 1, versions }];
    expect(await publishedSurveys(who, async () => json(200, { surveys }))).toEqual(surveys);
  });
});

describe("src/remote/server-data", () => {
  const who = { kind: "session", csrfToken: "csrf-1" } as const;
  const item = (i: number) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    surveyId: "capacity",
    surveyVersion: 1,
    status: "completed",
    revision: 1,
    data: { q: i },
    currentPage: "p1",
    language: "en",
    progress: 100,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    completedAt: "2026-01-01T00:00:00.000Z",
    contentHash: "d".repeat(64),
    receivedAt: "2026-01-02T00:00:00.000Z",
  });

  it("follows the server's cursors page by page, passing each `next` as `after`", async () => {
    const total = 7;
    const { f, sent } = recorder((url) => {
      const q = new URL(url, "http://x").searchParams;
      const from = Number(q.get("after") ?? 0);
      const limit = Number(q.get("limit"));
      const to = Math.min(total, from + limit);
      return json(200, { items: Array.from({ length: to - from }, (_, i) => item(from + i)), next: to < total ? String(to) : null, total });
    });
    const seen: number[] = [];
    for await (const page of responsePages("capacity", { limit: 3, status: "completed" }, who, f)) seen.push(...page.items.map((r) => (r.data as { q: number }).q));
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sent.map((s) => s.url)).toEqual([
      "/api/surveys/capacity/responses?limit=3&status=completed",
      "/api/surveys/capacity/responses?limit=3&after=3&status=completed",
      "/api/surveys/capacity/responses?limit=3&after=6&status=completed",
    ]);
  });

  it("stops on a server that repeats a cursor instead of looping for ever", async () => {
    const pages = responsePages("capacity", {}, who, async () => json(200, { items: [item(1)], next: "same", total: 9 }));
    const e = await failureOf(
      (async () => {
        for await (const _ of pages) void _;
      })(),
    );
    expect(e.code).toBe("bad-answer");
  });

  it("writes the export options as the query the server parses back to the same options", () => {
    const options = { headers: "titles", values: "labels", language: "fr", delimiter: "semicolon", bom: false, includeDrafts: true, multi: "columns", repeats: "files", neutralize: false, separator: "_", lineEnding: "lf", decimalMark: "," } as const;
    const q = exportOptionsToQuery(options, "zip");
    expect(exportQuerySchema.parse(Object.fromEntries(q))).toEqual({ file: "zip", ...options });
    expect(Object.fromEntries(exportOptionsToQuery({}, "csv"))).toEqual({ file: "csv" });
    expect(serverExportFiles({ repeats: "files" })).toEqual(["zip"]);
    expect(serverExportFiles({ repeats: "wide" })).toEqual(["csv", "codebook"]);
    expect(serverCanExport({ format: "csv", scripts: [] })).toBe(true);
    expect(serverCanExport({ format: "xlsx" })).toBe(false);
    expect(serverCanExport({ format: "csv", scripts: ["r"] })).toBe(false);
    expect(serverCanExport({ format: "csv", files: true })).toBe(false);
  });

  it("reads file names from Content-Disposition, never a path", () => {
    expect(dispositionFileName('attachment; filename="capacity.csv"')).toBe("capacity.csv");
    expect(dispositionFileName("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.csv; filename=\"x.csv\"")).toBe("résumé.csv");
    expect(dispositionFileName('attachment; filename="../../etc/passwd"')).toBe("passwd");
    expect(dispositionFileName(null)).toBeUndefined();
  });

  it("reads the export as a stream, counting bytes, with its name and figures", async () => {
    const chunks = ["id,q\r\n", "1,2\r\n", "3,4\r\n"];
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const s of chunks) c.enqueue(new TextEncoder().encode(s));
        c.close();
      },
    });
    const { f, sent } = recorder(() => new Response(body, { status: 200, headers: { "content-type": "text/csv;charset=utf-8", "content-disposition": 'attachment; filename="capacity.csv"', "x-export-responses": "2", "x-export-columns": "2" } }));
    const progress: number[] = [];
    const got = await downloadServerExport("capacity", { delimiter: "comma", bom: false }, "csv", who, { onBytes: (n) => progress.push(n) }, f);
    expect(sent[0]?.url).toBe("/api/surveys/capacity/export?file=csv&delimiter=comma&bom=false");
    expect(await got.blob.text()).toBe(chunks.join(""));
    expect(got).toMatchObject({ name: "capacity.csv", responses: 2, columns: 2 });
    expect(progress).toEqual([6, 11, 16]);
    expect((await failureOf(downloadServerExport("capacity", {}, "csv", who, {}, async () => problem(403, "forbidden")))).code).toBe("forbidden");
  });
});
