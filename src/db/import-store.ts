import type { ResponseRecord } from "../schema/response.ts";
import { StudioDatabase } from "./database.ts";

/** What the import job (src/export/import-job.ts) needs of the database: read, add, remove and write records by id. */
export interface ResponseImportStore {
  get(ids: readonly string[]): Promise<(ResponseRecord | undefined)[]>;
  add(records: readonly ResponseRecord[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  put(records: readonly ResponseRecord[]): Promise<void>;
  /** Lets go of the connection (so that it never keeps another tab from upgrading the database). */
  close(): void;
}

/**
 * The responses table for an import running in a Web Worker: a connection of its own (no window
 * or document), one transaction per call, closed by `close()`.
 */
export function createImportStore(db: StudioDatabase = new StudioDatabase()): ResponseImportStore {
  return {
    get: (ids) => db.responses.bulkGet([...ids]),
    add: async (records) => {
      await db.responses.bulkAdd([...records]);
    },
    remove: (ids) => db.responses.bulkDelete([...ids]),
    put: async (records) => {
      await db.responses.bulkPut([...records]);
    },
    close: () => db.close(),
  };
}
