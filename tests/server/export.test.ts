import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runServerCli } from "../../scripts/export-cli.ts";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { surveyFileToExportDefinition } from "../../src/export/plan.ts";
import type { ExportOptions } from "../../src/export/types.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { responseContentHash, responsePageSchema } from "../../src/schema/submission.ts";
import { receiveRevision } from "../../server/data/responses.ts";
import { createUser, setPasswordHash, setRole } from "../../server/data/accounts.ts";
import { hashPassword } from "../../server/passwords.ts";
import { CAPACITY_TEXT, ENGINES, call, completedResponses, publish, signedIn, startTestServer, surveyFile, withVersion, type Caller, type TestServer } from "./harness.ts";

const SURVEY = "unct-migration-capacity";

describe.each(ENGINES)("export and listing from the server (%s)", (engine) => {
  let t: TestServer;
  let analyst: Caller;
  let records: ResponseRecord[];
  let v2Text: string;
  beforeAll(async () => {
    t = await startTestServer(engine);
    const admin = await signedIn(t, { serverAdmin: true });
    expect((await publish(t, admin, CAPACITY_TEXT)).statusCode).toBe(201);
    v2Text = withVersion(CAPACITY_TEXT, 2, (f) => (f["title"] = "Capacity survey, second version"));
    expect((await publish(t, admin, v2Text)).statusCode).toBe(201);
    const v1 = completedResponses(CAPACITY_TEXT, 90, 501);
    const v2 = completedResponses(v2Text, 40, 502).map((r) => ({ ...r, surveyVersion: 2 }));
    // A key no definition knows, and a text that a spreadsheet would run: the export must keep and neutralize them.
    v1[3] = { ...v1[3]!, data: { ...v1[3]!.data, zz_unknown_key: "kept", another_extra: 2 } };
    v1[5] = { ...v1[5]!, data: { ...v1[5]!.data, comments: "=HYPERLINK(\"x\")" } };
    records = [...v1, ...v2];
    for (const r of records) {
      const outcome = await receiveRevision(t.database.db, { surveyId: SURVEY, record: r, revision: 1, replaces: null, contentHash: await responseContentHash(r, 1), via: "test" });
      expect(outcome.outcome).toBe("created");
    }
    analyst = await signedIn(t);
    await setRole(t.database.db, { surveyId: SURVEY, userId: (analyst as { userId: string }).userId, role: "analyst", grantedBy: null });
  });
  afterAll(() => t.close());

  const appExport = (options: Partial<ExportOptions>) =>
    csvExportToStrings(createCsvExport({ surveyId: SURVEY, definitions: [surveyFile(CAPACITY_TEXT), surveyFile(v2Text)].map(surveyFileToExportDefinition), records }, options));

  const query = (o: Record<string, string>) => new URLSearchParams(o).toString();

  for (const options of [{}, { headers: "titles", values: "labels", language: "fr", delimiter: "semicolon", multi: "columns" }, { separator: "_", lineEnding: "lf", bom: "false", neutralize: "false" }] as Record<string, string>[]) {
    it(`gives the same CSV and codebook as the app's export (${JSON.stringify(options)})`, async () => {
      const appOptions: Partial<ExportOptions> = { ...options, ...(options["bom"] ? { bom: options["bom"] === "true" } : {}), ...(options["neutralize"] ? { neutralize: options["neutralize"] === "true" } : {}) } as Partial<ExportOptions>;
      const expected = appExport(appOptions);
      const csv = await call(t, analyst, { method: "GET", url: `/api/surveys/${SURVEY}/export?${query({ ...options, file: "csv" })}` });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
      expect(csv.headers["content-disposition"]).toContain(expected[0]!.name);
      expect(csv.body).toBe(expected[0]!.text);
      const codebook = await call(t, analyst, { method: "GET", url: `/api/surveys/${SURVEY}/export?${query({ ...options, file: "codebook" })}` });
      expect(codebook.body).toBe(expected.at(-1)!.text);
    });
  }

  it("gives the same ZIP contents with repeats as files", async () => {
    const expected = appExport({ repeats: "files" });
    const res = await call(t, analyst, { method: "GET", url: `/api/surveys/${SURVEY}/export?repeats=files` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files)).toEqual(expected.map((f) => f.name));
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    for (const f of expected) expect(decoder.decode(files[f.name]!)).toBe(f.text);
  });

  it("a response that arrives between two exports is in the second, with its new column", async () => {
    const before = await call(t, analyst, { method: "GET", url: `/api/surveys/${SURVEY}/export?file=csv` });
    expect(before.body).not.toContain("brand_new_key");
    const [extra] = completedResponses(CAPACITY_TEXT, 1, 503);
    const record = { ...extra!, data: { ...extra!.data, brand_new_key: "arrived late" } };
    await receiveRevision(t.database.db, { surveyId: SURVEY, record, revision: 1, replaces: null, contentHash: await responseContentHash(record, 1), via: "test" });
    const after = await call(t, analyst, { method: "GET", url: `/api/surveys/${SURVEY}/export?file=csv` });
    expect(after.body.split("\r\n")[0]).toContain("brand_new_key");
    expect(after.body).toContain("arrived late");
    records.push(record);
    expect(after.body).toBe(appExport({})[0]!.text);
  });

  it("logs every export in the audit log", async () => {
    const rows = await t.database.db.selectFrom("audit_log").select(["action", "actor"]).where("action", "=", "responses.export").execute();
    expect(rows.length).toBeGreaterThanOrEqual(7);
  });

  it("refuses unknown export options with the option's name", async () => {
    const res = await call(t, analyst, { method: "GET", url: `/api/surveys/${SURVEY}/export?delimiter=pipe` });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { errors: { path: string }[] }).errors[0]?.path).toBe("delimiter");
  });

  it("lists responses in pages, oldest first, every response once", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await call(t, analyst, { method: "GET", url: `/api/surveys/${SURVEY}/responses?limit=50${after ? `&after=${after}` : ""}` });
      expect(res.statusCode).toBe(200);
      const page = responsePageSchema.parse(res.json());
      expect(page.total).toBe(records.length);
      seen.push(...page.items.map((i) => i.id));
      after = page.next;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(Math.ceil(records.length / 50));
    const sorted = [...records].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1)).map((r) => r.id);
    expect(seen).toEqual(sorted);
    const first = await call(t, analyst, { method: "GET", url: `/api/surveys/${SURVEY}/responses?limit=1` });
    const item = responsePageSchema.parse(first.json()).items[0]!;
    const original = records.find((r) => r.id === item.id)!;
    expect({ ...item, revision: undefined, contentHash: undefined, receivedAt: undefined }).toEqual({ ...original, revision: undefined, contentHash: undefined, receivedAt: undefined });
  });

  it("npm run export --server writes the same files", async () => {
    await t.app.fastify.listen({ port: 0, host: "127.0.0.1" });
    const address = t.app.fastify.server.address() as { port: number };
    const email = "cli-analyst@example.org";
    const user = await createUser(t.database.db, { email, name: "CLI" });
    await setPasswordHash(t.database.db, user.id, await hashPassword("a long enough password"));
    await setRole(t.database.db, { surveyId: SURVEY, userId: user.id, role: "analyst", grantedBy: null });
    const dir = mkdtempSync(join(tmpdir(), "server-export-"));
    const errors: string[] = [];
    const io = { stdout: () => {}, stderr: (s: string) => void errors.push(s), cwd: dir, root: process.cwd() };
    const code = await runServerCli(["--survey", SURVEY, "--server", `http://127.0.0.1:${address.port}`, "--out", "out.csv", "--values", "labels"], io, { SURVEY_STUDIO_EMAIL: email, SURVEY_STUDIO_PASSWORD: "a long enough password" });
    expect(errors.join("")).toMatch(/Exported 131 responses/);
    expect(code).toBe(0);
    const expected = appExport({ values: "labels" });
    expect(readFileSync(join(dir, "out.csv"), "utf8")).toBe(expected[0]!.text);
    expect(readFileSync(join(dir, "out-codebook.csv"), "utf8")).toBe(expected.at(-1)!.text);
    const refused = await runServerCli(["--survey", SURVEY, "--server", `http://127.0.0.1:${address.port}`, "--out", "x.csv"], io, { SURVEY_STUDIO_EMAIL: email, SURVEY_STUDIO_PASSWORD: "wrong" });
    expect(refused).toBe(1);
  });
});
