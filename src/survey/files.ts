/**
 * Files given as answers (file questions, signatures) in a respondent session. survey-core would
 * keep them as data URLs in the answers (`storeDataAsText`); here every file question and signature
 * pad uploads through `onUploadFiles` to a `FileStore` instead — in the app the response editor's
 * (src/responses/), which queues each file to IndexedDB ahead of the answer that refers to it;
 * memory in the designer's preview — and the answer keeps a
 * reference (src/schema/file-ref.ts). survey-core still checks `maxSize` and `maxFiles`.
 */
import { CustomError, type Model, type Question, type QuestionFileModel } from "survey-core";
import { fileRef, isFileRef } from "../schema/file-ref.ts";

export interface FileStore {
  /** Stores a file given to the question whose value name is `question`; resolves with its reference. */
  put(file: { question: string; name: string; type: string; blob: Blob }): Promise<string>;
  get(ref: string): Promise<{ name: string; type: string; size: number; blob: Blob } | undefined>;
  remove(ref: string): Promise<void>;
}

/** A store that keeps files in memory only (the designer's preview, tests). */
export function createMemoryFileStore(): FileStore {
  const files = new Map<string, { name: string; type: string; size: number; blob: Blob }>();
  return {
    async put(file) {
      const ref = fileRef(crypto.randomUUID());
      files.set(ref, { name: file.name, type: file.type, size: file.blob.size, blob: file.blob });
      return ref;
    },
    async get(ref) {
      return files.get(ref);
    },
    async remove(ref) {
      files.delete(ref);
    },
  };
}

/** Routes the model's file uploads to `store` (see the module comment). */
export function bindFileStore(model: Model, store: FileStore): void {
  model.onUploadFiles.add((_, o) => {
    const question = o.question.getValueName();
    Promise.all(o.files.map(async (file) => ({ file, content: await store.put({ question, name: file.name, type: file.type, blob: file }) }))).then(
      (results) => o.callback(results),
      (e: unknown) => o.callback("error", [`the file could not be stored on this device: ${e instanceof Error ? e.message : String(e)}`]),
    );
  });
  // Previews are made by our controls from the store; survey-core only needs the reference back.
  model.onDownloadFile.add((_, o) => o.callback("success", o.content));
  model.onClearFiles.add((_, o) => o.callback("success"));
}

/** Whether `file` is of a type `accept` allows (`.pdf`, `image/*`, `application/pdf`, comma-separated). */
export function fileAccepted(accept: string | undefined, file: { name: string; type: string }): boolean {
  const rules = (accept ?? "").split(",").map((r) => r.trim().toLowerCase()).filter(Boolean);
  if (rules.length === 0) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return rules.some((r) => (r.startsWith(".") ? name.endsWith(r) : r.endsWith("/*") ? type.startsWith(r.slice(0, -1)) : type === r));
}

/** Gives the files to the question: survey-core checks sizes and counts, then uploads to the store. */
export function addFiles(question: Question, files: readonly File[], rejectedMessage: (name: string) => string): void {
  const q = question as QuestionFileModel;
  // Uploaded through onUploadFiles to the store, never read into a data URL (set here, not for
  // every question up front: listing nested questions would build every matrix's cells).
  q.storeDataAsText = false;
  const accept = q.acceptedTypes;
  const refused = files.filter((f) => !fileAccepted(accept, f));
  if (refused.length > 0) {
    q.errors = refused.map((f) => new CustomError(rejectedMessage(f.name), q));
    return;
  }
  q.loadFiles([...files]);
}

/** The files of a file question's answer, with their references. */
export function fileEntries(question: Question): { name: string; type: string; ref: string }[] {
  const v = question.value as unknown;
  const list = Array.isArray(v) ? v : v ? [v] : [];
  return list.flatMap((f) => {
    if (!f || typeof f !== "object") return [];
    const o = f as { name?: unknown; type?: unknown; content?: unknown };
    return [{ name: String(o.name ?? ""), type: String(o.type ?? ""), ref: typeof o.content === "string" ? o.content : "" }];
  });
}

/** Removes one file from a file question's answer, and from the store when it is there. */
export function removeFile(question: Question, ref: string, store: FileStore | undefined): void {
  const v = question.value as unknown;
  const list = Array.isArray(v) ? v : [];
  const rest = list.filter((f) => !(f && typeof f === "object" && (f as { content?: unknown }).content === ref));
  question.value = rest.length ? rest : undefined;
  if (store && isFileRef(ref)) void store.remove(ref);
}
