/** Accounts, one-time sign-in tokens, sessions and roles per survey. */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { SurveyRole, User } from "../../src/schema/server-api.ts";
import type { Db } from "./database.ts";
import { newToken, tokenHash } from "./tokens.ts";

export class DuplicateEmail extends Error {}


function rowToUser(r: { id: string; email: string; name: string; server_admin: boolean; created_at: Date; disabled_at: Date | null }): User {
  return { id: r.id, email: r.email, name: r.name, serverAdmin: r.server_admin, createdAt: r.created_at.toISOString(), disabled: r.disabled_at !== null };
}

const USER_COLUMNS = ["users.id", "users.email", "users.name", "users.server_admin", "users.created_at", "users.disabled_at"] as const;

export async function createUser(db: Db, input: { email: string; name: string; serverAdmin?: boolean }): Promise<User> {
  const row = await db
    .insertInto("users")
    .values({ id: randomUUID(), email: input.email.trim(), email_key: input.email.trim().toLowerCase(), name: input.name, password_hash: null, server_admin: input.serverAdmin ?? false, disabled_at: null })
    .onConflict((oc) => oc.column("email_key").doNothing())
    .returning(USER_COLUMNS)
    .executeTakeFirst();
  if (!row) throw new DuplicateEmail(`an account with the email ${input.email} exists already`);
  return rowToUser(row);
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db.selectFrom("users").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  return r.n;
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom("users").select(USER_COLUMNS).orderBy("users.created_at").execute();
  return rows.map(rowToUser);
}

export async function findUser(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom("users").select(USER_COLUMNS).where("id", "=", id).executeTakeFirst();
  return row && rowToUser(row);
}

export async function findUserByEmail(db: Db, email: string): Promise<(User & { passwordHash: string | null }) | undefined> {
  const row = await db.selectFrom("users").select([...USER_COLUMNS, "users.password_hash"]).where("email_key", "=", email.trim().toLowerCase()).executeTakeFirst();
  return row && { ...rowToUser(row), passwordHash: row.password_hash };
}

export async function setPasswordHash(db: Db, userId: string, hash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: hash }).where("id", "=", userId).execute();
}

export async function setDisabled(db: Db, userId: string, disabled: boolean): Promise<void> {
  await db.updateTable("users").set({ disabled_at: disabled ? new Date() : null }).where("id", "=", userId).execute();
  if (disabled) await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** A one-time sign-in token for a user (printed at first start, given to new accounts). */
export async function createSignInToken(db: Db, userId: string, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.insertInto("sign_in_tokens").values({ token_hash: tokenHash(token), user_id: userId, expires_at: expiresAt, used_at: null }).execute();
  return { token, expiresAt };
}

/** Uses a sign-in token up: the user's id once, undefined for an unknown, used or expired token. One statement, so two uses cannot both succeed. */
export async function consumeSignInToken(db: Db, token: string): Promise<string | undefined> {
  const row = await db
    .updateTable("sign_in_tokens")
    .set({ used_at: sql`now()` })
    .where("token_hash", "=", tokenHash(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .returning("user_id")
    .executeTakeFirst();
  return row?.user_id;
}

export async function createSession(db: Db, userId: string, ttlMs: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.insertInto("sessions").values({ token_hash: tokenHash(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt }).execute();
  return { token, csrfToken, expiresAt };
}

export interface SessionUser {
  user: User;
  csrfToken: string;
  expiresAt: Date;
  tokenHash: string;
}

/** The live session of a cookie token: not expired, its account not disabled. */
export async function findSession(db: Db, token: string): Promise<SessionUser | undefined> {
  const hash = tokenHash(token);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([...USER_COLUMNS, "sessions.csrf_token", "sessions.expires_at"])
    .where("sessions.token_hash", "=", hash)
    .where("sessions.expires_at", ">", sql<Date>`now()`)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  return row && { user: rowToUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at, tokenHash: hash };
}

export async function deleteSession(db: Db, hash: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", hash).execute();
}

export async function deleteExpired(db: Db): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<", sql<Date>`now()`).execute();
  await db.deleteFrom("sign_in_tokens").where("expires_at", "<", sql<Date>`now() - interval '30 days'`).execute();
}

export async function rolesOf(db: Db, userId: string): Promise<{ surveyId: string; role: SurveyRole }[]> {
  const rows = await db.selectFrom("survey_roles").select(["survey_id", "role"]).where("user_id", "=", userId).orderBy("survey_id").execute();
  return rows.map((r) => ({ surveyId: r.survey_id, role: r.role }));
}

export async function roleOn(db: Db, userId: string, surveyId: string): Promise<SurveyRole | undefined> {
  const row = await db.selectFrom("survey_roles").select("role").where("user_id", "=", userId).where("survey_id", "=", surveyId).executeTakeFirst();
  return row?.role;
}

export async function setRole(db: Db, input: { surveyId: string; userId: string; role: SurveyRole; grantedBy: string | null }): Promise<void> {
  await db
    .insertInto("survey_roles")
    .values({ survey_id: input.surveyId, user_id: input.userId, role: input.role, granted_by: input.grantedBy })
    .onConflict((oc) => oc.columns(["survey_id", "user_id"]).doUpdateSet({ role: input.role, granted_by: input.grantedBy, granted_at: sql`now()` }))
    .execute();
}

export async function removeRole(db: Db, surveyId: string, userId: string): Promise<boolean> {
  const r = await db.deleteFrom("survey_roles").where("survey_id", "=", surveyId).where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function membersOf(db: Db, surveyId: string): Promise<{ userId: string; email: string; name: string; role: SurveyRole }[]> {
  const rows = await db
    .selectFrom("survey_roles")
    .innerJoin("users", "users.id", "survey_roles.user_id")
    .select(["users.id", "users.email", "users.name", "survey_roles.role"])
    .where("survey_roles.survey_id", "=", surveyId)
    .orderBy("users.email")
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, name: r.name, role: r.role }));
}
