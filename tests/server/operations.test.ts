import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemCode } from "../../src/schema/server-api.ts";
import { ConfigError, parseConfig } from "../../server/config.ts";
import { openDatabase } from "../../server/data/database.ts";
import { MIGRATION_NAMES, migrateToLatest } from "../../server/data/migrations.ts";
import { countRows } from "../../server/data/responses.ts";
import { runCommand, serve } from "../../server/main.ts";
import { freePort } from "../../scripts/pg-cluster.ts";
import { headersFile } from "../../src/security/csp.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CAPACITY_TEXT, ENGINES, call, completedResponses, createLinkFor, createPgDatabase, databaseTarget, publish, signedIn, startTestServer, submissionBody, submitUrl, type TestServer } from "./harness.ts";

const SURVEY = "unct-migration-capacity";

describe("configuration", () => {
  it("has working defaults: port 8787, the embedded database in data/", () => {
    const c = parseConfig({}, "/srv/app");
    expect(c.port).toBe(8787);
    expect(c.database).toEqual({ kind: "pglite", dataDir: "/srv/app/data" });
    expect(c.publicUrl).toBe("http://localhost:8787");
  });

  it("names every bad variable and what it accepts", () => {
    let message = "";
    try {
      parseConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/PORT="eighty": must be a number/);
    expect(message).toMatch(/DATABASE_URL="mysql:\/\/x": must start with postgres/);
    expect(message).toMatch(/LOG_LEVEL="loud"/);
  });

  it("the command line stops with exit code 2 and the message on a bad configuration", async () => {
    const err: string[] = [];
    expect(await runCommand(["migrate"], { PORT: "-1" }, () => {}, (l) => void err.push(l))).toBe(2);
    expect(err.join("\n")).toMatch(/PORT/);
  });
});

describe.each(ENGINES)("migrations (%s)", (engine) => {
  it("apply every migration once; a second run applies nothing", async () => {
    const database = await openDatabase(await databaseTarget(engine));
    try {
      const first = await migrateToLatest(database.db as never);
      expect(first.results?.map((r) => r.migrationName)).toEqual(MIGRATION_NAMES);
      const again = await migrateToLatest(database.db as never);
      expect(again.results).toEqual([]);
      const tables = await database.db.introspection.getTables();
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["responses", "response_revisions", "survey_versions", "collection_links", "audit_log", "sessions"]));
    } finally {
      await database.close();
    }
  });
});

