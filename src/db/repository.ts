import Dexie, { RangeSet } from "dexie";
import { applyResponseChange, type AppliedChange, type ResponseChange, type ResponseStore } from "../schema/response-change.ts";
import type { StoredFile } from "../schema/file-ref.ts";
import { responseRecordInputSchema, type ResponseRecord, type ResponseStatus } from "../schema/response.ts";
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

function appliedOf(record: ResponseRecord, newRevision: boolean): AppliedChange {
  return { surveyId: record.surveyId, status: record.status, completedAt: record.completedAt, revision: record.revision, newRevision };
}

const announced = new WeakSet<StudioDatabase>();
/**
 * Tells Dexie's live queries (here and in other tabs) that responses changed outside Dexie, once
 * per task however many answers were stored in it.
 */
function responsesChanged(db: StudioDatabase): void {
  if (announced.has(db)) return;
  announced.add(db);
  setTimeout(() => {
    announced.delete(db);
    const parts: Record<string, RangeSet> = {};
    for (const index of ["", ...db.responses.schema.indexes.map((i) => i.name)]) parts[`idb://${db.name}/responses/${index}`] = new RangeSet(Dexie.minKey, Dexie.maxKey);
    Dexie.on("storagemutated").fire(parts);
  });
}

/** The response editor's storage (src/responses/store.ts) on IndexedDB. */
export function createResponseStore(db: StudioDatabase = getDatabase()): ResponseStore {
  return {
    /** Reads one response; a stored record that fails validation is reported, not trusted. */
    async get(id: string): Promise<ResponseRecord | undefined> {
      const row = await db.responses.get(id);
      return row === undefined ? undefined : responseRecordInputSchema.parse(row);
    },

    /**
     * Applies a change in one transaction: the stored record is read, only the changed answers
     * and fields are set on it, and it is written back. Nothing else of it is compared or copied.
     *
     * This runs for every answer, so it uses one IndexedDB transaction on Dexie's own connection
     * (Dexie's transaction machinery costs about as much again as the work itself); live queries
     * (the lists, in this tab and others) are told afterwards. A closed connection goes through
     * Dexie, which opens it again or says why it cannot.
     */
    async apply(id: string, change: ResponseChange): Promise<AppliedChange | undefined> {
      if (!db.isOpen()) {
        return db.transaction("rw", db.responses, db.files, async () => {
          const stored = await db.responses.get(id);
          if (!stored) return undefined;
          const { record, newRevision } = applyResponseChange(stored, change);
          await db.responses.put(record);
          if (change.files) {
            await db.files.bulkPut(change.files.put);
            await db.files.bulkDelete(change.files.remove);
          }
          return appliedOf(record, newRevision);
        });
      }
      const applied = await new Promise<AppliedChange | undefined>((resolve, reject) => {
        let tx: IDBTransaction;
        try {
          tx = db.backendDB().transaction(change.files ? ["responses", "files"] : "responses", "readwrite");
        } catch (e) {
          // The connection is closing (the browser, or another tab's upgrade).
          reject(Object.assign(new Error(`the database was closed (${String(e)})`), { name: "DatabaseClosedError", inner: e }));
          return;
        }
        let out: AppliedChange | undefined;
        const store = tx.objectStore("responses");
        const read = store.get(id);
        read.onsuccess = () => {
          const stored = read.result as ResponseRecord | undefined;
          if (!stored) return;
          const { record, newRevision } = applyResponseChange(stored, change);
          store.put(record);
          // Files given as answers, with the answers that refer to them (only for a response that is stored).
          if (change.files) {
            const files = tx.objectStore("files");
            for (const f of change.files.put) files.put(f);
            for (const fileId of change.files.remove) files.delete(fileId);
          }
          out = appliedOf(record, newRevision);
        };
        tx.oncomplete = () => resolve(out);
        tx.onabort = () => reject(tx.error ?? new DOMException("The write was aborted.", "AbortError"));
      });
      if (applied) responsesChanged(db);
      return applied;
    },

    async getFile(fileId: string): Promise<StoredFile | undefined> {
      return db.files.get(fileId);
    },

    /** Writes the whole record (the caller holds the latest state). */
    async put(record: ResponseRecord): Promise<void> {
      await db.responses.put(record);
    },

    /** Opens the database again after it was closed (by the app, the browser or another tab). */
    async reopen(): Promise<void> {
      assertNotSuperseded(db);
      if (!db.isOpen()) await db.open();
    },
  };
}

/** Domain operations on stored responses. All take the database explicitly for tests; default is the app's. */
export function createResponseRepository(db: StudioDatabase = getDatabase()) {
  return {
    ...createResponseStore(db),

    async create(init: NewResponse, now: Date = new Date()): Promise<ResponseRecord> {
      const stamp = now.toISOString();
      const record: ResponseRecord = {
        id: crypto.randomUUID(),
        surveyId: init.surveyId,
        surveyVersion: init.surveyVersion,
        status: "draft",
        revision: 0,
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

    /** Deletes a response and the files given in it. */
    async remove(id: string): Promise<void> {
      await db.transaction("rw", db.responses, db.files, async () => {
        await db.responses.delete(id);
        await db.files.where("responseId").equals(id).delete();
      });
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
