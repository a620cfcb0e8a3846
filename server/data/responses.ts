/**
 * Receiving responses exactly once, listing them, their history, attachments, and reading them
 * for an export.
 *
 * Exactly once is the database's job, not the application's: `response_revisions` has the primary
 * key (response_id, revision) and each submission is one transaction that inserts with ON CONFLICT
 * DO NOTHING. Of any number of concurrent submissions of one revision, from any number of server
 * processes, exactly one inserts; PostgreSQL makes the others wait on the key until it commits,
 * then they read the stored row and compare hashes (identical or conflict). Nothing is updated
 * in place except the `responses` row that points at the latest revision, and only forward.
 * (KoboToolbox had duplicates until it added such a constraint: kpi#5047.)
 */
import { sql, type Selectable } from "kysely";
import type { ExportRecord } from "../../src/export/types.ts";
import type { VersionCount } from "../../src/export/plan.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import type { ServerResponse } from "../../src/schema/submission.ts";
import type { Db, ResponsesTable } from "./database.ts";

export type ReceiveOutcome =
  | { outcome: "created" | "identical"; receivedAt: Date; current: boolean }
  | { outcome: "conflict"; storedHash: string; receivedAt: Date }
  | { outcome: "id-taken"; otherSurvey: true };

class IdTaken extends Error {}

export interface Incoming {
  surveyId: string;
  record: ResponseRecord;
  revision: number;
  replaces: number | null;
  contentHash: string;
  /** Who delivered it: `link:<id>` or `user:<id>`. */
  via: string;
}

export async function receiveRevision(db: Db, input: Incoming): Promise<ReceiveOutcome> {
  const { record, revision } = input;
  const stored = { ...record, revision };
  try {
    return await db.transaction().execute(async (tx): Promise<ReceiveOutcome> => {
      const inserted = await tx
        .insertInto("response_revisions")
        .values({
          response_id: record.id,
          revision,
          survey_id: input.surveyId,
          replaces: input.replaces,
          content_hash: input.contentHash,
          record: JSON.stringify(stored),
          received_via: input.via,
        })
        .onConflict((oc) => oc.columns(["response_id", "revision"]).doNothing())
        .returning("received_at")
        .executeTakeFirst();
      if (!inserted) {
        const existing = await tx
          .selectFrom("response_revisions")
          .select(["survey_id", "content_hash", "received_at"])
          .where("response_id", "=", record.id)
          .where("revision", "=", revision)
          .executeTakeFirstOrThrow();
        if (existing.survey_id !== input.surveyId) return { outcome: "id-taken", otherSurvey: true };
        if (existing.content_hash !== input.contentHash) return { outcome: "conflict", storedHash: existing.content_hash, receivedAt: existing.received_at };
        const head = await tx.selectFrom("responses").select("revision").where("id", "=", record.id).executeTakeFirst();
        return { outcome: "identical", receivedAt: existing.received_at, current: head?.revision === revision };
      }
      const head = {
        survey_id: input.surveyId,
        revision,
        content_hash: input.contentHash,
        survey_version: record.surveyVersion,
        status: record.status,
        data: JSON.stringify(record.data),
        language: record.language,
        current_page: record.currentPage,
        progress: record.progress,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
        completed_at: record.completedAt,
        received_at: inserted.received_at,
      };
      // The latest revision becomes the response's row; an older one arriving late stays in the history only.
      const moved = await tx
        .insertInto("responses")
        .values({ id: record.id, ...head })
        .onConflict((oc) =>
          oc
            .column("id")
            .doUpdateSet(head)
            .where("responses.revision", "<", revision)
            .where("responses.survey_id", "=", input.surveyId),
        )
        .returning("revision")
        .executeTakeFirst();
      if (!moved) {
        const owner = await tx.selectFrom("responses").select("survey_id").where("id", "=", record.id).executeTakeFirstOrThrow();
        if (owner.survey_id !== input.surveyId) throw new IdTaken();
      }
      return { outcome: "created", receivedAt: inserted.received_at, current: moved !== undefined };
    });
  } catch (e) {
    if (e instanceof IdTaken) return { outcome: "id-taken", otherSurvey: true };
    throw e;
  }
}

const RESPONSE_COLUMNS = ["id", "survey_id", "revision", "content_hash", "survey_version", "status", "data", "language", "current_page", "progress", "created_at", "updated_at", "completed_at", "received_at"] as const;

