import { fileRef, fileRefId, isFileRef, type StoredFile } from "../schema/file-ref.ts";
import { getDatabase, type StudioDatabase } from "./database.ts";

export interface NewFile {
  responseId: string;
  question: string;
  name: string;
  type: string;
  blob: Blob;
}

/** Files given as answers, kept as Blobs (see src/schema/file-ref.ts). */
export function createFileRepository(db: StudioDatabase = getDatabase()) {
  return {
    /** Stores a file; resolves with the reference to keep in the answer. */
    async put(file: NewFile, now: Date = new Date()): Promise<string> {
      const id = crypto.randomUUID();
      const row: StoredFile = { id, responseId: file.responseId, question: file.question, name: file.name, type: file.type, size: file.blob.size, blob: file.blob, createdAt: now.toISOString() };
      await db.files.add(row);
      return fileRef(id);
    },

    async get(ref: string): Promise<StoredFile | undefined> {
      return isFileRef(ref) ? db.files.get(fileRefId(ref)) : undefined;
    },

    async remove(ref: string): Promise<void> {
      if (isFileRef(ref)) await db.files.delete(fileRefId(ref));
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
