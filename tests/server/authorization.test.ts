/**
 * Every API route, tried by every kind of caller that must be refused. The route list comes from
 * the server itself (every /api route must declare its access rule to register at all), so a new
 * route is tried here without anyone adding it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemCode } from "../../src/schema/server-api.ts";
import { createApp } from "../../server/app.ts";
import type { RouteEntry } from "../../server/context.ts";
import { createLink } from "../../server/data/links.ts";
import { CAPACITY_TEXT, ENGINES, FEEDBACK_TEXT, call, createLinkFor, publish, signedIn, startTestServer, type Caller, type TestServer } from "./harness.ts";

const SURVEY = "unct-migration-capacity";
const OTHER = "gfmd-workshop-feedback";

function concreteUrl(route: RouteEntry): string {
  return route.url
    .replace(":surveyId", SURVEY)
    .replace(":responseId", randomUUID())
    .replace(":revision", "1")
    .replace(":version", "1")
    .replace(":userId", randomUUID())
    .replace(":linkId", randomUUID())
    .replace(":hash", "a".repeat(64));
}

async function attempt(t: TestServer, who: Caller | undefined, route: RouteEntry) {
  const mutating = !["GET", "HEAD"].includes(route.method);
  return call(t, who, { method: route.method, url: concreteUrl(route), ...(mutating ? { body: {} } : {}) });
}

describe.each(ENGINES)("authorization on every route (%s)", (engine) => {
  let t: TestServer;
  let routes: RouteEntry[];
  let admin: Caller & { userId: string };
  beforeAll(async () => {
    t = await startTestServer(engine);
    routes = t.app.routes;
    admin = await signedIn(t, { serverAdmin: true });
    expect((await publish(t, admin, CAPACITY_TEXT)).statusCode).toBe(201);
    expect((await publish(t, admin, FEEDBACK_TEXT)).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it("lists the API's routes, each with an access rule; a route without one cannot be added", async () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const r of routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
    const fresh = await createApp({ database: t.database, config: t.config });
    expect(() => fresh.fastify.get("/api/unchecked", async () => "open")).toThrow(/declares no access rule/);
  });

  it("refuses every non-public route without credentials (401)", async () => {
    for (const route of routes.filter((r) => r.access.who !== "public")) {
      const res = await attempt(t, undefined, route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(problemCode((res.json() as { type: string }).type)).toBe("unauthenticated");
    }
  });

  it("refuses a collection link for another survey everywhere except its own link routes", async () => {
    const link = { bearer: (await createLinkFor(t, admin, OTHER)).token };
    for (const route of routes.filter((r) => !["public", "link", "signed-in-or-link"].includes(r.access.who))) {
      const res = await attempt(t, link, route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
    const list = await call(t, link, { method: "GET", url: "/api/surveys" });
    expect((list.json() as { surveys: { surveyId: string }[] }).surveys.map((s) => s.surveyId)).toEqual([OTHER]);
  });

  it("refuses a revoked link and an expired link on every non-public route (401)", async () => {
    const revoked = await createLinkFor(t, admin, SURVEY);
    // Used once before it is revoked (the server keeps a link it read for a moment): refused at once after.
    expect((await call(t, { bearer: revoked.token }, { method: "GET", url: "/api/link" })).statusCode).toBe(200);
    expect((await call(t, admin, { method: "DELETE", url: `/api/surveys/${SURVEY}/links/${revoked.id}` })).statusCode).toBe(200);
    const expired = await createLink(t.database.db, { surveyId: SURVEY, label: "old", expiresAt: new Date(Date.now() - 1000), perMinute: 10, createdBy: null });
    for (const [who, code] of [
      [{ bearer: revoked.token }, "link-revoked"],
      [{ bearer: expired.token }, "link-expired"],
      [{ bearer: "sslink_not-a-real-token-at-all-xxxxxxxx" }, "link-invalid"],
    ] as const) {
      for (const route of routes.filter((r) => r.access.who !== "public")) {
        const res = await attempt(t, who, route);
        expect(res.statusCode, `${code}: ${route.method} ${route.url}`).toBe(401);
        expect(problemCode((res.json() as { type: string }).type)).toBe(code);
      }
    }
  });

  it("refuses an analyst of another survey on every route of this survey and every admin route", async () => {
    const analyst = await signedIn(t);
    expect((await call(t, admin, { method: "PUT", url: `/api/surveys/${OTHER}/members/${analyst.userId}`, body: { role: "analyst" } })).statusCode).toBe(200);
    for (const route of routes.filter((r) => ["survey", "server-admin", "link"].includes(r.access.who))) {
      const res = await attempt(t, analyst, route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
    const list = await call(t, analyst, { method: "GET", url: "/api/surveys" });
    expect((list.json() as { surveys: { surveyId: string }[] }).surveys.map((s) => s.surveyId)).toEqual([OTHER]);
  });

  it("refuses a designer everything that reads responses: export, listing, history, attachments", async () => {
    const designer = await signedIn(t);
    expect((await call(t, admin, { method: "PUT", url: `/api/surveys/${SURVEY}/members/${designer.userId}`, body: { role: "designer" } })).statusCode).toBe(200);
    const analystOnly = routes.filter((r) => r.access.who === "survey" && !r.access.roles.includes("designer"));
    expect(analystOnly.map((r) => r.url)).toContain("/api/surveys/:surveyId/export");
    for (const route of analystOnly) {
      const res = await attempt(t, designer, route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(problemCode((res.json() as { type: string }).type)).toBe("forbidden");
    }
    const exportRes = await call(t, designer, { method: "GET", url: `/api/surveys/${SURVEY}/export` });
    expect(exportRes.statusCode).toBe(403);
  });

  it("refuses a signed-in request that changes something without the CSRF token", async () => {
    const noCsrf = { cookie: admin.cookie! };
    for (const route of routes.filter((r) => r.access.who !== "public" && !["GET", "HEAD"].includes(r.method))) {
      const res = await attempt(t, noCsrf, route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(problemCode((res.json() as { type: string }).type)).toBe("csrf");
    }
    const wrong = await attempt(t, { cookie: admin.cookie!, csrf: "x".repeat(43) }, routes.find((r) => r.method === "POST" && r.url.endsWith("/links"))!);
    expect(wrong.statusCode).toBe(403);
  });

  it("sets the session cookie HttpOnly, SameSite=Strict, and ends it on sign-out", async () => {
    const user = await signedIn(t);
    const me = await call(t, user, { method: "GET", url: "/api/session" });
    expect(me.statusCode).toBe(200);
    const res = await call(t, undefined, { method: "POST", url: "/api/session", body: { email: user.email, password: "correct horse battery staple" } });
    const setCookie = String(res.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect((await call(t, user, { method: "DELETE", url: "/api/session" })).statusCode).toBe(204);
    expect((await call(t, user, { method: "GET", url: "/api/session" })).statusCode).toBe(401);
    const wrong = await call(t, undefined, { method: "POST", url: "/api/session", body: { email: user.email, password: "wrong password!" } });
    expect(wrong.statusCode).toBe(401);
    expect(problemCode((wrong.json() as { type: string }).type)).toBe("sign-in-failed");
  });
});
