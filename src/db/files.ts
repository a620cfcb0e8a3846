import { fileRefId, isFileRef, type StoredFile } from "../schema/file-ref.ts";
import { getDatabase, type StudioDatabase } from "./database.ts";

/** Files given as answers, kept as Blobs (see src/schema/file-ref.ts), read back; the response editor writes them through the ResponseStore. */
export function createFileRepository(db: StudioDatabase = getDatabase()) {
  return {
    async get(ref: string): Promise<StoredFile | undefined> {
      return isFileRef(ref) ? db.files.get(fileRefId(ref)) : undefined;
    },

    /** The files of one response (for its export). */
    async forResponse(responseId: string): Promise<StoredFile[]> {
      return db.files.where("responseId").equals(responseId).toArray();
    },

    /** How many files this device keeps, and their bytes: part of the storage use shown to people. */
    async usage(): Promise<{ count: number; bytes: number }> {
      let count = 0;
      let bytes = 0;
      await db.files.each((f) => {
        count++;
        bytes += f.size;
      });
      return { count, bytes };
    },
  };
}

export type FileRepository = ReturnType<typeof createFileRepository>;
