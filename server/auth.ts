/**
 * Who is asking, and may they? Every API route declares its `access` (route config); a route
 * under /api without one refuses to register, so none can be added without a check
 * (tests/server/authorization.test.ts tries every route in this table).
 *
 * Callers: a session (cookie `ss_session`: HttpOnly, SameSite=Strict; every request that changes
 * something must carry the session's CSRF token in `X-CSRF-Token`), or a collection link
 * (`Authorization: Bearer sslink_…`: no cookie, so no CSRF), or nobody.
 */
import { timingSafeEqual } from "node:crypto";
import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { CollectionLink, SurveyRole, User } from "../src/schema/server-api.ts";
import { findSession, roleOn, type SessionUser } from "./data/accounts.ts";
import type { Db } from "./data/database.ts";
import { findLinkByToken, LINK_TOKEN_PREFIX } from "./data/links.ts";
import { HttpProblem } from "./problems.ts";

export const SESSION_COOKIE = "ss_session";
export const CSRF_HEADER = "x-csrf-token";

export type Access =
  /** Anyone (health, sign-in). */
  | { who: "public" }
  /** Any signed-in account. */
  | { who: "signed-in" }
  /** Server administrators (accounts, the whole audit log, new surveys). */
  | { who: "server-admin" }
  /** Accounts with one of `roles` on the route's `:surveyId` (server administrators always), and with `link`, that survey's collection links. */
  | { who: "survey"; roles: readonly SurveyRole[]; link?: boolean }
  /** A collection link's bearer (any survey: the answer is about the link itself). */
  | { who: "link" }
  /** A signed-in account or a collection link; what it sees is filtered by the handler. */
  | { who: "signed-in-or-link" };

export type Principal = { kind: "anonymous" } | { kind: "user"; user: User; session: SessionUser } | { kind: "link"; link: CollectionLink };

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal;
    /** The caller's role on the route's survey, when it has one (server administrators: "admin"). */
    surveyRole: SurveyRole | undefined;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Collection links as recently read, by token: every submission carries one, and reading it from
 * the database each time would be a fifth of the submission's queries. An entry is used for at
 * most `ttlMs`; revoking a link drops it here at once, so a revoked link stops working at once on
 * the server that revoked it and within `ttlMs` on the others. Expiry is checked on every use.
 */
export interface LinkCache {
  find(db: Db, token: string): Promise<CollectionLink | undefined>;
  forget(linkId: string): void;
}

export function createLinkCache(ttlMs = 2000, max = 10_000): LinkCache {
  const entries = new Map<string, { link: CollectionLink | undefined; until: number }>();
  return {
    async find(db, token) {
      const now = Date.now();
      const hit = entries.get(token);
      if (hit && hit.until > now) return hit.link;
      const link = await findLinkByToken(db, token);
      if (entries.size >= max) entries.clear();
      entries.set(token, { link, until: now + ttlMs });
      return link;
    },
    forget(linkId) {
      for (const [token, entry] of entries) if (entry.link?.id === linkId) entries.delete(token);
    },
  };
}

/** Finds the caller (link bearer first, then the session cookie). A bad link token is an error; a stale cookie is just no session. */
export async function identify(db: Db, request: FastifyRequest, links: LinkCache): Promise<Principal> {
  const auth = request.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const token = m?.[1];
    if (!token || !token.startsWith(LINK_TOKEN_PREFIX) || token.length > 200) throw new HttpProblem("link-invalid", "the Authorization header must be `Bearer sslink_…` with a collection link's token");
    const link = await links.find(db, token);
    if (!link) throw new HttpProblem("link-invalid", "no collection link has this token");
    if (link.revokedAt) throw new HttpProblem("link-revoked", `the link "${link.label}" was revoked on ${link.revokedAt}; ask the survey's administrator for a new one`);
    if (Date.parse(link.expiresAt) <= Date.now()) throw new HttpProblem("link-expired", `the link "${link.label}" expired on ${link.expiresAt}; ask the survey's administrator for a new one`);
    return { kind: "link", link };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie && cookie.length <= 200) {
    const session = await findSession(db, cookie);
    if (session) return { kind: "user", user: session.user, session };
  }
  return { kind: "anonymous" };
}

/** Checks a request against its route's access rule; throws the problem to answer. */
export async function authorize(db: Db, request: FastifyRequest, access: Access): Promise<void> {
  request.surveyRole = undefined;
  if (access.who === "public") return;
  const p = request.principal;
  if (p.kind === "anonymous") throw new HttpProblem("unauthenticated", "this needs a signed-in account or a collection link");
  if (p.kind === "user" && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== "string" || !sameSecret(sent, p.session.csrfToken)) {
      throw new HttpProblem("csrf", `send the session's CSRF token (from GET /api/session) in the ${CSRF_HEADER} header`);
    }
  }
  switch (access.who) {
    case "signed-in":
      if (p.kind !== "user") throw new HttpProblem("forbidden", "this needs a signed-in account; a collection link cannot do it");
      return;
    case "signed-in-or-link":
      return;
    case "server-admin":
      if (p.kind !== "user" || !p.user.serverAdmin) throw new HttpProblem("forbidden", "only server administrators may do this");
      return;
    case "link":
      if (p.kind !== "link") throw new HttpProblem("forbidden", "this is for collection links");
      return;
    case "survey": {
      const surveyId = (request.params as { surveyId?: string }).surveyId;
      if (!surveyId) throw new Error("a survey route without :surveyId");
      if (p.kind === "link") {
        if (!access.link) throw new HttpProblem("forbidden", "a collection link may only fetch its survey and submit responses to it");
        if (p.link.surveyId !== surveyId) throw new HttpProblem("link-wrong-survey", `this link is for the survey "${p.link.surveyId}"`);
        return;
      }
      const role: SurveyRole | undefined = p.user.serverAdmin ? "admin" : await roleOn(db, p.user.id, surveyId);
      if (!role || !access.roles.includes(role)) {
        throw new HttpProblem("forbidden", role ? `your role on "${surveyId}" (${role}) may not do this; it needs ${access.roles.join(" or ")}` : `you have no role on the survey "${surveyId}"`);
      }
      request.surveyRole = role;
      return;
    }
  }
}

/** Who did it, for the audit log and the revision history. */
export function actorOf(request: FastifyRequest): string {
  const p = request.principal;
  return p.kind === "user" ? `user:${p.user.id}` : p.kind === "link" ? `link:${p.link.id}` : "anonymous";
}

export function userIdOf(request: FastifyRequest): string | null {
  return request.principal.kind === "user" ? request.principal.user.id : null;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "strict", secure, path: "/", expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "strict", secure, path: "/" });
}
