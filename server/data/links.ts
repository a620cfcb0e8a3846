/** Collection links: per-survey bearer tokens for respondents' devices. Only the token's hash is stored. */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { CollectionLink } from "../../src/schema/server-api.ts";
import type { Db } from "./database.ts";
import { newToken, tokenHash } from "./tokens.ts";

/** Link tokens carry a prefix so that logs, secret scanners and people can tell them apart. */
export const LINK_TOKEN_PREFIX = "sslink_";

type LinkRow = { id: string; survey_id: string; label: string; created_at: Date; expires_at: Date; revoked_at: Date | null; per_minute: number };

function rowToLink(r: LinkRow): CollectionLink {
  return { id: r.id, surveyId: r.survey_id, label: r.label, createdAt: r.created_at.toISOString(), expiresAt: r.expires_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null, perMinute: r.per_minute };
}

const LINK_COLUMNS = ["id", "survey_id", "label", "created_at", "expires_at", "revoked_at", "per_minute"] as const;

export async function createLink(db: Db, input: { surveyId: string; label: string; expiresAt: Date; perMinute: number; createdBy: string | null }): Promise<{ link: CollectionLink; token: string }> {
  const token = newToken(LINK_TOKEN_PREFIX);
  const row = await db
    .insertInto("collection_links")
    .values({ id: randomUUID(), survey_id: input.surveyId, token_hash: tokenHash(token), label: input.label, created_by: input.createdBy, expires_at: input.expiresAt, revoked_at: null, per_minute: input.perMinute })
    .returning(LINK_COLUMNS)
    .executeTakeFirstOrThrow();
  return { link: rowToLink(row), token };
}

/** The link a token names, whatever its state (the caller tells revoked and expired apart). */
export async function findLinkByToken(db: Db, token: string): Promise<CollectionLink | undefined> {
  const row = await db.selectFrom("collection_links").select(LINK_COLUMNS).where("token_hash", "=", tokenHash(token)).executeTakeFirst();
  return row && rowToLink(row);
}

export async function listLinks(db: Db, surveyId: string): Promise<CollectionLink[]> {
  const rows = await db.selectFrom("collection_links").select(LINK_COLUMNS).where("survey_id", "=", surveyId).orderBy("created_at").execute();
  return rows.map(rowToLink);
}

/** Revokes a link of this survey; undefined when there is none with that id. Revoking twice keeps the first time. */
export async function revokeLink(db: Db, surveyId: string, linkId: string): Promise<CollectionLink | undefined> {
  await db.updateTable("collection_links").set({ revoked_at: sql`now()` }).where("id", "=", linkId).where("survey_id", "=", surveyId).where("revoked_at", "is", null).execute();
  const row = await db.selectFrom("collection_links").select(LINK_COLUMNS).where("id", "=", linkId).where("survey_id", "=", surveyId).executeTakeFirst();
  return row && rowToLink(row);
}
