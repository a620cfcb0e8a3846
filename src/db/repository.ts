import { responseRecordSchema, type ResponseRecord, type ResponseStatus } from "../schema/response.ts";
import { assertNotSuperseded } from "./connection.ts";
import { getDatabase, type StudioDatabase } from "./database.ts";

export interface NewResponse {
  surveyId: string;
  surveyVersion: number;
  language: string;
}

export interface ResponseCounts {
  draft: number;
  completed: number;
}

/** Domain operations on stored responses. All take the database explicitly for tests; default is the app's. */
export function createResponseRepository(db: StudioDatabase = getDatabase()) {
  return {
    async create(init: NewResponse, now: Date = new Date()): Promise<ResponseRecord> {
      const stamp = now.toISOString();
      const record: ResponseRecord = {
        id: crypto.randomUUID(),
        surveyId: init.surveyId,
        surveyVersion: init.surveyVersion,
        status: "draft",
        data: {},
        currentPage: null,
        language: init.language,
        progress: 0,
        createdAt: stamp,
        updatedAt: stamp,
        completedAt: null,
      };
      await db.responses.add(record);
      return record;
    },

    /** Reads one response; a stored record that fails validation is reported, not trusted. */
    async get(id: string): Promise<ResponseRecord | undefined> {
      const row = await db.responses.get(id);
      return row === undefined ? undefined : responseRecordSchema.parse(row);
    },

    /** Writes the whole record (the caller holds the latest state). */
    async put(record: ResponseRecord): Promise<void> {
      await db.responses.put(record);
    },

    /**
     * Writes the record, but of its answers only the keys in `dataKeys` (set, or removed when
     * absent from `record.data`); the other answers stay as stored, since another tab may have
     * written them. Returns what is stored now.
     */
    async putMerged(record: ResponseRecord, dataKeys: readonly string[]): Promise<ResponseRecord> {
      return db.transaction("rw", db.responses, async () => {
        const stored = await db.responses.get(record.id);
        if (!stored) {
          await db.responses.put(record);
          return record;
        }
        const data: Record<string, unknown> = { ...stored.data };
        for (const k of dataKeys) {
          if (Object.hasOwn(record.data, k) && record.data[k] !== undefined) data[k] = record.data[k];
          else delete data[k];
        }
        const next: ResponseRecord = { ...record, data };
        await db.responses.put(next);
        return next;
      });
    },

    /** Opens the database again after it was closed (by the app, the browser or another tab). */
    async ensureOpen(): Promise<void> {
      assertNotSuperseded(db);
      if (!db.isOpen()) await db.open();
    },

    async listForSurvey(surveyId: string): Promise<ResponseRecord[]> {
      const rows = await db.responses.where("surveyId").equals(surveyId).toArray();
      return rows.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    },

    async countsBySurvey(): Promise<Map<string, ResponseCounts>> {
      const out = new Map<string, ResponseCounts>();
      await db.responses.each((r) => {
        const c = out.get(r.surveyId) ?? { draft: 0, completed: 0 };
        c[r.status as ResponseStatus] += 1;
        out.set(r.surveyId, c);
      });
      return out;
    },

    async remove(id: string): Promise<void> {
      await db.responses.delete(id);
    },

    /** Adds many records at once (demo data, imports); existing ids are kept as they are. */
    async addMany(records: readonly ResponseRecord[]): Promise<number> {
      const existing = new Set(await db.responses.where("id").anyOf(records.map((r) => r.id)).primaryKeys());
      const fresh = records.filter((r) => !existing.has(r.id));
      await db.responses.bulkAdd(fresh);
      return fresh.length;
    },
  };
}

export type ResponseRepository = ReturnType<typeof createResponseRepository>;
