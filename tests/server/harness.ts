/**
 * Test servers on both engines: the embedded database (PGlite, in memory) and a database of its
 * own in the throwaway PostgreSQL cluster of the global setup. Requests go through Fastify's
 * inject (no socket) unless a test listens on a port.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { generateResponses } from "../../src/seeds/generate.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { parseSurveyFile, type SurveyFile } from "../../src/schema/survey-file.ts";
import { responseContentHash } from "../../src/schema/submission.ts";
import { createApp, type App } from "../../server/app.ts";
import { parseConfig, type ServerConfig } from "../../server/config.ts";
import { createUser, setPasswordHash } from "../../server/data/accounts.ts";
import { openDatabase, type Database, type DatabaseTarget } from "../../server/data/database.ts";
import { migrateToLatest } from "../../server/data/migrations.ts";
import { hashPassword } from "../../server/passwords.ts";

export type Engine = "pglite" | "postgres";
export const ENGINES: Engine[] = ["pglite", "postgres"];

/** A new, empty database on the test cluster; its URL. */
export async function createPgDatabase(): Promise<string> {
  const base = inject("pgUrl");
  const name = `t_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return base.replace(/\/postgres$/, `/${name}`);
}

export async function databaseTarget(engine: Engine): Promise<DatabaseTarget> {
  return engine === "pglite" ? { kind: "pglite", dataDir: null } : { kind: "postgres", url: await createPgDatabase(), poolSize: 20 };
}

export interface TestServer {
  app: App;
  database: Database;
  config: ServerConfig;
  close(): Promise<void>;
}

export async function startTestServer(engine: Engine, env: Record<string, string> = {}, target?: DatabaseTarget): Promise<TestServer> {
  const database = await openDatabase(target ?? (await databaseTarget(engine)));
  await migrateToLatest(database.db as never);
  const config = parseConfig({ LOG_LEVEL: "silent", STATIC_DIR: "/nonexistent-static", PUBLIC_URL: "http://localhost:4230", ...env });
  const app = await createApp({ database, config });
  await app.fastify.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.fastify.close();
      await database.close();
    },
  };
}

export interface Caller {
  cookie?: string;
  csrf?: string;
  bearer?: string;
}

export interface Sent {
  method: string;
  url: string;
  body?: unknown;
  /** Raw body text (sent as is). */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function call(t: TestServer, who: Caller | undefined, req: Sent) {
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  if (who?.cookie) headers["cookie"] = who.cookie;
  if (who?.csrf) headers["x-csrf-token"] = who.csrf;
  if (who?.bearer) headers["authorization"] = `Bearer ${who.bearer}`;
  let payload: string | Buffer | undefined;
  if (req.text !== undefined) payload = req.text;
  else if (req.body !== undefined) payload = Buffer.isBuffer(req.body) ? req.body : JSON.stringify(req.body);
  if (payload !== undefined) headers["content-type"] ??= req.contentType ?? "application/json";
  const res = await t.app.fastify.inject({ method: req.method as "GET", url: req.url, headers, ...(payload !== undefined ? { payload } : {}) });
  return res;
}

/** An account with a password, signed in: its cookie and CSRF token. */
export async function signedIn(t: TestServer, options: { serverAdmin?: boolean; email?: string } = {}): Promise<Caller & { userId: string; email: string }> {
  const email = options.email ?? `${randomUUID().slice(0, 8)}@example.org`;
  const user = await createUser(t.database.db, { email, name: email, serverAdmin: options.serverAdmin ?? false });
  await setPasswordHash(t.database.db, user.id, await hashPassword("correct horse battery staple"));
  const res = await call(t, undefined, { method: "POST", url: "/api/session", body: { email, password: "correct horse battery staple" } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "ss_session");
  if (!cookie) throw new Error("no session cookie");
  return { cookie: `ss_session=${cookie.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken, userId: user.id, email };
}

export const CAPACITY_TEXT = readFileSync(new URL("../../surveys/unct-migration-capacity.json", import.meta.url), "utf8");
export const FEEDBACK_TEXT = readFileSync(new URL("../../surveys/gfmd-workshop-feedback.json", import.meta.url), "utf8");

export function surveyFile(text: string): SurveyFile {
  const parsed = parseSurveyFile(text, "test.json");
  if (!parsed.ok) throw new Error("bad survey fixture");
  return parsed.file;
}

/** The survey text with another version number (and optional changes to the parsed file). */
export function withVersion(text: string, version: number, change?: (file: Record<string, unknown>) => void): string {
  const file = JSON.parse(text) as Record<string, unknown>;
  file["version"] = version;
  change?.(file);
  return JSON.stringify(file, null, 2);
}

export async function publish(t: TestServer, who: Caller, text: string) {
  const file = JSON.parse(text) as { id: string; version: number };
  return call(t, who, { method: "PUT", url: `/api/surveys/${file.id}/versions/${file.version}`, text });
}

export async function createLinkFor(t: TestServer, admin: Caller, surveyId: string, body: Record<string, unknown> = {}): Promise<{ token: string; id: string }> {
  const res = await call(t, admin, { method: "POST", url: `/api/surveys/${surveyId}/links`, body: { label: "test link", ...body } });
  if (res.statusCode !== 201) throw new Error(`link: ${res.statusCode} ${res.body}`);
  const j = res.json() as { token: string; link: { id: string } };
  return { token: j.token, id: j.link.id };
}

/** Realistic completed responses of a survey (the seed generator's, all completed). */
export function completedResponses(text: string, count: number, seed = 7): ResponseRecord[] {
  return generateResponses(surveyFile(text), { count, seed, completedShare: 1 }).map((r) => ({ ...r, status: "completed" as const, completedAt: r.completedAt ?? r.updatedAt }));
}

export async function submissionBody(record: ResponseRecord, revision = 1, replaces: number | null = null) {
  return { response: { ...record, revision }, contentHash: await responseContentHash(record, revision), replaces };
}

export function submitUrl(record: ResponseRecord, revision = 1): string {
  return `/api/surveys/${record.surveyId}/responses/${record.id}/revisions/${revision}`;
}
