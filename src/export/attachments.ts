/**
 * Files given as answers (file questions, signatures), for the export. The CSV holds their names
 * (`attachmentName`); with the option `files`, the export is a ZIP that holds the files too, at
 * `files/<response_id>/<question>/<name>` (`collectAttachments`, `attachmentPath`). An answer keeps
 * either a reference to a file stored on the device (`studio-file:<id>`, read back through the
 * caller's `AttachmentReader`) or, as SurveyJS does by default, a data URL (decoded here).
 * Pure: no DOM, no database.
 */
import type { ExportRecord } from "./types.ts";

const FILE_REF = /^studio-file:[^\s/]+$/;
const DATA_URL = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+)?(;[^,]*)?,/i;

/** A file's bytes and type, as the app's store gives them back. */
export type AttachmentReader = (ref: string) => Promise<{ blob: Blob } | undefined>;

export interface Attachment {
  response: string;
  /** Where the answer is: the question's key, then entry numbers (from 1) and keys of nested answers. */
  path: string[];
  name: string;
  /** A `studio-file:` reference or a data URL. */
  source: string;
}

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "image/svg+xml": "svg", "application/pdf": "pdf", "text/plain": "txt" };

/** The name the CSV shows for one file of an answer: its own name, or for a signature `<question>.png`. */
export function attachmentName(item: unknown, questionName: string): string {
  if (item && typeof item === "object" && "name" in item) return String((item as { name: unknown }).name);
  if (typeof item === "string") {
    const data = DATA_URL.exec(item);
    if (data) return `${questionName}.${EXTENSIONS[(data[1] ?? "").toLowerCase()] ?? "bin"}`;
    if (FILE_REF.test(item)) return `${questionName}.png`;
  }
  return String(item);
}

function isSource(v: unknown): v is string {
  return typeof v === "string" && (FILE_REF.test(v) || DATA_URL.test(v));
}

/** Every file in a response's answers, with where it is. */
export function collectAttachments(record: Pick<ExportRecord, "id" | "data">): Attachment[] {
  const out: Attachment[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (isSource(value)) {
      out.push({ response: record.id, path, name: attachmentName(value, path.at(-1) ?? "file"), source: value });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const o = item && typeof item === "object" ? (item as Record<string, unknown>) : undefined;
        if (o && isSource(o["content"])) out.push({ response: record.id, path, name: attachmentName(o, path.at(-1) ?? "file"), source: o["content"] });
        else walk(item, [...path, String(i + 1)]);
      });
      return;
    }
    if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  for (const [k, v] of Object.entries(record.data)) walk(v, [k]);
  return out;
}

/** A name that is safe as one segment of a path inside a ZIP (no folders, no control characters, not empty). */
export function safeSegment(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, "_").replace(/^\.+$/, "_").trim().slice(0, 120);
  return clean || "_";
}

/** The files' paths in the ZIP, made unique: `files/<response>/<question>/<name>`, then `name (2).ext`… */
export function attachmentPaths(list: readonly Attachment[]): string[] {
  const taken = new Set<string>();
  return list.map((a) => {
    const dir = ["files", safeSegment(a.response), ...a.path.map(safeSegment)].join("/");
    const name = safeSegment(a.name);
    const dot = name.lastIndexOf(".");
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    let path = `${dir}/${name}`;
    for (let i = 2; taken.has(path); i++) path = `${dir}/${stem} (${i})${ext}`;
    taken.add(path);
    return path;
  });
}

/** The bytes of a data URL (base64 or percent-encoded). */
export function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(",");
  const meta = url.slice(0, comma);
  const body = url.slice(comma + 1);
  if (/;base64$/i.test(meta)) {
    const bin = atob(body.replace(/\s+/g, ""));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  return new TextEncoder().encode(decodeURIComponent(body));
}

/** One file's bytes: decoded from a data URL, or read from the device's store; undefined when it is gone. */
export async function attachmentBytes(a: Attachment, read: AttachmentReader | undefined): Promise<Uint8Array | undefined> {
  if (DATA_URL.test(a.source)) {
    try {
      return dataUrlBytes(a.source);
    } catch {
      return undefined;
    }
  }
  const stored = read ? await read(a.source) : undefined;
  return stored ? new Uint8Array(await stored.blob.arrayBuffer()) : undefined;
}
