/**
 * The HTTP application: Fastify (its logger is pino) with the API under /api, health checks, the
 * sign-in page and, when it has been built, the app itself on the same origin.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from "fastify";
import sjson from "secure-json-parse";
import { MAX_JSON_DEPTH, tooDeep } from "../src/schema/problem.ts";
import { authorize, createLinkCache, identify, type Access } from "./auth.ts";
import type { ServerConfig } from "./config.ts";
import type { AppContext, RouteEntry } from "./context.ts";
import type { Database } from "./data/database.ts";
import { HttpProblem, sendProblem } from "./problems.ts";
import { registerAdminRoutes } from "./routes/admin.ts";
import { registerResponseRoutes } from "./routes/responses.ts";
import { registerSessionRoutes } from "./routes/session.ts";
import { registerSurveyRoutes } from "./routes/surveys.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The JSON body's text as received (publishing hashes the exact text). */
    rawText: string | undefined;
  }
}

export interface App {
  fastify: FastifyInstance;
  routes: RouteEntry[];
  context: AppContext;
}

export async function createApp(options: { database: Database; config: ServerConfig; logger?: FastifyServerOptions["logger"] | FastifyBaseLogger }): Promise<App> {
  const { database, config } = options;
  const loggerOption = options.logger ?? { level: config.logLevel, redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'] };
  const fastify = Fastify({
    ...(typeof (loggerOption as FastifyBaseLogger).child === "function" ? { loggerInstance: loggerOption as FastifyBaseLogger } : { logger: loggerOption as FastifyServerOptions["logger"] }),
    trustProxy: config.trustProxy,
    bodyLimit: config.limits.response,
    // Finish requests in flight on close; new ones get 503 meanwhile.
    return503OnClosing: true,
    forceCloseConnections: "idle",
    routerOptions: { maxParamLength: 200 },
  });
  const context: AppContext = { db: database.db, database, config, links: createLinkCache(), ready: { value: true } };
  const routes: RouteEntry[] = [];

  fastify.decorateRequest("principal", null as never);
  fastify.decorateRequest("surveyRole", undefined);
  fastify.decorateRequest("rawText", undefined);

  fastify.addHook("onRoute", (route) => {
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.startsWith("/api")) {
      if (!access) throw new Error(`${methods.join(",")} ${route.url} declares no access rule: every API route must say who may call it`);
      for (const method of methods) if (method !== "HEAD") routes.push({ method, url: route.url, access });
    }
  });

  // JSON: a depth check before parsing (deep nesting is refused, not recursed into), and
  // __proto__ / constructor.prototype keys refused (secure-json-parse).
  fastify.addContentTypeParser(["application/json", "application/problem+json"], { parseAs: "string" }, (request, body, done) => {
    const text = body as string;
    request.rawText = text;
    const deep = tooDeep(text, MAX_JSON_DEPTH);
    if (deep) return done(new HttpProblem("too-deep", `the body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep (at ${deep.path.join(".") || "the top"})`), undefined);
    try {
      done(null, text.trim() === "" ? undefined : sjson.parse(text, undefined, { protoAction: "error", constructorAction: "error" }));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/prototype|__proto__|constructor/i.test(message)) return done(new HttpProblem("invalid-body", "the keys __proto__ and constructor.prototype are not allowed in a body"), undefined);
      done(new HttpProblem("invalid-body", `the body is not valid JSON: ${message}`), undefined);
    }
  });
  // Attachments and anything else arrive as bytes; JSON routes refuse them (415).
  fastify.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  await fastify.register(fastifyCookie);
  await fastify.register(fastifyRateLimit, {
    global: false,
    hook: "preHandler",
    errorResponseBuilder: (_request, ctx) => new HttpProblem("rate-limited", `at most ${ctx.max} requests per ${ctx.after.replace(/^1 /, "")} here; try again in ${Math.ceil(ctx.ttl / 1000)} s`),
  });

  const serveApp = existsSync(join(config.staticDir, "index.html"));
  const appHeaders = serveApp ? appSecurityHeaders(config.staticDir) : [];
  fastify.addHook("onRequest", async (request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    reply.header("x-frame-options", "DENY");
    // The app's files carry the policy its build wrote (with frame-ancestors, which a <meta> cannot
    // carry). Routes with a page of their own (/sign-in) set their own policy after this.
    if (!request.url.startsWith("/api/")) for (const [name, value] of appHeaders) reply.header(name, value);
    const access = request.routeOptions.config?.access;
    if (!access) return;
    request.principal = access.who === "public" ? { kind: "anonymous" } : await identify(context.db, request, context.links);
    await authorize(context.db, request, access);
  });

  fastify.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpProblem) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return sendProblem(reply, error);
    }
    const e = error as { code?: string; statusCode?: number; message?: string };
    if (e.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return sendProblem(reply, new HttpProblem("body-too-large", `the body is larger than this route accepts (${request.routeOptions.bodyLimit ?? config.limits.response} bytes)`));
    }
    if (e.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return sendProblem(reply, new HttpProblem("unsupported-media-type", e.message));
    if (e.code === "FST_ERR_CTP_EMPTY_JSON_BODY" || e.code === "FST_ERR_CTP_INVALID_CONTENT_LENGTH") return sendProblem(reply, new HttpProblem("invalid-body", e.message));
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return sendProblem(reply, new HttpProblem("bad-request", e.message));
    request.log.error({ err: error }, "request failed");
    return sendProblem(reply, new HttpProblem("internal", "the server could not complete the request; it has been logged"));
  });

  fastify.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    if (serveApp && (request.method === "GET" || request.method === "HEAD") && !path.startsWith("/api/")) {
      // The app's own routes (client-side routing) get the app.
      return reply.type("text/html; charset=utf-8").sendFile("index.html");
    }
    return sendProblem(reply, new HttpProblem("not-found", `no ${request.method} ${path} here`));
  });

  const publicAccess: Access = { who: "public" };
  fastify.get("/healthz", { config: { access: publicAccess } }, async () => ({ status: "ok" }));
  fastify.get("/readyz", { config: { access: publicAccess } }, async (_request, reply) => {
    if (!context.ready.value) return sendProblem(reply, new HttpProblem("shutting-down", "the server is shutting down"));
    try {
      await context.db.selectFrom("surveys").select("id").limit(1).execute();
      return { status: "ready", database: database.target.kind };
    } catch (e) {
      return sendProblem(reply, new HttpProblem("internal", `the database does not answer: ${e instanceof Error ? e.message : String(e)}`));
    }
  });

  await registerSessionRoutes(fastify, context);
  await registerAdminRoutes(fastify, context);
  await registerSurveyRoutes(fastify, context);
  await registerResponseRoutes(fastify, context);

  if (serveApp) await fastify.register(fastifyStatic, { root: config.staticDir, wildcard: false, index: ["index.html"], cacheControl: false });
  return { fastify, routes, context };
}

/**
 * The security headers the build wrote to `_headers` for its `/*` block (src/security/csp.ts, from
 * the allow-list the app was built with), so the server sends the policy the app expects. A build
 * without the file gets none beyond the server's own.
 */
export function appSecurityHeaders(staticDir: string): [string, string][] {
  const file = join(staticDir, "_headers");
  if (!existsSync(file)) return [];
  const out: [string, string][] = [];
  let inAll = false;
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    if (!/^\s/.test(line)) {
      inAll = line.trim() === "/*";
      continue;
    }
    const m = /^\s+([A-Za-z-]+):\s*(.+)$/.exec(line);
    if (inAll && m) out.push([m[1]!.toLowerCase(), m[2]!.trim()]);
  }
  return out;
}
