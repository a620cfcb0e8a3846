/**
 * Browser tests against the real collection server on a real PostgreSQL: a Playwright fixture.
 *
 * Each Playwright worker gets a throwaway PostgreSQL cluster (scripts/pg-cluster.ts: initdb as the
 * `postgres` user when run as root, loopback only, deleted afterwards) and the server
 * (server/main.ts, run by tsx in a child process) serving the app built by playwright.config.ts's
 * first web server (`dist-e2e-<E2E_PORT>`, test hooks compiled in) on one origin, as a deploy
 * does. The server can be stopped and started again on the same port and database (`down()`,
 * `up()`) to test a device riding out an outage.
 *
 * Tests use `test` from here; `baseURL` points at the server, and `collection` gives:
 *   admin            the first administrator's session (cookie + CSRF token), signed in through
 *                    the one-time link the server prints at first start
 *   api(...)         a request to the API as that administrator (or as a link, `{ bearer }`)
 *   publish(...)     publish a survey file (text) as a version
 *   createLink(...)  a collection link: `{ link, token, url }`; revokeLink(...) revokes it
 *   responses(...)   the latest revisions the server holds for a survey; history(...) one response's revisions
 *   signIn(context)  puts the admin's session cookie into a browser context
 * Ports: the server takes the first free one from E2E_PORT+2 to E2E_PORT+9; PostgreSQL from
 * E2E_PG_PORT (default 55440) to +9.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { test as base, expect, type BrowserContext } from "@playwright/test";
import { freePort, startPgCluster, type PgCluster } from "../../scripts/pg-cluster.ts";
import { createdLinkSchema, collectionLinkSchema, publishReportSchema, sessionSchema, type PublishReport } from "../../src/schema/server-api.ts";
import { responseHistorySchema, responsePageSchema, type ResponseHistory, type ServerResponse } from "../../src/schema/submission.ts";

const appPort = Number(process.env["E2E_PORT"] ?? 4173);
const pgFrom = Number(process.env["E2E_PG_PORT"] ?? 55440);
const ADMIN_PASSWORD = "a long test password for the admin";

export interface ApiCall {
  method?: string;
  body?: unknown;
  /** A raw body (a survey file's text), sent as JSON. */
  text?: string;
  /** Call as a collection link instead of the admin. */
  bearer?: string;
  /** Call without any credentials. */
  anonymous?: boolean;
}

export interface CollectionServer {
  /** http://127.0.0.1:<port> */
  url: string;
  pg: PgCluster;
  admin: { cookie: string; csrfToken: string; email: string };
  api(path: string, call?: ApiCall): Promise<Response>;
  publish(surveyText: string, change?: { surveyId?: string; version?: number; edit?: (file: Record<string, unknown>) => void }): Promise<PublishReport>;
  createLink(surveyId: string, label?: string): Promise<{ linkId: string; token: string; url: string }>;
  revokeLink(surveyId: string, linkId: string): Promise<void>;
  responses(surveyId: string): Promise<ServerResponse[]>;
  history(surveyId: string, responseId: string): Promise<ResponseHistory | undefined>;
  signIn(context: BrowserContext): Promise<void>;
  /** Stops the server (the database stays); requests fail until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** What the server process printed (for failure messages). */
  output(): string;
}

