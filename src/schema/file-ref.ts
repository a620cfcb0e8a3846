/**
 * Files given as answers (file questions, signatures) are kept on the device as Blobs, not in the
 * answers: an answer holds a reference, `studio-file:<uuid>`, where SurveyJS would hold a data URL.
 * A file question's value is SurveyJS's own shape, `[{ name, type, content }]`, with the reference as
 * `content`; a signature's value is the reference itself.
 */
export const FILE_REF_PREFIX = "studio-file:";

export function fileRef(id: string): string {
  return `${FILE_REF_PREFIX}${id}`;
}

export function isFileRef(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(FILE_REF_PREFIX) && value.length > FILE_REF_PREFIX.length;
}

/** The stored file's id in a reference. */
export function fileRefId(ref: string): string {
  return ref.slice(FILE_REF_PREFIX.length);
}

/** A stored file: the Blob and what the answer does not say about it. */
export interface StoredFile {
  id: string;
  responseId: string;
  /** The question's value name (top-level key of the answers) the file was given to. */
  question: string;
  name: string;
  type: string;
  size: number;
  blob: Blob;
  createdAt: string;
}

/** Where a file answer points: every reference in a value (a file question's list, a signature, nested answers). */
export function fileRefsIn(value: unknown, into: string[] = []): string[] {
  if (isFileRef(value)) into.push(value);
  else if (Array.isArray(value)) for (const v of value) fileRefsIn(v, into);
  else if (value && typeof value === "object") for (const v of Object.values(value)) fileRefsIn(v, into);
  return into;
}