describe("migrations from two servers starting together (postgres)", () => {
  it("are applied once", async () => {
    const url = await createPgDatabase();
    const a = await openDatabase({ kind: "postgres", url, poolSize: 2 });
    const b = await openDatabase({ kind: "postgres", url, poolSize: 2 });
    try {
      const [ra, rb] = await Promise.all([migrateToLatest(a.db as never), migrateToLatest(b.db as never)]);
      expect([...(ra.results ?? []), ...(rb.results ?? [])].map((r) => r.migrationName)).toEqual(MIGRATION_NAMES);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe.each(ENGINES)("operations (%s)", (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine);
  });
  afterAll(() => t.close());

  it("answers /healthz and /readyz", async () => {
    expect((await call(t, undefined, { method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await call(t, undefined, { method: "GET", url: "/readyz" })).json()).toEqual({ status: "ready", database: engine });
  });

  it("rate-limits a collection link at its own rate (429 problem)", async () => {
    const admin = await signedIn(t, { serverAdmin: true });
    expect((await publish(t, admin, CAPACITY_TEXT)).statusCode).toBe(201);
    const link = { bearer: (await createLinkFor(t, admin, SURVEY, { perMinute: 3 })).token };
    const records = completedResponses(CAPACITY_TEXT, 4, 601);
    const codes: number[] = [];
    for (const r of records) codes.push((await call(t, link, { method: "PUT", url: submitUrl(r), body: await submissionBody(r) })).statusCode);
    expect(codes).toEqual([201, 201, 201, 429]);
    const res = await call(t, link, { method: "PUT", url: submitUrl(records[3]!), body: await submissionBody(records[3]!) });
    expect(problemCode((res.json() as { type: string }).type)).toBe("rate-limited");
    expect(res.headers["retry-after"]).toBeDefined();
  });
});

describe("serving the built app (pglite)", () => {
  let t: TestServer;
  let dir: string;
  beforeAll(async () => {
    // A built app in miniature: index.html and the `_headers` file the build writes (src/security/csp.ts).
    dir = mkdtempSync(join(tmpdir(), "ss-static-"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>app</title>");
    writeFileSync(join(dir, "_headers"), headersFile({ allowedOrigins: ["https://maps.example.org"] }));
    t = await startTestServer("pglite", { STATIC_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends the app's Content-Security-Policy, frame-ancestors included, with the app and its routes", async () => {
    for (const url of ["/", "/index.html", "/some/client/route"]) {
      const res = await call(t, undefined, { method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      const csp = String(res.headers["content-security-policy"]);
      expect(csp, url).toMatch(/frame-ancestors 'none'/);
      expect(csp, url).toMatch(/img-src 'self' data: blob: https:\/\/maps\.example\.org/);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("keeps the sign-in page's own policy and sends no app policy with the API", async () => {
    const signIn = await call(t, undefined, { method: "GET", url: "/sign-in" });
    expect(String(signIn.headers["content-security-policy"])).toMatch(/default-src 'none'/);
    const api = await call(t, undefined, { method: "GET", url: "/api/session" });
    expect(api.headers["content-security-policy"]).toBeUndefined();
  });
});

/** Sends raw HTTP over a socket; returns it and a promise of everything the server answers. */
function rawRequest(port: number, head: string, body: string) {
  const socket = connect(port, "127.0.0.1");
  let answer = "";
  const done = new Promise<string>((resolve) => {
    socket.on("data", (d) => (answer += d.toString()));
    socket.on("close", () => resolve(answer));
    socket.on("error", () => resolve(answer));
  });
  socket.write(`${head}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`);
  return { socket, done };
}

describe("the server process (postgres)", () => {
  it("first start creates an administrator and prints a one-time sign-in link that works once", async () => {
    const url = await createPgDatabase();
    const lines: string[] = [];
    const port = await freePort(4232, 4239);
    const server = await serve(parseConfig({ DATABASE_URL: url, PORT: String(port), LOG_LEVEL: "silent", STATIC_DIR: "/nonexistent" }), (l) => void lines.push(l));
    try {
      const link = /\/sign-in#token=(\S+)/.exec(lines.join("\n"));
      expect(link).not.toBeNull();
      const post = (password: string) => fetch(`http://127.0.0.1:${port}/api/session/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: link![1], password }) });
      const short = await post("short");
      expect(short.status).toBe(400);
      const ok = await post("a good long password");
      expect(ok.status).toBe(200);
      expect((await ok.json()) as object).toMatchObject({ user: { email: "admin@localhost", serverAdmin: true } });
      expect((await post("a good long password")).status).toBe(401);
      const page = await fetch(`http://127.0.0.1:${port}/sign-in`);
      expect(page.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
      expect(await page.text()).toMatch(/Choose your password/);
    } finally {
      await server.close();
    }
    // A second start prints no link: the administrator has a password now.
    const again: string[] = [];
    const second = await serve(parseConfig({ DATABASE_URL: url, PORT: String(port), LOG_LEVEL: "silent", STATIC_DIR: "/nonexistent" }), (l) => void again.push(l));
    await second.close();
    expect(again.join("\n")).not.toMatch(/sign-in#token/);
  });

  it("finishes a request in flight when it shuts down", async () => {
    const url = await createPgDatabase();
    const port = await freePort(4232, 4239);
    const server = await serve(parseConfig({ DATABASE_URL: url, PORT: String(port), LOG_LEVEL: "silent", STATIC_DIR: "/nonexistent" }), () => {});
    const body = JSON.stringify({ email: "nobody@example.org", password: "whatever it is" });
    // Half a request: its headers are in, its body is still coming.
    const slow = rawRequest(port, "POST /api/session HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\nconnection: close", body);
    slow.socket.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 200));
    const closing = server.close();
    await new Promise((r) => setTimeout(r, 200));
    slow.socket.write(body.slice(10));
    const answer = await slow.done;
    await closing;
    // The request was answered in full (wrong password: 401), not cut off.
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer).toMatch(/sign-in-failed/);
  });

  it("two server processes on one database receive every response exactly once; a client that times out and retries gets the first receipt", async () => {
    const url = await createPgDatabase();
    const setup = await startTestServer("postgres", {}, { kind: "postgres", url, poolSize: 4 });
    const admin = await signedIn(setup, { serverAdmin: true });
    expect((await publish(setup, admin, CAPACITY_TEXT)).statusCode).toBe(201);
    const token = (await createLinkFor(setup, admin, SURVEY, { perMinute: 100_000 })).token;
    const ports = [await freePort(4232, 4235), await freePort(4236, 4239)];
    const children: ChildProcess[] = [];
    try {
      await Promise.all(
        ports.map(
          (port) =>
            new Promise<void>((resolve, reject) => {
              const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { env: { ...process.env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: "warn", STATIC_DIR: "/nonexistent" }, stdio: ["ignore", "pipe", "pipe"] });
              children.push(child);
              let out = "";
              child.stdout!.on("data", (d) => {
                out += d;
                if (out.includes("Survey Studio server:")) resolve();
              });
              child.stderr!.on("data", (d) => (out += d));
              child.on("exit", (code) => reject(new Error(`server exited (${code}): ${out}`)));
            }),
        ),
      );
      const put = async (port: number, body: unknown, u: string) => {
        const res = await fetch(`http://127.0.0.1:${port}${u}`, { method: "PUT", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as { receivedAt?: string; outcome?: string } };
      };
      const [same] = completedResponses(CAPACITY_TEXT, 1, 701);
      const body = await submissionBody(same!);
      const identical = await Promise.all(Array.from({ length: 50 }, (_, i) => put(ports[i % 2]!, body, submitUrl(same!))));
      expect(identical.filter((r) => r.status === 201)).toHaveLength(1);
      expect(identical.filter((r) => r.status === 200)).toHaveLength(49);

      const [contested] = completedResponses(CAPACITY_TEXT, 1, 702);
      const bodies = await Promise.all(Array.from({ length: 50 }, (_, i) => submissionBody({ ...contested!, data: { ...contested!.data, attempt: i } })));
      const conflicting = await Promise.all(bodies.map((b, i) => put(ports[i % 2]!, b, submitUrl(contested!))));
      expect(conflicting.filter((r) => r.status === 201)).toHaveLength(1);
      expect(conflicting.filter((r) => r.status === 409)).toHaveLength(49);

      // A client sends and gives up before it reads the answer (a time-out), then retries on the other server.
      const [late] = completedResponses(CAPACITY_TEXT, 1, 703);
      const lateBody = JSON.stringify(await submissionBody(late!));
      const first = rawRequest(ports[0]!, `PUT ${submitUrl(late!)} HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\nauthorization: Bearer ${token}`, lateBody);
      first.socket.write(lateBody);
      let stored: { received_at: Date }[] = [];
      for (let i = 0; i < 200 && stored.length === 0; i++) {
        stored = await setup.database.db.selectFrom("response_revisions").select("received_at").where("response_id", "=", late!.id).execute();
        if (stored.length === 0) await new Promise((r) => setTimeout(r, 25));
      }
      first.socket.destroy();
      expect(stored).toHaveLength(1);
      const retry = await put(ports[1]!, JSON.parse(lateBody), submitUrl(late!));
      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({ outcome: "identical", receivedAt: stored[0]!.received_at.toISOString() });
      expect((await countRows(setup.database.db, SURVEY)).revisions).toBe(3);
    } finally {
      for (const c of children) c.kill("SIGTERM");
      await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
      await setup.close();
    }
  });
});

describe("npm run server -- commands (postgres)", () => {
  it("create-user, grant, create-link, list-links, revoke-link; bad arguments exit 2", async () => {
    const url = await createPgDatabase();
    const env = { DATABASE_URL: url, PUBLIC_URL: "https://surveys.example.org", LOG_LEVEL: "silent" };
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCommand(args, env, (l) => void out.push(l), (l) => void err.push(l));
      return { code, out: out.join("\n"), err: err.join("\n") };
    };
    const created = await run("create-user", "ana@example.org", "Ana Analyst");
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/https:\/\/surveys\.example\.org\/sign-in#token=\S{40,}/);
    expect((await run("create-user", "ana@example.org", "Again")).code).toBe(1);
    expect((await run("grant", "ana@example.org", SURVEY, "analyst")).err).toMatch(/no survey/);
    const setup = await startTestServer("postgres", {}, { kind: "postgres", url, poolSize: 2 });
    try {
      const admin = await signedIn(setup, { serverAdmin: true });
      expect((await publish(setup, admin, CAPACITY_TEXT)).statusCode).toBe(201);
    } finally {
      await setup.close();
    }
    expect((await run("grant", "ana@example.org", SURVEY, "analyst")).code).toBe(0);
    expect((await run("grant", "ana@example.org", SURVEY, "owner")).code).toBe(2);
    const link = await run("create-link", SURVEY, "Field team", "--days", "7", "--per-minute", "100");
    expect(link.code).toBe(0);
    expect(link.out).toMatch(/https:\/\/surveys\.example\.org\/#\/collect\/sslink_\S+/);
    const id = /collection link (\S+) for/.exec(link.out)![1]!;
    expect((await run("list-links", SURVEY)).out).toMatch(new RegExp(`${id}\\s+Field team`));
    expect((await run("revoke-link", SURVEY, id)).code).toBe(0);
    expect((await run("list-links", SURVEY)).out).toMatch(/revoked/);
    expect((await run("create-link", SURVEY)).code).toBe(2);
    expect((await run("launch-rockets")).code).toBe(2);
    const audit = await openDatabase({ kind: "postgres", url, poolSize: 1 });
    try {
      const actions = (await audit.db.selectFrom("audit_log").select("action").where("actor", "=", "cli").execute()).map((r) => r.action);
      expect(actions).toEqual(["user.create", "role.grant", "link.create", "link.revoke"]);
    } finally {
      await audit.close();
    }
  });
});