/** A row of `responses` as selected: the table's select types (JSON `data` parsed, `received_at` a Date). */
type ResponseRow = Selectable<ResponsesTable>;

function rowToResponse(r: ResponseRow): ServerResponse {
  return {
    id: r.id,
    surveyId: r.survey_id,
    surveyVersion: r.survey_version,
    status: r.status,
    data: r.data,
    currentPage: r.current_page,
    language: r.language,
    progress: r.progress,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    completedAt: r.completed_at,
    revision: r.revision,
    contentHash: r.content_hash,
    receivedAt: r.received_at.toISOString(),
  };
}

/** Position after a row, in export order (created_at, id, byte-wise as the app sorts them). */
export interface PageCursor {
  createdAt: string;
  id: string;
}

export async function listResponses(db: Db, input: { surveyId: string; after: PageCursor | undefined; limit: number; status?: "draft" | "completed" }): Promise<{ items: ServerResponse[]; next: PageCursor | null; total: number }> {
  let q = db.selectFrom("responses").select(RESPONSE_COLUMNS).where("survey_id", "=", input.surveyId);
  let count = db.selectFrom("responses").select(sql<number>`count(*)::int`.as("n")).where("survey_id", "=", input.surveyId);
  if (input.status) {
    q = q.where("status", "=", input.status);
    count = count.where("status", "=", input.status);
  }
  const after = input.after;
  if (after) q = q.where(sql<boolean>`(created_at collate "C", id collate "C") > (${after.createdAt} collate "C", ${after.id} collate "C")`);
  const rows = (await q.orderBy(sql`created_at collate "C"`).orderBy(sql`id collate "C"`).limit(input.limit + 1).execute()) as ResponseRow[];
  const more = rows.length > input.limit;
  const items = rows.slice(0, input.limit).map(rowToResponse);
  const last = items.at(-1);
  const { n } = await count.executeTakeFirstOrThrow();
  return { items, next: more && last ? { createdAt: last.createdAt, id: last.id } : null, total: n };
}

export async function responseHistory(db: Db, surveyId: string, responseId: string) {
  const current = (await db.selectFrom("responses").select(RESPONSE_COLUMNS).where("id", "=", responseId).where("survey_id", "=", surveyId).executeTakeFirst()) as ResponseRow | undefined;
  if (!current) return undefined;
  const revisions = await db
    .selectFrom("response_revisions")
    .select(["revision", "replaces", "content_hash", "received_at", "record"])
    .where("response_id", "=", responseId)
    .where("survey_id", "=", surveyId)
    .orderBy("revision")
    .execute();
  return {
    current: rowToResponse(current),
    revisions: revisions.map((r) => ({ revision: r.revision, replaces: r.replaces, contentHash: r.content_hash, receivedAt: r.received_at.toISOString(), response: r.record as ResponseRecord })),
  };
}

export async function countRows(db: Db, surveyId: string): Promise<{ responses: number; revisions: number }> {
  const a = await db.selectFrom("responses").select(sql<number>`count(*)::int`.as("n")).where("survey_id", "=", surveyId).executeTakeFirstOrThrow();
  const b = await db.selectFrom("response_revisions").select(sql<number>`count(*)::int`.as("n")).where("survey_id", "=", surveyId).executeTakeFirstOrThrow();
  return { responses: a.n, revisions: b.n };
}

// ---------------------------------------------------------------------------------------------
// Reading for exports: one snapshot, any number of passes
// ---------------------------------------------------------------------------------------------

/**
 * A read-only REPEATABLE READ transaction over a survey's responses: every pass (`batches()`)
 * sees the same rows, in export order, read with a server-side cursor (DECLARE … CURSOR, FETCH)
 * `batchSize` at a time, so memory stays flat however many responses there are. Both engines run
 * it; on PGlite, which has one connection, other requests wait until `close()`.
 */
export interface ExportSnapshot {
  counts: VersionCount[];
  /** `batches()` with only what planning reads (survey, status, answers). */
  planBatches(): AsyncIterable<Pick<ExportRecord, "surveyId" | "status" | "data">[]>;
  /**
   * Changes whenever the survey's responses change (a response added, or a later revision of
   * one): their number, the sum of their revisions and the latest arrival. Equal watermarks mean
   * the same rows, so a column plan made from one snapshot fits the other.
   */
  watermark: string;
  batches(): AsyncIterable<ExportRecord[]>;
  close(): Promise<void>;
}

