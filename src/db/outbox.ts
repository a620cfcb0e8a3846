/**
 * The outbox and the device's collection links in IndexedDB (Dexie schema version 3): the
 * `OutboxStore` of src/schema/outbox.ts. Entries are never deleted: a delivered revision keeps its
 * receipt, one the server refused keeps the answers as they were sent.
 */
import { deviceLinkSchema, outboxEntrySchema, type DeviceLink, type OutboxEntry, type OutboxStore } from "../schema/outbox.ts";
import type { ResponseRecord } from "../schema/response.ts";
import { getDatabase, type StudioDatabase } from "./database.ts";

export function createOutboxStore(db: StudioDatabase = getDatabase()): OutboxStore {
  return {
    async enqueue(response: ResponseRecord, at: string): Promise<boolean> {
      if (response.status !== "completed" || response.revision < 1) throw new Error(`only a completed revision is queued (response ${response.id} is ${response.status}, revision ${response.revision})`);
      return db.transaction("rw", db.outbox, async () => {
        if (await db.outbox.get([response.id, response.revision])) return false;
        const older = await db.outbox.where("responseId").equals(response.id).toArray();
        for (const o of older) if (o.state === "queued" && o.revision < response.revision) await db.outbox.update([o.responseId, o.revision], { state: "superseded" });
        const entry: OutboxEntry = {
          responseId: response.id,
          surveyId: response.surveyId,
          revision: response.revision,
          state: "queued",
          response,
          queuedAt: at,
          attempts: 0,
          lastAttemptAt: null,
          error: null,
          receipt: null,
          conflict: null,
        };
        await db.outbox.add(outboxEntrySchema.parse(entry));
        return true;
      });
    },
    async queued(options = {}): Promise<OutboxEntry[]> {
      const rows = await db.outbox.where("state").anyOf(options.withRejected ? ["queued", "rejected"] : ["queued"]).toArray();
      return rows.map((r) => outboxEntrySchema.parse(r)).sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0));
    },
    async update(responseId, revision, patch): Promise<void> {
      await db.outbox.update([responseId, revision], patch);
    },
    async lastDelivered(responseId: string): Promise<number | null> {
      const rows = await db.outbox.where("responseId").equals(responseId).toArray();
      const delivered = rows.filter((r) => r.state === "delivered").map((r) => r.revision);
      return delivered.length ? Math.max(...delivered) : null;
    },
    async has(responseId: string, revision: number): Promise<boolean> {
      return (await db.outbox.get([responseId, revision])) !== undefined;
    },
    async links(): Promise<DeviceLink[]> {
      return (await db.links.toArray()).map((l) => deviceLinkSchema.parse(l));
    },
    async link(surveyId: string): Promise<DeviceLink | undefined> {
      const row = await db.links.get(surveyId);
      return row && deviceLinkSchema.parse(row);
    },
    async putLink(link: DeviceLink): Promise<void> {
      await db.links.put(deviceLinkSchema.parse(link));
    },
    async updateLink(surveyId, patch): Promise<void> {
      await db.links.update(surveyId, patch);
    },
  };
}

/** What the lists show about delivery: every outbox entry of a survey (or of every survey), without the answers. */
export type OutboxSummary = Omit<OutboxEntry, "response">;

export async function outboxSummaries(surveyId?: string, db: StudioDatabase = getDatabase()): Promise<OutboxSummary[]> {
  const out: OutboxSummary[] = [];
  const each = (r: OutboxEntry) => {
    const { response: _response, ...rest } = r;
    out.push(rest);
  };
  if (surveyId === undefined) await db.outbox.each(each);
  else await db.outbox.where("surveyId").equals(surveyId).each(each);
  return out;
}

/**
 * What Home needs, without reading every delivered entry: the entries that are not delivered or
 * superseded (few), and the newest delivery (from the index on the receipt's time).
 */
export async function outboxPending(db: StudioDatabase = getDatabase()): Promise<{ pending: OutboxSummary[]; lastDelivered: string | undefined }> {
  const pending: OutboxSummary[] = [];
  await db.outbox
    .where("state")
    .anyOf("queued", "conflict", "rejected")
    .each((r) => {
      const { response: _response, ...rest } = r;
      pending.push(rest);
    });
  const last = await db.outbox.orderBy("receipt.receivedAt").last();
  return { pending, lastDelivered: last?.receipt?.receivedAt };
}

/** The collection links this device is bound to (for the lists; the sender uses the store). */
export async function deviceLinks(db: StudioDatabase = getDatabase()): Promise<DeviceLink[]> {
  return (await db.links.toArray()).map((l) => deviceLinkSchema.parse(l));
}
