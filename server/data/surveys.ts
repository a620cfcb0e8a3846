/** Surveys and their published versions: immutable, keyed by (survey, version), hashed. */
import { sql } from "kysely";
import type { PublishedSurveyList, PublishedVersion } from "../../src/schema/server-api.ts";
import type { Db } from "./database.ts";

export async function surveyExists(db: Db, surveyId: string): Promise<boolean> {
  const row = await db.selectFrom("surveys").select("id").where("id", "=", surveyId).executeTakeFirst();
  return row !== undefined;
}

export type PublishOutcome = { outcome: "created" } | { outcome: "identical"; publishedAt: Date } | { outcome: "conflict"; hash: string };

/**
 * Stores a version once: a second publish of the same text is "identical", of another text under
 * the same number a "conflict" (versions never change). The primary key decides under concurrency.
 */
export async function publishVersion(
  db: Db,
  input: { surveyId: string; version: number; hash: string; text: string; title: unknown; userId: string | null },
): Promise<PublishOutcome> {
  return db.transaction().execute(async (tx) => {
    await tx.insertInto("surveys").values({ id: input.surveyId, created_by: input.userId }).onConflict((oc) => oc.column("id").doNothing()).execute();
    const inserted = await tx
      .insertInto("survey_versions")
      .values({ survey_id: input.surveyId, version: input.version, hash: input.hash, text: input.text, title: JSON.stringify(input.title), published_by: input.userId })
      .onConflict((oc) => oc.columns(["survey_id", "version"]).doNothing())
      .returning("version")
      .executeTakeFirst();
    if (inserted) return { outcome: "created" as const };
    const existing = await tx.selectFrom("survey_versions").select(["hash", "published_at"]).where("survey_id", "=", input.surveyId).where("version", "=", input.version).executeTakeFirstOrThrow();
    return existing.hash === input.hash ? { outcome: "identical" as const, publishedAt: existing.published_at } : { outcome: "conflict" as const, hash: existing.hash };
  });
}

export async function listVersions(db: Db, surveyId: string): Promise<PublishedVersion[]> {
  const rows = await db.selectFrom("survey_versions").select(["version", "hash", "published_at"]).where("survey_id", "=", surveyId).orderBy("version").execute();
  return rows.map((r) => ({ version: r.version, hash: r.hash, publishedAt: r.published_at.toISOString() }));
}

export async function getVersion(db: Db, surveyId: string, version: number): Promise<{ text: string; hash: string; publishedAt: Date } | undefined> {
  const row = await db.selectFrom("survey_versions").select(["text", "hash", "published_at"]).where("survey_id", "=", surveyId).where("version", "=", version).executeTakeFirst();
  return row && { text: row.text, hash: row.hash, publishedAt: row.published_at };
}

/** Every version's text, for an export's column plan. */
export async function allVersionTexts(db: Db, surveyId: string): Promise<{ version: number; text: string }[]> {
  return db.selectFrom("survey_versions").select(["version", "text"]).where("survey_id", "=", surveyId).orderBy("version").execute();
}

export async function latestVersion(db: Db, surveyId: string): Promise<{ version: number; text: string } | undefined> {
  return db.selectFrom("survey_versions").select(["version", "text"]).where("survey_id", "=", surveyId).orderBy("version", "desc").limit(1).executeTakeFirst();
}

/** Published surveys with their versions; `only` limits the list (undefined: every survey). */
export async function listPublished(db: Db, only: readonly string[] | undefined): Promise<PublishedSurveyList> {
  if (only !== undefined && only.length === 0) return { surveys: [] };
  let q = db.selectFrom("survey_versions").select(["survey_id", "version", "hash", "published_at", "title"]).orderBy("survey_id").orderBy("version");
  if (only !== undefined) q = q.where("survey_id", "in", only);
  const rows = await q.execute();
  const out: PublishedSurveyList["surveys"] = [];
  for (const r of rows) {
    let entry = out.at(-1);
    if (!entry || entry.surveyId !== r.survey_id) out.push((entry = { surveyId: r.survey_id, title: "", latest: r.version, versions: [] }));
    entry.versions.push({ version: r.version, hash: r.hash, publishedAt: r.published_at.toISOString() });
    entry.latest = r.version;
    entry.title = r.title as PublishedSurveyList["surveys"][number]["title"];
  }
  return { surveys: out };
}

/** A fingerprint of what `listPublished` would return for these surveys: the list's ETag, without reading the list. */
export async function publishedFingerprint(db: Db, only: readonly string[] | undefined): Promise<string> {
  if (only !== undefined && only.length === 0) return "none";
  let q = db.selectFrom("survey_versions").select([sql<number>`count(*)::int`.as("n"), sql<string>`coalesce(max(published_at)::text, '')`.as("last")]);
  if (only !== undefined) q = q.where("survey_id", "in", only);
  const r = await q.executeTakeFirstOrThrow();
  return `${r.n}-${r.last}-${only === undefined ? "*" : [...only].sort().join(",")}`;
}
