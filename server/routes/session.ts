/** Signing in and out: email and password, or a one-time sign-in link (which also sets the password). */
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sessionSchema, signInSchema, signInWithTokenSchema, type Session } from "../../src/schema/server-api.ts";
import type { AppContext } from "../context.ts";
import { clearSessionCookie, setSessionCookie, type Access } from "../auth.ts";
import { consumeSignInToken, createSession, deleteSession, findUser, findUserByEmail, rolesOf, setPasswordHash } from "../data/accounts.ts";
import { hashPassword, verifyPassword } from "../passwords.ts";
import { HttpProblem, parseOr } from "../problems.ts";
import { jsonBody } from "./body.ts";

const PUBLIC: Access = { who: "public" };

export async function registerSessionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const secure = ctx.config.publicUrl.startsWith("https:");
  const signInLimit = { max: ctx.config.signInPerMinute, timeWindow: 60_000 };

  const startSession = async (reply: FastifyReply, userId: string): Promise<Session> => {
    const s = await createSession(ctx.db, userId, ctx.config.sessionMs);
    setSessionCookie(reply, s.token, s.expiresAt, secure);
    const user = await findUser(ctx.db, userId);
    if (!user) throw new HttpProblem("sign-in-failed");
    return sessionSchema.parse({ user, roles: await rolesOf(ctx.db, userId), csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() });
  };

  app.post("/api/session", { config: { access: PUBLIC, rateLimit: signInLimit } }, async (request, reply) => {
    const body = parseOr(signInSchema, jsonBody(request));
    const user = await findUserByEmail(ctx.db, body.email);
    const ok = await verifyPassword(user?.passwordHash ?? null, body.password);
    if (!user || !ok || user.disabled) throw new HttpProblem("sign-in-failed");
    return startSession(reply, user.id);
  });

  app.post("/api/session/token", { config: { access: PUBLIC, rateLimit: signInLimit } }, async (request, reply) => {
    const body = parseOr(signInWithTokenSchema, jsonBody(request));
    const userId = await consumeSignInToken(ctx.db, body.token);
    if (!userId) throw new HttpProblem("sign-in-failed", "this sign-in link is unknown, used already or expired; ask an administrator for a new one");
    await setPasswordHash(ctx.db, userId, await hashPassword(body.password));
    return startSession(reply, userId);
  });

  app.get("/api/session", { config: { access: { who: "signed-in" } } }, async (request: FastifyRequest) => {
    if (request.principal.kind !== "user") throw new HttpProblem("unauthenticated");
    const { user, session } = request.principal;
    return sessionSchema.parse({ user, roles: await rolesOf(ctx.db, user.id), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() });
  });

  app.delete("/api/session", { config: { access: { who: "signed-in" } } }, async (request, reply) => {
    if (request.principal.kind === "user") await deleteSession(ctx.db, request.principal.session.tokenHash);
    clearSessionCookie(reply, secure);
    return reply.code(204).send();
  });

  // The page a one-time sign-in link opens: choose a password, then on to the app. No script of
  // its own (the form posts the token, which stays in the page, never in a log).
  app.get("/sign-in", { config: { access: PUBLIC } }, async (_request, reply) => {
    reply.header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" + SIGN_IN_SCRIPT_HASH + "'; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'");
    reply.header("cache-control", "no-store");
    return reply.type("text/html; charset=utf-8").send(SIGN_IN_PAGE);
  });
}

const SIGN_IN_SCRIPT = `
const form = document.querySelector("form");
const out = document.querySelector("output");
const token = new URLSearchParams(location.hash.slice(1)).get("token") || "";
if (!token) out.textContent = "This page needs the sign-in link you were given, with its #token=… part.";
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const password = form.elements.password.value;
  if (password !== form.elements.again.value) { out.textContent = "The two passwords differ."; return; }
  out.textContent = "Signing in…";
  const res = await fetch("/api/session/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, password }) });
  if (res.ok) { history.replaceState(null, "", "/sign-in"); out.textContent = "Signed in. Your password is set; opening your account in the app…"; location.assign("/#/account"); return; }
  const problem = await res.json().catch(() => ({}));
  out.textContent = (problem.errors && problem.errors[0] ? problem.errors[0].path + " " + problem.errors[0].message : problem.detail || problem.title || "Sign-in failed.");
});
`;

const SIGN_IN_SCRIPT_HASH = createHash("sha256").update(SIGN_IN_SCRIPT).digest("base64");

const SIGN_IN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in — Survey Studio server</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}label{display:block;margin:1rem 0 .25rem}input{width:100%;font:inherit;padding:.5rem;box-sizing:border-box}button{margin-top:1rem;font:inherit;padding:.5rem 1rem}output{display:block;margin-top:1rem}</style>
</head><body><main>
<h1>Sign in to Survey Studio</h1>
<p>Choose your password (at least 12 characters). This link works once.</p>
<form><label for="password">New password</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required>
<label for="again">The same password again</label><input id="again" name="again" type="password" autocomplete="new-password" minlength="12" required>
<button type="submit">Set password and sign in</button></form>
<output role="status" aria-live="polite"></output>
</main><script>${SIGN_IN_SCRIPT}</script></body></html>`;