export async function openExportSnapshot(db: Db, surveyId: string, batchSize = 1000): Promise<ExportSnapshot> {
  const tx = await db.startTransaction().setIsolationLevel("repeatable read").setAccessMode("read only").execute();
  let closed = false;
  let cursors = 0;
  try {
    const counts = await tx
      .selectFrom("responses")
      .select(["survey_version", sql<number>`(count(*) filter (where status = 'completed'))::int`.as("completed"), sql<number>`(count(*) filter (where status <> 'completed'))::int`.as("drafts")])
      .where("survey_id", "=", surveyId)
      .groupBy("survey_version")
      .execute();
    const mark = await tx
      .selectFrom("responses")
      .select([sql<string>`count(*)::text`.as("n"), sql<string>`coalesce(sum(revision), 0)::text`.as("revisions"), sql<string>`coalesce(max(received_at)::text, '')`.as("last")])
      .where("survey_id", "=", surveyId)
      .executeTakeFirstOrThrow();
    /**
     * One pass: a cursor over the survey's rows in export order, `batchSize` at a time. Each row
     * comes as one JSON array (`columns` in order): one field to decode per row instead of nine
     * makes the driver's part of a large export about twice as fast.
     */
    async function* read<T>(columns: readonly string[], toRecord: (row: unknown[]) => T): AsyncGenerator<T[]> {
      const name = sql.raw(`export_pass_${++cursors}`);
      await sql`declare ${name} no scroll cursor for
        select json_build_array(${sql.raw(columns.join(", "))}) as r from responses where survey_id = ${surveyId}
        order by created_at collate "C", id collate "C"`.execute(tx);
      try {
        for (;;) {
          const { rows } = await sql<{ r: unknown[] }>`fetch forward ${sql.raw(String(batchSize))} from ${name}`.execute(tx);
          if (rows.length === 0) break;
          yield rows.map((row) => toRecord(row.r));
        }
      } finally {
        if (!closed) await sql`close ${name}`.execute(tx);
      }
    }
    return {
      counts: counts.map((c) => ({ version: c.survey_version, completed: c.completed, drafts: c.drafts })),
      watermark: `${mark.n}/${mark.revisions}/${mark.last}`,
      batches: () =>
        read<ExportRecord>(["id", "survey_id", "survey_version", "status", "data", "language", "created_at", "updated_at", "completed_at"], (r) => ({
          id: r[0] as string,
          surveyId: r[1] as string,
          surveyVersion: r[2] as number,
          status: r[3] as ExportRecord["status"],
          data: r[4] as Record<string, unknown>,
          language: r[5] as string,
          createdAt: r[6] as string,
          updatedAt: r[7] as string,
          completedAt: r[8] as string | null,
        })),
      planBatches: () => read(["survey_id", "status", "data"], (r) => ({ surveyId: r[0] as string, status: r[1] as ExportRecord["status"], data: r[2] as Record<string, unknown> })),
      async close() {
        if (closed) return;
        closed = true;
        await tx.rollback().execute();
      },
    };
  } catch (e) {
    closed = true;
    await tx.rollback().execute();
    throw e;
  }
}

/** Each response's data, in batches (for counting the responses a breaking change affects). */
export async function* responseData(db: Db, surveyId: string): AsyncGenerator<{ data: unknown }[]> {
  const snapshot = await openExportSnapshot(db, surveyId);
  try {
    for await (const batch of snapshot.planBatches()) yield batch;
  } finally {
    await snapshot.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Attachments: content-addressed, stored once
// ---------------------------------------------------------------------------------------------

export async function putAttachment(db: Db, input: { surveyId: string; hash: string; contentType: string; bytes: Uint8Array }): Promise<"created" | "identical"> {
  const row = await db
    .insertInto("attachments")
    .values({ survey_id: input.surveyId, hash: input.hash, content_type: input.contentType, size: input.bytes.length, bytes: input.bytes })
    .onConflict((oc) => oc.columns(["survey_id", "hash"]).doNothing())
    .returning("hash")
    .executeTakeFirst();
  return row ? "created" : "identical";
}

export async function getAttachment(db: Db, surveyId: string, hash: string): Promise<{ contentType: string; bytes: Uint8Array } | undefined> {
  const row = await db.selectFrom("attachments").select(["content_type", "bytes"]).where("survey_id", "=", surveyId).where("hash", "=", hash).executeTakeFirst();
  return row && { contentType: row.content_type, bytes: row.bytes };
}