function startServerProcess(env: Record<string, string>, log: string[]): Promise<{ child: ChildProcess; firstStart?: string }> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "serve"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      out += text;
      log.push(text);
      if (/Survey Studio server: /.test(out) && (/First start:[\s\S]*sign-in#token=\S+/.test(out) || !/First start/.test(out))) {
        // The first-start link is printed right after the address line; give it a moment to arrive.
        setTimeout(() => {
          clearTimeout(timer);
          const m = /sign-in#token=(\S+)/.exec(out);
          resolveStart({ child, ...(m?.[1] ? { firstStart: m[1] } : {}) });
        }, 100);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (c: Buffer) => void log.push(c.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server stopped with code ${code}:\n${log.join("")}`));
    });
  });
}

async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGKILL");
  await exited;
}

async function startCollectionServer(slot: number): Promise<{ server: CollectionServer; close(): Promise<void> }> {
  const staticDir = resolve(`dist-e2e-${appPort}`);
  if (!existsSync(resolve(staticDir, "index.html"))) throw new Error(`${staticDir} has no built app: playwright.config.ts's first web server builds it`);
  // Each worker starts its search at a port of its own, so two workers do not pick the same free one.
  const pg = await startPgCluster([pgFrom + (slot % 10), pgFrom + 9]);
  const log: string[] = [];
  let child: ChildProcess | undefined;
  try {
    const port = await freePort(appPort + 2 + (slot % 8), appPort + 9);
    const url = `http://127.0.0.1:${port}`;
    const env = { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: pg.url, STATIC_DIR: staticDir, PUBLIC_URL: url, LOG_LEVEL: "warn", SHUTDOWN_GRACE_MS: "0" };
    const started = await startServerProcess(env, log);
    child = started.child;
    if (!started.firstStart) throw new Error(`the server printed no first-start sign-in link:\n${log.join("")}`);
    const signIn = await fetch(`${url}/api/session/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: started.firstStart, password: ADMIN_PASSWORD }) });
    if (signIn.status !== 200) throw new Error(`first sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const cookie = /ss_session=[^;]+/.exec(signIn.headers.get("set-cookie") ?? "")?.[0];
    if (!cookie) throw new Error("no session cookie after the first sign-in");
    const session = sessionSchema.parse(await signIn.json());
    const admin = { cookie, csrfToken: session.csrfToken, email: session.user.email };

    const api = (path: string, call: ApiCall = {}) => {
      const headers: Record<string, string> = {};
      if (call.bearer) headers["authorization"] = `Bearer ${call.bearer}`;
      else if (!call.anonymous) {
        headers["cookie"] = admin.cookie;
        headers["x-csrf-token"] = admin.csrfToken;
      }
      const body = call.text ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
      if (body !== undefined) headers["content-type"] = "application/json";
      return fetch(`${url}/api${path}`, { method: call.method ?? (body === undefined ? "GET" : "POST"), headers, ...(body !== undefined ? { body } : {}) });
    };
    const ok = async (res: Response, what: string) => {
      if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<unknown>;
    };

    const server: CollectionServer = {
      url,
      pg,
      admin,
      api,
      async publish(surveyText, change = {}) {
        const file = JSON.parse(surveyText) as Record<string, unknown>;
        const changed = change.surveyId !== undefined || change.version !== undefined || change.edit !== undefined;
        if (change.surveyId) file["id"] = change.surveyId;
        if (change.version) file["version"] = change.version;
        change.edit?.(file);
        const surveyId = String(file["id"]);
        const version = Number(file["version"] ?? 1);
        // Unchanged, the text goes as given (byte for byte, as a designer publishes it).
        const text = changed ? JSON.stringify(file, null, 2) : surveyText;
        return publishReportSchema.parse(await ok(await api(`/surveys/${encodeURIComponent(surveyId)}/versions/${version}`, { method: "PUT", text }), `publish ${surveyId} v${version}`));
      },
      async createLink(surveyId, label = "Field team") {
        const created = createdLinkSchema.parse(await ok(await api(`/surveys/${encodeURIComponent(surveyId)}/links`, { body: { label } }), `create a link for ${surveyId}`));
        return { linkId: created.link.id, token: created.token, url: created.url };
      },
      async revokeLink(surveyId, linkId) {
        collectionLinkSchema.parse(await ok(await api(`/surveys/${encodeURIComponent(surveyId)}/links/${linkId}`, { method: "DELETE" }), `revoke link ${linkId}`));
      },
      async responses(surveyId) {
        const all: ServerResponse[] = [];
        let after: string | null = null;
        do {
          const q: string = `limit=1000${after ? `&after=${encodeURIComponent(after)}` : ""}`;
          const page = responsePageSchema.parse(await ok(await api(`/surveys/${encodeURIComponent(surveyId)}/responses?${q}`), `list ${surveyId}`));
          all.push(...page.items);
          after = page.next;
        } while (after);
        return all;
      },
      async history(surveyId, responseId) {
        const res = await api(`/surveys/${encodeURIComponent(surveyId)}/responses/${responseId}`);
        if (res.status === 404) return undefined;
        return responseHistorySchema.parse(await ok(res, `history of ${responseId}`));
      },
      async signIn(context) {
        const [name, value] = admin.cookie.split("=") as [string, string];
        await context.addCookies([{ name, value, url, httpOnly: true, sameSite: "Strict" }]);
      },
      async down() {
        await stopProcess(child);
        child = undefined;
      },
      async up() {
        if (child) return;
        child = (await startServerProcess(env, log)).child;
      },
      output: () => log.join(""),
    };
    return {
      server,
      async close() {
        await stopProcess(child);
        pg.stop();
      },
    };
  } catch (e) {
    await stopProcess(child);
    pg.stop();
    throw e;
  }
}

export const test = base.extend<{ collection: CollectionServer }, { collectionWorker: CollectionServer }>({
  collectionWorker: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const started = await startCollectionServer(workerInfo.parallelIndex);
      try {
        await use(started.server);
      } finally {
        await started.close();
      }
    },
    { scope: "worker", timeout: 120_000 },
  ],
  collection: async ({ collectionWorker }, use) => {
    // A test that took the server down leaves it up for the next one.
    await collectionWorker.up();
    await use(collectionWorker);
  },
  baseURL: async ({ collectionWorker }, use) => use(collectionWorker.url),
});

export { expect };
