/**
 * The collection server's command line.
 *
 *   npm run server                       start (same as `npm run server -- serve`)
 *   npm run server -- migrate            apply pending database migrations and stop
 *   npm run server -- create-user EMAIL NAME [--admin]
 *   npm run server -- sign-in-link EMAIL
 *   npm run server -- grant EMAIL SURVEY admin|designer|analyst
 *   npm run server -- revoke-role EMAIL SURVEY
 *   npm run server -- create-link SURVEY LABEL [--days N] [--per-minute N]
 *   npm run server -- revoke-link SURVEY LINK_ID
 *   npm run server -- list-links SURVEY
 *
 * Configuration comes from the environment (server/config.ts; docs/api.md lists it). Exit codes:
 * 0 done, 1 failed, 2 bad arguments or configuration.
 */
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { surveyRoleSchema } from "../src/schema/server-api.ts";
import { createApp } from "./app.ts";
import { ConfigError, parseConfig, type ServerConfig } from "./config.ts";
import { countUsers, createSignInToken, createUser, findUserByEmail, listUsers, removeRole, setRole } from "./data/accounts.ts";
import { audit } from "./data/audit.ts";
import { openDatabase, type Database } from "./data/database.ts";
import { createLink, listLinks, revokeLink } from "./data/links.ts";
import { migrateToLatest } from "./data/migrations.ts";
import { surveyExists } from "./data/surveys.ts";

class UsageError extends Error {}

const USAGE = `Usage: npm run server -- [serve|migrate|create-user|sign-in-link|grant|revoke-role|create-link|revoke-link|list-links] …
  serve                                   start the server (default)
  migrate                                 apply pending database migrations
  create-user EMAIL NAME [--admin]        an account; prints its one-time sign-in link
  sign-in-link EMAIL                      a new one-time sign-in link (forgotten password)
  grant EMAIL SURVEY admin|designer|analyst
  revoke-role EMAIL SURVEY
  create-link SURVEY LABEL [--days N] [--per-minute N]   a collection link; prints its URL once
  revoke-link SURVEY LINK_ID
  list-links SURVEY
`;

/** Starts the server; resolves with a function that shuts it down gracefully. */
export async function serve(config: ServerConfig, out: (line: string) => void = (l) => void process.stdout.write(`${l}\n`)): Promise<{ close: () => Promise<void>; url: string; database: Database }> {
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db as never);
  const signIn = await firstStart(database, config);
  const app = await createApp({ database, config });
  const address = await app.fastify.listen({ port: config.port, host: config.host });
  app.fastify.log.info({ address, database: database.describe() }, "Survey Studio server started");
  out(`Survey Studio server: ${config.publicUrl} (listening on ${address}, ${database.describe()})`);
  if (signIn) out(`\nFirst start: sign in as ${signIn.email} with this one-time link (valid until ${signIn.expiresAt}):\n  ${signIn.url}\n`);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      app.context.ready.value = false;
      const timer = setTimeout(() => {
        app.fastify.log.warn("requests still in flight after the grace period: closing anyway");
        app.fastify.server.closeAllConnections();
      }, config.shutdownGraceMs);
      try {
        await app.fastify.close();
      } finally {
        clearTimeout(timer);
        await database.close();
      }
    })());
  return { close, url: address, database };
}

/**
 * With no account yet, creates the first server administrator; while no account has a
 * password, prints a fresh one-time sign-in link for it at every start.
 */
async function firstStart(database: Database, config: ServerConfig): Promise<{ email: string; url: string; expiresAt: string } | undefined> {
  const db = database.db;
  if ((await countUsers(db)) === 0) {
    const email = process.env["ADMIN_EMAIL"] || "admin@localhost";
    await createUser(db, { email, name: "Administrator", serverAdmin: true });
  }
  const users = await listUsers(db);
  const admin = users.find((u) => u.serverAdmin && !u.disabled);
  if (!admin) return undefined;
  const full = await findUserByEmail(db, admin.email);
  const anyPassword = await db.selectFrom("users").select("id").where("password_hash", "is not", null).limit(1).executeTakeFirst();
  if (anyPassword || !full) return undefined;
  const link = await createSignInToken(db, admin.id, config.signInLinkMs);
  return { email: admin.email, url: `${config.publicUrl}/sign-in#token=${link.token}`, expiresAt: link.expiresAt.toISOString() };
}

function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

function takeNumber(args: string[], name: string, min: number, max: number): number | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < min || v > max) throw new UsageError(`${name} needs a whole number from ${min} to ${max}`);
  args.splice(i, 2);
  return v;
}

async function withDatabase<T>(config: ServerConfig, run: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db as never);
    return await run(database);
  } finally {
    await database.close();
  }
}

