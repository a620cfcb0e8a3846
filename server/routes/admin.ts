/** Accounts, roles per survey, collection links and the audit log. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { auditPageSchema, createdLinkSchema, createLinkSchema, createUserSchema, linkInfoSchema, roleGrantSchema } from "../../src/schema/server-api.ts";
import type { AppContext } from "../context.ts";
import { actorOf, userIdOf, type Access } from "../auth.ts";
import { createSignInToken, createUser, DuplicateEmail, findUser, listUsers, membersOf, removeRole, setDisabled, setRole } from "../data/accounts.ts";
import { audit, auditEntries } from "../data/audit.ts";
import { createLink, listLinks, revokeLink } from "../data/links.ts";
import { latestVersion, surveyExists } from "../data/surveys.ts";
import { HttpProblem, parseOr } from "../problems.ts";
import { jsonBody } from "./body.ts";

const SURVEY_ADMIN: Access = { who: "survey", roles: ["admin"] };
const userParams = z.object({ userId: z.uuid({ error: "must be a user id (UUID)" }) });
const surveyParams = z.object({ surveyId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "must be a survey id") });
const auditQuery = z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

export async function registerAdminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db, config } = ctx;
  const signInUrl = (token: string) => `${config.publicUrl}/sign-in#token=${token}`;

  const requireSurvey = async (surveyId: string) => {
    if (!(await surveyExists(db, surveyId))) throw new HttpProblem("not-found", `no survey "${surveyId}" is published here`);
  };

  app.get("/api/users", { config: { access: { who: "server-admin" } } }, async () => ({ users: await listUsers(db) }));

  app.post("/api/users", { config: { access: { who: "server-admin" } } }, async (request, reply) => {
    const body = parseOr(createUserSchema, jsonBody(request));
    try {
      const user = await createUser(db, body);
      const link = await createSignInToken(db, user.id, config.signInLinkMs);
      await audit(db, { actor: actorOf(request), action: "user.create", surveyId: null, detail: { userId: user.id, email: user.email, serverAdmin: user.serverAdmin } });
      return reply.code(201).send({ user, signInUrl: signInUrl(link.token), signInExpiresAt: link.expiresAt.toISOString() });
    } catch (e) {
      if (e instanceof DuplicateEmail) throw new HttpProblem("bad-request", e.message);
      throw e;
    }
  });

  app.post("/api/users/:userId/sign-in-link", { config: { access: { who: "server-admin" } } }, async (request, reply) => {
    const { userId } = parseOr(userParams, request.params, "bad-request", "the URL");
    if (!(await findUser(db, userId))) throw new HttpProblem("not-found", "no such account");
    const link = await createSignInToken(db, userId, config.signInLinkMs);
    await audit(db, { actor: actorOf(request), action: "user.sign-in-link", surveyId: null, detail: { userId } });
    return reply.code(201).send({ signInUrl: signInUrl(link.token), signInExpiresAt: link.expiresAt.toISOString() });
  });

  app.put("/api/users/:userId/disabled", { config: { access: { who: "server-admin" } } }, async (request) => {
    const { userId } = parseOr(userParams, request.params, "bad-request", "the URL");
    const { disabled } = parseOr(z.strictObject({ disabled: z.boolean() }), jsonBody(request));
    if (!(await findUser(db, userId))) throw new HttpProblem("not-found", "no such account");
    if (disabled && userId === userIdOf(request)) throw new HttpProblem("bad-request", "you cannot disable your own account");
    await setDisabled(db, userId, disabled);
    await audit(db, { actor: actorOf(request), action: disabled ? "user.disable" : "user.enable", surveyId: null, detail: { userId } });
    return findUser(db, userId);
  });

  app.get("/api/audit", { config: { access: { who: "server-admin" } } }, async (request) => {
    const q = parseOr(auditQuery, request.query, "bad-request", "the query");
    return auditPageSchema.parse({ items: await auditEntries(db, { limit: q.limit, ...(q.before ? { before: q.before } : {}) }) });
  });

  app.get("/api/surveys/:surveyId/audit", { config: { access: SURVEY_ADMIN } }, async (request) => {
    const { surveyId } = parseOr(surveyParams, request.params, "bad-request", "the URL");
    const q = parseOr(auditQuery, request.query, "bad-request", "the query");
    return auditPageSchema.parse({ items: await auditEntries(db, { surveyId, limit: q.limit, ...(q.before ? { before: q.before } : {}) }) });
  });

  // Roles per survey.
  app.get("/api/surveys/:surveyId/members", { config: { access: SURVEY_ADMIN } }, async (request) => {
    const { surveyId } = parseOr(surveyParams, request.params, "bad-request", "the URL");
    await requireSurvey(surveyId);
    return { members: await membersOf(db, surveyId) };
  });

  app.put("/api/surveys/:surveyId/members/:userId", { config: { access: SURVEY_ADMIN } }, async (request) => {
    const { surveyId, userId } = parseOr(surveyParams.extend(userParams.shape), request.params, "bad-request", "the URL");
    const { role } = parseOr(roleGrantSchema, jsonBody(request));
    await requireSurvey(surveyId);
    if (!(await findUser(db, userId))) throw new HttpProblem("not-found", "no such account");
    await setRole(db, { surveyId, userId, role, grantedBy: userIdOf(request) });
    await audit(db, { actor: actorOf(request), action: "role.grant", surveyId, detail: { userId, role } });
    return { members: await membersOf(db, surveyId) };
  });

  app.delete("/api/surveys/:surveyId/members/:userId", { config: { access: SURVEY_ADMIN } }, async (request, reply) => {
    const { surveyId, userId } = parseOr(surveyParams.extend(userParams.shape), request.params, "bad-request", "the URL");
    if (!(await removeRole(db, surveyId, userId))) throw new HttpProblem("not-found", "this account has no role on this survey");
    await audit(db, { actor: actorOf(request), action: "role.revoke", surveyId, detail: { userId } });
    return reply.code(204).send();
  });

  // Collection links.
  app.get("/api/surveys/:surveyId/links", { config: { access: SURVEY_ADMIN } }, async (request) => {
    const { surveyId } = parseOr(surveyParams, request.params, "bad-request", "the URL");
    return { links: await listLinks(db, surveyId) };
  });

  app.post("/api/surveys/:surveyId/links", { config: { access: SURVEY_ADMIN } }, async (request, reply) => {
    const { surveyId } = parseOr(surveyParams, request.params, "bad-request", "the URL");
    const body = parseOr(createLinkSchema, jsonBody(request));
    await requireSurvey(surveyId);
    const expiresAt = new Date(Date.now() + (body.expiresInDays ?? 30) * 86_400_000);
    const { link, token } = await createLink(db, { surveyId, label: body.label, expiresAt, perMinute: body.perMinute ?? 600, createdBy: userIdOf(request) });
    await audit(db, { actor: actorOf(request), action: "link.create", surveyId, detail: { linkId: link.id, label: link.label, expiresAt: link.expiresAt } });
    return reply.code(201).send(createdLinkSchema.parse({ link, token, url: `${config.publicUrl}/#/collect/${token}` }));
  });

  app.delete("/api/surveys/:surveyId/links/:linkId", { config: { access: SURVEY_ADMIN } }, async (request) => {
    const { surveyId, linkId } = parseOr(surveyParams.extend({ linkId: z.uuid() }), request.params, "bad-request", "the URL");
    const link = await revokeLink(db, surveyId, linkId);
    if (!link) throw new HttpProblem("not-found", "this survey has no such link");
    ctx.links.forget(linkId);
    await audit(db, { actor: actorOf(request), action: "link.revoke", surveyId, detail: { linkId } });
    return link;
  });

  // What a link's bearer may use: its survey and its newest version.
  app.get("/api/link", { config: { access: { who: "link" } } }, async (request) => {
    if (request.principal.kind !== "link") throw new HttpProblem("forbidden");
    const { link } = request.principal;
    const latest = await latestVersion(db, link.surveyId);
    return linkInfoSchema.parse({ surveyId: link.surveyId, label: link.label, expiresAt: link.expiresAt, latest: latest?.version ?? null });
  });
}