/** Runs one command; returns the exit code. */
export async function runCommand(argv: readonly string[], env: Record<string, string | undefined>, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const args = [...argv];
  const command = args.shift() ?? "serve";
  if (command === "help" || command === "--help" || command === "-h") {
    out(USAGE);
    return 0;
  }
  let config: ServerConfig;
  try {
    config = parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
  const need = (n: number) => {
    if (args.length !== n) throw new UsageError(`${command} takes ${n} argument${n === 1 ? "" : "s"}, not ${args.length}`);
  };
  const userByEmail = async (database: Database, email: string) => {
    const u = await findUserByEmail(database.db, email);
    if (!u) throw new UsageError(`no account with the email ${email}`);
    return u;
  };
  const requireSurvey = async (database: Database, survey: string) => {
    if (!(await surveyExists(database.db, survey))) throw new UsageError(`no survey "${survey}" is published on this server`);
  };
  try {
    switch (command) {
      case "serve": {
        need(0);
        const server = await serve(config, out);
        const stop = (signal: string) => {
          out(`${signal}: finishing requests in flight, then stopping`);
          server.close().then(
            () => process.exit(0),
            (e: unknown) => {
              err(`shutdown failed: ${e instanceof Error ? e.message : String(e)}`);
              process.exit(1);
            },
          );
        };
        process.once("SIGTERM", () => stop("SIGTERM"));
        process.once("SIGINT", () => stop("SIGINT"));
        return -1;
      }
      case "migrate":
        need(0);
        return await withDatabase(config, async (database) => {
          const r = await migrateToLatest(database.db as never);
          const applied = (r.results ?? []).map((m) => m.migrationName);
          out(applied.length ? `applied: ${applied.join(", ")}` : "the database is up to date");
          return 0;
        });
      case "create-user": {
        const admin = takeFlag(args, "--admin");
        need(2);
        const [email, name] = args as [string, string];
        return await withDatabase(config, async (database) => {
          const user = await createUser(database.db, { email, name, serverAdmin: admin });
          const link = await createSignInToken(database.db, user.id, config.signInLinkMs);
          await audit(database.db, { actor: "cli", action: "user.create", surveyId: null, detail: { userId: user.id, email, serverAdmin: admin } });
          out(`created ${email}${admin ? " (server administrator)" : ""}; one-time sign-in link, valid until ${link.expiresAt.toISOString()}:\n  ${config.publicUrl}/sign-in#token=${link.token}`);
          return 0;
        });
      }
      case "sign-in-link": {
        need(1);
        return await withDatabase(config, async (database) => {
          const user = await userByEmail(database, args[0] as string);
          const link = await createSignInToken(database.db, user.id, config.signInLinkMs);
          await audit(database.db, { actor: "cli", action: "user.sign-in-link", surveyId: null, detail: { userId: user.id } });
          out(`one-time sign-in link for ${user.email}, valid until ${link.expiresAt.toISOString()}:\n  ${config.publicUrl}/sign-in#token=${link.token}`);
          return 0;
        });
      }
      case "grant": {
        need(3);
        const [email, survey, roleText] = args as [string, string, string];
        const role = surveyRoleSchema.safeParse(roleText);
        if (!role.success) throw new UsageError(`the role must be admin, designer or analyst, not "${roleText}"`);
        return await withDatabase(config, async (database) => {
          const user = await userByEmail(database, email);
          await requireSurvey(database, survey);
          await setRole(database.db, { surveyId: survey, userId: user.id, role: role.data, grantedBy: null });
          await audit(database.db, { actor: "cli", action: "role.grant", surveyId: survey, detail: { userId: user.id, role: role.data } });
          out(`${email} is now ${role.data} of "${survey}"`);
          return 0;
        });
      }
      case "revoke-role": {
        need(2);
        const [email, survey] = args as [string, string];
        return await withDatabase(config, async (database) => {
          const user = await userByEmail(database, email);
          const removed = await removeRole(database.db, survey, user.id);
          if (removed) await audit(database.db, { actor: "cli", action: "role.revoke", surveyId: survey, detail: { userId: user.id } });
          out(removed ? `${email} has no role on "${survey}" any more` : `${email} had no role on "${survey}"`);
          return 0;
        });
      }
      case "create-link": {
        const days = takeNumber(args, "--days", 1, 366) ?? 30;
        const perMinute = takeNumber(args, "--per-minute", 1, 100_000) ?? 600;
        need(2);
        const [survey, label] = args as [string, string];
        return await withDatabase(config, async (database) => {
          await requireSurvey(database, survey);
          const { link, token } = await createLink(database.db, { surveyId: survey, label, expiresAt: new Date(Date.now() + days * 86_400_000), perMinute, createdBy: null });
          await audit(database.db, { actor: "cli", action: "link.create", surveyId: survey, detail: { linkId: link.id, label, expiresAt: link.expiresAt } });
          out(`collection link ${link.id} for "${survey}" (${label}), valid until ${link.expiresAt}; hand out this URL (shown only now):\n  ${config.publicUrl}/#/collect/${token}`);
          return 0;
        });
      }
      case "revoke-link": {
        need(2);
        const [survey, linkId] = args as [string, string];
        return await withDatabase(config, async (database) => {
          const link = /^[0-9a-f-]{36}$/i.test(linkId) ? await revokeLink(database.db, survey, linkId) : undefined;
          if (!link) throw new UsageError(`"${survey}" has no link ${linkId} (see list-links)`);
          await audit(database.db, { actor: "cli", action: "link.revoke", surveyId: survey, detail: { linkId } });
          out(`link ${linkId} (${link.label}) revoked`);
          return 0;
        });
      }
      case "list-links": {
        need(1);
        return await withDatabase(config, async (database) => {
          for (const l of await listLinks(database.db, args[0] as string)) {
            out(`${l.id}  ${l.label}  expires ${l.expiresAt}${l.revokedAt ? `  revoked ${l.revokedAt}` : ""}  ${l.perMinute}/min`);
          }
          return 0;
        });
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`server: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    err(`server: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
  const code = await runCommand(
    process.argv.slice(2),
    process.env,
    (l) => void process.stdout.write(`${l}\n`),
    (l) => void process.stderr.write(`${l}\n`),
  );
  if (code >= 0) process.exit(code);
}
